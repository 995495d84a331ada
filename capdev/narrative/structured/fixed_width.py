"""Fixed-width listings: a header line whose names, set apart by runs of spaces, are labels; maybe a dashed rule
under it; then one project per line, its cells under the names' columns (a line whose code and title cells are
empty goes on the project above: a wrapped cell)."""
from __future__ import annotations


def detect(text, pos, limit, table):
    return None
