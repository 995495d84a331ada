"""A record's status words, in English, French and Spanish, to one of three categories (data/status_words.json)."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from ..folding import fold

__all__ = ["status_category"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_words.json"


@functools.cache
def _spellings() -> tuple[tuple[str, str], ...]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    pairs = [(" ".join(fold(s).casefold().split()), cat) for cat, words in data.items() if not cat.startswith("_")
             for s in words]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # "operationally closed" before "open"...


def status_category(text: str | None) -> str | None:
    """"planned", "active" or "completed" for the words a status value opens with ("En cours d'exécution",
    "concluido", "Operationally closed"), or None when they name none of them."""
    words = " ".join(fold(text or "").casefold().replace("-", " ").split())
    for spelling, category in _spellings():
        s = spelling.replace("-", " ")
        if words.startswith(s) and not words[len(s) : len(s) + 1].isalnum():
            return category
    return None
