"""The value of a label with more than one name, shared out among the fields its names are labels of.

"Title/basic act/CRIS number: X / ICD / BF-2021-04" (the table's label with its other names after slashes) and a key
that names two fields (label_heads: "Period and budget: January 2025 to December 2027; USD 1.2 million", "Financiador
/ país beneficiario: Gobierno de Suiza / Bolivia", its other names written after '&/' in the label's aside): the value
is cut at ' / ' or ';' into as many parts as there are names, and each part goes to its name's field in order; when
the parts are a period and an amount written the other way round, each goes to the field of its type. A value that
does not cut so goes whole to the first field, except for a key naming two fields: then, when both have a type (dates,
money), to both (each reads its own type in it); otherwise it is kept for a reviewer (the assembler flags the first
field: no handler reads "label_parts"), never given whole to one of them. A slash after a space ("Proyecto / código")
gives no empty name.
"""
from __future__ import annotations

import re

from .labels import LabelTable, match_label
from .value_types import value_has_type

__all__ = ["COMPOUND", "named_parts"]

COMPOUND = "&/"  # an aside that begins so holds the other fields' names of a key naming two or three

_CUTS = (re.compile(r"\s+/\s+"), re.compile(r"\s*;\s*"))


def named_parts(field: str, aside: str, value: str, table: LabelTable) -> list[tuple[str, str]]:
    """(field, part of the value) for each name of a label whose aside holds its other names."""
    if "/" not in aside:
        return [(field, value)]
    compound = aside.startswith(COMPOUND)
    names = [field]
    # "Financiador / país beneficiario:" (a space before the slash): the aside begins with the slash, no empty name
    others = aside[len(COMPOUND):] if compound else aside.lstrip(" /") if aside.lstrip().startswith("/") else aside
    for name in others.split("/") if "/" in aside else ():
        inner = match_label(f"{name.strip()}:", table)
        names.append(inner.field if inner is not None else "")
    named = [n for n in names if n]
    if len(set(named)) < len(named):
        return [(field, value)]  # "Título / Title:": one field named in two languages, its value whole
    for cut in _CUTS if compound else _CUTS[:1]:
        parts = [p.strip() for p in cut.split(value)]
        if len(parts) == len(names):
            return _by_type([(name, part) for name, part in zip(names, parts) if name and part], table)
    if not compound:
        return [(field, value)]
    kinds = [table.spec(name).value for name in names]
    if all(k in ("dates", "money") for k in kinds) and len(set(kinds)) == len(kinds):
        return [(name, value) for name in names]
    return [("label_parts", value)]


def _by_type(pairs: list[tuple[str, str]], table: LabelTable) -> list[tuple[str, str]]:
    """Two parts each of the other's field's type ("Budget and period: 2023-2025 / USD 1.1 million") swapped."""
    if len(pairs) != 2:
        return pairs
    (a, pa), (b, pb) = pairs
    ka, kb = table.spec(a).value, table.spec(b).value
    if {ka, kb} == {"dates", "money"} and not value_has_type(ka, pa, table) and value_has_type(ka, pb, table) \
            and value_has_type(kb, pa, table):
        return [(a, pb), (b, pa)]
    return pairs
