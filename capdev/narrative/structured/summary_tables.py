"""A summary table over the details of the same projects is no table of records: "Tableau récapitulatif" (a row per
project: its name, its code, its amount), then a section per project, headed by its name or its code, telling its
facts. One record per project, not two: the table is read as the text it is (the document's head, no record of its
own), and the text below is cut at each project's heading, so that each section is that project's record (the
segmenter alone may read sections numbered "3.1", "3.2" as one), with what its row says and the section does not.

A table is such a summary when the text below it heads a section with every project of it again: a heading (a line
of a few words, no stop at its end, no row's delimiters) that holds the project's title (its code when the table
has no title). Notes keyed by the codes ("1. 2023-DA-11: the training took place ..."), a table of activities
keyed by them (rows again): no summary, the table stays one.
"""
from __future__ import annotations

import re

from ..blocks import Block
from ..folding import fold
from ..segment import RawRecord
from ..types import Record
from .cells import ReadTable, by_column, to_record

_ROWISH = re.compile(r"[|\t;]")
_HEADING_WORDS = 20
# Each row's project is looked for among the headings below: a bound on the rows keeps that linear in the text. A
# summary of more projects than this, each told again in a section, is no document's; such a table is read as one.
MAX_SUMMARY_ROWS = 60
# A section's number before its heading ("3.2 ", "II. ", "b) "): no part of the title.
_NUMBER = re.compile(r"^\s*(?:[0-9IVX]{1,4}(?:\.[0-9]{1,3})*|[a-z])[.)]?\s+")


def _headings_below(text: str, end: int) -> list[tuple[int, str]]:
    """The lines below a table that are headings, with where each begins: a few words, no row's delimiters, no
    stop at the end (folded)."""
    out = []
    pos = end
    for ln in text[end:].splitlines(keepends=True):
        line = ln.strip()
        if line and len(_ROWISH.findall(line)) < 2 and len(line.split()) <= _HEADING_WORDS and line[-1] not in ".;:,":
            out.append((pos, fold(line).lower()))
        pos += len(ln)
    return out


def detailed_below(text: str, found: ReadTable) -> dict[int, int]:
    """Where the text below a table heads a section for each of its projects (see the module's doc) -> the
    project's row: the sections are the projects' records, cut there; {} when some project heads none."""
    if found.detached or not found.projects or len(found.projects) > MAX_SUMMARY_ROWS:
        return {}
    lines = _headings_below(text, found.end)
    starts: dict[int, int] = {}
    for row, project in enumerate(found.projects):
        values = by_column(project)
        title = next((values.get(k, "").strip() for k, c in enumerate(found.columns) if c.field == "title"), "")
        code = next((values.get(k, "").strip() for k, c in enumerate(found.columns) if c.field == "code"), "")
        key = fold(title or code).strip().lower()
        if title and len(key.split()) < 2:
            return {}
        at = next((pos for pos, ln in lines if key and re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", ln)),
                  None)
        if at is None or at in starts:
            return {}
        starts[at] = row
    return dict(sorted(starts.items()))


def as_head(raw: RawRecord, heads: list[int]) -> None:
    """A record that holds a summary table ending at one of heads: what comes before the table's end (the
    document's heading, the table) is the document's head, no value of the project told below it."""
    for end in heads:
        if raw.start < end < raw.end:
            for b in raw.blocks:
                if b.start < end:
                    b.field, b.kind, b.label = "chrome", "chrome", None


def section_raw(text: str, start: int, end: int) -> RawRecord:
    """A project's section below its summary table that the segmenter reads as no record (a heading over prose):
    its heading the title (its number left out), the rest its text; guessed, so flagged for the reviewer."""
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    number = _NUMBER.match(text, start)
    title_at = number.end() if number else start
    blocks = [Block("title", "text", start, line_end, title_at)]
    if line_end < end:
        blocks.append(Block("summary", "prose", line_end, end, line_end))
    return RawRecord(blocks, guessed=True)


# What a summary's row gives the section's record that the section does not state (its words are the row's cells).
_FROM_ROW = ("title", "code", "status", "budgets", "start", "end", "countries", "sdgs")


def with_row(record: Record, row: Record, codes: set[str]) -> Record:
    """A project's section read with its summary row: the row's title (the table names the project the section's
    heading repeats), and each fact the section does not state, flagged as read from the summary table. A code an
    earlier section holds (codes) is that project's, named again in this one's text ("close project GT-SC-2024"):
    none of this one's."""
    if record.code and record.code in codes:
        record.flag("code", f"another project's code: {record.code}")
        record.code = None
    for name in _FROM_ROW:
        value = getattr(row, name)
        if not value or (getattr(record, name) and name != "title"):
            continue
        if name == "title" and record.title and fold(record.title).lower().startswith(fold(value).lower()):
            value = record.title if len(record.title.split()) <= len(value.split()) else value
        elif name != "title":
            record.flag(name, "read from the summary table over the sections")
        setattr(record, name, value)
    if record.code:
        codes.add(record.code)
    return record


class SummarySections:
    """A text's summary tables and the sections below them, as read_records meets them: where each table ends (the
    document's head ends there) and where each project's section begins, with its row."""

    def __init__(self) -> None:
        self.heads: list[int] = []
        self.cuts: dict[int, tuple[ReadTable, int]] = {}
        self.codes: set[str] = set()  # the codes earlier sections hold (with_row)

    def add(self, text: str, found: ReadTable) -> bool:
        """Whether found is a summary over sections below it; if so, they are kept to cut the text at."""
        sections = detailed_below(text, found)
        if not sections:
            return False
        self.heads.append(found.end)
        self.cuts.update({at: (found, k) for at, k in sections.items()})
        return True

    def cuts_within(self, start: int, end: int) -> list[int]:
        return sorted(c for c in self.cuts if start < c < end)

    def records(self, records: list[Record], text: str, span: tuple[int, int], index: int, source_file: str | None,
                table, assemble) -> list[Record]:
        """The records of the text at span: none for the document's head above the sections; for a section, its
        record (made from its heading when the segmenter read none) with what its row says."""
        start, end = span
        if end in self.cuts and start not in self.cuts:
            return []  # the document's head above its projects' sections: its facts are the document's
        if start in self.cuts:
            if not records:
                records = [assemble(text, section_raw(text, start, end), index, source_file, table)]
            if len(records) == 1:
                found, k = self.cuts[start]
                with_row(records[0], to_record(text, found, k, index, source_file, table=table), self.codes)
        return records
