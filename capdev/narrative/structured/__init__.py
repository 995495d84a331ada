"""Portfolios written as data: exports and tables of projects (CSV, semicolon or tab-separated, Markdown or pipe
tables, fixed-width listings, transposed tables, YAML-like lists, "key = value" blocks, JSON), read as one record per
project before the label-per-line layout.

A shape is found from the text itself: a header row whose cells are labels of the label table (labels.py), the
same delimiter count row after row, aligned columns, a first column of labels, list items of labelled keys. Each
project's cells go through the same value parsers as a labelled record's values (cells.to_record). The text
around a table is read as usual: the records it holds are records; text that holds none stays with the table's
first (or last) record, unplaced and flagged. Every character is in some record's spans.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..event_steps import mark_history
from ..labels import LabelTable, default_table
from ..lines import Line, iter_lines
from ..segment import Block, iter_segments
from ..types import Event, Record
from . import (
    aligned_transposed,
    box_tables,
    delimited,
    fixed_width,
    headless_rows,
    json_objects,
    sql_dump,
    transposed,
    yaml_like,
)
from .cells import ReadTable, to_record
from .code_changes import apply_code_changes
from .code_notes import code_notes
from .code_rows import merge_code_rows
from .keyed_events import as_loose, keyed_events, project_codes
from .legends import is_legend
from .rows_again import row_again
from .summary_tables import SummarySections, as_head

__all__ = ["find_table", "portfolio_below", "read_records", "starts_with_table"]

_BREAK = re.compile(r"\r\n|\r|\n")
# A database dump before the delimited reading (its VALUES are comma-separated); JSON before the YAML-like reading,
# which takes a JSON value one key per line but not keys that share a line.
_SHAPES = (sql_dump.detect, box_tables.detect, delimited.detect, json_objects.detect, yaml_like.detect,
           transposed.detect, fixed_width.detect, aligned_transposed.detect, headless_rows.detect)
# A table must begin within this many characters of a text's start for the text to be read as a portfolio export
# (a caption, a title and a note or two may come before it).
SCAN_CHARS = 4000


def find_table(text: str, pos: int, limit: int, table: LabelTable | None = None, until: int | None = None
               ) -> ReadTable | None:
    """The first table or export beginning at a line from pos on (before until), or None."""
    table = table or default_table()
    stop = len(text) if until is None else min(until, len(text))
    while pos < stop:
        m = _BREAK.search(text, pos)
        nxt = m.end() if m else len(text)
        if text[pos : m.start() if m else len(text)].strip():
            for detect in _SHAPES:
                found = detect(text, pos, limit, table)
                if found is not None:
                    return found
        pos = nxt
    return None


# What a list of events does not state and a table of projects does: a table found further down a text than a
# portfolio's head names one of these (a list of events has a title, dates and places too).
_PORTFOLIO_FIELDS = frozenset({"code", "budget", "funding_source", "status", "currency", "partners", "lead_unit"})


def portfolio_below(text: str, pos: int, limit: int, table: LabelTable | None = None) -> ReadTable | None:
    """The first table from pos on, when it is one of projects beyond doubt (a column of codes, amounts, funders
    or statuses): else None."""
    found = find_table(text, pos, limit, table)
    if found is None or not {c.field for c in found.columns} & _PORTFOLIO_FIELDS:
        return None
    return found


def starts_with_table(text: str, limit: int, table: LabelTable | None = None) -> bool:
    """Does a table or export begin near the start of this text (within SCAN_CHARS)?"""
    return find_table(text, 0, limit, table, until=SCAN_CHARS) is not None


def _text_records(text: str, start: int, end: int, first: int, source_file: str | None, limit: int,
                  table: LabelTable, codes: set[str], events: dict[str, list[Event]], heads: list[int] | None = None
                  ) -> tuple[list[Record], list[Block]]:
    """The records of the text [start, end) between tables, read as usual; when it holds none (or only activity
    tables keyed by the codes of projects read before: their events go to events), its lines as unplaced blocks for
    the neighbouring table's record."""
    from ..assemble import assemble

    if start >= end:
        return [], []
    part = text[start:end]
    lines = ((ln, raw) for ln, raw in _shifted(part, start))
    raws = [raw for raw, _ in iter_segments(lines, table, max_record=limit)]
    for raw in raws:
        as_head(raw, heads or [])
    keyed = keyed_events(text, raws, codes, table) if raws and codes else None
    if keyed is not None:
        for code, found in keyed.items():
            events.setdefault(code, []).extend(found)
        return [], as_loose(raws)
    out = [assemble(text, raw, first + k, source_file, table) for k, raw in enumerate(raws)]
    if out:
        return out, []
    return [], [Block("unparsed", "text", start, end, start)] if part.strip() else [
        Block("blank", "blank", start, end, end)]


def _assemble(text: str, raw, index: int, source_file: str | None, table: LabelTable) -> Record:
    from ..assemble import assemble

    return assemble(text, raw, index, source_file, table)


def _shifted(part: str, offset: int) -> Iterator[tuple[Line, str]]:
    for ln, raw in iter_lines([part]):
        ln.start += offset
        ln.end += offset
        ln.stop += offset
        yield ln, raw


def read_records(text: str, source_file: str | None, limit: int, table: LabelTable | None = None
                 ) -> Iterator[Record]:
    """The records of a text holding tables or exports of projects: one per project, and the text's own records."""
    table = table or default_table()
    items: list[tuple[int, int] | ReadTable] = []
    pos = start = 0
    summaries = SummarySections()  # summary tables over the details below them (summary_tables.py)
    while True:
        found = find_table(text, pos, limit, table)
        if found is not None and summaries.add(text, found):
            pos = found.end  # read as text, with the details below it, cut at each project's heading
            continue
        end = found.start if found is not None else len(text)
        for cut in summaries.cuts_within(start, end):
            items.append((start, cut))
            start = cut
        if start < end:
            items.append((start, end))
        if found is None:
            break
        above = [i for i in items if isinstance(i, ReadTable)]
        items.append(Block("unparsed", "text", found.start, found.end, found.start) if is_legend(found, above)
                     else found)
        pos = start = found.end
    # The text between tables first (a record's index counts the records before it), then the tables' projects,
    # each with the text around it that holds no record.
    index = 0
    parts: list[list[Record] | list[Block] | ReadTable] = []
    firsts: list[int] = []
    codes: set[str] = set()
    events: dict[str, list[Event]] = {}
    legends: dict[int, list[Block]] = {}  # a legend's text, kept with the last record of the table it explains
    rows_of: dict[int, int] = {}  # a project read from several rows of one code (code_rows.py): how many
    for item in items:
        if isinstance(item, Block):
            legends.setdefault(max(n for n, p in enumerate(parts) if isinstance(p, ReadTable)), []).append(item)
            continue
        firsts.append(index)
        if isinstance(item, ReadTable):
            rows_of.update(merge_code_rows(item))
            codes.update(c for c in project_codes(item) if c)
            for code, found in (item.events or {}).items():
                events.setdefault(code, []).extend(found)
            parts.append(item)
            index += len(item.projects)
            continue
        records, loose = _text_records(text, item[0], item[1], index, source_file, limit, table, codes, events,
                                       summaries.heads)
        records = summaries.records(records, text, item, index, source_file, table, _assemble)
        parts.append(records or loose)
        index += len(records)
    loose = [b for part in parts if not isinstance(part, ReadTable) for b in part if isinstance(b, Block)]
    out: list[Record] = []  # held until the whole text is read: a later sheet's row may add to an earlier record
    by_code: dict[str, Record] = {}  # the records of the tables read so far, by code
    for n, part in enumerate(parts):
        if not isinstance(part, ReadTable):
            if part and isinstance(part[0], Record):
                out.extend(part)  # type: ignore[arg-type]
            continue
        before = _loose(parts, n - 1)  # text between two tables goes with the later one
        after = (_loose(parts, n + 1) if n + 2 >= len(parts) else []) + legends.get(n, [])
        last = len(part.projects) - 1
        recs = []
        carried: list[Block] = []
        earlier = dict(by_code)
        for k, code in enumerate(project_codes(part)):
            rec = to_record(text, part, k, firsts[n] + k, source_file,
                            before=(before if k == 0 else []) + carried or None,
                            after=after if k == (0 if part.detached else last) else None, table=table)
            carried = []
            if code and code in earlier and k < last and not part.detached:
                carried = row_again(earlier[code], rec)  # a later sheet's row of a project read before
                continue
            if events.get(code):
                # The rows of an activity table below that name this project's code.
                keyed = events.pop(code)
                rec.activities.extend(keyed)
                rec.flag("activities", "read from an activity table keyed by the project's code")
                if rec.start is not None:  # a row before the project's start is its history, as in prose
                    mark_history(rec, keyed, rec.start.first_day())
            if id(part.projects[k]) in rows_of:
                rec.flag("record", f"read from {rows_of[id(part.projects[k])]} rows that give the same code")
            if part.shape == "headless":
                rec.flag("record", "columns named by their cells: rows of a table with no header row")
            recs.append(rec)
            if code:
                by_code.setdefault(code, rec)
        notes = code_notes(text, loose, {r.code for r in recs if r.code})
        for rec in recs:
            if rec.code and notes.get(rec.code) and not rec.activities:
                told = notes.pop(rec.code)
                rec.activities.extend(told)
                rec.flag("activities", "read from a note below the table that names the project's code")
                if rec.start is not None:
                    mark_history(rec, told, rec.start.first_day())
            out.append(rec)
    apply_code_changes(text, out)  # a changelog's "PSI-0412 end date moved from ... to ...": the row's value now
    for k, rec in enumerate(out):
        rec.index = k
    yield from out


def _loose(parts: list, n: int) -> list[Block]:
    """The blocks of text that holds no record at parts[n], or []."""
    if 0 <= n < len(parts) and not isinstance(parts[n], ReadTable) and parts[n] and isinstance(parts[n][0], Block):
        return parts[n]
    return []
