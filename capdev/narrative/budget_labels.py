"""The spellings of the label table (data/labels.json): every table whose name begins with "labels", and the budget
labels composed from a budget's nouns and their qualifiers in each language ("budget_label_parts"): "Overall
allocation", "Approved funding", "Financement total", "Enveloppe globale", "Monto global", "Financiamiento
aprobado". A noun alone is no composed label ("Funding:", "Financement :" name who pays); a spelling a table gives
wins over a composed one.
"""
from __future__ import annotations

from typing import Any


def composed(parts: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    """Each noun with each qualifier of its language: before it ("Total funding") or after it ("Coût global")."""
    out: dict[str, str] = {}
    for lang in parts.values():
        for noun in lang.get("nouns", []):
            out.update({f"{q} {noun}": "budget" for q in lang.get("before", [])})
            out.update({f"{noun} {q}": "budget" for q in lang.get("after", [])})
    return out


def spellings_of(data: dict[str, Any]) -> dict[str, Any]:
    """The label spellings of a table's JSON form: the composed budget labels, then every "labels..." table."""
    spellings: dict[str, Any] = composed(data.get("budget_label_parts", {}))
    for key, table in data.items():
        if key.startswith("labels"):
            spellings.update(table)
    return spellings
