"""Legends: a table below a table of projects that explains the values of its columns (a workbook's "Lookups"
sheet: "GH | Ghana | West Africa", "Pipeline | approved in principle, not started").

Its rows name no project: they are what a column's codes stand for. Read as projects they are records with a code
("GH") and nothing else, each one more wrong record. A legend is told by what it holds, not by its words: no column
a project is told by (title, budget, period), and most of its first cells are values of a column of the projects
table above it (or that column's name), a column that is not the projects' own code or title (a table keyed by
the projects' codes tells more of them: their events, their tranches). Its text stays with the projects table's
last record, unplaced and flagged, so nothing of it is lost.
"""
from __future__ import annotations

from .cells import ReadTable, names_projects

# What a project's own row states and a legend's does not.
_PROJECT_FIELDS = frozenset({"title", "budget", "time_frame", "start", "end"})
_IDENTITY = frozenset({"code", "title"})
_SPLIT = str.maketrans({c: "\n" for c in ";,/|"})


def _key(value: str) -> str:
    return " ".join(value.casefold().split()).strip(" .:-()")


def _first_cells(read: ReadTable) -> list[str]:
    """Each row's first cell of a column, as written."""
    out = []
    for project in read.projects:
        cell = next((c for c in project.cells if c.column is not None and c.value.strip()), None)
        if cell is not None:
            out.append(cell.value)
    return out


def _explained(read: ReadTable) -> set[str]:
    """The values (and names) of the projects table's columns that a legend may explain."""
    keys: set[str] = set()
    for n, col in enumerate(read.columns):
        if col.field in _IDENTITY:
            continue
        keys.add(_key(col.name))
        for project in read.projects:
            for cell in project.cells:
                if cell.column == n and cell.value.strip():
                    keys.update(_key(v) for v in cell.value.translate(_SPLIT).split("\n") if v.strip())
    keys.discard("")
    return keys


def is_legend(found: ReadTable, above: list[ReadTable]) -> bool:
    """Does `found` explain the values of a projects table read above it in the same text?"""
    if {c.field for c in found.columns} & _PROJECT_FIELDS:
        return False
    firsts = [_key(v) for v in _first_cells(found)]
    if len(firsts) < 2:
        return False
    for read in above:
        if not names_projects(read.columns):
            continue
        explained = _explained(read)
        hits = sum(1 for v in firsts if v in explained)
        if hits >= 2 and hits * 2 > len(firsts):
            return True
    return False
