"""Records written as paragraphs of prose, for text in which no labelled record is found (an annual report's
annex, a news item): each paragraph that tells of a project (values/prose.py) is a record; a paragraph after it
that tells of none goes on its narrative; what comes before the first one is kept, unplaced."""
from __future__ import annotations

import re

from .folding import fold
from .headed_records import headed_records
from .headline_records import headline_records
from .layout import split_lines
from .named_projects import names_in
from .parallel_blocks import card_records, phase_of
from .repeated_facts import ANAPHORA, repeated_records
from .segment import Block, RawRecord
from .told_projects import split_prose
from .values.prose import (
    is_news_kicker,
    is_project_paragraph,
    project_name,
    starts_with_dateline,
    states_start,
    tells_of_a_project,
)


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
    """News items one after another, each opening with a kicker line ("NEWS | 14 July 2023") or a dateline (its
    headline on the line before it, if any): one record each; [] unless two or more tell of a project."""
    lines = [ln for ln in split_lines(text)]
    starts = []
    for k, ln in enumerate(lines):
        if not ln.text.strip():
            continue
        if is_news_kicker(ln.text):
            starts.append(ln.start)
        elif starts_with_dateline(ln.text):
            prev = lines[k - 1].text.strip() if k else ""
            if not prev and k >= 2 and not (starts and starts[-1] >= lines[k - 2].start):
                prev = lines[k - 2].text.strip()  # the headline, a blank line, then the dateline
                at = lines[k - 2].start
            else:
                at = lines[k - 1].start if k else ln.start
            headline = bool(prev) and len(prev.split()) <= 20 and prev[-1:] not in ".:;!?" and not (
                starts and starts[-1] >= at) and not is_news_kicker(prev)
            starts.append(at if headline else ln.start)
    if len(starts) < 2:
        return []
    ends = [*starts[1:], len(text)]
    if sum(1 for a, b in zip(starts, ends) if tells_of_a_project(text[a:b])) < 2:
        return []
    records: list[RawRecord] = []
    last = None
    for a, b in zip(starts, ends):
        key = (project_name(text[a:b]), phase_of(text[a:b]))
        if records and key[0] is not None and key == last:
            # A news archive's later brief about the same project (and the same phase): more of its record.
            records[-1].blocks.append(Block("narrative", "text", a, b, a))
            continue
        last = key
        records.append(RawRecord([Block("summary", "prose", a, b, a)]))
    if len(records) < 2:
        return []  # one project's briefs: read as one record by the readings below
    if starts[0] > 0:
        records[0].blocks.insert(0, Block("unparsed", "text", 0, starts[0], 0))
    return records


def prose_records(text: str) -> list[RawRecord]:
    """One record per paragraph that tells of a project, or per news item; [] when none does. When more stretches
    state their own project's facts (repeated_facts.py) than a reading finds records, one record per stretch."""
    found = _readings(text)
    repeated = repeated_records(text)
    return repeated if len(repeated) > max(len(found), 1) else found


def _readings(text: str) -> list[RawRecord]:
    cards, _guessed = card_records(text)
    if cards:
        return cards  # a portal's cards or a report's boxes, one project each
    news = _news_items(text)
    if news:
        return news  # each item is one record, however many paragraphs it takes
    headed = headed_records(text)
    if headed:
        return headed  # numbered sections or headlines in capitals, one project each
    cards, guessed = card_records(text, navigation=True)
    if cards:
        for card in cards:
            card.guessed = guessed
        return cards  # cards cut after each "Read more": where the first begins is guessed
    items = headline_records(text)
    if items:
        return items  # Markdown, bold or plain headlines over their paragraphs, one project each
    records: list[RawRecord] = []
    before: list[Block] = []
    paragraphs = _paragraphs(text)
    last_name = last_said = None
    for start, end, stop in paragraphs:
        body = text[start:end]
        if body.strip() and is_project_paragraph(body):
            name = project_name(body)
            said = " ".join(body.split())
            if records and ((name and name == last_name) or _told_again(body, name)) and said != last_said and not (
                    states_start(body)):
                # The same project again (a decree's recital, then its articles): one record, told in both. (A
                # paragraph that states its start anew, or the same paragraph twice, is another copy of the record,
                # which the relater links.)
                records[-1].blocks.append(Block("summary", "prose", start, stop, start))
                continue
            last_name, last_said = name, said
            records.append(RawRecord([*before, Block("summary", "prose", start, stop, start)]))
            before = []
        elif records:
            records[-1].blocks.append(Block("narrative", "text", start, stop, start))
        else:
            before.append(Block("unparsed", "text" if body.strip() else "blank", start, stop, start))
    if records and before:
        records[-1].blocks.extend(before)
    if len(records) > 1:
        _head_apart(records[0])  # a letter's subject over its projects is no project's title
    if not records and tells_of_a_project(text):
        # News items one after another, each with its dateline; or one news item or letter about one project, its
        # facts spread over its paragraphs: one record (and the next project it announces: told_projects).
        two = split_prose(text)
        return [without_heading(two[0], text), two[1]] if two else [RawRecord([Block("summary", "prose", 0,
                                                                                          len(text), 0)])]
    return records


def _told_again(body: str, name: str | None) -> bool:
    """Does a paragraph tell more of the project before it: it names no project of its own (no code, no name) and
    speaks of "the project", "ce projet", "dicho proyecto" (a talk page's sections, a report's paragraphs in turn)?"""
    names = [n for n in [name, *names_in(body)] if n]
    return ANAPHORA.search(body) is not None and not any(_written_as_name(body, n) for n in names)


def _written_as_name(body: str, name: str) -> bool:
    """Is a name a paragraph gives (folded) written as one: opening on a capital or a figure ("Catastro Abierto",
    "2225K"), never a phrase quoted in lower case ('"co-funded by Canada"', '"completed"')?"""
    folded = fold(body).lower()
    at = folded.find(name)
    return at < 0 or len(folded) != len(body) or not body[at].islower()


def _head_apart(raw: RawRecord) -> None:
    """The lines above the first of several records (a mail's head, a report's heading) are kept, never its title."""
    for n, b in enumerate(raw.blocks):
        if b.kind == "prose":
            return
        if b.field == "unparsed" and b.kind == "text":
            raw.blocks[n] = Block("chrome", "chrome", b.start, b.end, b.end)


def without_heading(raw: RawRecord, text: str) -> RawRecord:
    """The whole text read as one record's prose, its one-line heading set apart as the record's head (where the
    title is looked for), so that the heading is not the first words of the summary."""
    if len(raw.blocks) != 1 or raw.blocks[0].kind != "prose":
        return raw
    head = _heading_end(text, _paragraphs(text[:2000]))
    if not head or head >= raw.blocks[0].end:
        return raw
    prose = raw.blocks[0]
    return RawRecord([Block("unparsed", "text", prose.start, head, prose.start),
                      Block(prose.field, prose.kind, head, prose.end, head)], news=raw.news, guessed=raw.guessed)


def _heading_end(text: str, paragraphs: list[tuple[int, int, int]]) -> int:
    """Where the one-line heading above a record's prose ends ("Digital skills for public servants" / "RÉSUMÉ DU
    PROJET", then a blank line): that line is the record's head, where its title is looked for, not the first words
    of its summary (a sentence ends in a stop; a heading is short and has none). 0 when the text opens on prose."""
    for start, end, stop in paragraphs[:2]:
        line = text[start:end].strip()
        if not line:
            continue
        if "\n" in line:
            # "Digital skills for public servants" / "The project trains ...": a short line with no stop and no comma
            # over a sentence that does not carry on its words (a wrapped sentence ends on "of", goes on in "the").
            first, rest = line.split("\n", 1)
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            cut = start + lead + len(first) + 1
            return cut if _heading_line(first.strip(), rest.lstrip()) and "," not in first else 0
        if stop == end or stop >= len(text):
            return 0
        return stop if _heading_line(line, "") else 0
    return 0


def _heading_line(line: str, below: str) -> bool:
    from .title_choice import ends_open, wraps_on

    if len(line.split()) > 20 or not line or line[-1] in ".:;,!?" or not line[:1].isalnum():
        return False
    if not below:
        return True
    return (len(line.split()) <= 14 and below[:1].isupper() and not ends_open(line) and not wraps_on(line, below)
            and re.search(r"[.!?](?:\s|$)", below) is not None)
