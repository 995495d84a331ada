"""Rows of one table that give the same project code, one under the other, are the rows of ONE project: its tranches,
disbursements or reporting periods in a register or ledger ("14/09/2023;2023/SPE/0000400123;...;1/3;250.000,00"),
not projects of their own.

Such rows are read as one project: its first row's values, a column empty there taken from the first row below that
fills it, and the status from the last row that gives one (a register lists a project's rows in order: its last row
tells where it stands). An amount column whose value changes from row to row of one project is an amount per row
(a tranche, a payment), not the project's budget: it is read as no field, in every row of the table. Only a code
makes rows one project: rows with no code, or with codes of their own, stay projects each (keyed by titles, a
project's second tranche often has a title of its own: "(2º tramo)").
"""
from __future__ import annotations

from .cells import Cell, Project, ReadTable

__all__ = ["merge_code_rows"]

_LAST = frozenset({"status"})  # the fields read from a project's last row that gives them


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def _code(read: ReadTable, project: Project, column: int) -> str:
    return next((_key(c.value) for c in project.cells if c.column == column and not c.more), "")


def merge_code_rows(read: ReadTable) -> dict[int, int]:
    """Merge, in place, the consecutive rows of read that give the same code; returns, for each merged project (by
    id), how many rows it was read from. Nothing for a detached table (a transposed one) or one with no code column."""
    column = next((k for k, c in enumerate(read.columns) if c.field == "code"), None)
    if read.detached or column is None or len(read.projects) < 2:
        return {}
    groups: list[list[Project]] = []
    last = None
    for project in read.projects:
        code = _code(read, project, column)
        if code and code == last:
            groups[-1].append(project)
        else:
            groups.append([project])
        last = code
    if all(len(g) == 1 for g in groups):
        return {}
    per_row = _amounts_per_row(read, [g for g in groups if len(g) > 1])
    if per_row:
        for project in read.projects:
            for cell in project.cells:
                if cell.column in per_row and cell.value.strip():
                    cell.more = True  # read as no field (its text stays in the record's spans)
    merged: list[Project] = []
    counts: dict[int, int] = {}
    for group in groups:
        if len(group) == 1:
            merged.append(group[0])
            continue
        one = Project(_merged_cells(read, group))
        merged.append(one)
        counts[id(one)] = len(group)
    read.projects = merged
    return counts


def _values(read: ReadTable, project: Project) -> dict[int, Cell]:
    return {c.column: c for c in project.cells if c.column is not None and not c.more and c.value.strip()}


def _amounts_per_row(read: ReadTable, groups: list[list[Project]]) -> set[int]:
    """The budget columns whose value changes between two rows of one project."""
    out = set()
    for k, col in enumerate(read.columns):
        if col.field != "budget":
            continue
        for group in groups:
            seen = {_key(v.value) for p in group if (v := _values(read, p).get(k)) is not None}
            if len(seen) > 1:
                out.add(k)
                break
    return out


def _merged_cells(read: ReadTable, group: list[Project]) -> list[Cell]:
    """The cells of a project's rows, in order: the first row's values, a column it leaves empty filled from the
    first row below that gives it (a status from the last); every other cell of the later rows read as no field."""
    chosen: dict[int, Cell] = dict(_values(read, group[0]))
    for project in group[1:]:
        for k, cell in _values(read, project).items():
            if k not in chosen or read.columns[k].field in _LAST:
                chosen[k] = cell
    keep = {id(c) for c in chosen.values()}
    cells = []
    for project in group:
        for cell in project.cells:
            if cell.column is not None and cell.value.strip() and id(cell) not in keep:
                cell.more = True
            cells.append(cell)
    return cells
