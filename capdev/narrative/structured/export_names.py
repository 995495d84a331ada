"""Field names of a system's export used as column names: "fecha_inicio", "startDate", "Fecha.Termino",
"bailleurFonds", "Fuente.Financiamiento". Their words are a label's, joined by an underscore, a dot or a capital,
often without the label's linking words ("bailleur [de] fonds", "fuente [de] financiamiento"); they are looked up
among the label table's spellings with those words left out on both sides."""
from __future__ import annotations

import functools
import json
import re

from ..folding import fold
from ..labels import LABELS_FILE

__all__ = ["label_words", "spellings_opening", "spelling_of"]

# A lower-case letter then a capital ("startDate"), or underscores and dots ("fecha_inicio", "Cod.Proyecto").
_JOINS = re.compile(r"(?<=[a-z\u00e0-\u00ff])(?=[A-Z])|[_.]+")
# Words a label may hold or leave out in an export's field name, in the three languages.
_LINKING = frozenset("de du des d la le les l del el los las of the for a au aux en".split())
_LANGUAGES = ("labels", "labels_fr", "labels_es")


def label_words(name: str) -> str | None:
    """The field name's words spaced ("fecha_inicio" -> "fecha inicio"), or None when it has no joined words."""
    stripped = name.strip(" _.")
    if not _JOINS.search(stripped):
        return None
    return " ".join(_JOINS.sub(" ", stripped).split())


def _content(words: str) -> str:
    parts = re.findall(r"\w+", fold(words).lower())
    return " ".join(p for p in parts if p not in _LINKING)


@functools.cache
def _spellings() -> dict[str, str]:
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for language in _LANGUAGES:
        for spelling in data[language]:
            out.setdefault(_content(spelling.replace("(s)", "")), spelling)
    out.pop("", None)
    return out


def spelling_of(name: str) -> str | None:
    """The label spelling a field name stands for once linking words are left out ("bailleurFonds" -> "Bailleur
    de fonds"), or None. Only names of two words or more: one word is a label or not as it stands."""
    words = label_words(name)
    if words is None:
        return None
    content = _content(words)
    return _spellings().get(content) if " " in content else None


def spellings_opening(word: str) -> list[str]:
    """The label spellings whose first word is this one ("fuente" -> "Fuente de financiamiento", ...)."""
    key = _content(word)
    return [spelling for content, spelling in _spellings().items() if content.split(" ", 1)[0] == key] if key else []
