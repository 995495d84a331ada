"""The countries a record is about: a labelled list of places read as countries and regions; or, without one, the
countries the project serves, as opposed to those it merely mentions: each mention of a country in the record's
fields is scored by the field it is in and the words around it (a national body, a donor, a purpose, a venue or
the participants' home countries), each field read once so that the scoring stays linear."""
from __future__ import annotations

import bisect
import re

from ..intervals import Intervals
from .bracket_payers import bracket_payers, paid_at
from .counted_lists import counted_members, region_members
from .country_lines import listed_lines
from .places import (
    CountryMention,
    find_countries,
    find_demonyms,
    find_regions,
    resolve_country,
    resolve_demonym,
    resolve_region,
)
from .requesting_countries import requesting_members

# ---------------------------------------------------------------- labelled lists

_LIST_SEPARATORS = re.compile(r"\s*(?:[,;/|\n\r\t•·]|\band\b|&|\bet\b|\by\b)\s*|\s+-\s+", re.IGNORECASE)


def split_place_list(text: str) -> tuple[list[str], list[str]]:
    """A labelled countries field ("The Bahamas, Saint Lucia", "Asia and the Pacific", "Kenya; Uganda and Tanzania")
    to (ISO3 countries, canonical region names), each in order of appearance, without repeats."""
    if not isinstance(text, str) or not text.strip(" ,;.\n\t"):
        return [], []
    whole_country = resolve_country(text)
    if whole_country:
        return [whole_country], []
    whole_region = resolve_region(text)
    if whole_region:
        return [], [whole_region]
    found: list[tuple[int, str, str]] = []  # (position, kind, value)
    covered: list[tuple[int, int]] = []
    for cm in find_countries(text):
        found.append((cm.start, "country", cm.iso3))
        covered.append((cm.start, cm.end))
    countries_at = Intervals(covered)  # regions never overlap one another: checking the countries is enough
    for rm in find_regions(text):
        if countries_at.overlaps(rm.start, rm.end):
            continue  # "Micronesia" already read as the country
        found.append((rm.start, "region", rm.name))
        covered.append((rm.start, rm.end))
    # What the scanners did not read: try each leftover chunk on its own ("Djibouti Republic" variants, lower case).
    pos = 0
    leftovers: list[tuple[int, str]] = []
    for s, e in sorted(covered):
        leftovers.append((pos, text[pos:s]))
        pos = max(pos, e)
    leftovers.append((pos, text[pos:]))
    for base, chunk in leftovers:
        offset = 0
        for piece in _LIST_SEPARATORS.split(chunk):
            where = chunk.find(piece, offset)
            offset = where + len(piece) if where >= 0 else offset
            word = piece.strip(" .()[]\"'")
            if len(word) < 3 and not word.isupper():
                continue
            if not word or re.fullmatch(r"(?i)(?:and|the|of|republic|government|region|regions|countries)", word):
                continue
            iso3 = resolve_country(word) or resolve_demonym(word)
            if iso3:
                found.append((base + max(where, 0), "country", iso3))
                continue
            region = resolve_region(word)
            if region:
                found.append((base + max(where, 0), "region", region))
    countries: list[str] = []
    regions: list[str] = []
    for _, kind, value in sorted(found, key=lambda t: t[0]):
        target = countries if kind == "country" else regions
        if value not in target:
            target.append(value)
    return countries, regions


# How much a plain mention in each field says that the project serves the country.
_FIELD_WEIGHTS = {
    "title": 2.5,
    "summary": 1.5,
    "objective": 1.5,
    "expected_accomplishments": 1.5,
    "beneficiaries": 1.5,
    "partners": 2.0,
    "key_accomplishments": 0.75,
    "planned_activities": 0.75,
    "activities": 0.75,
}
_PURPOSE_FIELDS = {"title", "summary", "objective", "expected_accomplishments", "beneficiaries"}
_FIELD_ORDER = [
    "title", "summary", "objective", "expected_accomplishments", "beneficiaries", "partners",
    "key_accomplishments", "planned_activities", "activities",
]
_SERVED_THRESHOLD = 2.0
_C = "\x00"  # stands for the country mention inside the context patterns below

_NATIONAL_BODY = [
    # "Government of Togo", "Ministry of Economy and Planning of the Government of Saudi Arabia"
    r"\b(?:government|ministry|minister|president|prime\s+minister|parliament|national\s+assembly|authorities|cabinet|"
    r"office|presidency|state)\s+of\s+(?:the\s+)?(?:republic\s+of\s+(?:the\s+)?)?" + _C,
    r"\bministry\b[^.;\n]{0,80}?\bof\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?" + _C,
    # "DRC Government", "Djibouti Government", "Togo's Ministry of ..."
    _C + r"(?:'s)?\s+(?:government|gov't|govt|authorities|ministry|ministries|national|republic|country\s+office|"
         r"parliament|cabinet|presidency|civil\s+service|public\s+service|public\s+administration)\b",
    # "UNDP Togo", "UNDP/Saudi Arabia", "UNDP in Mali", "UNDP-Mali", "UNICEF Country Office in Ghana"
    r"\b(?:UNDP|UNICEF|UNFPA|UN|UNCT|UNRC|RCO|UNESCO|FAO|WHO|ILO|UNODC|UN\s+Women|UN-Habitat|UNOPS|WFP|"
    r"country\s+office)\s*(?:/|-|–|\s|\s+in\s+|\s+for\s+)\s*(?:the\s+)?" + _C,
    r"\b(?:republic|kingdom|state|commonwealth|sultanate)\s+of\s+(?:the\s+)?" + _C,
    # "the project in Mali", "programme for Djibouti", "support to the Government of ..."
    r"\b(?:project|programme|program|initiative|support|assistance|mission)\b[^.;\n]{0,30}?\b(?:in|for|"
    r"to|of)\s+(?:the\s+)?" + _C,
]
# The same in French and Spanish: "le ministère de la Fonction publique du Sénégal", "el Gobierno de Honduras", "la
# Presidencia de la República de Guatemala"; never a ministry that looks abroad (it pays).
_ROMANCE_OF = r"(?:du|de\s+la|de\s+l['’]\s?|des|del|de|d['’])\s*"
_NATIONAL_BODY += [
    r"\b(?:minist[èe]re|ministerio|secr[ée]tariat|secretar[íi]a)\b(?:(?!affaires\s+[ée]trang|relaciones\s+exteriores|"
    r"asuntos\s+exteriores|coop[ée]ration|cooperaci[óo]n)[^.;\n]){0,80}?\b" + _ROMANCE_OF + _C,
    r"\b(?:gouvernement|gobierno|pr[ée]sidence|presidencia|primature|parlement|parlamento|assembl[ée]e\s+nationale|"
    r"asamblea\s+nacional|autorit[ée]s|autoridades)\s+" + _ROMANCE_OF
    + r"(?:(?:r[ée]publique|rep[úu]blica|royaume|reino)\s+" + _ROMANCE_OF + r")?" + _C,
]
_DONOR = [
    _C + r"(?:'s)?\s*(?:[-–]\s*)?(?:development\s+)?(?:cooperation|co-operation|aid\b|embassy|trust\s+funds?|"
         r"international\s+development|development\s+agency|donor)",
    r"\b(?:embassy|consulate)\s+of\s+(?:the\s+)?" + _C,
    r"\b(?:ambassade|consulat|embajada|consulado)\s+"
    r"(?:de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|del\s+|de\s+|d['’]\s?)" + _C,
    r"\b(?:funded|financed|sponsored|supported\s+financially|contribution)\s+(?:by|from|"
    r"of)\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?" + _C,
    r"\b(?:funding|grant|donation|contribution)\s+(?:from|by)\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?" + _C,
    _C + r"[^.;\n]{0,20}\((?:donor|funding|funder)\)",
    # The same in French and Spanish, and a government that pays written after an amount or a paying verb:
    # "USD 410,000 from the Government of New Zealand", "contributed by the Government of the Republic of Korea",
    # "financé par le Gouvernement du Luxembourg", "con financiamiento del Gobierno de Suecia".
    r"\b(?:contributed|provided|granted|donated|paid)\s+by\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?"
    r"(?:republic\s+of\s+(?:the\s+)?|kingdom\s+of\s+(?:the\s+)?)?" + _C,
    r"(?:\d|US\$|USD|EUR|[$\u20ac\u00a3])[^.;\n]{0,30}?\b(?:from|by|de|du|del|de\s+la|par|por)\s+(?:the\s+|el\s+|le\s+|la\s+|l['’]\s?)?"
    r"(?:government|gouvernement|gobierno)\s+(?:of|du|de|del|de\s+la|des|d['’])\s*(?:the\s+|la\s+|l['’]\s?)?"
    r"(?:republic\s+of\s+(?:the\s+)?|r[ée]publique\s+(?:de\s+|du\s+|d['’]\s?)|rep[úu]blica\s+(?:de\s+|del\s+)|"
    r"kingdom\s+of\s+(?:the\s+)?|royaume\s+(?:de\s+|du\s+|des\s+)|reino\s+(?:de\s+|del\s+))?" + _C,
    r"\b(?:financ[ée]e?s?|soutenue?s?\s+financi[èe]rement|pay[ée]e?s?)\s+(?:par|gr[âa]ce\s+[àa])\s+(?:le\s+|la\s+|l['’]\s?)?"
    r"(?:gouvernement\s+(?:du\s+|de\s+la\s+|de\s+l['’]\s?|des\s+|de\s+|d['’]\s?))?" + _C,
    r"\b(?:financiad[oa]s?|costead[oa]s?|pagad[oa]s?)\s+(?:por|con\s+fondos\s+de(?:l)?)\s+(?:el\s+|la\s+)?"
    r"(?:gobierno\s+(?:de\s+|del\s+|de\s+la\s+))?" + _C,
    r"\b(?:financement|contribution|subvention|don|appui\s+financier|financiamiento|financiaci[óo]n|contribuci[óo]n|"
    r"aporte|donaci[óo]n|subvenci[óo]n|apoyo\s+financiero)\s+(?:du|de\s+la|de\s+l['’]\s?|des|de|del|de\s+la|d['’])\s*"
    r"(?:gouvernement|gobierno)\s+(?:du\s+|de\s+la\s+|de\s+l['’]\s?|des\s+|de\s+|del\s+|d['’]\s?)" + _C,
    r"\b(?:coop[ée]ration|cooperaci[óo]n|agence|agencia)\s+(?:au\s+d[ée]veloppement\s+|para\s+el\s+desarrollo\s+)?"
    r"(?:de\s+|du\s+|del\s+|de\s+la\s+|d['’]\s?)?" + _C,
]
# A government that pays an amount, the verb after its name: "el Gobierno de España aporta 300.000 euros",
# "the Government of Ireland contributed EUR 1 million", "le Luxembourg apporte 2 millions d'euros".
_DONOR.append(
    _C + r"\s+(?:will\s+)?(?:funds?|funded|finances?|financed|contributes?|contributed|provides?|provided|pays?|paid|"
         r"aporta|aport[óo]|aportar[áa]|financia|financi[óo]|contribuye|contribuy[óo]|paga|pag[óo]|apporte|"
         r"a\s+apport[ée]|finance|a\s+financ[ée]|contribue|a\s+contribu[ée])\b[^.;\n]{0,40}?"
         r"(?:\d|USD|EUR|US\$|[$€£]|euros?|dollars?|d[óo]lares)")
_PURPOSE_PREPOSITION = (r"\b(?:in|for|of|to|across|throughout|within|en|para|de|del|con|a|au|aux|pour|dans|avec)\s+"
                        r"(?:the\s+|la\s+|le\s+|les\s+|el\s+|l['’]\s?)?" + _C)
# Participants or venues: countries listed as where people came from or where meetings were held.
_PARTICIPANT_CUE = re.compile(
    r"\b(?:participants?|people|persons|officials|representatives|delegates|delegations|experts|attendees|"
    r"members|trainees|students|speakers|panellists|panelists|countries|nationals)\b[^.;\n]{0,60}?\bfrom\b"
    r"|\b(?:attended\s+by|brought\s+together|gathered|convened|representing)\b",
    re.IGNORECASE,
)
_VENUE_CUE = re.compile(
    r"\b(?:meetings?|sessions?|conferences?|forums?|summits?|held|hosted|took\s+place|venues?|convened)\b"
    r"[^.;\n]{0,40}?\b(?:in|at)\b",
    re.IGNORECASE,
)


def _context_regexes(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p.replace(_C, r"(?P<c>\x00)"), re.IGNORECASE) for p in patterns]


_NATIONAL_RX = _context_regexes(_NATIONAL_BODY)
DONOR_RX = _context_regexes(_DONOR)
_PURPOSE_RX = _context_regexes([_PURPOSE_PREPOSITION])


def _masked_window(text: str, mention: CountryMention, before: int = 140, after: int = 80) -> str:
    """Up to `before` characters and `after` characters around the mention, the mention replaced by one marker
    character so that context patterns can find it (the window of the masked text, without copying the text)."""
    lo = max(0, mention.start - before)
    hi = min(len(text) - (mention.end - mention.start) + 1, mention.start + after)
    return text[lo : mention.start] + _C + text[mention.end : mention.end + hi - mention.start - 1]


def matches_at(rxs: list[re.Pattern[str]], text: str, mention: CountryMention) -> bool:
    window = _masked_window(text, mention)
    at = min(mention.start, 140)  # where the marker sits in the window
    return any(m.start("c") == at for rx in rxs for m in rx.finditer(window))


# A sentence ends at ". X" (capital next), a line break or a semicolon; abbreviations like "Dem. Rep." rarely matter.
_SENTENCE_START = re.compile(r"(?:[.!?]\s+(?=[A-Z(])|\n|;\s*)")
_SENTENCE_STOP = re.compile(r"(?:[.!?](?=\s+[A-Z(]|\s*$)|\n|;)")


class _Sentences:
    """The sentence bounds of one text, found once: each mention's sentence in O(log n), however long the text.

    A sentence begins after the last sentence break found in the text before the mention, read as if the text
    ended there (so ". " right before the mention counts only when what follows it there is a capital), and
    ends at the first stop from the mention on.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = [(m.start(), m.end()) for m in _SENTENCE_START.finditer(text)]
        self.break_starts = [a for a, _ in breaks]
        self.break_ends = [b for _, b in breaks]
        self.stops = [m.start() for m in _SENTENCE_STOP.finditer(text)]

    def bounds(self, at: int) -> tuple[int, int]:
        """[lo, hi) of the sentence holding position `at`."""
        # Breaks that end before `at` are found alike in text[:at]; only the one running into `at` (a break's
        # spaces) may end earlier there, or not be one: scan that stretch alone, as if the text ended at `at`.
        k = bisect.bisect_left(self.break_ends, at)
        lo = self.break_ends[k - 1] if k else 0
        if k < len(self.break_starts) and self.break_starts[k] < at:
            for m in _SENTENCE_START.finditer(self.text, self.break_starts[k], at):
                lo = m.end()
        i = bisect.bisect_left(self.stops, at)
        hi = self.stops[i] if i < len(self.stops) else len(self.text)
        return lo, hi


class _FieldText:
    """One field's text with its country mentions, read once, so that scoring every mention stays linear."""

    def __init__(self, text: str, mentions: list[CountryMention]) -> None:
        self.text = text
        self.mentions = mentions
        self.sentences = _Sentences(text)
        self.mention_starts = [m.start for m in mentions]
        self._enumerations: dict[tuple[int, int], bool] = {}
        self._gatherings: dict[tuple[int, int], bool] = {}

    def is_enumeration(self, lo: int, hi: int) -> bool:
        """Does the sentence [lo, hi) name three countries or more?"""
        key = (lo, hi)
        if key not in self._enumerations:
            seen: set[str] = set()
            for i in range(bisect.bisect_left(self.mention_starts, lo), len(self.mentions)):
                if self.mentions[i].start >= hi or len(seen) >= 3:
                    break
                seen.add(self.mentions[i].iso3)
            self._enumerations[key] = len(seen) >= 3
        return self._enumerations[key]

    def tells_of_gathering(self, lo: int, hi: int) -> bool:
        """Does the sentence [lo, hi) speak of participants or of a meeting's venue?"""
        key = (lo, hi)
        if key not in self._gatherings:
            sentence = self.text[lo:hi]
            self._gatherings[key] = bool(_PARTICIPANT_CUE.search(sentence) or _VENUE_CUE.search(sentence))
        return self._gatherings[key]


def _text_of(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(_text_of(v) for v in value)
    return str(value)


_CURRENCY_BEFORE = re.compile(r"(?i)\b(?:d[óo]lar(?:es)?|dollars?)\s+(?:de\s+los\s+|de\s+|des\s+|of\s+the\s+|of\s+)$")
_CURRENCY_AFTER = re.compile(r"(?i)\s*(?:dollars?|d[óo]lar(?:es)?)\b")


def _mention_score(field: str, ft: _FieldText, mention: CountryMention, head: CountryMention | None = None) -> float:
    """How strongly one mention says the project serves the country (negative for donors).

    head is the first country of the list this mention belongs to ("of Kenya, Uganda and Tanzania"): the words
    before the list speak for every member."""
    text = ft.text
    at = mention.start
    if matches_at(DONOR_RX, text, mention):
        return -3.0
    if _CURRENCY_BEFORE.search(text, max(0, at - 40), at) or _CURRENCY_AFTER.match(text, mention.end):
        return 0.0  # "dólares de los Estados Unidos de América", "United States dollars": a currency, no place
    lo, hi = ft.sentences.bounds(mention.start)
    # Home countries of participants are never served, even when named with their governments.
    if (_PARTICIPANT_CUE.search(text[max(lo, at - 120) : at])
            and re.search(r"\bfrom\b", text[max(lo, at - 120) : at], re.I)):
        return 0.0
    if matches_at(_NATIONAL_RX, text, mention):
        return 3.0
    enumeration = ft.is_enumeration(lo, hi)
    venue = bool(_VENUE_CUE.search(text[max(lo, at - 80) : at])) and bool(
        re.search(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*,\s*$", text[max(lo, at - 60) : at])
    )
    if enumeration and (venue or ft.tells_of_gathering(lo, hi)):
        return 0.0
    if venue:
        return 0.5
    if enumeration and field not in _PURPOSE_FIELDS:
        return 0.0
    weight = _FIELD_WEIGHTS.get(field, 0.75)
    head = head or mention
    if field in _PURPOSE_FIELDS and matches_at(_PURPOSE_RX, text, head):
        weight += 1.0
    return weight


# "Cambodia, the Lao People's Democratic Republic and Viet Nam", "du Niger, de la Mauritanie et du Tchad": the
# separator, then the article or preposition each member of the list repeats.
_LIST_GAP = re.compile(r"\s*(?:,|;|and|&|or|,\s*and|,\s*or|y|e|et|o|ou)\s*"
                       r"(?:(?:à|a|de|du|des|au|aux|del|al|en|in|dans)\s+)?"
                       r"(?:(?:the|la|le|les|el|los|las)\s+|l['’]\s?)?", re.IGNORECASE)
_NATIONAL_NOUN = re.compile(
    r"\s+(?:government|authorities|public\s+service|civil\s+service|ministry|ministries|public\s+administration|"
    r"parliament|nationals|officials|institutions|judiciary|public\s+sector|state|civil\s+servants|public\s+servants|"
    # "the Ukrainian school of public administration", "the Kyrgyz civil service academy"
    r"(?:civil\s+service\s+|public\s+administration\s+|public\s+service\s+)?academy|"
    r"school\s+of\s+(?:public\s+)?(?:administration|government|governance)|institute\s+of\s+public\s+administration|"
    r"supreme\s+audit\s+institution|revenue\s+authority|(?:national\s+)?statistic(?:s|al)\s+office|"
    r"municipalities|local\s+governments)\b",
    re.IGNORECASE,
)
# "the Ghanaian Public Procurement Authority", "the Kenyan National Treasury": a body of the country's own, named in
# capitals, its last word a kind of public body; never an aid agency ("Japanese International Cooperation Agency").
_NATIONAL_BODY_NAME = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){0,4}?(?:Authority|Agency|Office|Ministry|Commission|Council|Institute|School|Academy|"
    r"Service|Directorate|Department|Bureau|Court|Parliament|Assembly|Secretariat|Administration|Treasury|Tribunal|"
    r"Registry|Inspectorate|Ombudsman|Police|Judiciary)(?![\w-])")
_AID_WORDS = re.compile(r"(?<![\w-])(?:Cooperation|Co-operation|Development|Aid|International|Embassy|Export|Trade)"
                        r"(?![\w-])", re.IGNORECASE)


# A body that gives help is the provider, its country not the one served: "the Swedish Tax Agency advises ...".
_HELPS = re.compile(r"\s*(?:(?:will|has|have|is|was)\s+)?(?:supports?|supported|supporting|assists?|assisted|advises?|"
                    r"advised|helps?|helped|provides?|provided|shares?|shared|trains?|trained|mentors?|mentored|"
                    r"coach(?:es|ed)?|twins?|twinned|funds?|funded|finances?|financed|pays?|paid)(?![\w-])",
                    re.IGNORECASE)


_ADJECTIVE_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")


def national_body_gain(text: str, end: int, purpose: bool) -> float:
    """What a national adjective ending at `end` says of its country being served: 2 or 1 (by the field) before a
    national noun ("Saudi nationals", "the Bahamian public service"); 1 before the capitalised name of one of the
    country's public bodies that does not give the help ("the Ghanaian Public Procurement Authority"), so that it
    decides only where no other country is named; 0 otherwise."""
    if _NATIONAL_NOUN.match(text, end):
        return 2.0 if purpose else 1.0
    m = _NATIONAL_BODY_NAME.match(text, end)
    if not m or _AID_WORDS.search(m.group(0)) or _HELPS.match(text, m.end()):
        return 0.0
    return 1.0


def opens_record(title: str, text: str) -> bool:
    """Is a proposed title the record's first line, alone or after a document's type ("Ficha: Catastro ... en
    Ecuador", "Regional programme: ...", "# Open data in Moldova")? Then it is the record's own head and the
    country it names is one the record is about, as a labelled title's would be."""
    if not isinstance(title, str) or not isinstance(text, str) or len(title.split()) < 2:
        return False
    first = next((line for line in text.splitlines() if line.strip()), "")
    first = " ".join(first.strip(" \t#*_>|").split())
    title = " ".join(title.split())
    if first == title:
        return True
    head, sep, rest = first.partition(":")
    return bool(sep) and rest.strip(" *_") == title and 0 < len(head.split()) <= 3


_COMPARED = re.compile(r"(?<![\w-])(?:models?|mod[èe]les?|modelos?|examples?|exemples?|ejemplos?|like|comme|como|"
                       r"experiences?|exp[ée]riences?|experiencias?|lessons|le[çc]ons|lecciones|inspir\w*|"
                       r"benchmark\w*|compar\w*)(?![\w-])", re.IGNORECASE)


def only_compared(text: str, iso3: str) -> bool:
    """Is every mention of the country in a sentence that compares before it ("le modèle utilisé au Maroc")?"""
    sentences = _Sentences(text)
    mentions = [m for m in find_countries(text) if m.iso3 == iso3]
    return bool(mentions) and all(_COMPARED.search(text, sentences.bounds(m.start)[0], m.start) for m in mentions)


def served_countries(fields: dict[str, str]) -> list[str]:
    """ISO3 codes of the countries a project serves, from its fields' texts; a labelled 'countries' field wins."""
    if not isinstance(fields, dict):
        return []
    labelled = fields.get("countries")
    if labelled is not None and _text_of(labelled).strip(" ,;.\n\t-"):
        return split_place_list(_text_of(labelled))[0]
    keys = [k for k in _FIELD_ORDER if k in fields] + [k for k in fields if k not in _FIELD_ORDER and k != "countries"]
    scores: dict[str, float] = {}
    support: dict[str, float] = {}
    first_seen: dict[str, tuple[int, int]] = {}
    for rank, key in enumerate(keys):
        text = _text_of(fields.get(key))
        if not text.strip():
            continue
        mentions = find_countries(text)
        ft = _FieldText(text, mentions)
        head: CountryMention | None = None
        paid = bracket_payers(text)  # "Q 12 millones (Gobierno de Canadá)": the country pays
        for i, mention in enumerate(mentions):
            if i == 0 or not _LIST_GAP.fullmatch(text[mentions[i - 1].end : mention.start]):
                head = mention
            score = -3.0 if paid_at(paid, mention.start) else _mention_score(key, ft, mention, head)
            scores[mention.iso3] = scores.get(mention.iso3, 0.0) + score
            first_seen.setdefault(mention.iso3, (rank, mention.start))
        # "the three countries - A, B and C" (as many as the count says), "in the Pacific: A, B and C", "A, B and C
        # have requested support": lists that name the countries served
        for member in counted_members(text) + region_members(text) + requesting_members(text) + listed_lines(text):
            scores[member.iso3] = scores.get(member.iso3, 0.0) + 2.0
        # National adjectives: "Saudi nationals", "the Bahamian public service" count; a bare "French" only supports.
        # (find_demonyms already leaves out the words inside a country's name, "Saudi" of "Saudi Arabia".)
        demonyms = find_demonyms(text)
        gains = [national_body_gain(text, d.end, key in _PURPOSE_FIELDS or key == "partners") for d in demonyms]
        for i in range(len(demonyms) - 2, -1, -1):  # "Kenyan and Ugandan civil servants": the list shares its noun
            if not gains[i] and _ADJECTIVE_GAP.fullmatch(text, demonyms[i].end, demonyms[i + 1].start):
                gains[i] = gains[i + 1]
        for demonym, gain in zip(demonyms, gains):
            if gain:
                scores[demonym.iso3] = scores.get(demonym.iso3, 0.0) + gain
                first_seen.setdefault(demonym.iso3, (rank, demonym.start))
            else:
                support[demonym.iso3] = support.get(demonym.iso3, 0.0) + 0.25
    for iso3, extra in support.items():
        if scores.get(iso3, 0.0) > 0:
            scores[iso3] += extra
    served = [iso3 for iso3, score in scores.items() if score >= _SERVED_THRESHOLD]
    named = [iso3 for iso3, score in scores.items() if score > 0]
    if not served and named:
        from .who_is_served import unserved  # a venue, a comparison, a seat named besides: not what it is about

        whole = "\n".join(_text_of(fields.get(k)) for k in keys)
        idle = unserved(whole, named)
        named = [iso3 for iso3 in named if iso3 not in idle and not only_compared(whole, iso3)]
    if not served and len(named) == 1:
        # The one country the record names other than as a funder or the participants' home ("Implemented in
        # Uganda, ...", "trabaja en Costa Rica", "planners in northern Ghana"): the country it is about (the
        # caller flags it and leaves out a venue, a comparison, a study visit).
        served = named
    return sorted(served, key=lambda iso3: first_seen[iso3])
