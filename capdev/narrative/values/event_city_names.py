"""A venue read from a city's name that is only the start of a longer place name (round 17).

"Sala de capacitación en Santiago de los | ... en Santiago de los Caballeros": the gazetteer knows "Santiago"
(Chile), but the text goes on with "de los", "de la", "del", "de" and a capitalised word: another place, whose
first word is that city's name ("Santiago de los Caballeros", "San Juan de la Maguana", "Santa Cruz de la
Sierra"). When the country so read is not one the record serves and the record serves one country only, the
venue is that country's, flagged; with several countries served, the country is cleared and flagged.
"""
from __future__ import annotations

import re

_LONGER = re.compile(r"\s+(?:de\s+los|de\s+las|de\s+la|del|de)\s*(?:\||$|(?P<word>[A-ZÁÉÍÓÚÑ][\w-]*))")


def longer_place(summary: str, city: str) -> bool:
    """Is `city` written in `summary` only as the start of a longer name ("Santiago de los Caballeros"), not
    with its own country ("Santiago de Chile")?"""
    from .places import resolve_country

    hits = list(re.finditer(rf"(?<!\w){re.escape(city)}(?!\w)", summary))
    if not hits:
        return False
    for m in hits:
        longer = _LONGER.match(summary, m.end())
        if not longer or (longer.group("word") and resolve_country(longer.group("word"))):
            return False
    return True


def recheck_city_venues(rec) -> None:
    """Events placed abroad by the first word of a longer place name: placed in the record's one country (or
    unplaced), flagged."""
    served = list(rec.countries or [])
    for e in rec.activities:
        if not (e.city and e.country) or not served or e.country in served:
            continue
        if not longer_place(e.summary or "", e.city):
            continue
        was = e.country
        e.country = served[0] if len(served) == 1 else None
        rec.flag("activities", f"venue {e.city!r} read as in {was}, but the text names a longer place; "
                               f"{'read as in ' + e.country if e.country else 'country left out'}")
