"""Activities (workshops, missions, webinars, meetings, studies...) and resources told of in a record's narrative.

A sentence or heading becomes an Event when it names an activity AND anchors it (a date near it, a place, a
participant count, a quoted title, or a heading of its own); "through workshops and focus groups" alone is not an
event. One event told twice (a summary sentence and a later heading with its paragraph) is merged into one row.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..intervals import Intervals
from ..types import Event, PartialDate, ResourceRef
from . import dates as _dates
from . import places as _places
from .orgs import find_organisations, is_country_name, scan_span

# ---------------------------------------------------------------- vocabulary

_TYPE_RULES: list[tuple[str, str]] = [
    ("training_of_trainers", r"training[\s-]+of[\s-]+trainers|\bToTs?\b|train[\s-]+the[\s-]+trainers?"),
    ("publication_launch",
     r"(?:publication|book|report)\s+launch(?:es)?|launch(?:ed|ing)?\s+(?:event\s+)?(?:of\s+)?(?:the\s+)?"
     r"(?:[\w’'-]+\s+){0,6}?(?:report|publication|book|survey|toolkit|handbook|guidelines|booklet)s?"
     r"|(?:[A-Z][\w’'-]*\s+){0,6}(?:Report|Survey|Toolkit|Handbook|Guidelines|Booklet|Publication|Book)(?:\s+\d{4})?"
     r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:officially\s+|formally\s+)?launched"),
    ("webinar", r"webinars?(?:\s+series)?|web\s+seminars?|online\s+seminars?|virtual\s+seminars?"),
    ("advisory_mission",
     r"(?:(?:advisory|technical|scoping|fact[\s-]finding|needs[\s-]assessment|assessment|technical[\s-]assistance|"
     r"expert|programming|evaluation|follow[\s-]up)\s+)+missions?|missions?(?=\s+to\s+(?:the\s+)?[A-Z])"),
    ("workshop",
     r"(?:(?:capacity[\s-](?:building|development)|training|validation|national|regional|sub-?regional|"
     r"inception|consultative|technical)\s+)*(?:workshops?|seminars?|masterclass(?:es)?|bootcamps?|"
     r"training\s+(?:courses?|sessions?|programmes?|programs?)|courses?|focus\s+groups?)"
     r"|training(?!\s+(?:materials?|institutes?|institutions?|needs|manuals?|modules?|curricul\w*|of\s+trainers|workshops?))"),
    ("advisory_mission", r"(?:exploratory|advisory|technical|field)\s+visits?|study\s+(?:tours?|visits?)"),
    ("conference",
     r"(?:expert\s+group\s+|high[\s-]level\s+|annual\s+|regional\s+|international\s+|global\s+|ministerial\s+)*"
     r"(?:conferences?|meetings?|forums?|fora|summits?|symposi(?:um|a)|round[\s-]?tables?|policy\s+dialogues?|"
     r"consultations?|side\s+events?)|\bEGMs?\b"),
    ("study", r"(?:\w+\s+)?(?:studies|study|assessments?|surveys?|diagnostics?|evaluations?)"),
]
_TYPE_RX = [(t, re.compile(rf"(?<![\w-])(?:{rx})(?![\w-])", re.I)) for t, rx in _TYPE_RULES]
_FAMILY = {"training_of_trainers": "workshop", "workshop": "workshop"}
_SPECIFIC = ["training_of_trainers", "webinar", "advisory_mission", "publication_launch", "workshop", "conference",
             "study", "milestone"]

_OCCURRED = re.compile(
    r"\b(?:held|organi[sz]ed|co-organi[sz]ed|convened|conducted|hosted|took\s+place|carried\s+out|undertaken|"
    r"delivered|launched|brought\s+together|gathered|attended|facilitated|ran|completed|took|visited|"
    r"fielded|realized|realised|implemented)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will\s+(?:be\s+)?(?:organi[sz]ed|held|conducted|delivered|launched|undertaken|take\s+place|hold|organi[sz]e|"
    r"convene|be\s+fielded)|(?:is|are)\s+(?:planned|scheduled|expected|foreseen|envisaged)|to\s+be\s+(?:held|organi[sz]ed|"
    r"conducted|delivered)|upcoming|forthcoming|planned\s+for)\b",
    re.I,
)
_MILESTONE = re.compile(
    r"\b(?:(?:was|were|has\s+been|have\s+been)\s+(?:officially\s+|formally\s+)?(?:launched|signed|adopted|approved|"
    r"endorsed|validated|inaugurated|ratified)|officially\s+(?:requested|launched|joined|adopted|endorsed|signed)|"
    r"signed\s+(?:an?|the)\s+(?:agreement|memorandum|MoU|project\s+document))\b",
    re.I,
)
_ONLINE = re.compile(r"\b(?:online|virtual(?:ly)?|webinars?|via\s+(?:Zoom|Teams|WebEx|Webex|video[\s-]?conference)|remotely|e-learning)\b", re.I)
_IN_PERSON = re.compile(r"\b(?:in[\s-]person|face[\s-]to[\s-]face)\b", re.I)
_ORGANISER_CUE = re.compile(
    r"\b(?:(?:co-)?organi[sz]ed|hosted|convened|facilitated|delivered|presented|led|conducted|shared|moderated|"
    r"supported|funded|sponsored|run)\s+by\b|\bin\s+(?:close\s+)?(?:collaboration|partnership|cooperation|co-operation)\s+with\b|"
    r"\bwith\s+the\s+(?:support|collaboration|participation)\s+of\b|\bjointly\s+with\b|\btogether\s+with\b",
    re.I,
)
_CONTINUATION = re.compile(
    r"^(?:The|This|These|During|By\s+the\s+end|At\s+the\s+end|Participants|Attendees|Delegates|Trainees|It|They|"
    r"Topics|Key\s+(?:messages|outcomes|takeaways))\b"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "several": None, "a few": None,
}
_NUM = r"(?:\d{1,3}(?:[,\s]\d{3})+|\d+|" + "|".join(sorted((k for k in _NUMBER_WORDS if _NUMBER_WORDS[k]), key=len, reverse=True)) + r")"
_QUALIFIER = (r"(?:well\s+over|over|more\s+than|about|around|approximately|approx\.|nearly|almost|some|at\s+least|"
              r"up\s+to|close\s+to|less\s+than|fewer\s+than|roughly|an\s+estimated|a\s+total\s+of|in\s+total)")
_PEOPLE = (r"(?:participants|officials|people|persons|civil\s+servants|public\s+servants|attendees|representatives|"
           r"delegates|trainees|experts|staff|leaders|practitioners|stakeholders|members|women|youth|young\s+people|"
           r"students|journalists|parliamentarians|legislators|ministers|judges|magistrates|managers|trainers|planners|"
           r"officers|secretaries|specialists|professionals|academics|policymakers|policy[\s-]makers|decision[\s-]makers|"
           r"teachers|mayors|auditors|statisticians|researchers|senior\s+officials|heads\s+of\s+agencies)")
_PARTICIPANTS = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_QUALIFIER})\s+)?(?P<num>{_NUM})\+?\s+"
    rf"(?P<profile>(?:(?!(?:for|from|to|with|in|on|at|by|of|and|or|were|was|who|the|a|an)\s)[A-Za-z][\w’'\-]*\s+){{0,5}}?{_PEOPLE})(?![\w-])"
    rf"(?P<more>(?:\s*,\s*(?:and\s+)?[a-z][\w\-]*(?:\s+[a-z][\w\-]*){{0,2}}s(?![\w-]))*"
    rf"(?:,?\s+and\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){{0,2}}s(?![\w-]))?)",
    re.I,
)
_FROM_COUNT = re.compile(  # matched where a participants' mention ends (pattern.match(text, pos) anchors it)
    rf"(?:\s+(?:of|in|at|with)\s+(?:[a-z][\w-]*\s+){{0,4}}?)?\s*(?:from|representing|of|across)\s+(?:(?:{_QUALIFIER})\s+)?"
    rf"(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:countries|SIDS|Member\s+States|member\s+states|nations|economies|territories|states|jurisdictions|LDCs|LLDCs)\b",
    re.I,
)
_GENERIC_PROFILE = {"participants", "people", "persons", "attendees"}
_QUOTED = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"|‘([^’]{3,300})’(?!\w)")
_COUNTING = re.compile(
    rf"\b(?P<n>{_NUM}|several|a\s+few|a\s+series\s+of)\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>workshops|webinars|missions|"
    r"meetings|trainings|seminars|conferences|sessions|consultations|courses|visits|studies|assessments)\b",
    re.I,
)
_STOP_RIGHT = {
    "that", "which", "who", "whom", "where", "when", "was", "were", "is", "are", "has", "have", "had", "will", "would",
    "with", "by", "from", "during", "at", "held", "organized", "organised", "convened", "took", "brought",
    "identified", "examined", "explored", "focused", "focusing", "allowed", "attended", "aimed", "aiming", "provided",
    "gathered", "offered", "discussed", "reviewed", "featured", "included", "including", "as", "while", "since",
    "took", "through", "after", "before", "under", "within", "among", "between",
}
_VERBS_LEFT = {"has", "have", "had", "held", "hold", "holds", "is", "are", "was", "were", "be", "been", "will",
               "organise", "organize", "organises", "organizes", "conduct", "conducts", "convene", "convenes", "host",
               "hosts", "run", "ran", "runs", "led", "met", "took", "take", "undertook", "undertake", "delivered", "did"}
_DROP_LEFT = {"successful", "first", "second", "third", "fourth", "final", "last", "new", "key", "major",
              "important", "informal", "further", "several", "various", "following", "recent", "subsequent"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "our", "his", "her", "of", "in",
                "on", "for", "and", "or", "to", "with", "by", "two", "three", "four", "five", "six", "several",
                "some", "many", "series", "all", "each", "every", "both", "at", "from", "as", "during", "through"}
_CONNECT = {"of", "for", "and", "the", "on", "in", "to", "de", "la", "&", "a", "an", "its", "their"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}

# ---------------------------------------------------------------- text units


@dataclass
class _Sentence:
    start: int  # offset in the text given to extract_events
    end: int
    text: str


def _lines(text: str) -> list[_Sentence]:
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group(0)
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(_Sentence(m.start() + lead, m.start() + len(raw.rstrip()), raw.strip()))
    return out


_SENT_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[A-Z0-9“\"‘(])")
_ABBREV_END = re.compile(r"(?:\b(?:e\.g|i\.e|etc|No|Nos|Mr|Ms|Mrs|Dr|St|Inc|Ltd|Co|vs|approx|cf)\.|\b[A-Z]\.)$")


def _sentences(line: _Sentence) -> list[_Sentence]:
    out, last = [], 0
    quotes = _quotes(line.text)
    for m in _SENT_END.finditer(line.text):
        # An abbreviation is a few characters long: look at the end of the sentence so far, not all of it (a line
        # of many "e.g." would otherwise be read again at each one).
        if _ABBREV_END.search(line.text, max(last, m.start() - 12), m.start()) or quotes.holds_inside(m.start()):
            continue
        head = line.text[last : m.start()].rstrip()
        out.append(_Sentence(line.start + last, line.start + last + len(head), head))
        last = m.end()
    tail = line.text[last:]
    if tail.strip():
        out.append(_Sentence(line.start + last, line.start + len(line.text), tail.strip()))
    return out


def _quotes(text: str) -> Intervals:
    """The quoted titles of a text, to ask whether a position is inside one."""
    return Intervals((m.start(), m.end()) for m in _QUOTED.finditer(text))


def _mask_quotes(text: str) -> str:
    """Text with quoted titles blanked (same length), so words inside a title name no type, place or verb."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)


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
            after = masked[m.end() : m.end() + 12].lower()
            if re.match(r"\s*reports?\b", after):
                continue  # "two mission reports": a document, not a mission
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


def _places_in(text: str, masked: str, excluded: list[tuple[int, int]]) -> list[_Place]:
    out: list[_Place] = []
    orgs = Intervals((s, e) for s, e, _ in find_organisations(text))
    home = Intervals(excluded)
    for cm in _places.find_countries(text):
        if masked[cm.start : cm.end] != text[cm.start : cm.end]:
            continue  # inside a quoted title
        if home.holds(cm.start):
            continue  # a participant's home country, not the venue
        if orgs.holds(cm.start) and not _after_government_of(text, cm.start):
            continue  # "UNDP Togo", "ECLAC Caribbean": an organisation's name
        if re.match(r"[’']s\b", text[cm.end : cm.end + 2]):
            continue  # "Saint Lucia's Digital Transformation Strategy"
        city = _city_before(text, cm.start)
        before = text[max(0, cm.start - 25) : cm.start]
        prep = bool(re.search(r"\b(?:in|to|at|of|for)\s+(?:the\s+)?$", before, re.I)) or city is not None
        out.append(_Place(cm.start, cm.end, cm.iso3, cm.text, city, prep))
    # "(4-5 July 2024, Freetown, Sierra Leone)" and "in Bridgetown, Barbados" name cities; nothing else needed.
    return out


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


_CITY = re.compile(r"((?:[A-Z][\w’'\-]+)(?:\s+(?:[A-Z][\w’'\-]+|de|da|do|del|dos|el|al|es|la|le|of|upon|en)){0,3}),\s*$")
_NOT_CITY = re.compile(r"^(?:The|In|On|At|From|To|And|During|Government|Ministry|Republic|Kingdom|State|Mission|"
                       r"Workshop|Meeting|Conference|Forum|Webinar|Training)\b")


def _city_before(text: str, at: int) -> str | None:
    m = _CITY.search(text[max(0, at - 60) : at])
    if not m:
        return None
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
        if dates.holds(m.start("num")):
            continue
        raw = m.group("num").lower()
        n = _NUMBER_WORDS.get(raw) if raw in _NUMBER_WORDS else int(re.sub(r"[,\s]", "", raw))
        if not n:
            continue
        profile = (m.group("profile") + (m.group("more") or "")).strip()
        demonym = None
        for dm in _places.find_demonyms(profile):
            if dm.start == 0:
                demonym = dm.iso3
                profile = profile[dm.end :].strip()
        if profile.lower() in _GENERIC_PROFILE:
            profile = None
        info = {"participants": n, "qualifier": (m.group("qual") or None) and re.sub(r"\s+", " ", m.group("qual").lower()),
                "profile": profile, "demonym": demonym, "participant_countries": None}
        fc = _FROM_COUNT.match(text, m.end())
        if fc:
            word = fc.group("n").lower()
            info["participant_countries"] = _NUMBER_WORDS.get(word) if word in _NUMBER_WORDS else int(re.sub(r"[,\s]", "", word))
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
    verb = re.search(r"\s+(?:(?:has|have|had|jointly|together)\s+)?(?:co-)?(?:organi[sz]ed|hosted|convened|held|conducted|"
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


_CACHED_SENTENCE = 2_000  # characters: longer "sentences" are not kept (4096 of them could fill the memory)


def _facts(text: str) -> _Facts:
    """What one sentence tells (cached: headings and bodies are looked at more than once; callers never mutate it)."""
    return _cached_facts(text) if len(text) <= _CACHED_SENTENCE else _read_facts(text)


@lru_cache(maxsize=4096)
def _cached_facts(text: str) -> _Facts:
    return _read_facts(text)


def _read_facts(text: str) -> _Facts:
    masked = _mask_quotes(text)
    f = _Facts(text)
    f.type, kw = _find_type(masked)
    if kw is not None:
        f.kw_start, f.kw_end, f.kw_text = kw.start(), kw.end(), kw.group(0)
    f.dates = [d for d in _dates.find_dates(text) if masked[d.start : d.end] == text[d.start : d.end]]
    date_spans = [(d.start, d.end) for d in f.dates]
    info, excluded = _participants(masked, date_spans)
    if info:
        f.participants, f.qualifier, f.profile = info["participants"], info["qualifier"], info["profile"]
        f.participant_countries, f.demonym = info["participant_countries"], info["demonym"]
    f.places = _places_in(text, masked, excluded)
    q = _QUOTED.search(text)
    if q:
        f.quoted = next(g for g in q.groups() if g).strip()
    f.organisers = _organisers(text, masked)
    f.online = bool(_ONLINE.search(masked)) and not _IN_PERSON.search(masked)
    f.occurred = bool(_OCCURRED.search(masked))
    f.future = bool(_FUTURE.search(masked))
    c = _COUNTING.search(masked)
    if c and re.search(r"\b(?:were|have\s+been|had\s+been|was|are)\s+(?:\w+\s+)?(?:organi[sz]ed|held|conducted|delivered|"
                       r"carried\s+out|implemented|undertaken|convened)", masked[c.end() :][:60], re.I):
        word = c.group("n").lower()
        f.counting = _NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else 2)
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
    if f.participants:
        return True
    if f.quoted and _QUOTED.search(f.text).start() >= f.kw_end and _within_words(f.text, f.kw_end, _QUOTED.search(f.text).start(), 4):
        return True
    return False


# ---------------------------------------------------------------- headings

_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|took|held|convened|"
    r"organi[sz]ed|brought|allowed|explored|examined|focused|connects|aims|include|includes|provided|discussed|"
    r"requested|highlighted|learned|gained|developed|agreed|validated|strengthened)\b"
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
        if lw in _DETERMINERS or lw in _STOP_RIGHT or lw in _VERBS_LEFT or lw in _NUMBER_WORDS or w.isdigit() or w in _MONTHS or re.search(r"\d{4}", w):
            break
        if re.search(r"(?:ed|ing)$", lw) and "-" not in lw and lw not in ("training", "building", "finding"):
            break
        at_start = not masked[: f.kw_start].strip(" \t").rstrip(w).strip()
        if w[0].isupper() and not mods and not at_start and lw not in ("capacity", "regional", "national", "technical", "high-level"):
            break
        mods.insert(0, w)
    while mods and mods[0].lower() in _DROP_LEFT:
        mods.pop(0)
    kw = f.kw_text
    launched = re.match(r"(?is)(.*?)\s+(?:was|were|has\s+been|have\s+been)\s+.*launched$", kw)
    if f.type == "publication_launch" and launched:
        # "The e-Government Survey 2012 was launched" -> "Launch of the e-Government Survey 2012"
        return "Launch of the " + re.sub(r"(?i)^the\s+", "", launched.group(1))
    if singular:
        kw = re.sub(r"(?i)(meeting|workshop|webinar|mission|conference|forum|seminar|summit|consultation)s\b", r"\1", kw)
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
    if place is not None and not re.search(r"\s(?:on|for|to|about)\s", phrase):
        phrase += f" in {place.city or _strip_the(place.text)}"
    phrase = phrase.strip()
    return phrase[:1].upper() + phrase[1:]


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
        title=title,
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


def _multi_venue(f: _Facts, sent: _Sentence, offset: int) -> list[_Draft] | None:
    """'meetings in Athens, Greece, from 30 October to 2 November 2006, Rio de Janeiro, Brazil, from ...': one row each."""
    if len(f.dates) < 2:
        return None
    pairs = []
    prev_end = 0
    starts = [p.start for p in f.places]  # the places in order, as found
    for i, d in enumerate(f.dates):
        # The last place in [prev_end, d.start), else the first in [d.end, next date) within three words.
        k = bisect.bisect_left(starts, d.start) - 1
        venue = f.places[k] if k >= 0 and starts[k] >= prev_end else None
        if venue is None:
            nxt = f.dates[i + 1].start if i + 1 < len(f.dates) else len(f.text)
            k = bisect.bisect_left(starts, d.end)
            # A place further on is no nearer in words: the first one in reach, or none.
            if k < len(starts) and starts[k] < nxt and _within_words(f.text, d.end, starts[k], 3):
                venue = f.places[k]
        pairs.append((d, venue))
        prev_end = d.end
    placed = [(d, v) for d, v in pairs if v is not None]
    if len(placed) < 2 or len({(v.iso3, v.city) for _, v in placed}) < 2:
        return None
    out = []
    for d, v in placed:
        out.append(_new_draft(f, sent, offset, dates=[d], place=v, singular=True))
        out[-1].multi = True
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
    if ev.participants is None and f.participants:
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


def extract_events(text: str, offset: int = 0) -> list[Event]:
    """Activities told of in narrative text, one row per activity, with spans shifted by offset."""
    if not text or not text.strip():
        return []
    lines = _lines(text)
    drafts: list[_Draft] = []
    ctx: _Context | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        sents = _sentences(line)
        clean = _LIST_MARK.sub("", line.text)
        label = re.match(r"^([A-Z][^:.]{2,70}):\s+(\S.*)$", clean)
        label_facts = _facts(label.group(1)) if label else None
        heading_line = _is_heading(line.text)
        head_facts = _facts(line.text) if heading_line else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if heading_line and head_facts.type is None and not (nxt and _refers_back(nxt.text)):
            heading_line = False
        first = sents[0] if sents else None
        first_facts = _facts(first.text) if first else None
        sentence_heading = (not heading_line and first is not None and first_facts.type is not None
                            and _is_heading(first.text) and first_facts.kw_start <= 60
                            and (first_facts.dates or first_facts.places or len(sents) > 1))
        if label and label_facts.type is not None and not heading_line:
            # "Training of Trainers: A Training of Trainers will be organized in Saint Lucia ..."
            ctx = None
            body = _Sentence(line.start + line.text.find(label.group(2)), line.end, label.group(2))
            f = _facts(body.text)
            d = _new_draft(label_facts, _Sentence(line.start, line.end, label.group(1)), offset,
                           title=_heading_title(label.group(1), label_facts), rank=3)
            d.event.summary = ""
            _fill(d, f, body, offset)
            if d.event.type == "workshop" and f.type and f.type != "workshop":
                d.event.type = f.type
            drafts.append(d)
            i += 1
            continue
        if heading_line or sentence_heading:
            ctx = None
            head = line if heading_line else first
            hf = head_facts if heading_line else first_facts
            d = _new_draft(hf, head, offset, title=_heading_title(head.text, hf), rank=3)
            body_sents = [] if heading_line else sents[1:]
            j = i + 1
            while heading_line and j < len(lines) and _is_meta_line(lines[j].text):
                # "Dakar, Senegal, 14-16 November 2011" under a heading: its place and dates.
                mf = _facts(lines[j].text)
                _fill(d, mf, lines[j], offset)
                j += 1
            nxt = lines[j] if j < len(lines) else None
            if heading_line and nxt is not None and not _is_heading(nxt.text) and not _RESOURCE_HEAD.search(nxt.text.rstrip(". ")) \
                    and not _tells_other_event(nxt, d):
                body_sents += _sentences(nxt)
                j += 1
            while j < len(lines) and _CONTINUATION.match(lines[j].text) and not _is_heading(lines[j].text):
                body_sents += _sentences(lines[j])
                j += 1
            if d.event.type is None or hf.type is None:
                for s in body_sents:
                    t = _facts(s.text).type
                    if t:
                        d.event.type = t
                        break
            extra: list[_Draft] = []
            for s in body_sents:
                bf = _facts(s.text)
                own = _anchored(bf) and bf.dates and d.event.start is not None and not any(
                    _ranges_overlap(r, d.ranges) for r in (m.range for m in bf.dates))
                if own:
                    extra.append(_new_draft(bf, s, offset))
                else:
                    _fill(d, bf, s, offset)
            drafts.append(d)
            drafts.extend(extra)
            i = j
            continue
        # Ordinary lines: each anchored sentence is an event; the sentences after it describe it.
        current: _Draft | None = None
        for s in sents:
            f = _facts(s.text)
            if f.counting and not f.dates and f.type:
                v = _venue(f)
                ctx = _Context(_FAMILY.get(f.type, f.type), v.iso3 if v else None, v.city if v else None,
                               v.text if v else None, f.counting)
                current = None
                continue
            if _anchored(f):
                multi = _multi_venue(f, s, offset)
                if multi:
                    drafts.extend(multi)
                    current = None
                    continue
                d = _new_draft(f, s, offset)
                _apply_context(d, ctx, f)
                if ctx is not None and ctx.remaining <= 0:
                    ctx = None
                drafts.append(d)
                current = d
            elif current is not None and _CONTINUATION.match(s.text):
                _fill(current, f, s, offset, dates_ok=False)
            else:
                current = None
        j = i + 1
        while current is not None and j < len(lines) and _CONTINUATION.match(lines[j].text) and not _is_heading(lines[j].text):
            for s in _sentences(lines[j]):
                _fill(current, _facts(s.text), s, offset, dates_ok=False)
            j += 1
        if ctx is not None:
            ctx.lines_left -= 1
            if ctx.lines_left <= 0:
                ctx = None
        i = j
    merged = _Merged()
    for d in drafts:
        merged.add(d)
    events = [d.event for d in merged.drafts]
    events.sort(key=lambda e: e.span[0] if e.span else 0)
    return events


def is_planned(event: Event) -> bool:
    """True when the text tells of the event as future or planned ("will be organized"), not as held."""
    return bool(_FUTURE.search(event.summary))


def _is_meta_line(text: str) -> bool:
    """A line that holds only a place, dates and words like "online": the details of the heading above it."""
    f = _facts(text)
    if f.type is not None or not (f.dates or f.places):
        return False
    rest = text
    for a, b in sorted([(d.start, d.end) for d in f.dates] + [(p.start, p.end) for p in f.places], reverse=True):
        rest = rest[:a] + " " + rest[b:]
    for p in f.places:
        if p.city:
            rest = rest.replace(p.city, " ")
    words = [w for w in re.findall(r"[A-Za-z]+", rest)
             if w.lower() not in {"online", "virtual", "hybrid", "from", "to", "and", "in", "at", "on", "venue", "date",
                                  "dates", "place", "location", "the"}]
    return len(words) <= 1


def _tells_other_event(line: _Sentence, head: _Draft) -> bool:
    """Does this line tell its own activity (a count of activities, or one dated apart from the heading's)?"""
    for s in _sentences(line):
        f = _facts(s.text)
        if f.counting and f.type:
            return True
        if _anchored(f) and f.dates and head.event.start is not None and not any(
                _ranges_overlap(m.range, head.ranges) for m in f.dates):
            return True
    return False


def _refers_back(text: str) -> bool:
    # A heading without an activity word names the activity its paragraph describes: "The workshop explored ...".
    m = re.match(r"^(?:The|This|During\s+the)\s+((?:[\w-]+\s+){0,4}?)", text)
    if not m:
        return False
    t, kw = _find_type(_mask_quotes(text[:80]))
    return t is not None and kw.start() <= 60


def _ranges_overlap(r, ranges: list) -> bool:
    if r.start is None:
        return True
    for o in ranges:
        if o.start is None:
            return True
        if r.start.first_day() <= (o.end or o.start).last_day() and o.start.first_day() <= (r.end or r.start).last_day():
            return True
    return False


# ---------------------------------------------------------------- resources

_RES_TYPES = [
    (re.compile(r"booklets?$", re.I), "booklet"),
    (re.compile(r"(?:tool\s?kits?|toolbox(?:es)?)$", re.I), "toolkit"),
    (re.compile(r"(?:curricul(?:um|a)|training\s+materials?|training\s+manuals?|training\s+modules?|modules?|courses?)$", re.I), "training_material"),
    (re.compile(r"(?:reports?|surveys?|stud(?:y|ies)|assessments?|policy\s+briefs?|working\s+papers?|papers?|publications?)$", re.I), "report"),
]
_URL = re.compile(r"https?://[^\s<>\"”)]+|www\.[^\s<>\"”)]+")
_IN_SENTENCE_RES = re.compile(
    r"(?P<noun>toolkits?|tool\s?kits?|handbooks?|booklets?|guidelines|manuals?|curricul(?:um|a)|reports?)"
    r"(?:\s*\((?P<alias>[^()]{3,120})\))?",
    re.I,
)


def _resource_type(head: str) -> str:
    for rx, t in _RES_TYPES:
        if rx.search(head.strip()):
            return t
    return "other"


def _title_run_before(text: str, at: int) -> str:
    """The capitalised title written just before a resource noun: 'the Curriculum on Governance ... (SDGs) toolkits'."""
    tokens = list(re.finditer(r"\([^()]*\)|[^\s]+", text[:at]))
    run: list[str] = []
    for tok in reversed(tokens):
        w = tok.group(0)
        core = w.strip(",;:")
        if w.endswith((",", ";", ":", ".")) and run:
            break
        if core.startswith("(") or (core[:1].isupper()) or core.lower() in _CONNECT:
            run.insert(0, core)
            continue
        break
    while run and (run[0].lower() in _CONNECT or run[0].startswith("(")):
        run.pop(0)
    caps = [w for w in run if w[:1].isupper()]
    return " ".join(run) if len(caps) >= 2 else ""


def extract_resources(text: str) -> list[ResourceRef]:
    """Resources named in text: title lines ending in Booklet/Toolkit/Report..., "the X toolkit", and URLs."""
    out: list[ResourceRef] = []
    seen: set[str] = set()

    def add(kind: str, title: str, url: str | None = None) -> None:
        key = re.sub(r"\W+", " ", title.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            out.append(ResourceRef(type=kind, title=title, url=url))

    for line in _lines(text):
        t = _SITE_SUFFIX.sub("", _LIST_MARK.sub("", line.text)).strip().rstrip(".")
        m = _RESOURCE_HEAD.search(t) or _RESOURCE_LEAD.match(t)
        if m and len(t.split()) <= 25 and not _FINITE.search(_mask_quotes(t)) and _title_case_share(t) >= 0.6 \
                and re.search(r"[A-Za-z]", t.replace(m.group("head") if "head" in m.groupdict() else m.group(0), "")):
            add(_resource_type(m.group("head") if "head" in m.groupdict() else m.group(0)), t)
            continue
        for s in _sentences(line):
            quotes = _quotes(s.text)
            for rm in _IN_SENTENCE_RES.finditer(s.text):
                if quotes.holds_inside(rm.start()):
                    continue
                before = _title_run_before(s.text, rm.start())
                noun = rm.group("noun")
                if before:
                    # "National Human Development Report" is one title; in "the X toolkit" the noun is not part of it.
                    add(_resource_type(noun), f"{before} {noun}" if noun[:1].isupper() else before)
                elif rm.group("alias") and _title_case_share(rm.group("alias")) >= 0.6 and noun[:1].isupper() is False \
                        and len(rm.group("alias").split()) >= 2 and not re.search(r",", rm.group("alias")):
                    add(_resource_type(noun), rm.group("alias").strip())
            for q in _QUOTED.finditer(s.text):
                after = s.text[q.end() : q.end() + 30]
                rn = re.match(r"\s*(toolkits?|handbook|booklet|guidelines|manual|report|curriculum|publication)\b", after, re.I)
                if rn:
                    add(_resource_type(rn.group(1)), next(g for g in q.groups() if g).strip())
    for u in _URL.finditer(text):
        url = u.group(0).rstrip(".,;:")
        add("link", url, url if url.startswith("http") else f"https://{url}")
    return out
