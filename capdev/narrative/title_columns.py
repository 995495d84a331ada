"""A title label whose value is a table's other column heads ("Proyecto      Presupuesto total      Ejecutado 2023"):
the line heads a table, it names no project."""
from __future__ import annotations

import re

from .labels import match_label

# The gap between two columns of a plain-text table: a tab or two spaces and more.
_COLUMN_GAP = re.compile(r"\t+| {2,}")
_MAX_HEAD_WORDS = 4  # a column's head is a word or a few, never a project's name in full


def column_heads(sep: str, value: str) -> str:
    """Why this labelled title is no title ('' when it may be one): the label stands apart from its value by a column
    gap (sep 'spaces' or 'tab') and the value is more columns, one of them a field's label (a budget, a status, a
    date...). A table's head row, whatever its language: the labels are data (labels.json)."""
    if sep not in ("spaces", "tab"):
        return ""
    line = value.strip().splitlines()[0] if value.strip() else ""
    cells = [c.strip() for c in _COLUMN_GAP.split(line) if c.strip()]
    if len(cells) < 2 or any(len(c.split()) > _MAX_HEAD_WORDS for c in cells):
        return ""
    for cell in cells:
        lab = match_label(f"{cell}:")
        if lab is not None and not cell[lab.end :].strip(" :"):
            return "a table's column heads"
    return ""
