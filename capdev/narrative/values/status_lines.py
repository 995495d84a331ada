"""A status written under its label on a line of its own, the label alone on the line before ("Estado" then "En
ejecución", "Status" then "Ongoing", "Statut :" then "Clôturé"), as a card or a fact sheet lays out its facts. The
label is one of data/labels.json's status labels (English, French, Spanish), the value a short line whose words open
with a status values.status knows; a record that gives two different statuses so gives none."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from .status import status_category, status_extent

__all__ = ["label_line_status"]

_LABELS = Path(__file__).resolve().parent.parent / "data" / "labels.json"
_MAX_VALUE = 40  # a status is a few words; a longer line is a sentence of the narrative


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


@functools.cache
def _status_labels() -> frozenset[str]:
    data = json.loads(_LABELS.read_text(encoding="utf-8"))
    out = set()
    for key, table in data.items():
        if not key.startswith("labels") or not isinstance(table, dict):
            continue
        for spelling, spec in table.items():
            field = spec.get("field") if isinstance(spec, dict) else spec
            if field == "status":
                out.add(_norm(spelling))
    return frozenset(out)


def label_line_status(text: str) -> str | None:
    """The status a label alone on its line gives on the next line with words, or None."""
    lines = [ln.strip(" \t*_#|") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    found = set()
    for label, value in zip(lines, lines[1:]):
        if _norm(label.rstrip(" :\uff1a")) not in _status_labels() or len(value) > _MAX_VALUE:
            continue
        category = status_category(value[: status_extent(value)])
        if category:
            found.add(category)
    return found.pop() if len(found) == 1 else None
