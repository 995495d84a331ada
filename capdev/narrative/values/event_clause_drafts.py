"""Drafts of the events a sentence tells clause by clause (values/event_clauses.read_mentions): one row per
mention, with the date, place and count of its own clause only."""
from __future__ import annotations

import re

from .cities import find_cities
from .event_clauses import clause_type, read_mentions
from .event_drafts import _derived_title, _Draft, _new_draft
from .event_facts import _Facts, _facts, _Place
from .event_words import _Sentence
from .venues import venue_country, venue_names


def clause_drafts(f: _Facts, sent: _Sentence, offset: int) -> list[_Draft] | None:
    """One draft per event mention of the sentence, or None when it tells one event (read whole elsewhere)."""
    mentions = read_mentions(f, _clause_cities)
    if not mentions or _one_visit(f, mentions):
        return None
    out = []
    for mn in mentions:
        with_city = [p for p in mn.places if p.city]
        venue = (with_city or mn.places or [None])[0] or _gazetteer_venue(f.text, mn.start, mn.end)
        own = _facts(f.text[mn.start : mn.end])  # a clause naming its own kind ("and a webinar in June") titles it
        title = _derived_title(own if own.type else f, venue, singular=True)
        d = _new_draft(f, sent, offset, dates=mn.dates, place=venue, singular=True, title=title)
        ev = d.event
        ev.type = clause_type(f.text, mn, ev.type)
        if venue is None:
            ev.country, ev.city = None, None
        if mn.online and venue is None:
            ev.online = True
        elif not mn.online and ev.type != "webinar":
            ev.online = False
        count = mn.counts[0][2] if len(mn.counts) == 1 else None
        ev.participants = count
        ev.participants_qualifier = None
        if count is None:
            ev.participants_profile, ev.participant_countries = None, None
        d.multi = True
        out.append(d)
    return out


# "tenu à Conakry", "held in Accra": a known city after its preposition, also where the city was named before
_AFTER_PREPOSITION = re.compile(r"(?<!\w)(?:in|at|\u00e0|en|a)\s+$")
_OPENING = re.compile(r"\s*(?:(?:in|at|to|\u00e0|au|aux|en|a)\s+)?$", re.I)


def _clause_cities(text: str, cuts: list[int]) -> list[_Place]:
    """Known cities that open a clause after its joiner ("and Lom\u00e9 (June 2022)", "y Quito") or follow a place
    preposition ("tenu \u00e0 Conakry", the city named again for a second event): venues too."""
    out = []
    starts = set(cuts[1:])
    for cm in find_cities(text):
        if any(c <= cm.start and _OPENING.match(text[c : cm.start]) for c in starts if cm.start - c <= 6) \
                or _AFTER_PREPOSITION.search(text, max(0, cm.start - 5), cm.start):
            out.append(_Place(cm.start, cm.end, cm.iso3, cm.name, cm.name, True))
    return out


def _gazetteer_venue(text: str, start: int, end: int) -> _Place | None:
    """The venue of a clause that names a city data/cities.json does not list ("followed by a national conference in
    Nakuru"): read in its own clause, since the sentence names the other events' cities too; only a city of one
    country (the countries the project serves are not known here)."""
    names = venue_names(text[start:end])
    found = venue_country(names, ())
    if found is None or found.shared:
        return None
    at = text.find(found.city, start, end)
    return _Place(at, at + len(found.city), found.iso3, found.city, found.city, True) if at >= 0 else None


def _one_visit(f: _Facts, own: list) -> bool:
    """"visite d'étude à Paris et Strasbourg, 12-16 juin 2023": one event (its kind written in the singular) in
    towns of one country, dated once in a clause naming no kind of its own: the towns are its stops, not events."""
    dated = [mn for mn in own if mn.dates or mn.months]
    word = f.kw_text.split()[0].lower() if f.kw_text.split() else ""
    if len(dated) != 1 or word.endswith(("s", "x")) or len({p.iso3 for mn in own for p in mn.places}) != 1:
        return False
    return all(mn.places for mn in own if mn is not dated[0]) and (
        dated[0] is own[0] or _facts(f.text[dated[0].start : dated[0].end]).type is None)
