"""Records written as paragraphs of prose, for text in which no labelled record is found (an annual report's
annex, a news item): each paragraph that tells of a project (values/prose.py) is a record; a paragraph after it
that tells of none goes on its narrative; what comes before the first one is kept, unplaced."""
from __future__ import annotations

from .layout import split_lines
from .segment import Block, RawRecord
from .values.prose import is_project_paragraph, starts_with_dateline, tells_of_a_project


def _paragraphs(text: str) -> list[tuple[int, int, int]]:
    """(start, end of its last line, end with the blank lines after it) of each paragraph, covering the text."""
    out: list[list[int]] = []
    for ln in split_lines(text):
        if not ln.text.strip():
            if out:
                out[-1][2] = ln.stop
            else:
                out.append([ln.start, ln.start, ln.stop])  # blank lines at the top: a paragraph of nothing
            continue
        if out and out[-1][2] == ln.start and out[-1][1] == out[-1][2] - _break_length(text, out[-1][1]):
            out[-1][1], out[-1][2] = ln.end, ln.stop  # the paragraph goes on
        else:
            out.append([ln.start, ln.end, ln.stop])
    return [(a, b, c) for a, b, c in out]


def _break_length(text: str, at: int) -> int:
    return 2 if text.startswith("\r\n", at) else 1 if text[at : at + 1] in ("\r", "\n") else 0


def _news_items(text: str) -> list[RawRecord]:
    """News items one after another, each opening with a dateline (its headline on the line before it, if any):
    one record each; [] unless there are two or more."""
    lines = [ln for ln in split_lines(text)]
    opens = [k for k, ln in enumerate(lines) if ln.text.strip() and starts_with_dateline(ln.text)]
    if len(opens) < 2:
        return []
    starts = []
    for k in opens:
        prev = lines[k - 1].text.strip() if k else ""
        headline = bool(prev) and len(prev.split()) <= 20 and prev[-1:] not in ".:;!?" and (k - 1) not in opens
        starts.append(lines[k - 1].start if headline else lines[k].start)
    records = [RawRecord([Block("summary", "prose", a, b, a)]) for a, b in zip(starts, [*starts[1:], len(text)])]
    if starts[0] > 0:
        records[0].blocks.insert(0, Block("unparsed", "text", 0, starts[0], 0))
    return records


def prose_records(text: str) -> list[RawRecord]:
    """One record per paragraph that tells of a project, or per news item; [] when none does."""
    records: list[RawRecord] = []
    before: list[Block] = []
    paragraphs = _paragraphs(text)
    for start, end, stop in paragraphs:
        body = text[start:end]
        if body.strip() and is_project_paragraph(body):
            records.append(RawRecord([*before, Block("summary", "prose", start, stop, start)]))
            before = []
        elif records:
            records[-1].blocks.append(Block("narrative", "text", start, stop, start))
        else:
            before.append(Block("unparsed", "text" if body.strip() else "blank", start, stop, start))
    if records and before:
        records[-1].blocks.extend(before)
    if not records and tells_of_a_project(text):
        # News items one after another, each with its dateline; or one news item or letter about one project, its
        # facts spread over its paragraphs: one record.
        return _news_items(text) or [RawRecord([Block("summary", "prose", 0, len(text), 0)])]
    return records
