"""Events whose venue the text names but no list places ("formation des agents à Ouanaminthe, du 6 au 8 mars 2023",
a town of that name in several countries: "en Loja"): the country is not read, and a null venue would say the event
had none. Once the gazetteer has placed what it can
(record_steps.venues), such an event is flagged, so that the reviewer gives its country: a missed venue is a gap, a
venue given as none is a wrong value.
"""
from __future__ import annotations

from .event_online import same_venue
from .venues import _is_other_place, venue_names


def after_venues(rec) -> None:
    """The last step on the events' venues: "in the same city" takes the venue before it (event_online.same_venue),
    then each event counted with no venue that names a place no list knows is flagged."""
    same_venue(rec.activities)
    for e in rec.activities:
        if e.country or e.online or e.recalled:
            continue
        name = unknown_place(e.city, e.summary or "")
        if name:
            rec.flag("activities", f"venue {name} not placed (no list knows it, or towns of that name are in several "
                                   f"countries): its country not read ({e.title})")


def unknown_place(city: str | None, summary: str) -> str | None:
    """The first place named as an event's venue (its city, else a capitalised name after "in", "à", "en" ...) that is
    no country, region or body, once the gazetteer has placed what it could: a place no list places; None when the
    text names none."""
    candidates = [[city]] if city else venue_names(summary)
    for heads in candidates:
        if not heads or not heads[0]:
            continue
        if _is_other_place(heads[0]):
            continue
        return heads[0]
    return None
