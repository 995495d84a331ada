"""Comparison notes laid out with spaces: the field names down the first column, one column per project, the
columns aligned by runs of spaces (a note or a PDF copied as text), maybe a first row naming the projects, and cells
that wrap onto the next line (its first column empty). The columns are the runs of positions that hold text on some
line of the block, set apart by positions blank on every line (gutters), so that a value with single spaces in it
("Civil service reform in") stays one cell. Each project is a column: see transposed.py (cells.ReadTable.detached)."""
from __future__ import annotations

import re

from ..labels import LabelTable
from .cells import Cell, Column, Project, ReadTable, column_label, names_projects
from .delimited import _line_end
from .transposed import _continue

_MAX_ROWS = 60
_FIRST_CELL = re.compile(r"\S+(?: \S+)*")  # a line's text up to its first run of two spaces
_MAX_WIDTH = 1000
_GUTTER = 2  # blank positions on every line that set two columns apart


def _block(text: str, pos: int, limit: int) -> list[tuple[int, int, int]]:
    """(start, end, next) of the non-blank lines from pos up to the first blank one."""
    out: list[tuple[int, int, int]] = []
    at = pos
    while at < len(text) and len(out) < _MAX_ROWS and at - pos < limit:
        end, nxt = _line_end(text, at)
        if not text[at:end].strip() or "\t" in text[at:end] or "|" in text[at:end] or end - at > _MAX_WIDTH:
            break
        out.append((at, end, nxt))
        at = nxt
    return out


def _labels_ahead(text: str, pos: int, table: LabelTable) -> bool:
    """Do two of the first four lines from pos open with a label (the field names down the first column)?"""
    found = 0
    at = pos
    for _ in range(4):
        end, nxt = _line_end(text, at)
        line = text[at:end]
        if not line.strip():
            break
        m = _FIRST_CELL.match(line)
        if m is not None and column_label(m.group(), table) is not None:
            found += 1
        at = nxt
    return found >= 2


def _spans(text: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The columns: runs of positions holding text on some line, cut by gutters blank on every line."""
    width = max(e - s for s, e, _ in lines)
    used = [False] * width
    for s, e, _ in lines:
        for i, ch in enumerate(text[s:e]):
            if ch != " ":
                used[i] = True
    spans: list[tuple[int, int]] = []
    i = 0
    while i < width:
        if not used[i]:
            i += 1
            continue
        k, last, gap = i, i, 0
        while k < width and gap < _GUTTER:
            last, gap = (k, 0) if used[k] else (last, gap + 1)
            k += 1
        spans.append((i, last + 1))
        i = k
    return spans


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    end, _ = _line_end(text, pos)
    first = text[pos:end]
    if not re.search(r"\S {2,}\S", first) or "\t" in first or "|" in first:
        return None
    if not _labels_ahead(text, pos, table):
        return None  # decided on the first lines: the block is not read again from each of its lines
    lines = _block(text, pos, limit)
    if len(lines) < 3 or (len(lines) > 6 and _read(text, lines[:6], table) is None):
        return None  # decided on the first lines when they say no: each line of a long block reads them again
    return _read(text, lines, table, pos)


def _read(text: str, lines: list[tuple[int, int, int]], table: LabelTable, pos: int | None = None
          ) -> ReadTable | None:
    """The projects of the block's lines (with pos, the table's start; without it, only whether they may be)."""
    spans = _spans(text, lines)
    if len(spans) < 3 or spans[0][0] != 0:
        return None
    rows = [[text[s + a : s + min(b, e - s)].strip() if a < e - s else "" for a, b in spans] for s, e, _ in lines]
    if any("  " in cell for cells in rows for cell in cells):
        return None  # two runs of text in one column on some line: the columns are not the block's
    # A first row naming the projects ("Campo  Proyecto A  Proyecto B", or its first cell empty) is the head.
    head_row = 0 if not rows[0][0] or column_label(rows[0][0], table) is None else None
    wraps: dict[int, int] = {}
    for r, cells in enumerate(rows):
        if not cells[0] and r > 0 and r - 1 != head_row:
            wraps[r] = wraps.get(r - 1, r - 1)
    first = [cells for r, cells in enumerate(rows) if r != head_row and r not in wraps][:4]
    for j in range(1, len(spans)):
        if sum(1 for cells in first if cells[j] and column_label(cells[j], table)) >= 2:
            return None  # "Code  2122M  Status  Closed": labels and values side by side, one record's facts
    fields = [Column(cells[0], column_label(cells[0], table) if cells[0] else None) for cells in rows]
    body = [f for r, f in enumerate(fields) if r != head_row and r not in wraps]
    if len(body) < 3 or not names_projects(body, table) or sum(1 for c in body if c.label) * 3 < len(body) * 2:
        return None
    for j in range(1, len(spans)):
        values = [cells[j] for r, cells in enumerate(rows) if cells[j] and r != head_row and r not in wraps]
        if sum(1 for v in values if column_label(v, table)) * 2 >= len(values):
            return None  # "Code  2122M  Status  Closed": labels and values side by side, one record's facts
    if pos is None:
        return ReadTable("transposed", fields, [], [], 0, 0, detached=True)
    projects = [Project() for _ in spans[1:]]
    heads: list[tuple[int, int]] = []
    for r, (s, e, nxt) in enumerate(lines):
        if r == head_row:
            heads.append((s, nxt))
            continue
        bounds = [s] + [s + a for a, _ in spans[1:]] + [nxt]
        bounds = [min(b, max(s, e)) if k < len(bounds) - 1 else b for k, b in enumerate(bounds)]
        projects[0].cells.append(Cell(bounds[0], bounds[1], None))
        for j in range(len(spans) - 1):
            a, b = bounds[j + 1], bounds[j + 2]
            raw = text[a:b]
            value = raw.strip()
            at = a + len(raw) - len(raw.lstrip())
            if r in wraps:
                _continue(projects[j], wraps[r], Cell(a, b, wraps[r], value, at))
            else:
                projects[j].cells.append(Cell(a, b, r, value, at))
    kept = [p for p in projects if any(c.value.strip() for c in p.cells)]
    if len(kept) < 2:
        return None
    for p in projects:
        if p not in kept:
            kept[0].cells.extend(Cell(c.start, c.end, None) for c in p.cells)
    return ReadTable("transposed", fields, sorted(heads), kept, pos, lines[-1][2], detached=True)
