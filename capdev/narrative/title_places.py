"""Places in brackets at a title's end ("Observatorio binacional de servicios públicos fronterizos (RD - Haití)",
"Digital Courts (Kenya, Uganda)", "Appui aux greffes (Bénin et Togo)"): a tracker's or a list's note of where the
project works, not part of its name (round 12). The bracket is cut off when every part of it is a country or a
region, or an abbreviation in capitals beside one ("RD - Haití"); the places stay in the record's text for the
countries served. An acronym ("(PAGPEC)"), a period ("(2021-2023)") or any other word keeps the bracket.
"""
from __future__ import annotations

import re

_BRACKET = re.compile(r"\s*\((?P<inside>[^()]{2,80})\)\s*$")
_PARTS = re.compile(r"\s*[-\u2013\u2014/,;]\s*|\s+(?:y|e|et|and|&)\s+")
_ABBREVIATION = re.compile(r"[A-Z]{2,4}")


def without_places(title: str) -> str:
    """The title without a bracket of places at its end; the title itself when there is none."""
    from .values.places import resolve_country, resolve_region

    m = _BRACKET.search(title)
    if not m or len(title[: m.start()].split()) < 3:
        return title
    parts = [p.strip() for p in _PARTS.split(m.group("inside")) if p.strip()]
    places = [p for p in parts if resolve_country(p) or resolve_region(p)]
    if not places or any(p not in places and not _ABBREVIATION.fullmatch(p) for p in parts):
        return title
    return title[: m.start()].rstrip()
