"""Fixed-width listings: a header line whose names, set apart by runs of two spaces or more, are labels; maybe a
dashed rule under it; then one project per line, its cells under the names' columns (a line whose code cell is
empty goes on the project above: a wrapped cell). The listing ends at a line that does not fit its columns."""
from __future__ import annotations

import re

from ..labels import LabelTable
from .cells import Cell, Column, Project, ReadTable, by_column, check_length, column_label, names_projects
from .column_names import continues_row, is_total_row
from .delimited import _blank_to, _line_end, _wrap
from .listing_header import cut_at_columns, is_rule, like_key, split_names, stacked_names

_GAP = re.compile(r"\S(?:[^\S\r\n]?\S)*")  # a run of text with no two spaces in it
_SLACK = 2  # a cell may begin this many characters before its column (right-aligned numbers go further: below)


def _segments(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _GAP.finditer(line)]


def _columns_of(line: str, starts: list[int], ends: list[int]) -> list[tuple[int, int, int]] | None:
    """(column, start, end) of each segment of a line; None when a segment fits no column."""
    out = []
    for a, b in cut_at_columns(line, _segments(line), starts):
        col = None
        for k, s in enumerate(starts):
            nxt = starts[k + 1] if k + 1 < len(starts) else 10**9
            if s - _SLACK <= a < nxt - _SLACK or (a < s and b >= ends[k] - 1 and (k == 0 or a >= ends[k - 1] + 1)):
                col = k
                break
        if col is None or (out and out[-1][0] >= col):
            return None
        out.append((col, a, b))
    return out


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    end, nxt = _line_end(text, pos)
    line = text[pos:end]
    if "\t" in line or "|" in line or len(line) > 1000:
        return None
    segs = [(a, b) for a, b in _segments(line)]
    if len(segs) < 3 or not re.search(r"\S {2,}\S", line):
        return None
    heads = [(pos, nxt)]
    at = nxt
    e2, n2 = _line_end(text, at)
    names = [(a, b, line[a:b]) for a, b in segs]
    stacked = stacked_names(line, text[at:e2]) if at < len(text) else None
    if stacked is not None:  # "PROJECT" over "CODE": the names are on two lines
        names = stacked
        heads.append((at, n2))
        at = n2
        e2, n2 = _line_end(text, at)
    rule = at < len(text) and is_rule(text[at:e2])
    names = split_names(text, line, n2 if rule else at, names, table)
    columns = [Column(n, column_label(n, table)) for _, _, n in names]
    if not names_projects(columns, table):
        return None
    starts, ends = [a for a, _, _ in names], [b for _, b, _ in names]
    marks = _segments(text[at:e2]) if rule else []
    if len(marks) == len(names):
        # A dashed rule under the names draws each column's width: a name may sit anywhere above its dashes
        # ("Pays" set off to the right of a column whose cells start further left).
        starts = [min(a, m) for a, (m, _) in zip(starts, marks)]
        ends = [max(b, m) for b, (_, m) in zip(ends, marks)]
    key = next((k for k, c in enumerate(columns) if c.field == "code"), None)
    if key is None:
        key = next(k for k, c in enumerate(columns) if c.field == "title")
    if rule:
        heads.append((at, n2))
        at = n2
    projects: list[Project] = []
    while at < len(text):
        row_at = _blank_to(text, at)
        if row_at >= len(text):
            break
        e, n = _line_end(text, row_at)
        row = text[row_at:e]
        cols = _columns_of(row, starts, ends) if len(row) <= 2000 else None
        if cols and is_total_row([row[a:b] for _, a, b in cols]):
            break  # a row of totals: no project; kept, unplaced, with the table's last record
        # No code column: "for sustainable development   Nigeria" under a row with its amount and dates.
        goes_on = bool(cols) and bool(projects) and columns[key].field == "title" and continues_row(
            {c: row[a:b] for c, a, b in cols}, [c.field for c in columns], key, by_column(projects[-1]))
        if not cols or (len(cols) < 2 and not (projects and cols[0][0] != key) and not goes_on):
            break
        wrapped = bool(projects) and all(c != key for c, _, _ in cols) or goes_on
        if not wrapped and all(c != key for c, _, _ in cols):
            break
        if not wrapped and projects and not like_key(row, cols, key, projects[0], columns):
            break  # "ST : C = Clôturé, E = En cours": a legend or a note under the listing, no row of it
        if row_at > at and projects:
            projects[-1].cells[-1].end = row_at
        elif row_at > at:
            heads.append((at, row_at))
        cells = _cells(text, row_at, n, cols, len(columns))
        if wrapped:
            _wrap(projects[-1], cells, columns)
        else:
            projects.append(Project(cells))
        at = n
        check_length(text, projects[-1], limit)
    if not projects:
        return None
    return ReadTable("fixed_width", columns, heads, projects, pos, projects[-1].end)


def _cells(text: str, start: int, nxt: int, cols: list[tuple[int, int, int]], width: int) -> list[Cell]:
    """A row's cells: each owns from its text's start to the next cell's; the first from the line's start, the last
    to the next line's."""
    out = []
    for i, (col, a, b) in enumerate(cols):
        own_start = start if i == 0 else start + a
        own_end = start + cols[i + 1][1] if i + 1 < len(cols) else nxt
        out.append(Cell(own_start, own_end, col, text[start + a : start + b], start + a))
    return out
