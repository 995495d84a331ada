"""A search card's or a listing's meta line: the record's kind, its period and its status between separators
("Project | 2021-2024 | Active", "Projet · 2019–2022 · Clôturé", "Proyecto — 2020-2023 — Finalizado"). Such a line
sits under (or over) the card's title and is never one: a "Project |" at its head is no title label. The kinds are
data/title_words.json's project_words, the statuses data/labels.json's status_values."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold_key
from .values.fact_lines import _period, _places, _statuses

_DATA = Path(__file__).with_name("data") / "title_words.json"
# "|", "·", "•" anywhere; a dash only with spaces around it (a period "2021-2024" keeps its own).
_SEPARATORS = re.compile(r"\s*[\u00b7\u2022|]\s*|\s+[-\u2013\u2014]\s+")
_MAX_LINE = 120
_MAX_PARTS = 6


@lru_cache(maxsize=1)
def _kinds() -> frozenset[str]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(fold_key(w) for w in data["project_words"])


_BETWEEN = frozenset("to until till a au jusqu al hasta de del of the le el".split())


def _dates_only(part: str) -> bool:
    """"2021-2024", "March 2021 – June 2024", "de 2020 a 2023": years, months and the words between them only."""
    from .values.dates import MONTHS
    words = re.findall(r"[^\W\d_]+", fold_key(part))
    return all(w in MONTHS or w in _BETWEEN for w in words)


def meta_line(line: str) -> bool:
    """Is the line a card's meta line: two to six short parts, each a record's kind, a period, a status or a place,
    with a period or a status among them?"""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE:
        return False
    parts = [p.strip(" .,;") for p in _SEPARATORS.split(text)]
    parts = [p for p in parts if p]
    if not 2 <= len(parts) <= _MAX_PARTS:
        return False
    kinds = set()
    for part in parts:
        key = fold_key(part)
        if key in _kinds():
            kinds.add("kind")
        elif key in _statuses():
            kinds.add("status")
        elif _period(part) and _dates_only(part):
            kinds.add("period")
        elif _places(part) is not None:
            kinds.add("place")
        else:
            return False
    return bool(kinds & {"status", "period"})
