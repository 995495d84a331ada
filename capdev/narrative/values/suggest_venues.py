"""The venue of an event whose place the text does not state, suggested for a project that serves one country
(round 18; values.suggestions calls it last, after the countries served are known).

A project that serves one country holds its workshops, trainings and missions there, most often; an event counted
with no venue is read as held nowhere, which is a wrong value on the map. So an event that states no place at all
(no city, no country, no capitalised name after a venue word: values.unknown_venues.unknown_place) gets the one
country served, FLAGGED with what it was read from, for a reviewer to confirm.

Never suggested: for an online event; for an event told as history (recalled); where the record serves no country
or several (a regional event may be held in any of them: there the event's unstated venue is flagged for a
reviewer, round 19); where the event's own text names a country, a region or a
place (a study visit abroad, "a regional forum", a venue no list knows: values.unknown_venues flags that one).
"""
from __future__ import annotations

import re

from .places import find_countries, find_regions
from .unknown_venues import unknown_place

__all__ = ["suggest_venues"]

# Words that say an event gathers people from several countries, or is held away from the country served.
_ELSEWHERE = re.compile(
    r"(?<![\w-])(?:regional\w*|r[ée]gional\w*|international\w*|internacional\w*|interregional\w*|global|mondial\w*|"
    r"abroad|overseas|[àa]\s+l'[ée]tranger|en\s+el\s+(?:exterior|extranjero)|study\s+(?:tour|visit|trip)s?|"
    r"voyages?\s+d'[ée]tudes?|visites?\s+d'[ée]tudes?|viajes?\s+de\s+estudios?|visitas?\s+de\s+estudios?|"
    r"south-south|sud-sud|sur-sur)(?![\w-])",
    re.IGNORECASE,
)


def suggest_venues(rec) -> None:
    """Each event of REC that states no place gets the one country REC serves, flagged; where REC serves several,
    the event's venue is flagged as unknown (it may be held in any of them), never placed."""
    if len(rec.countries) > 1:
        _flag_unplaced(rec)
        return
    if len(rec.countries) != 1:
        return
    (served,) = rec.countries
    for e in rec.activities:
        if e.country or e.city or e.online or e.recalled:
            continue
        told = " ".join(filter(None, (e.title, e.summary)))
        if _ELSEWHERE.search(told) or find_countries(told) or find_regions(told) or unknown_place(None, told):
            continue
        e.country = served
        rec.flag("activities", f"suggested venue: {served}, the one country the project serves; the event's place "
                               f"is not stated ({e.title})")


def _flag_unplaced(rec) -> None:
    """An event held in no stated place, in a record that serves several countries: which of them hosts it, the
    text does not say; an event counted with no venue would be read as held nowhere, so a reviewer is asked."""
    for e in rec.activities:
        if e.country or e.city or e.online or e.recalled:
            continue
        rec.flag("activities", f"venue not stated: the project serves {', '.join(rec.countries)}, the event's "
                               f"country is left for a reviewer ({e.title})")
