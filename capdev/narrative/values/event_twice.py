"""The same event told twice in one record: a summary's sentence ("In June 2022 the project held a national
workshop in Lusaka ...") and the activity table or list under it ("| 14-16 June 2022 | National workshop on property
rating | Lusaka, Zambia | 40 |"), "En juin 2022, un atelier à Cotonou ..." and "Atelier national, Cotonou, du 14 au
16 juin 2022". One event, counted once: the telling with its days is kept, and takes the other's count when it has
none.

Only a pair that cannot be two events told apart is joined: of one kind (a workshop and a training are one family),
held in one country (or both online), one told to the month only and the other to its days in that month, no
other event of that kind, place and month told, their cities (when both are written) the same and their counts
(when both are written) the same. Anything else is left as told.
"""
from __future__ import annotations

from collections import defaultdict

from ..types import Event
from .event_words import _FAMILY


def _key(e: Event) -> tuple | None:
    if e.recalled or e.start is None or e.start.month is None:
        return None
    if e.country is None and not e.online:
        return None
    if e.end is not None and (e.end.year, e.end.month) != (e.start.year, e.start.month):
        return None  # a range across months: its month is not one
    return _FAMILY.get(e.type, e.type), e.country, e.country is None and e.online, e.start.year, e.start.month


def told_twice(events: list[Event]) -> list[tuple[Event, Event]]:
    """The pairs (told to the month, told to the day) that are one event; the first of each is taken out of
    events, the second keeps its count or takes the first's."""
    groups: dict[tuple, list[Event]] = defaultdict(list)
    for e in events:
        k = _key(e)
        if k is not None:
            groups[k].append(e)
    pairs: list[tuple[Event, Event]] = []
    for group in groups.values():
        if len(group) != 2:
            continue
        months = [e for e in group if e.start.day is None]
        days = [e for e in group if e.start.day is not None]
        if len(months) != 1 or len(days) != 1:
            continue
        m, d = months[0], days[0]
        if m.city and d.city and m.city.casefold() != d.city.casefold():
            continue
        if m.participants is not None and d.participants is not None and m.participants != d.participants:
            continue
        if d.participants is None:
            d.participants, d.participants_qualifier = m.participants, m.participants_qualifier
        pairs.append((m, d))
    gone = {id(m) for m, _ in pairs}
    events[:] = [e for e in events if id(e) not in gone]
    return pairs
