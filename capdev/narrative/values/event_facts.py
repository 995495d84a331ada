"""What one sentence tells of an activity: its type, dates, venue, participants, organisers; and heading lines."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..intervals import Intervals
from ..text_cache import per_text
from . import dates as _dates
from . import places as _places
from .cities import find_cities
from .event_apposition import city_before_date
from .event_attendance import attended_of_registered
from .event_clauses import count_by_sex, exact_count, is_period_or_quarter, rounded_count
from .event_counts import is_capacity, spans_a_year, verb_event
from .event_documents import of_a_document
from .event_months import month_of_year
from .event_online import told_online
from .event_runs import project_period
from .event_words import (
    _CONNECT,
    _COUNTING,
    _FROM_COUNT,
    _FUTURE,
    _GENERIC_PROFILE,
    _MILESTONE,
    _MONTHS,
    _NUMBER_WORDS,
    _OCCURRED,
    _ORGANISER_CUE,
    _PARTICIPANTS,
    _PEOPLE,
    _QUOTED,
    _TYPE_RX,
    _mask_quotes,
    language_of,
)
from .orgs import find_organisations, is_country_name, scan_span
from .spelled_counts import digits_of_spelled

# ---------------------------------------------------------------- facts of one sentence


@dataclass
class _Place:
    start: int
    end: int
    iso3: str
    text: str
    city: str | None = None
    prep: bool = False


@dataclass
class _Facts:
    text: str
    type: str | None = None
    kw_start: int = -1
    kw_end: int = -1
    kw_text: str = ""
    dates: list = field(default_factory=list)  # DateMention, outside quotes
    places: list[_Place] = field(default_factory=list)  # venue candidates
    participants: int | None = None
    qualifier: str | None = None
    profile: str | None = None
    participant_countries: int | None = None
    demonym: str | None = None
    quoted: str | None = None
    organisers: list[str] = field(default_factory=list)
    online: bool = False
    occurred: bool = False
    future: bool = False
    counting: int | None = None  # "three workshops were organized": how many


def _find_type(masked: str) -> tuple[str | None, re.Match[str] | None]:
    best: tuple[int, int, str, re.Match[str]] | None = None
    for rank, (t, rx) in enumerate(_TYPE_RX):
        for m in rx.finditer(masked):
            if of_a_document(masked, m.start(), m.end()):
                continue  # "two mission reports", "le rapport de l'atelier": a document, not an event
            if t == "study" and not re.search(r"stud|assess|survey|diagnos|evaluat", m.group(0), re.I):
                continue
            cand = (rank, m.start(), t, m)
            if best is None or (rank, m.start()) < (best[0], best[1]):
                best = cand
            break
    if best is None:
        return None, None
    return best[2], best[3]


_TOKEN = re.compile(r"\S+")


def _word_distance(text: str, a: int, b: int) -> int:
    lo, hi = sorted((a, b))
    return len(_TOKEN.findall(text, lo, hi))


def _within_words(text: str, a: int, b: int, most: int) -> bool:
    """_word_distance(text, a, b) <= most, reading no further than the words it counts (a sentence may be long,
    and a word's distance to each of many dates or places is asked)."""
    lo, hi = sorted((a, b))
    for n, _ in enumerate(_TOKEN.finditer(text, lo, hi), 1):
        if n > most:
            return False
    return True


_SINCE = re.compile(r"\b(?:since|depuis|desde|ever\s+since)\s+(?:(?:the\s+)?(?:year|early|late|mid)\s+)?$", re.I)


def _places_in(text: str, masked: str, excluded: list[tuple[int, int]]) -> list[_Place]:
    out: list[_Place] = []
    orgs = Intervals((s, e) for s, e, _ in find_organisations(text))
    home = Intervals(excluded)
    cities = find_cities(text)
    # "a Antigua Guatemala": a country's name inside a longer name of another country's city is the city's
    elsewhere = Intervals((c.start, c.end) for c in cities)
    for cm in _places.find_countries(text):
        if masked[cm.start : cm.end] != text[cm.start : cm.end]:
            continue  # inside a quoted title
        if elsewhere.holds(cm.start) and any(c.start <= cm.start and cm.end <= c.end and c.iso3 != cm.iso3
                                             and c.end - c.start > cm.end - cm.start for c in cities):
            continue
        if home.holds(cm.start):
            continue  # a participant's home country, not the venue
        if orgs.holds(cm.start) and not _after_government_of(text, cm.start):
            continue  # "UNDP Togo", "ECLAC Caribbean": an organisation's name
        if re.match(r"[’']s\b", text[cm.end : cm.end + 2]):
            continue  # "Saint Lucia's Digital Transformation Strategy"
        if _names_kind(masked, cm.start) and not _AT_PLACE.search(text, max(0, cm.start - 12), cm.start):
            continue  # "– Réunion de validation –", "Reunión técnica": an event's word, no island
        city = _city_before(text, cm.start)
        before = text[max(0, cm.start - 25) : cm.start]
        prep = bool(re.search(r"\b(?:in|to|at|of|for)\s+(?:the\s+)?$", before, re.I)) or city is not None
        out.append(_Place(cm.start, cm.end, cm.iso3, cm.text, city, prep))
    # "(4-5 July 2024, Freetown, Sierra Leone)" and "in Bridgetown, Barbados" name cities; nothing else needed.
    # "in Lusaka": a known city named alone gives its country.
    # The cities found never overlap one another (one scan): a city is checked against the countries' places and
    # the names of the cities taken so far.
    named = {p.city for p in out}
    placed = Intervals((p.start, p.end) for p in out)
    for cm in cities:
        if masked[cm.start : cm.end] != text[cm.start : cm.end] or home.holds(cm.start):
            continue
        if cm.name in named or placed.holds(cm.start):
            continue
        if orgs.holds(cm.start):
            continue
        named_as_venue = (_OF_EVENT.search(text[max(0, cm.start - 40) : cm.start])
                          or (_EVENT_AFTER.match(text, cm.end)
                              and (text[max(0, cm.start - 4) : cm.start] in ("the ", "The ")
                                   or not text[: cm.start].strip(" \t-*\u2022\u00b7\u25aa"))))
        # "Taller de inducción, Cusco.": a known city alone between a comma and the clause's end
        alone = text[max(0, cm.start - 3) : cm.start].rstrip().endswith(",") and _CLAUSE_END.match(text, cm.end)
        if _PREPOSITION_BEFORE.search(text[max(0, cm.start - 30) : cm.start]) or named_as_venue or alone \
                or city_before_date(text, cm.start, cm.end):
            out.append(_Place(cm.start, cm.end, cm.iso3, cm.name, cm.name, True))
            named.add(cm.name)
    return out


_CLAUSE_END = re.compile(r"\s*(?:[.;:)]|$)")
_IN_CODE = re.compile(r"[-/_][A-Z]{1,6}\b")  # "Project 2019-DA-11", "2020/GOV": a code's year, no event's date
# "in Lusaka", and "methodology in" / "        Tegucigalpa": a wrapped line's indent between them
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|à|au|en|a)\s+$", re.I)
_AT_PLACE = re.compile(r"\b(?:in|at|to|on|à|en|a|de|la|l['’])\s+$", re.I)


def _names_kind(masked: str, at: int) -> bool:
    """Does a kind of event's word begin at `at` (a place's name that is also an event's: "Réunion")?"""
    return any(rx.match(masked, at) for _, rx in _TYPE_RX)


# "l'atelier de Cotonou", "el taller de Asunción", "the Nairobi workshop" aside: a city named after its event's word.
_OF_EVENT = re.compile(r"(?:atelier|taller|s[ée]minaire|seminario|r[ée]union|reuni[oó]n|forum|foro|conf[ée]rence|"
                       r"conferencia|formation|capacitaci[oó]n|curso|workshop|conference|meeting)s?"
                       r"(?:\s+(?:r[ée]gional|national|nacional|technique|t[ée]cnico|de\s+validation|de\s+validaci[oó]n))?"
                       r"\s+(?:de|d['’]|of)\s*$", re.I)
# "the Maputo seminar", "The Nairobi workshop", an item's "- Banjul national workshop ...": a city named before its
# event's word.
_EVENT_AFTER = re.compile(r"\s+(?:(?:regional|national|technical|validation|training|inception)\s+)?"
                          r"(?:seminars?|workshops?|meetings?|conferences?|forums?|trainings?|courses?|consultations?)\b")
_GOVERNMENT_OF = re.compile(r"\bGovernment\s+of\s+$")


def _after_government_of(text: str, at: int) -> bool:
    """Does text[:at] end with "Government of "? Only the words that can be those are read (the match can begin
    nowhere else), not the whole text before `at`."""
    k = at
    while k > 0 and text[k - 1].isspace():
        k -= 1
    k -= 2  # "of"
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return bool(_GOVERNMENT_OF.search(text, max(0, k - len("Government")), at))


_CITY = re.compile(r"((?:[A-Z][\w’'\-]+)"
                   r"(?:\s+(?:[A-Z][\w’'\-]+|de|da|do|del|dos|el|al|es|la|le|of|upon|en)){0,3})"
                   r"(?:,|\s*\()\s*$")  # "Lusaka, Zambia", "Douala (Cameroun)"
_NOT_CITY = re.compile(r"^(?:The|In|On|At|From|To|And|During|Government|Ministry|Republic|Kingdom|State|Mission|"
                       r"Workshop|Meeting|Conference|Forum|Webinar|Training)\b")


def _city_before(text: str, at: int) -> str | None:
    m = _CITY.search(text[max(0, at - 60) : at])
    if not m:
        return None
    if not m.group(0).rstrip().endswith(",") and not any(c.end == len(m.group(1)) for c in find_cities(m.group(1))):
        return None  # "(Kenya)" after a name: only a known city's country ("Douala (Cameroun)"), never a body's
    city = m.group(1)
    words = city.split()
    # Keep the capitalised tail only: "held in Rio de Janeiro" -> "Rio de Janeiro".
    while words and (words[0][0].islower() or _NOT_CITY.match(words[0])):
        words.pop(0)
    city = " ".join(words)
    if not city or city in _MONTHS or is_country_name(city) or _NOT_CITY.match(city):
        return None
    if find_organisations(city) or re.search(r"\d", city):
        return None
    return city


def _participants(text: str, date_spans: list[tuple[int, int]]) -> tuple[dict, list[tuple[int, int]]]:
    """Count, qualifier, profile and countries of participants; also the spans of their home-country lists."""
    excluded: list[tuple[int, int]] = []
    dates = Intervals(date_spans)
    countries = _CountryList(text)
    for m in _PARTICIPANTS.finditer(text):
        if dates.holds(m.start("num")) or is_capacity(text, m.start("num"), m.end("num")):
            continue
        raw = m.group("num").lower()
        n = _NUMBER_WORDS.get(raw) if raw in _NUMBER_WORDS else int(re.sub(r"[,\s]", "", raw))
        if not n:
            continue
        n = count_by_sex(text, m.start("num")) or n
        estimate = not exact_count(text, m.start("num"), m.end("num"))
        if estimate and not rounded_count(text, m.start("num"), m.end("num")):
            n = None  # "up to 35", "an estimated 40": no count ("environ 40", "50+": rounded, read approximately)
        profile = (m.group("profile") + (m.group("more") or "")).strip()
        demonym = None
        for dm in _places.find_demonyms(profile):
            if dm.start == 0:
                demonym = dm.iso3
                profile = profile[dm.end :].strip()
        if profile.lower() in _GENERIC_PROFILE:
            profile = None
        info = {"participants": n,
                "qualifier": ((m.group("qual") or None) and re.sub(r"\s+", " ", m.group("qual").lower()))
                or ("approximately" if estimate else None),
                "profile": profile, "demonym": demonym, "participant_countries": None}
        fc = _FROM_COUNT.match(text, m.end())
        if fc:
            word = fc.group("n").lower()
            info["participant_countries"] = (_NUMBER_WORDS.get(word) if word in _NUMBER_WORDS
                                             else int(re.sub(r"[,\s]", "", word)))
        else:
            listed = countries.after(m.end())
            if listed:
                info["participant_countries"] = len({c.iso3 for c in listed})
                excluded.append((listed[0].start, listed[-1].end))
        return info, excluded
    # "participants from Mali, Niger and Senegal" without a count still names home countries.
    for m in re.finditer(rf"{_PEOPLE}", text, re.I):
        listed = countries.after(m.end())
        if listed:
            excluded.append((listed[0].start, listed[-1].end))
    return {}, excluded


_FROM = re.compile(r"\s+(?:from|representing|of)\s+(?:the\s+)?")


class _CountryList:
    """The countries named in a text, found once (when first asked), for the lists of home countries that follow
    the participants' mentions ("officials from Mali, Niger and Senegal")."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions: list | None = None
        self.starts: list[int] = []

    def after(self, pos: int) -> list:
        """The countries listed right after pos ("from X, Y and Z"), or []."""
        m = _FROM.match(self.text, pos)
        if not m:
            return []
        if self.mentions is None:
            self.mentions = _places.find_countries(self.text)
            self.starts = [c.start for c in self.mentions]
        return _listed(self.text, m.end(), self.mentions[bisect.bisect_left(self.starts, m.end()) :])


def _listed(text: str, at: int, mentions: list) -> list:
    out = []
    for c in mentions:
        gap = text[at : c.start]
        if out and not re.fullmatch(r"\s*(?:,|and|&|,\s*and|as\s+well\s+as)\s*(?:the\s+)?", gap):
            break
        if not out and gap.strip():
            break
        out.append(c)
        at = c.end
    return out


_CLAUSE_END = re.compile(r"[.;]|\s(?:to|and\s+(?:was|were|is|are))\s")


def _organisers(text: str, masked: str) -> list[str]:
    out: list[str] = []
    clause_scan: tuple[int, set[int]] | None = None  # (clause end, the words its first cue's scan looked at)
    for cue in _ORGANISER_CUE.finditer(masked):
        clause_end = _CLAUSE_END.search(masked, cue.end())
        end = clause_end.start() if clause_end else len(masked)
        # Cues of one clause scan suffixes of the same text: a later cue's scan is read only until it meets a
        # word the first cue's scan looked at, from where the two agree (and its names are in already).
        same = clause_scan is not None and clause_scan[0] == end
        looked: set[int] = set()
        for match in scan_span(text, cue.end(), end, looked=looked, stop_at=clause_scan[1] if same else None):
            if match.org.label not in out:
                out.append(match.org.label)
        if not same:
            clause_scan = (end, looked)
    # "In 2019, UNDP and UN DESA organized a seminar": organisations that are the subject of an organising verb.
    verb = re.search(r"\s+(?:(?:has|have|had|jointly|together)\s+)?(?:co-)?(?:organi[sz]ed|hosted|"
                     r"convened|held|conducted|"
                     r"delivered|launched|organi[sz]es|hosts|convenes)\b", masked)
    if verb:
        subject_start = re.match(r"^\s*(?:(?:In|On|During|From)\s+[^,]{3,40},\s*)?(?:the\s+)?", text, re.I).end()
        found = [(s, e, label) for s, e, label in find_organisations(text[:verb.start()]) if s >= subject_start]
        gaps = []
        cursor = subject_start
        for s, e, _ in found:
            gaps.append(text[cursor:s])
            cursor = e
        gaps.append(text[cursor : verb.start()])
        if found and all(re.fullmatch(r"\s*(?:,|and|&|,\s*and|the)?\s*(?:the\s+)?", g, re.I) for g in gaps):
            for _, _, label in reversed(found):
                if label not in out:
                    out.insert(0, label)
    return out


@per_text()
def _facts(text: str) -> _Facts:
    """What one sentence tells (kept per text: headings and bodies are looked at more than once; callers never
    mutate it)."""
    return _read_facts(text)


def _read_facts(text: str) -> _Facts:
    masked = _mask_quotes(text)
    f = _Facts(text)
    f.type, kw = _find_type(masked)
    if kw is not None:
        f.kw_start, f.kw_end, f.kw_text = kw.start(), kw.end(), kw.group(0)
    mentions = [d for d in _dates.find_dates(text) if masked[d.start : d.end] == text[d.start : d.end]]
    date_spans = [(d.start, d.end) for d in mentions]
    # "Since 2012 UNITAR has trained ...": the start of a period, not the date of an activity; "the project, which
    # runs from January 2022 to December 2024": the project's period.
    f.dates = [d for d in mentions if not _SINCE.search(text, max(0, d.start - 12), d.start)
               and not project_period(text, d.start, f.kw_end, d.range)
               and not is_period_or_quarter(text, d.start, d.end) and not spans_a_year(d.range)]
    f.dates = month_of_year(masked, [d for d in f.dates if not _IN_CODE.match(text, d.end)])
    info, excluded = _participants(digits_of_spelled(masked), date_spans)
    if info:
        f.participants, f.qualifier, f.profile = info["participants"], info["qualifier"], info["profile"]
        f.participant_countries, f.demonym = info["participant_countries"], info["demonym"]
    came = attended_of_registered(digits_of_spelled(masked))  # "210 registered and 164 attended": 164
    if came is not None:
        f.participants, f.qualifier = came.count, came.qualifier
    f.places = _places_in(text, masked, excluded)
    q = _QUOTED.search(text)
    if q:
        f.quoted = next(g for g in q.groups() if g).strip()
    f.organisers = _organisers(text, masked)
    f.online = told_online(masked, f.kw_start, [d.start for d in f.dates])
    f.occurred = bool(_OCCURRED.search(masked))
    f.future = bool(_FUTURE.search(masked))
    c = _COUNTING.search(masked)
    if c and re.search(r"\b(?:were|have\s+been|had\s+been|was|are)\s+(?:\w+\s+)?(?:organi[sz]ed|held|"
                       r"conducted|delivered|"
                       r"carried\s+out|implemented|undertaken|convened)", masked[c.end() :][:60], re.I):
        word = c.group("n").lower()
        f.counting = _NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else 2)
    if f.type is None and any(d.range.start and d.range.start.month for d in f.dates):
        told = verb_event(masked, [d.start for d in f.dates], date_spans, f.participants, f.qualifier, exact_count)
        if told:  # "On 22 May 2024 the project trained 45 officials", "38 funcionarios se reunieron ...": one held
            f.type, f.kw_start, f.participants = told.type, told.at, told.count
            f.kw_end, f.kw_text = told.at, told.noun.get(language_of(text), told.noun["en"])
    if f.type is None and f.dates and _MILESTONE.search(masked):
        f.type = "milestone"
        m = _MILESTONE.search(masked)
        f.kw_start, f.kw_end, f.kw_text = m.start(), m.end(), m.group(0)
    return f


def _anchored(f: _Facts) -> bool:
    """Does the sentence tell of one concrete activity rather than activities in general?"""
    if f.type is None:
        return False
    if f.type == "milestone":
        return any(d.range.start and d.range.start.month for d in f.dates)
    kw = f.kw_start
    for d in f.dates:
        if f.occurred or _within_words(f.text, d.start if d.start > kw else d.end, kw, 12):
            return True
    for p in f.places:
        if p.prep and _within_words(f.text, kw, p.start, 12):
            return True
    if f.participants or f.qualifier:  # "about 30 officials attended": people at one event, even uncounted
        return True
    if f.quoted and _QUOTED.search(f.text).start() >= f.kw_end and _within_words(f.text, f.kw_end,
                                                                                 _QUOTED.search(f.text).start(), 4):
        return True
    return False


# ---------------------------------------------------------------- headings

_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|took|held|convened|"
    r"organi[sz]ed|brought|allowed|explored|examined|focused|connects|aims|include|includes|provided|discussed|"
    r"requested|highlighted|learned|gained|developed|agreed|validated|strengthened|met|gathered|trained|reached|"
    r"hosted|attended|visited|supported|helped|worked|started|ended|began|completed|produced|"
    # French and Spanish
    r"est|sont|ont|était|étaient|fut|s'est|se|fue|fueron|es|ha|han|había|r[ée]uni|reuni[óo]|rassembl[ée]|"
    r"organis[ée]e?s?|organizad[oa]s?|celebr[óo]|tenu[es]?|llev[óo])\b"
)
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,60}$")
_RESOURCE_HEAD = re.compile(
    r"(?:Booklet|Toolkit|Tool\s?kit|Toolbox|Handbook|Guidelines|Guide|Manual|Report|Curriculum|Training\s+[Mm]aterials?|"
    r"Policy\s+Brief|Compendium|Brochure|Primer|Guidance\s+Note|Strategy\s+Guidance\s+Note|Working\s+Paper|Publication)s?$"
)
_RESOURCE_LEAD = re.compile(
    r"^(?:[A-Z][\w’'\-]*\s+){0,3}(?P<head>Handbook|Guidelines|Guide|Manual|Toolkit|Report|Curriculum|Booklet|Compendium)"
    r"\s+(?:on|for|of)\s+(?:the\s+)?[A-Z]"
)
_LIST_MARK = re.compile(r"^(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\)|[-•*·▪–])\s+")


def _title_case_share(text: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", _mask_quotes(text)) if w.lower() not in _CONNECT]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


def _is_heading(text: str) -> bool:
    t = _SITE_SUFFIX.sub("", text).strip()
    if not t or _LIST_MARK.match(t) or t.endswith(":") or not (t[0].isupper() or t[0] in "“\""):
        return False
    if re.match(r"(?:In|On|During|From|By|Since|Between|After|Before|Through|With|At|As|For)\s", t):
        return False  # "In August 2024, a workshop ...": a sentence that starts with its date
    words = _QUOTED.sub("TITLE", t).split()
    if len(words) > 32 or _FINITE.search(_mask_quotes(t)):
        return False
    if _RESOURCE_HEAD.search(t.rstrip(". ")):
        return False
    body = t.rstrip(".")
    if re.search(r"[.!?]\s+[A-Z]", _mask_quotes(body)):
        return False
    return _title_case_share(body.split(",")[0]) >= 0.6


def _heading_title(text: str, f: _Facts) -> str:
    t = _SITE_SUFFIX.sub("", text).strip()
    cut = len(t)
    if f.dates:
        cut = min(cut, f.dates[0].start)
    for p in f.places:
        if p.city and p.start > (f.kw_end if f.kw_end >= 0 else 0):
            city_at = t.rfind(p.city, 0, p.start)
            if city_at > 0:
                cut = min(cut, city_at)
    title = t[:cut]
    title = re.sub(r"\s*\([^)]*$", "", title)  # "(online, 14 April 2023)" cut at its date
    title = re.sub(r"(?:[\s,;:(\-–—]|\bin\b|\bon\b|\bat\b)+$", "", title).strip()
    return title or t.rstrip(".")


