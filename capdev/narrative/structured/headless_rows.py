"""Rows of a table of projects with no header row (a table pasted without its first row, an extract of a register):
the columns are named by what every cell of each says, the same in every row.

Rows cut by one delimiter (a tab, a bar, a semicolon), one after the other, each with the same number of cells
(three or more), two rows or more. A column is named only when every row's cell in it is of one kind: an amount
(a budget), a period (two dates or years, "2022-2025", "mars 2021 – juin 2024"), a country (or a list of them),
a code (capitals and digits joined: "JUS-101"); the first column whose every cell is a name (two words or more,
no figure) is the title. A column of any other words (a funder, an implementer: no way to tell which) is kept
unnamed, its cells unplaced. Read as rows of projects only when they have a title, an amount, and a period or a
code: the facts of a project, not of an event (a day and a place) nor of a budget's lines (no period of their own).
"""
from __future__ import annotations

import re

from ..labels import LabelTable
from ..values import dates as _dates
from ..values.money import parse_money
from ..values.places import resolve_country
from .cells import Cell, Column, Project, ReadTable, check_length, column_label
from .delimited import read_row

_DELIMITERS = ("\t", "|", ";")
_BREAK = re.compile(r"\r\n|\r|\n")
_CODE = re.compile(r"(?=[A-Z0-9/._-]*\d)(?=[0-9/._-]*[A-Z])[A-Z0-9]+(?:[-/._][A-Z0-9]+)+")
_NAMES = {"title": "Title", "budget": "Budget", "time_frame": "Period", "countries": "Country", "code": "Code"}
_MAX_ROWS = 500


def _kind(value: str) -> str | None:
    """What a cell says, when it says one thing: budget, time_frame, countries, code, or a name; None otherwise."""
    cell = value.strip()
    if not cell or len(cell) > 150:
        return None
    if _CODE.fullmatch(cell):
        return "code"
    money = parse_money(cell)
    found = _dates.find_dates(cell)
    if money and len(cell) <= 30 and not found:
        return "budget"
    if found and not money and len(cell) <= 45 and len(re.findall(r"[^\W\d_]+", cell)) <= 5 and any(
            m.range.start is not None and m.range.end is not None and m.range.start != m.range.end for m in found):
        return "time_frame"
    if all(resolve_country(p.strip()) for p in re.split(r"[,;/]|\s(?:and|et|y)\s", cell) if p.strip()):
        return "countries"
    words = cell.split()
    if 2 <= len(words) <= 15 and cell[:1].isupper() and not re.search(r"\d", cell) and not money:
        return "name"
    return None


def _rows(text: str, pos: int, delim: str, limit: int) -> list[tuple[list, int, int]]:
    """(cells, start, next) of each row from pos, while the rows have as many cells as the first (three or more)."""
    rows: list[tuple[list, int, int]] = []
    while pos < len(text) and len(rows) < _MAX_ROWS:
        m = _BREAK.search(text, pos)
        if not text[pos : m.start() if m else len(text)].strip() or delim not in text[pos : m.start() if m else
                                                                                          len(text)]:
            break
        row = read_row(text, pos, delim, limit)
        if row is None:
            break
        cells, nxt = row
        if len(cells) < 3 or (rows and len(cells) != len(rows[0][0])):
            break
        rows.append((cells, pos, nxt))
        pos = nxt
    return rows


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    """The rows of projects with no header beginning at pos; None when there are none there."""
    m = _BREAK.search(text, pos)
    line = text[pos : m.start() if m else len(text)]
    above = text[text.rfind("\n", 0, max(0, pos - 1)) + 1 : pos]
    for delim in _DELIMITERS:
        if line.count(delim) < 2 or above.count(delim) >= 2:
            continue  # read from the first row of a run only (once: linear in the rows)
        rows = _rows(text, pos, delim, limit)
        if len(rows) < 2:
            continue
        width = len(rows[0][0])
        kinds: list[str | None] = []
        for k in range(width):
            seen = {_kind(cells[k][2]) for cells, _, _ in rows}
            kinds.append(seen.pop() if len(seen) == 1 else None)
        fields: list[str | None] = []
        for kind in kinds:
            if kind == "name":
                kind = None if "title" in fields else "title"
            fields.append(kind if kind not in fields else None)
        if "title" not in fields or "budget" not in fields or not {"time_frame", "code"} & set(fields):
            continue
        columns = [Column(_NAMES[f], column_label(_NAMES[f], table)) if f else Column("", None) for f in fields]
        projects = []
        for cells, _start, _nxt in rows:
            projects.append(Project([Cell(a, b, k, v, t) for k, (a, b, v, t) in enumerate(cells)]))
            check_length(text, projects[-1], limit)
        return ReadTable("headless", columns, [], projects, pos, projects[-1].end)
    return None
