"""Transposed tables: the field names down the first column, one column per project ("Code | 2231K | 2318P",
"Titre;Projet A;Projet B"), maybe a first row naming the projects' columns. Each column is a project; its cells are
not a stretch of the text, so the first project's record keeps the table's spans (cells.ReadTable.detached).

A two-column table cut by '|' or tabs is a record's labels and values, read by the layout step as such."""
from __future__ import annotations

import re

from ..labels import LabelTable
from .cells import Cell, Column, Project, ReadTable, column_label, names_projects
from .delimited import _line_end, read_row

_RULE = re.compile(r"^[ \t|:\-]*-{3,}[ \t|:\-]*$")
_MAX_ROWS = 200


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    end, _ = _line_end(text, pos)
    line = text[pos:end]
    for delim in ("|", "\t", ";", ","):
        if delim not in line:
            continue
        found = _read(text, pos, delim, limit, table)
        if found is not None:
            return found
    return None


def _read(text: str, pos: int, delim: str, limit: int, table: LabelTable) -> ReadTable | None:
    rows: list[list[tuple[int, int, str, int]]] = []
    rules: list[tuple[int, int]] = []
    at = pos
    width = 0
    while at < len(text) and len(rows) < _MAX_ROWS and at - pos < limit:
        e, n = _line_end(text, at)
        if delim == "|" and _RULE.match(text[at:e]) and text[at:e].strip():
            rules.append((at, n))
            at = n
            continue
        got = read_row(text, at, delim, limit) if text[at:e].strip() else None
        if got is None:
            break
        cells, nxt = got
        if width and len(cells) != width:
            break
        width = width or len(cells)
        rows.append(cells)
        at = nxt
        if len(rows) == 3 and sum(1 for r in rows if column_label(r[0][2], table)) < 2:
            return None  # decided on the first rows: the rows of another table are not read again from each line
    least = 3 if delim in ("|", "\t") else 2  # a label column and one value column is a record's labels
    if width < least or len(rows) < 3:
        return None
    # A row whose first cell is empty continues the row above (a cell wrapped onto the next line).
    wraps = {r: r - 1 for r in range(1, len(rows)) if not rows[r][0][2].strip()}
    for r in sorted(wraps):
        wraps[r] = wraps.get(wraps[r], wraps[r])
    fields = [Column(r[0][2], column_label(r[0][2], table)) for r in rows]
    head_row = 0 if fields[0].label is None else None
    body = [f for r, f in enumerate(fields) if r != head_row and r not in wraps]
    if not names_projects(body, table) or sum(1 for c in body if c.label) * 3 < len(body) * 2:
        return None
    projects = [Project() for _ in range(width - 1)]
    heads = list(rules)
    for r, cells in enumerate(rows):
        if r == head_row:
            heads.append((cells[0][0], cells[-1][1]))
            continue
        projects[0].cells.append(Cell(cells[0][0], cells[0][1], None))
        for j, (a, b, v, t) in enumerate(cells[1:]):
            if r in wraps:
                _continue(projects[j], wraps[r], Cell(a, b, wraps[r], v, t))
            else:
                projects[j].cells.append(Cell(a, b, r, v, t))
    kept = [p for p in projects if any(c.value.strip() for c in p.cells)]
    if not kept:
        return None
    for p in projects:
        if p not in kept:  # an empty column is no project: its cells stay in the table's spans
            kept[0].cells.extend(Cell(c.start, c.end, None) for c in p.cells)
    projects = kept
    columns = [fields[r] for r in range(len(rows))]
    start, stop = pos, at
    read = ReadTable("transposed", columns, [], projects, start, stop, detached=True)
    # The header row and rules are the table's head: first project's record keeps them as headings.
    read.head = sorted(heads)
    return read


def _continue(project: Project, row: int, cell: Cell) -> None:
    """A cell of a wrapped row: its text joins the project's cell of the row it continues."""
    first = next((c for c in project.cells if c.column == row and not c.more), None)
    if first is not None and cell.value.strip():
        first.value = f"{first.value.rstrip()} {cell.value.strip()}" if first.value.strip() else cell.value
        cell.more = True
    project.cells.append(cell)
