"""A card's line of facts: a few short parts between separators, each a place, a status or a period ("Sénégal · En
cours · 2021–2024", "Kenya, Uganda | Ongoing | 2022-2025", "Perú • Finalizado • 2019–2021"). Such a line is never a
title (it sits right under one), and its places are the countries the card's project serves (the card has no label
saying so: they are flagged). The status words are the labels table's (data/labels.json status_values)."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ..folding import fold_key
from ..labels import LABELS_FILE
from .places import resolve_country, resolve_region

_SEPARATORS = re.compile(r"\s+[\u00b7\u2022|]\s+|\s*[\u00b7\u2022|]\s*(?=\S)")
_PLACE_SPLIT = re.compile(r"\s*(?:,|;|/|\bet\b|\band\b|\by\b|&)\s*", re.IGNORECASE)
_PERIOD = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MAX_LINE = 160


@lru_cache(maxsize=1)
def _statuses() -> frozenset[str]:
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    return frozenset(fold_key(s) for s in data.get("status_values", []))


def _places(part: str) -> tuple[list[str], bool] | None:
    """(countries, any region) when every piece of the part is a country or a region; None otherwise."""
    pieces = [p.strip(" .") for p in _PLACE_SPLIT.split(part) if p.strip(" .")]
    if not pieces:
        return None
    countries: list[str] = []
    region = False
    for piece in pieces:
        iso3 = resolve_country(piece)
        if iso3:
            countries.append(iso3)
        elif resolve_region(piece):
            region = True
        else:
            return None
    return countries, region


def _period(part: str) -> bool:
    return bool(_PERIOD.search(part)) and len(part.split()) <= 6 and not re.search(r"[:;]", part)


def fact_line(line: str) -> list[str] | None:
    """The countries of a card's line of facts ([] when its place is a region); None when the line is not one."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE:
        return None
    parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    countries: list[str] = []
    kinds = set()
    for part in parts:
        places = _places(part)
        if places is not None:
            countries += [c for c in places[0] if c not in countries]
            kinds.add("place")
        elif fold_key(part) in _statuses():
            kinds.add("status")
        elif _period(part):
            kinds.add("period" if len(_PERIOD.findall(part)) >= 2 else "date")
        else:
            return None
    # A place and a date alone is an event's venue ("Switzerland · 12 March 2024"), not a project's country.
    return countries if "place" in kinds and kinds & {"status", "period"} else None


_HEAD_LINES = 12  # a card's line of facts sits under its title, at its head


def card_countries(text: str) -> list[str]:
    """The countries of the first line of facts among a record's first lines ([] when there is none)."""
    if not isinstance(text, str):
        return []
    for n, line in enumerate(text.splitlines()):
        if n >= _HEAD_LINES:
            break
        found = fact_line(line)
        if found:
            return found
    return []
