"""Rows of a table of bodies with a role column, as a record's lines write them: a body's name in the first cell and,
in a later cell, the words of a label of partners or funders that say its role ("Agencia Suiza para el Desarrollo y
la Cooperación (COSUDE)     Donante", "| University of Rwanda | Implementing partner |", "Université de Kinshasa ⇥
Partenaire technique"). Each such row reads as that label with the name for its value: "Donante: Agencia Suiza
...". Cells are parted by a tab, two spaces or more, or a bar; a row is read only when its first cell opens like a
body's name and is no label, and exactly one later cell is, whole, a label of partners (values.partners,
structured.cells.column_label): a sentence, a heading or a label followed by its value is never such a row."""
from __future__ import annotations

import re

_CELLS = re.compile(r"\t+|\s{2,}|\s*[|│┃]\s*")
_EDGE = re.compile(r"^[\s|│┃]+|[\s|│┃]+$")


def _cells(line: str) -> list[str]:
    inner = _EDGE.sub("", line)
    return [c.strip() for c in _CELLS.split(inner)] if inner else []


def _role(cell: str) -> str | None:
    """The role a cell names when it is, whole, a label of partners ("Donante" -> funding, "Socio técnico" ->
    cooperating), else None."""
    from ..structured.cells import column_label

    if not cell or len(cell) > 40 or not cell[:1].isalpha():
        return None
    lab = column_label(cell)
    if lab is None or lab.field != "partners":
        return None
    return lab.modifiers.get("role") or "cooperating"


def role_rows(text: str) -> list[tuple[str, str]]:
    """Each row's body and its role, in the order of the lines."""
    from ..structured.cells import column_label
    from .partner_checks import names_a_body

    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        cells = [c for c in _cells(line) if c]
        if not 2 <= len(cells) <= 6 or len(cells[0]) > 200 or cells[0].endswith((".", ":")):
            continue
        roles = [r for r in map(_role, cells[1:]) if r]
        if len(roles) != 1 or column_label(cells[0]) is not None or not names_a_body(cells[0]):
            continue
        out.append((cells[0], roles[0]))
    return out
