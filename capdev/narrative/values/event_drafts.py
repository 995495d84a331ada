"""Building event rows from sentences: titles, venues, dates; filling them from the sentences after; merging."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..types import Event, PartialDate
from .event_clauses import _RELATIVE
from .event_clauses import _counts as _clause_counts
from .event_facts import _Facts, _Place, _within_words
from .event_reach import tells_reach
from .event_words import (
    _CONNECT,
    _DETERMINERS,
    _DROP_LEFT,
    _FAMILY,
    _IN_PERSON,
    _MONTHS,
    _NUMBER_WORDS,
    _PLACE_WORD,
    _QUOTED,
    _RESPECTIVE,
    _SPECIFIC,
    _STOP_RIGHT,
    _VERBS_LEFT,
    _mask_quotes,
    _Sentence,
    language_of,
)

# ---------------------------------------------------------------- building events


@dataclass
class _Draft:
    event: Event
    title_rank: int  # 3 heading, 2 quoted title, 1 derived
    ranges: list = field(default_factory=list)  # DateRange
    country_text: str | None = None
    multi: bool = False
    planned: bool = False


def _best_range(mentions: list) -> tuple[PartialDate | None, PartialDate | None, str]:
    if not mentions:
        return None, None, ""
    precise = [d for d in mentions if d.range.start and d.range.start.precision != "year"] or mentions
    starts = [d.range.start for d in precise if d.range.start]
    ends = [d.range.end or d.range.start for d in precise if d.range.end or d.range.start]
    start = min(starts, key=lambda d: d.first_day()) if starts else None
    end = max(ends, key=lambda d: d.last_day()) if ends else None
    return start, end, "; ".join(d.text or "" for d in precise).strip("; ")


def _derived_title(f: _Facts, place: _Place | None, singular: bool = False) -> str:
    text, masked = f.text, _mask_quotes(f.text)
    # Left: adjectives written before the keyword ("regional capacity-building", "three-day training").
    left = re.split(r"[,;:.()\[\]—–]", masked[: f.kw_start])[-1]
    left_words = re.findall(r"[\w’'\-]+", left)
    mods: list[str] = []
    for w in reversed(left_words[-4:]):
        lw = w.lower()
        if (lw in _DETERMINERS or lw in _STOP_RIGHT or lw in _VERBS_LEFT or lw in _NUMBER_WORDS or w.isdigit()
                or w in _MONTHS or re.search(r"\d{4}", w)):
            break
        if re.search(r"(?:ed|ing)$", lw) and "-" not in lw and lw not in ("training", "building", "finding"):
            break
        at_start = not masked[: f.kw_start].strip(" \t").rstrip(w).strip()
        if w[0].isupper() and not mods and not at_start and lw not in ("capacity", "regional", "national", "technical",
                                                                       "high-level"):
            break
        mods.insert(0, w)
    while mods and mods[0].lower() in _DROP_LEFT:
        mods.pop(0)
    lang = language_of(text)
    if lang != "en":
        mods = []  # French and Spanish put their adjectives after the noun: the words before it are verbs, articles
    kw = f.kw_text
    launched = re.match(r"(?is)(.*?)\s+(?:was|were|has\s+been|have\s+been)\s+.*launched$", kw)
    if f.type == "publication_launch" and launched:
        # "The e-Government Survey 2012 was launched" -> "Launch of the e-Government Survey 2012"
        return "Launch of the " + re.sub(r"(?i)^the\s+", "", launched.group(1))
    if singular:
        kw = re.sub(r"(?i)(meeting|workshop|webinar|mission|conference|forum|seminar|summit|consultation)s\b", r"\1",
                    kw)
    phrase = " ".join(mods + [kw])
    # Right: "on ...", "for ...", "to <place>" up to a clause boundary.
    rest = text[f.kw_end :]
    m = re.match(r"\s+(on|for|to|about|in\s+support\s+of|regarding)\s+", rest, re.I)
    if m:
        words = []
        tail = rest[m.end() :]
        for tok in re.finditer(r"[^\s]+", tail):
            w = tok.group(0)
            core = w.strip(",;:.()[]—–")
            if not core or core.lower() in _STOP_RIGHT or (core[0].isdigit() and not words):
                break
            if core in _MONTHS and words:
                break
            if re.search(r"(?:ed)$", core) and core[0].islower() and words and words[-1].lower() not in _CONNECT:
                break
            words.append(core)
            if w != core and not w.endswith("’s") and re.search(r"[,;:.()\[\]—–]$", w):
                break
            if len(words) >= 14:
                break
        while words and words[-1].lower() in _CONNECT:
            words.pop()
        if words:
            phrase += f" {m.group(1)} " + " ".join(words)
    if lang != "en":
        # "un atelier régional" -> "Atelier régional": the keyword's article off, the adjective after it kept.
        after = re.match(r"\s+([^\W\d_][\w’'\-]*)", text[f.kw_end :])
        if after and after.group(1).lower() in _ADJECTIVES_AFTER:
            phrase = f"{phrase} {after.group(1)}"
    if place is not None and not re.search(r"\s(?:on|for|to|about|sur|sobre|pour|para)\s", phrase):
        phrase += f" {_PLACE_WORD[lang]} {place.city or _strip_the(place.text)}"
    phrase = re.sub(r"(?i)^(?:un|une|una|uno|el|la|los|las|le|les|des)\s+", "", phrase.strip())
    return phrase[:1].upper() + phrase[1:]


_ADJECTIVES_AFTER = {"régional", "regional", "national", "nacional", "sous-régional", "subregional", "international",
                     "internacional", "technique", "técnico", "técnica", "virtuel", "virtual", "régionale", "nationale",
                     "internationale", "virtuelle"}


def _milestone_title(text: str) -> str:
    # "In November 2024, the Government of Barbados officially requested inclusion ..." -> the clause after the date.
    t = re.sub(r"^(?:In|On|By|During|Since)\s+[^,]{3,40},\s*", "", text.strip())
    t = _strip_the(t).rstrip(".")
    words = t.split()
    t = " ".join(words[:14])
    return t[:1].upper() + t[1:]


def _strip_the(text: str) -> str:
    return re.sub(r"^the\s+", "", text, flags=re.I)


def _venue(f: _Facts) -> _Place | None:
    if not f.places:
        return None
    with_city = [p for p in f.places if p.city]
    if with_city:
        return min(with_city, key=lambda p: abs(p.start - max(f.kw_start, 0)))
    prep = [p for p in f.places if p.prep]
    pool = prep or f.places
    return min(pool, key=lambda p: abs(p.start - max(f.kw_start, 0)))


def _new_draft(f: _Facts, sent: _Sentence, offset: int, *, title: str | None = None, rank: int = 1,
               dates: list | None = None, place: _Place | None = None, singular: bool = False) -> _Draft:
    mentions = f.dates if dates is None else dates
    start, end, dates_text = _best_range(mentions)
    venue = place if place is not None else _venue(f)
    if title is None:
        q = _QUOTED.search(f.text)
        if f.type == "milestone":
            title, rank = _milestone_title(f.text), 1
        elif f.quoted and f.kw_end >= 0 and q.start() >= f.kw_end and _within_words(f.text, f.kw_end, q.start(), 4):
            title, rank = f.quoted, 2
        else:
            title, rank = _derived_title(f, venue, singular), 1
    ev = Event(
        type=f.type or "workshop",
        title=re.sub(r"^[-\u2022*\u00b7\u25aa\u2013]\s+", "", title),  # a list item's bullet is no part of a name
        start=start,
        end=end,
        country=venue.iso3 if venue else f.demonym,
        city=venue.city if venue else None,
        online=f.online or f.type == "webinar",
        participants=f.participants,
        participants_qualifier=f.qualifier,
        participants_profile=f.profile,
        participant_countries=f.participant_countries,
        organisers=list(f.organisers),
        summary=sent.text,
        dates_text=dates_text,
        span=(sent.start + offset, sent.end + offset),
    )
    return _Draft(ev, rank, [d.range for d in mentions], venue.text if venue else None, planned=f.future)


_TOTAL_AFTER = re.compile(r"\s*(?:in\s+total|in\s+all|overall|altogether|au\s+total|en\s+tout|en\s+total|"
                          r"en\s+conjunto|al\s+todo)\b", re.I)


class _Runs:
    """A list of places as runs in which they follow one another in the text (the countries found, then the
    cities), to find the places in a stretch of text without going through the list at each date."""

    def __init__(self, places: list[_Place]) -> None:
        self.runs: list[tuple[list[int], list[_Place]]] = []
        for p in places:
            if not self.runs or p.start < self.runs[-1][0][-1]:
                self.runs.append(([], []))
            self.runs[-1][0].append(p.start)
            self.runs[-1][1].append(p)

    def last_in(self, lo: int, hi: int) -> _Place | None:
        """The last place of the list that begins in [lo, hi)."""
        for starts, places in reversed(self.runs):
            k = bisect.bisect_left(starts, hi) - 1
            if k >= 0 and starts[k] >= lo:
                return places[k]
        return None

    def first_in(self, lo: int, hi: int, near: Callable[[_Place], bool]) -> _Place | None:
        """The first place of the list that begins in [lo, hi) and is near (a place further on in a run is no
        nearer: only the first of each run is asked)."""
        for starts, places in self.runs:
            k = bisect.bisect_left(starts, lo)
            if k < len(starts) and starts[k] < hi and near(places[k]):
                return places[k]
        return None


def _multi_venue(f: _Facts, sent: _Sentence, offset: int) -> list[_Draft] | None:
    """'meetings in Athens, Greece, from 30 October to 2 November 2006, Rio de Janeiro, Brazil, from ...': one row
    each."""
    if len(f.dates) < 2:
        return None
    pairs = []
    prev_end = 0
    runs = _Runs(f.places)
    for i, d in enumerate(f.dates):
        # The last place (in the list's order) in [prev_end, d.start), else the first one in [d.end, next date)
        # within three words.
        venue = runs.last_in(prev_end, d.start)
        if venue is None:
            nxt = f.dates[i + 1].start if i + 1 < len(f.dates) else len(f.text)
            venue = runs.first_in(d.end, nxt, lambda p: _within_words(f.text, d.end, p.start, 3))
        pairs.append((d, venue))
        prev_end = d.end
    placed = [(d, v) for d, v in pairs if v is not None]
    if len(placed) < 2 or len({(v.iso3, v.city) for _, v in placed}) < 2:
        return None
    out = []
    for d, v in placed:
        out.append(_new_draft(f, sent, offset, dates=[d], place=v, singular=True))
        out[-1].multi = True
    resp = _RESPECTIVE.search(f.text)
    counts = [int(n) for n in re.findall(r"\d{1,5}", resp.group("counts"))] if resp else []
    if len(counts) == len(out):
        # "In Thimphu in November 2019 and in Kathmandu in February 2020, workshops trained 36 and 58 officials
        # respectively": each venue its count.
        for draft, n in zip(out, counts):
            draft.event.participants = n
        return out
    # "in Tegucigalpa (16-18 November 2021, 42 participants), Guatemala City (8-10 February 2022, 38 participants)
    # and ...": each venue the one count written in its own stretch; the sentence's count is no one venue's
    masked = _mask_quotes(f.text)
    spans = [(d.start, d.end) for d in f.dates]
    found = _clause_counts(f.text, masked, spans)
    starts = [min(d.start, v.start) for d, v in placed]
    for k, draft in enumerate(out):
        lo, hi = starts[k], starts[k + 1] if k + 1 < len(starts) else len(f.text)
        own = [c for c in found if lo <= c[0] < hi and not _TOTAL_AFTER.match(f.text, c[1])]
        if k == len(out) - 1:
            # after the last venue, only a count inside its own parenthesis is its ("San Salvador (24-26 May 2022,
            # 35 participants)"); "..., with 1,500 participants" counts them all
            # ", que contó con 48 participantes" right after its date is a relative clause: the last one's
            end = max(placed[k][0].end, placed[k][1].end)
            own = [c for c in own if f.text[lo : c[0]].count("(") > f.text[lo : c[0]].count(")")
                   or (_RELATIVE.match(f.text, end) and "," not in f.text[end + 2 : c[0]])]
        ev = draft.event
        ev.participants = own[0][2] if len(own) == 1 else None
        if ev.participants is None:
            ev.participants_qualifier, ev.participants_profile, ev.participant_countries = None, None, None
    return out


def _fill(draft: _Draft, f: _Facts, sent: _Sentence, offset: int, *, dates_ok: bool = True) -> None:
    """Add what a body or continuation sentence tells about an event already drafted."""
    ev = draft.event
    if dates_ok and ev.start is None and f.dates:
        start, end, dt = _best_range(f.dates)
        ev.start, ev.end, ev.dates_text = start, end, dt
        draft.ranges = [d.range for d in f.dates]
    if ev.country is None:
        v = _venue(f)
        if v is not None:
            ev.country, ev.city, draft.country_text = v.iso3, v.city, v.text
        elif f.demonym:
            ev.country = f.demonym
    if ev.participants is None and f.participants and not tells_reach(sent.text, f.participants):
        ev.participants, ev.participants_qualifier = f.participants, f.qualifier
        ev.participants_profile, ev.participant_countries = f.profile, f.participant_countries
        if ev.country is None and f.demonym:
            ev.country = f.demonym
    for o in f.organisers:
        if o not in ev.organisers:
            ev.organisers.append(o)
    if f.online and not _IN_PERSON.search(ev.summary):
        ev.online = True
    if f.future:
        draft.planned = True
    ev.summary = f"{ev.summary} {sent.text}".strip()
    a, b = ev.span or (sent.start + offset, sent.end + offset)
    ev.span = (min(a, sent.start + offset), max(b, sent.end + offset))


def _overlap(a: Event, b: Event) -> bool:
    if a.start is None or b.start is None:
        return False
    a1, a2 = a.start.first_day(), (a.end or a.start).last_day()
    b1, b2 = b.start.first_day(), (b.end or b.start).last_day()
    return a1 <= b2 and b1 <= a2


def _title_key(title: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    generic = {"workshop", "workshops", "webinar", "webinars", "series", "mission", "missions", "meeting", "meetings",
               "training", "capacity", "development", "building", "conference", "advisory", "regional", "national"}
    return {w for w in words if w not in _CONNECT and w not in generic and len(w) > 2}


def _same_event(a: _Draft, b: _Draft) -> bool:
    ea, eb = a.event, b.event
    if _FAMILY.get(ea.type, ea.type) != _FAMILY.get(eb.type, eb.type) or (a.multi and b.multi):
        return False
    if ea.city and eb.city and ea.city != eb.city:
        return False
    if ea.start is not None and eb.start is not None:
        if ea.country and eb.country and ea.country != eb.country:
            return False
        return _overlap(ea, eb)
    if ea.country != eb.country:
        return False  # an undated row joins another only where both name the same place (or none)
    ka, kb = _title_key(ea.title), _title_key(eb.title)
    return len(ka) >= 3 and len(kb) >= 3 and (ka <= kb or kb <= ka)


def _merge(a: _Draft, b: _Draft) -> None:
    ea, eb = a.event, b.event
    if _SPECIFIC.index(eb.type) < _SPECIFIC.index(ea.type):
        ea.type = eb.type
    if b.title_rank > a.title_rank:
        ea.title, a.title_rank = eb.title, b.title_rank
    if eb.start is not None and (ea.start is None or _precision_rank(eb.start) > _precision_rank(ea.start)):
        ea.start, ea.end, ea.dates_text = eb.start, eb.end, eb.dates_text
    elif eb.dates_text and eb.dates_text not in ea.dates_text:
        ea.dates_text = f"{ea.dates_text}; {eb.dates_text}".strip("; ")
    if ea.country is None:
        ea.country = eb.country
    if ea.city is None:
        ea.city = eb.city
    if ea.participants is None and eb.participants is not None:
        ea.participants, ea.participants_qualifier = eb.participants, eb.participants_qualifier
        ea.participants_profile, ea.participant_countries = eb.participants_profile, eb.participant_countries
    for o in eb.organisers:
        if o not in ea.organisers:
            ea.organisers.append(o)
    ea.online = ea.online or eb.online
    if eb.summary and eb.summary not in ea.summary:
        ea.summary = f"{ea.summary} {eb.summary}".strip()
    if ea.span and eb.span:
        ea.span = (min(ea.span[0], eb.span[0]), max(ea.span[1], eb.span[1]))
    a.planned = a.planned and b.planned


class _Merged:
    """The drafts of one text, each merged into the first earlier one telling the same event (_same_event).

    A draft is compared only with the earlier ones that can tell the same event: of its family and, when both
    are dated, sharing a month; when one is undated, naming the same country and sharing a word of their titles
    (one title's words must hold the other's). Comparing each with all the earlier ones cost the square of their
    number. A draft that a merge changes is indexed again under its new dates, country and title; its old
    entries stay, harmless, since every candidate is checked with _same_event.
    """

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.dated: dict[tuple, list[int]] = {}  # (family, year, month) -> dated drafts
        self.worded: dict[tuple, list[int]] = {}  # (family, country, title word) -> drafts

    def add(self, d: _Draft) -> None:
        family, ev = _FAMILY.get(d.event.type, d.event.type), d.event
        candidates: set[int] = set()
        words = _title_key(ev.title)
        if len(words) >= 3:  # fewer: no undated match (_same_event asks for three words on both sides)
            for word in words:
                candidates.update(self.worded.get((family, ev.country, word), ()))
        if ev.start is not None:
            for month in _months(ev):
                candidates.update(self.dated.get((family, *month), ()))
        for i in sorted(candidates):
            if _same_event(self.drafts[i], d):
                _merge(self.drafts[i], d)
                self.index(i)
                return
        self.drafts.append(d)
        self.index(len(self.drafts) - 1)

    def index(self, i: int) -> None:
        ev = self.drafts[i].event
        family = _FAMILY.get(ev.type, ev.type)
        for word in _title_key(ev.title):
            self.worded.setdefault((family, ev.country, word), []).append(i)
        if ev.start is not None:
            for month in _months(ev):
                self.dated.setdefault((family, *month), []).append(i)


def _months(ev: Event) -> list[tuple[int, int]]:
    """The months an event's dates run over (as _overlap reads them: start's first day to end's last day)."""
    a, b = ev.start.first_day(), (ev.end or ev.start).last_day()
    lo, hi = min(a, b), max(a, b)
    return [(y, m) for y in range(lo.year, hi.year + 1)
            for m in range(lo.month if y == lo.year else 1, (hi.month if y == hi.year else 12) + 1)]


def _precision_rank(d: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[d.precision]


@dataclass
class _Context:
    """What a counting sentence ("three workshops were organized in Saint Lucia") lends the sentences after it."""

    family: str
    iso3: str | None
    city: str | None
    text: str | None
    remaining: int
    lines_left: int = 4


def _apply_context(draft: _Draft, ctx: _Context | None, f: _Facts) -> None:
    if ctx is None or _FAMILY.get(draft.event.type, draft.event.type) != ctx.family:
        return
    if draft.event.country is None and ctx.iso3:
        draft.event.country, draft.event.city = ctx.iso3, draft.event.city or ctx.city
        if draft.title_rank == 1 and not re.search(r"\s(?:in|on|for|to)\s", draft.event.title) and ctx.text:
            draft.event.title = f"{draft.event.title} in {_strip_the(ctx.text)}"
    ctx.remaining -= f.counting or 1


