"""Events listed in one sentence: items of a parenthesis or of a labelled list, separated by semicolons.

"2 regional workshops (Nairobi, March 2023; Accra, June 2023) reaching 85 officials" tells two workshops, one per
item, each with the month and city of its own item; the 85 officials, written outside the list, are reached by both
together and are neither one's count. "se realizaron tres talleres (Tegucigalpa, marzo de 2023; Managua, junio de
2023) con 120 participantes en total" and "trois ateliers (Dakar, mars 2023 ; Lomé, juin 2023)" alike.
An item gives a row only when it has a month of its own; a list in which some item has none is not read here (the
sentence is read whole or clause by clause elsewhere).
"""
from __future__ import annotations

import re

from .cities import find_cities
from .event_clauses import _counts, clause_type, exact_count, is_period_or_quarter, online_only
from .event_drafts import _derived_title, _Draft, _new_draft
from .event_facts import _anchored, _Facts, _facts, _Place
from .event_words import _mask_quotes, _Sentence

_MAX_ITEMS = 8
_MAX_GROUP = 600  # characters of one parenthesis read as a list


def _groups(masked: str) -> list[tuple[int, int]]:
    """The (start, end) of the text inside each outermost parenthesis that holds a semicolon."""
    out, depth, opened = [], 0, -1
    for i, ch in enumerate(masked):
        if ch == "(":
            if depth == 0:
                opened = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0 and ";" in masked[opened:i] and i - opened <= _MAX_GROUP:
                out.append((opened, i))
    return out


def _items(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for m in re.finditer(r";", masked[start:end]):
        out.append((at, start + m.start()))
        at = start + m.end()
    out.append((at, end))
    return [(a, b) for a, b in out if masked[a:b].strip()]


class _Item:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.dates: list = []
        self.place: _Place | None = None
        self.count: int | None = None
        self.online = False


def _read_item(f: _Facts, masked: str, start: int, end: int) -> _Item | None:
    item = _Item(start, end)
    item.dates = [d for d in f.dates if start <= d.start < end and d.range.start and d.range.start.month
                  and not is_period_or_quarter(f.text, d.start, d.end)]
    if len(item.dates) != 1:
        return None  # no month of its own (or two): not one event
    cities = [c for c in find_cities(f.text[start:end])]
    places = [p for p in f.places if start <= p.start < end]
    if cities:
        c = cities[0]
        item.place = _Place(start + c.start, start + c.end, c.iso3, c.name, c.name, True)
    elif places:
        item.place = places[0]
    if len({p.iso3 for p in places} | {c.iso3 for c in cities}) > 1:
        return None  # two countries in one item: whose venue is not told
    spans = [(d.start, d.end) for d in f.dates]
    counts = [c for c in _counts(f.text, masked, spans) if start <= c[0] < end]
    if len(counts) == 1 and counts[0][2] is not None and exact_count(masked, counts[0][0], counts[0][1]):
        item.count = counts[0][2]
    item.online = online_only(masked[start:end])
    return item


def list_drafts(f: _Facts, sent: _Sentence, offset: int) -> list[_Draft] | None:
    """One draft per item of a semicolon list in a parenthesis, or None when the sentence holds no such list."""
    if f.type is None or f.type == "milestone":
        return None
    masked = _mask_quotes(f.text)
    for g_start, g_end in _groups(masked):
        spans = _items(masked, g_start, g_end)
        if not 2 <= len(spans) <= _MAX_ITEMS:
            continue
        items = [_read_item(f, masked, a, b) for a, b in spans]
        if any(it is None for it in items):
            continue
        if len({(it.dates[0].range.start, it.place.iso3 if it.place else None) for it in items}) < len(items):
            continue
        kind = clause_type(f.text[:g_start], _Whole(g_start), f.type)
        out = []
        for it in items:
            title = _derived_title(f, it.place, singular=True)
            d = _new_draft(f, sent, offset, dates=it.dates, place=it.place, singular=True, title=title)
            ev = d.event
            ev.type = kind
            if it.place is None:
                ev.country, ev.city = None, None
            ev.online = it.online or kind == "webinar"
            ev.participants, ev.participants_qualifier = it.count, None
            if it.count is None:
                ev.participants_profile, ev.participant_countries = None, None
            d.multi = True
            out.append(d)
        return out
    return None


class _Whole:
    """A clause from the sentence's beginning (clause_type reads text[start:end])."""

    def __init__(self, end: int) -> None:
        self.start, self.end = 0, end


def keyword_clause(f: _Facts, sent: _Sentence) -> tuple[_Facts, _Sentence]:
    """The sentence from the clause (after a semicolon) that holds its event word, when a date is written before that
    clause and the sentence tells one event: "Une mission d'appui s'est tenue à Conakry du 14 au 18 juin 2021 ;
    l'atelier national de validation, tenu à Conakry le 9 février 2022, a réuni 72 participants" dates the workshop
    by its own clause. (f, sent) unchanged otherwise."""
    if f.kw_start < 0 or ";" not in f.text:
        return f, sent
    masked = _mask_quotes(f.text)
    depth, cuts = 0, [0]
    for i, ch in enumerate(masked):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            cuts.append(i + 1)
    if len(cuts) < 2:
        return f, sent
    start = max(c for c in cuts if c <= f.kw_start)
    end = len(f.text)  # the clauses after it go on telling it ("... à Douala en septembre 2022 ; il a rassemblé 41")
    if start == 0 or not any(d.start < start for d in f.dates):
        return f, sent  # the event word opens the sentence, or no date is written before its clause
    lead = len(f.text[start:end]) - len(f.text[start:end].lstrip())
    text = f.text[start + lead : end].rstrip()
    own = _facts(text)
    if own.type is None or not _anchored(own) or not own.dates:
        return f, sent
    return own, _Sentence(sent.start + start + lead, sent.start + start + lead + len(text), text)
