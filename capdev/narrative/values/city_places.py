"""The country of the cities a record names, offered as the country it serves when nothing else names one (round 19):
"hoy cerramos la fase de levantamiento en Quetzaltenango", "Base : Bamako", "workshop in Ziguinchor".

A record that names no country often names where its work happens: a venue, a base, a field trip. When every city it
names (data/cities.json through values.cities) lies in one country, and every country it names is that one (a
payer aside), that country is likely the one served; likely, not sure: values.suggest_countries offers it last,
FLAGGED, after every reader of what the record states. A city named in a comparison, as participants' origin or as a
study visit's venue (the cue words of data/role_cues.json, read by values.who_is_served) says nothing of it; two
countries among the cities are split evidence and give nothing."""
from __future__ import annotations

import re

from ..folding import fold
from ..intervals import Intervals
from .cities import find_cities
from .places import find_countries

__all__ = ["city_country_of"]

_NOT_HERE = ("a comparison or an example", "participants' origin", "a study visit's venue", "venue",
             "the venue of a past event")
_REACH = 80  # characters of the city's clause read on either side, within its line


def _an_event(text: str, city) -> bool:
    """Is the city named in a clause about an event, a visit or a funder (values.cities' words), or as a dateline's
    place? An event may be held anywhere (a regional workshop, a conference abroad), a letter written at its
    sender's seat: neither says anything of the country served."""
    from .cities import _EVENT_WORDS
    from .datelines import dateline

    lo = max(text.rfind("\n", 0, city.start) + 1, city.start - _REACH)
    hi = text.find("\n", city.end)
    hi = min(len(text) if hi < 0 else hi, city.end + _REACH)
    if dateline(text[city.start : hi]) is not None:
        return True  # "New York, 3 March 2026": where a letter was written, not where the work is
    clause = re.split(r"[.;!?](?:\s|$)", text[lo:hi])
    at = city.start - lo
    pos = 0
    for part in clause:
        if pos <= at <= pos + len(part):
            return bool(_EVENT_WORDS.search(part))
        pos += len(part) + 2
    return bool(_EVENT_WORDS.search(text, lo, hi))


def city_country_of(text: str, payers: set[str] = frozenset()) -> list[str]:
    """[the one country of every city the text names outside a context of no service], when the text names no other
    country than it (payers aside); [] otherwise."""
    from .who_is_served import _context

    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    cities = find_cities(text)
    found = {c.iso3 for c in cities if _context(folded, c.start, False) not in _NOT_HERE and not _an_event(text, c)}
    if len(found) != 1:
        return []
    in_cities = Intervals([(c.start, c.end) for c in cities])  # "Antigua Guatemala" names no Antigua and Barbuda
    named = {c.iso3 for c in find_countries(text) if not in_cities.overlaps(c.start, c.end)} - set(payers)
    return sorted(found) if named <= found and not found & set(payers) else []
