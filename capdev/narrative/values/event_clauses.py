"""Events read clause by clause: a sentence cut into event mentions, each with its own date, place and count.

"Workshops were held in Accra (March 2022, 25 participants) and Lomé (June 2022, 31 participants)" tells two
events; "des ateliers à Dakar en mars et à Abidjan en juin 2023" too (the first borrows the year of the second).
A date, a place or a count binds to the mention of its own clause (a parenthesis belongs to the clause it is
written in), never to one across a clause boundary. Clauses are cut at a joiner ("and", "et", "y", "as well as",
";") followed by a place or a month; a clause that names neither is part of the one before.

The screening of the drafts also lives here: what names no event's date (a quarter, a deadline), what did not take
place (postponed, cancelled), counts that are not exact ("about 35", "50+"), counts by sex ("18 women and 16
men"), and meetings a sentence recalls as history ("Since 2006, the Forum met in ..."). The words are data
(data/event_cues.json), in English, French and Spanish.
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache
from pathlib import Path

from ..types import DateRange, Event, PartialDate
from . import dates as _dates
from .dates import MONTHS, DateMention
from .event_counts import is_capacity, is_subset
from .event_estimates import rounded_count
from .event_plans import told_as_to_come
from .event_words import _NUMBER_WORDS, _PARTICIPANTS, _TYPE_RX, _mask_quotes, mask_not_a_mode
from .places import _demonym_scanner

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_MAX_SENTENCE = 2000  # characters: a longer "sentence" is a run of text, not a few events told together
_MAX_MENTIONS = 8
_SHORT_MONTHS = ("may", "mai")  # months whose whole name has three letters (other three-letter keys abbreviate)


@lru_cache(maxsize=1)
def _cues() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def _words(key: str) -> str:
    entry = _cues()[key]
    words = entry["words"] if isinstance(entry, dict) else entry
    return "|".join(sorted(words, key=len, reverse=True))


def bare_months(masked: str, dates: list[DateMention]) -> list[tuple[int, int, int]]:
    """(start, end, month) of each month a sentence writes outside its dates ("in April" after "In 2023")."""
    spans = [(d.start, d.end) for d in dates]
    out = []
    for m in _rx("month_only").finditer(masked):
        s = m.start("m")
        if any(a <= s < b for a, b in spans):
            continue
        if m.group("m")[0].islower() and m.group("m").lower() in ("may", "march"):
            continue  # "may", "march" as words, not months
        out.append((s, m.end("m"), MONTHS[m.group("m").lower()]))
    return out


@lru_cache(maxsize=None)
def _rx(name: str) -> re.Pattern[str]:
    """The patterns built from the data, compiled once."""
    w = _words
    patterns = {
        "joiner": rf"\s*;\s*|,?\s+(?:{w('joiners')})(?:\s+|(?<=['\u2019]))(?=(?:(?:{w('place_prepositions')})\s+)?"
                  rf"(?:l['\u2019])?[A-Z\u00c0-\u00dd]|(?:{w('determiners')})\s|\d{{1,5}}\s+(?:in|at|\u00e0|au|aux|en|a)\s)",
        # "... 40 greffiers à Bamako en mai 2022 et 36 à Ségou en mars 2023": a clause opening on the count of the
        # people the clause before it counted, then its place
        "lead_count": rf"(?:\s*;\s*|,?\s+(?:{w('joiners')})\s+)?(?:a\s+)?(?P<n>\d{{1,5}})\s+"
                      r"(?:in|at|\u00e0|au|aux|en|a)\s",
        "approx_before": rf"(?:^|\W)(?:{w('approximate')})\s*$",
        "approx_after": rf"^\s*(?:{w('approximate_after')})",
        "sex_pair": rf"(?P<a>\d{{1,4}})\s+(?P<s1>{w('women')}|{w('men')})\b[^\d;.()]{{0,40}}?\s*(?:,|and|et|y|\+)\s*"
                    rf"(?P<b>\d{{1,4}})\s+(?P<s2>{w('women')}|{w('men')})\b",
        "women": rf"^(?:{w('women')})$",
        "not_held": rf"\b(?:{w('not_held')})(?!\w)",
        "other_project": rf"\b(?:{w('other_project')})(?!\w)",
        "deadline": rf"\b(?:{w('deadline')})(?!\w)",
        "quarter": rf"(?<!\w)(?:{w('quarter')})",
        "history": rf"^\s*(?:{w('history')})\b",
        "own_subject": rf"\b(?:{w('own_subject')})\b",
        "total": rf"\b(?:{w('total')})\b",
        "bare_count": rf"\b(?:{w('count_prepositions')})\s+(?P<n>\d{{1,5}})\s*(?:[.;)]|$)",
        "month_only": r"\b(?:" + w("month_prepositions") + r")\s+(?P<m>" + "|".join(
            sorted((k for k in MONTHS if len(k) > 3 or k in _SHORT_MONTHS), key=len, reverse=True))
                      + r")\b(?!\.?\s*(?:de\s+|del\s+)?\d)",
        # "Implemented over 2021-2023, the initiative convened ...": a participle opening the sentence gives a period
        "period_lead": r"(?:^|[,;]\s*)(?:implemented|executed|running|mis\s+en\s+(?:\u0153|oe)uvre|ex[ée]cut[ée]e?s?|"
                       r"ejecutad[oa]s?|implementad[oa]s?|r[ée]alis[ée]e?\s+sur)\s+(?:over|during|between|from|sur|pendant|"
                       r"durant|de|entre|durante|desde)\s+(?:the\s+(?:period|years)\s+|la\s+p[ée]riode\s+|"
                       r"el\s+per[ií]odo\s+)?$",
        "online": r"\b(?:online|virtual(?:ly)?|en\s+ligne|virtuel(?:le)?s?|en\s+l[ií]nea|virtuales?|webinar\w*|"
                  r"webinaire\w*|a\s+distancia|[àa]\s+distance)\b",
        "period": rf"\b(?:(?:{w('period_subject')})s?(?:\s+(?:{w('period_words')}))?|(?:{w('period_words')})\s+"
                  rf"(?:of\s+the\s+|du\s+|de\s+l['\u2019]|del\s+)(?:{w('period_subject')}))\s*(?:\(|,\s*(?:which|that|"
                  rf"qui|que|running|runs|en\s+cours|mis\s+en|ejecutad|implementad|implemented)[^,()]{{0,60}}?(?=\d))",
    }
    return re.compile(patterns[name], 0 if name == "joiner" else re.IGNORECASE)


# ---------------------------------------------------------------- screening of one sentence's facts

def is_period_or_quarter(text: str, start: int, end: int) -> bool:
    """Is the date mention text[start:end] a quarter or semester ("Q3 2024", "au T2 2024", "segundo semestre de
    2024"), a deadline's date, or the project's period ("The project (2021-2023) ...")?"""
    written = text[max(0, start - 12) : end]
    if _rx("quarter").search(written):
        return True
    clause = re.split(r"[.;:]\s", text[max(0, start - 160) : start])[-1]
    if _rx("deadline").search(clause):
        return True  # "The deadline for applications to the course is 15 March 2024"
    before = text[max(0, start - 80) : start]
    m = None
    for m in _rx("period").finditer(before):
        pass
    if m is not None and m.end() >= len(before) - 25 and not re.search(r"[)]", before[m.end():]):
        return True
    return bool(_rx("period_lead").search(before))


def exact_count(text: str, num_start: int, num_end: int) -> bool:
    """Is the count text[num_start:num_end] written as exact (not "about 35", "environ 40", "más de 50", "50+")?"""
    if _rx("approx_before").search(text[max(0, num_start - 30) : num_start]):
        return False
    return not _rx("approx_after").match(text[num_end : num_end + 16])


def count_by_sex(text: str, num_start: int) -> int | None:
    """"18 women and 16 men" read at the first number: their sum (34); None when no such pair starts there."""
    m = _rx("sex_pair").match(text, num_start)
    if not m:
        return None
    women = _rx("women").match
    if bool(women(m.group("s1"))) == bool(women(m.group("s2"))):
        return None  # "18 women and 16 women": not a split by sex
    return int(m.group("a")) + int(m.group("b"))


# ---------------------------------------------------------------- clauses


def _clause_cuts(masked: str) -> list[int]:
    """Where the clauses of a sentence begin: at joiners outside parentheses."""
    depth_at = []
    depth = 0
    for ch in masked:
        depth_at.append(depth)
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    cuts = [0]
    demonym = _demonym_scanner()
    found = [m for m in _rx("joiner").finditer(masked)
             if not ("," not in m.group(0) and ";" not in m.group(0) and demonym.match(masked, m.end()))]
    # ("for Bhutanese and Timorese officials": one group of people, not a clause)
    # ", and organized online clinics ...", ", et a organisé un webinaire": a verb and the next event's word
    found += [m for m in _VERB_JOINER.finditer(masked)
              if any(rx.match(masked, m.end() + w.start()) for w in re.finditer(r"\S+", m.group("next"))
                     for _, rx in _TYPE_RX)]
    for m in sorted(found, key=lambda m: m.start()):
        if depth_at[m.start()] == 0 and m.end() > cuts[-1]:
            cuts.append(m.end())
    return cuts


# ", and organized online clinics": a comma, a joiner, then the next event's word within three words
_VERB_JOINER = re.compile(r",\s+(?:and|et|y|e)\s+(?=(?P<next>(?:[^\W\d][\w'\u2019-]*\s+){1,3}))")


class Mention:
    """One event mention: its clause [start, end) and the dates, place and counts written in it."""

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.dates: list[DateMention] = []
        self.months: list[tuple[int, int, int]] = []  # (start, end, month) written without a year
        self.places: list = []
        self.counts: list[tuple[int, int, int]] = []  # (start, end, n)
        self.online = False

    @property
    def anchored(self) -> bool:
        return bool(self.dates or self.months or self.places)


def _counts(text: str, masked: str, date_spans: list[tuple[int, int]]) -> list[tuple[int, int, int | None]]:
    out: list[tuple[int, int, int | None]] = []
    prev_end = -1
    for m in _PARTICIPANTS.finditer(masked):
        s = m.start("num")
        if any(a <= s < b for a, b in date_spans):
            continue
        if is_subset(masked, prev_end, s) or is_capacity(masked, s, m.end("num")):
            continue  # "41 officers (18 women)": part of the count before; "Cupo: 35 plazas": places, not people
        prev_end = m.end()
        raw = m.group("num").lower()
        n = _NUMBER_WORDS.get(raw) if raw in _NUMBER_WORDS else int(re.sub(r"[,\s]", "", raw))
        if not n:
            continue
        summed = count_by_sex(masked, s)
        if summed is not None:
            n = summed
        if not exact_count(masked, s, m.end("num")) and not rounded_count(masked, s, m.end("num")):
            n = None  # "up to 40": no count ("environ 40": rounded, read)
        out.append((m.start(), m.end(), n))
    return out


def read_mentions(f, more_places=None) -> list[Mention] | None:
    """The event mentions of a sentence (f: its _Facts) when it tells two or more, each anchored by a place or a
    date of its own; None when it tells one (the sentence is then read whole). more_places(text, cuts) gives the
    places that open a clause without a preposition ("... in Accra (March 2022) and Lomé (June 2022)")."""
    text = f.text
    if f.type is None or f.type == "milestone" or len(text) > _MAX_SENTENCE:
        return None
    masked = _mask_quotes(text)
    # Clauses after the event word only: "In 2019, UNDP and UN DESA organized a seminar" tells one event.
    # The first event word counts: "national workshop in Kampala (May 2023); webinar (July 2023)" tells two.
    first_kw = min((m.end() for _, rx in _TYPE_RX for m in [rx.search(masked)] if m), default=f.kw_end)
    cuts = [c for c in _clause_cuts(masked) if c == 0 or c > min(f.kw_end, first_kw)]
    if len(cuts) < 2:
        return None
    bounds = list(zip(cuts, cuts[1:] + [len(text)]))
    mentions = [Mention(a, b) for a, b in bounds]

    def owner(pos: int) -> Mention:
        for mn in mentions:
            if mn.start <= pos < mn.end:
                return mn
        return mentions[-1]

    for d in f.dates:
        owner(d.start).dates.append(d)
    spans = [(d.start, d.end) for d in f.dates]
    for s, e, month in bare_months(masked, f.dates):
        owner(s).months.append((s, e, month))
    places = list(f.places)
    if more_places is not None:
        taken = {(p.start, p.end) for p in places}
        places += [p for p in more_places(text, cuts) if (p.start, p.end) not in taken]
    for p in places:
        owner(p.start).places.append(p)
    for c in _counts(text, masked, spans):
        owner(c[0]).counts.append(c)
    for m in _rx("online").finditer(mask_not_a_mode(masked)):
        owner(m.start()).online = True
    # A clause that names no place nor date is part of the one before it ("... Ministry of Finance and Planning").
    merged: list[Mention] = []
    for mn in mentions:
        if merged and not mn.anchored:
            last = merged[-1]
            last.end = mn.end
            last.counts += mn.counts
            last.online = last.online or mn.online
            continue
        merged.append(mn)
    if merged and not merged[0].anchored and len(merged) > 1:
        # the words before the first anchored clause ("Workshops were held") are shared: no event of their own
        head = merged.pop(0)
        merged[0].start = head.start
        merged[0].counts = head.counts + merged[0].counts
    own = [mn for mn in merged if mn.anchored]
    if len(own) < 2 or len(own) > _MAX_MENTIONS:
        return None
    keys = {(tuple((d.range.start, d.range.end) for d in mn.dates), tuple(m[2] for m in mn.months),
             tuple(p.iso3 for p in mn.places)) for mn in own}
    if len(keys) < len(own):
        return None
    if any(len(mn.places) > 1 and len({p.iso3 for p in mn.places}) > 1 for mn in own):
        return None  # one clause with two countries: a list of venues read elsewhere (_multi_venue)
    # Counts told after the last mention's place and date, past a comma ("..., with 56 participants in total"),
    # count them all: no one mention's own.
    last = own[-1]
    counted = [mn for mn in own if mn.counts]
    if len(counted) == 1 and counted[0] is last and len(own) > 1 and not masked[: last.start].rstrip().endswith(";"):
        anchor_end = max([d.end for d in last.dates] + [m[1] for m in last.months] + [p.end for p in last.places])
        if all(re.search(r"[,;]", masked[anchor_end : c[0]]) and not _RELATIVE.match(masked, anchor_end)
               for c in last.counts):
            last.counts = []
    for mn in own:
        if any(_rx("total").search(masked[c[1] : c[1] + 14]) for c in mn.counts):
            mn.counts = []
        if len(mn.counts) > 1:
            mn.counts = []  # two counts in one clause: whose is whose is not written
    _elided_counts(own, masked, spans)
    _lend_head_date(own, masked)
    _lend_years(own)
    return own


# "... en Asunción del 14 al 18 de octubre de 2024, que contó con 48 participantes": the count of the last one told
_RELATIVE = re.compile(r"\s*,\s*(?:which|that|who|qui|lequel|laquelle|que|el\s+cual|la\s+cual)\s", re.I)


def _elided_counts(mentions: list[Mention], masked: str, date_spans: list[tuple[int, int]]) -> None:
    """"en Encarnación, con 38 participantes, y en Ciudad del Este, con 41": a clause ending on a bare number after
    "con" / "with" counts the people the clause before it counted."""
    for i, mn in enumerate(mentions):
        if mn.counts or i == 0 or not mentions[i - 1].counts or mentions[i - 1].counts[0][2] is None:
            continue
        m = _rx("bare_count").search(masked, mn.start, mn.end) or _rx("lead_count").match(masked, mn.start, mn.end)
        if m and not any(a <= m.start("n") < b for a, b in date_spans) \
                and exact_count(masked, m.start("n"), m.end("n")):
            mn.counts = [(m.start("n"), m.end("n"), int(m.group("n")))]


def _lend_head_date(mentions: list[Mention], masked: str) -> None:
    """"two workshops were held in February 2022: in Lilongwe, ... and in Lusaka, ...": a date written before the
    colon that opens the list is the date of each listed clause that writes none of its own."""
    first = mentions[0]
    colon = masked.find(":", first.start, first.end)
    if colon < 0 or not first.dates or any(d.start > colon for d in first.dates) \
            or not any(p.start > colon for p in first.places):
        return
    for mn in mentions[1:]:
        if not mn.dates and not mn.months:
            mn.dates = list(first.dates)


def _lend_years(mentions: list[Mention]) -> None:
    """"à Dakar en mars et à Abidjan en juin 2023": a month without its year takes the year of the nearest later
    mention's date (else the nearest earlier one)."""
    years = [next((d.range.start.year for d in mn.dates if d.range.start), None) for mn in mentions]
    for i, mn in enumerate(mentions):
        if mn.months and len(mn.dates) == 1 and _year_only(mn.dates[0].range):
            # "organisés en 2020, à Zinder en février": the month of the year written in the same clause
            year = mn.dates[0].range.start.year
            s, e, month = mn.months[0]
            mn.dates = [DateMention(s, e, DateRange(PartialDate(year, month), PartialDate(year, month)),
                                    text=f"{month:02d}/{year}")]
            continue
        if mn.dates or not mn.months:
            continue
        year = next((y for y in years[i + 1 :] if y), None) or next((y for y in reversed(years[:i]) if y), None)
        if year is None:
            mn.months = []
            continue
        s, e, month = mn.months[0]
        mn.dates = [DateMention(s, e, DateRange(PartialDate(year, month), PartialDate(year, month)),
                                text=f"{month:02d}/{year}")]


def _year_only(r: DateRange) -> bool:
    return bool(r.start and r.start.month is None and (r.end is None or r.end.year == r.start.year))


def clause_type(text: str, mn: Mention, default: str) -> str:
    """The kind of event a mention's clause names, else the sentence's."""
    masked = _mask_quotes(text[mn.start : mn.end])
    best = None
    for rank, (t, rx) in enumerate(_TYPE_RX):
        m = rx.search(masked)
        if m and t != "study" and (best is None or rank < best[0]):
            best = (rank, t)
    return best[1] if best else default


# ---------------------------------------------------------------- drafts set aside, history


def set_aside(events: list[Event]) -> tuple[list[Event], list[tuple[Event, str]]]:
    """Rows that are no dated event of the project: no date at all, or a meeting postponed or cancelled. They stay
    in the text and are flagged (reason given), never counted."""
    kept, aside = [], []
    for e in events:
        first = e.summary[:400]
        if e.start is None and e.end is None:
            aside.append((e, "no date"))
        elif _rx("not_held").search(first):
            aside.append((e, "postponed or cancelled"))
        elif _rx("other_project").search(first):
            aside.append((e, "an event of another project"))
        elif told_as_to_come(first):
            aside.append((e, "told as to come, not held"))
        else:
            kept.append(e)
    return kept, aside


def history_candidate(e: Event) -> bool:
    """Is an event told in a sentence that recalls the past ("Since 2006, the Forum met in ...") rather than the
    project's own work ("Since 2022, the project has held ...")?"""
    head = e.summary[:300]
    if not _rx("history").search(head):
        return False
    first = re.split(r"(?<=[.!?])\s", head, maxsplit=1)[0]
    return not _rx("own_subject").search(first)


def online_only(text: str) -> bool:
    return bool(_rx("online").search(mask_not_a_mode(text)))


_DATE_HEADING = re.compile(r"^[ \t]*(?P<h>[^\n]{3,40}?)[ \t:]*$", re.M)


@lru_cache(maxsize=2)
def _date_headings(text: str) -> tuple[list[int], list[int]]:
    """The offsets and years of the lines that are only a month and a year: read once per record (every narrative run of
    a record asks; a string's hash is kept, so the cache is looked up without reading the text again)."""
    heads: list[tuple[int, int]] = []
    for m in _DATE_HEADING.finditer(text):
        found = _dates.find_dates(m.group("h"))
        if len(found) == 1 and found[0].range.start and found[0].range.start.month \
                and not re.sub(r"[\W\d_]+", "", m.group("h").replace(found[0].text, "")):
            heads.append((m.start(), found[0].range.start.year))
    return [at for at, _ in heads], [year for _, year in heads]


def date_by_headings(text: str, events: list[Event], offset: int = 0) -> None:
    """A calendar's events under a heading that is only a month and year ("JULIO 2023" / "4–6 jul.  Montevideo ...
    Taller ..."): days written without their year take the heading's year (offset: where text begins in the
    record, as the events' spans count)."""
    if not any(e.start is None and e.span for e in events):
        return
    starts, years = _date_headings(text)
    if not starts:
        return
    for e in events:
        if e.start is not None or not e.span:
            continue
        k = bisect.bisect_right(starts, e.span[0] - offset) - 1
        year = years[k] if k >= 0 else None
        if year is None:
            continue
        pos = e.span[0] - offset
        end = text.find("\n", pos)
        line = text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)]
        near = _dates.find_dates_near(line, PartialDate(year, 12, 31))
        if near and near[0].range.start and near[0].range.start.year == year:
            e.start, e.end, e.dates_text = near[0].range.start, near[0].range.end, near[0].text


_SENTENCE_BACK = 240  # characters read back for the start of a sentence cut by a line or block break


def date_from_sentence_start(text: str, events: list[Event], offset: int = 0) -> None:
    """An event told in a sentence that begins on the line before its block ("El 3 de marzo de 2021 se" /
    "realizó un seminario virtual ..."): the one date of the sentence's first part is its date."""
    for e in events:
        if e.start is not None or not e.span or not e.summary[:1].islower():
            continue
        pos = e.span[0] - offset
        if pos <= 0 or pos > len(text):
            continue
        back = text[max(0, pos - _SENTENCE_BACK) : pos]
        cut = max(back.rfind(". "), back.rfind(".\n"), back.rfind("\n\n"), back.rfind("? "), back.rfind("! "))
        head = back[cut + 1 :] if cut >= 0 else back
        found = [d for d in _dates.find_dates(head) if d.range.start and d.range.start.month]
        if len(found) == 1 and not is_period_or_quarter(head, found[0].start, found[0].end):
            e.start, e.end, e.dates_text = found[0].range.start, found[0].range.end, found[0].text
