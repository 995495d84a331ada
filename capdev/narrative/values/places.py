"""Countries and regions: names to ISO 3166-1 alpha-3 and canonical region names, mentions in prose,
and the countries a project serves (as opposed to countries it merely mentions).

Sources: pycountry, the name patterns of country_converter's data file (read as TSV, never imported:
importing it pulls pandas), and the JSON tables in capdev/narrative/data/ that an administrator can extend.
"""
from __future__ import annotations

import bisect
import csv
import functools
import gettext
import importlib.resources
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry

from ..intervals import Intervals

_DATA = Path(__file__).resolve().parent.parent / "data"
TRANSLATED_LANGUAGES = ("fr", "es")  # country names are also read in these languages (pycountry's translations)

__all__ = [
    "CountryMention",
    "RegionMention",
    "resolve_country",
    "resolve_demonym",
    "resolve_region",
    "region_m49",
    "find_countries",
    "find_regions",
    "find_demonyms",
    "split_place_list",
    "served_countries",
]


@dataclass(frozen=True)
class CountryMention:
    """A country named in a text: characters [start, end), its ISO3 code, the words as written."""

    start: int
    end: int
    iso3: str
    text: str


@dataclass(frozen=True)
class RegionMention:
    """A region named in a text: characters [start, end), its canonical name, the words as written."""

    start: int
    end: int
    name: str
    text: str


# ---------------------------------------------------------------- normalisation

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def _fold(text: str) -> str:
    """A lookup key: no accents, lower case, 'St.' as 'saint', '&' as 'and', single spaces, no edge punctuation."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_DASHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ")
    text = re.sub(r"\bst\.?\s+", "saint ", text)
    text = re.sub(r"\s+", " ", text).strip(" \t\r\n.,;:!?\"'*-•·")
    return text


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


# ---------------------------------------------------------------- data tables


def _load_json(name: str) -> dict:
    with open(_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def _valid_iso3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@functools.cache
def _cc_rows() -> list[dict[str, str]]:
    """Rows of country_converter's data file (name_short, name_official, regex, ISO3), valid ISO3 only."""
    try:
        raw = importlib.resources.files("country_converter").joinpath("country_data.tsv").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return []
    valid = _valid_iso3()
    return [row for row in csv.DictReader(io.StringIO(raw), delimiter="\t") if row.get("ISO3") in valid]


@functools.cache
def _cc_regexes() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for row in _cc_rows():
        try:
            out.append((re.compile(row["regex"], re.IGNORECASE), row["ISO3"]))
        except re.error:
            continue
    return out


def _name_variants(name: str) -> set[str]:
    """'Korea, Republic of' also as 'Republic of Korea' and 'Korea (Republic of)'; 'Saint X' also as 'St. X'."""
    out = {name}
    m = re.match(r"^(.+?),\s*(.+)$", name)
    if m:
        head, tail = m.groups()
        out.add(f"{head} ({tail})")
        if re.search(r"\bof(?: the)?$", tail) or " " not in tail:
            out.add(f"{tail} {head}")
    for v in list(out):
        if v.startswith("Saint "):
            out.add("St. " + v[6:])
            out.add("St " + v[6:])
        if " and " in v:
            out.add(v.replace(" and ", " & "))
        folded = _fold(v)
        if folded != v.lower():
            out.add(folded)
    return out


@functools.cache
def _aliases() -> dict:
    return _load_json("country_aliases.json")


@functools.cache
def _translated_names() -> tuple[tuple[str, str], ...]:
    """Country names in French and Spanish (pycountry's translations): (name, ISO3), the part before a comma
    too where only one country has it ("Bolivie, État plurinational de" is also "Bolivie")."""
    out: list[tuple[str, str]] = []
    heads: dict[str, set[str]] = {}
    for lang in TRANSLATED_LANGUAGES:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if not value:
                    continue
                name = tr.gettext(value)
                if name != value:
                    out.append((name, c.alpha_3))
                if "," in name:
                    heads.setdefault(name.split(",")[0].strip(), set()).add(c.alpha_3)
    out.extend((head, next(iter(codes))) for head, codes in heads.items() if len(codes) == 1)
    return tuple(out)


@functools.cache
def _name_index() -> dict[str, str]:
    """Folded country name -> ISO3, from pycountry, country_converter names and the alias table."""
    index: dict[str, str] = {}

    def add(name: str | None, iso3: str) -> None:
        if not name:
            return
        for variant in _name_variants(name):
            key = _fold(variant)
            if key:
                index.setdefault(key, iso3)
                index.setdefault(_strip_the(key), iso3)

    # The alias table goes first: it is where an administrator settles a clash.
    for iso3, names in _aliases().get("aliases", {}).items():
        for name in names:
            add(name, iso3)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            add(getattr(c, attr, None), c.alpha_3)
    for row in _cc_rows():
        add(row.get("name_short"), row["ISO3"])
        add(row.get("name_official"), row["ISO3"])
    for name, iso3 in _translated_names():
        add(name, iso3)
    return index


@functools.cache
def _acronyms() -> dict[str, str]:
    return {k.replace(".", ""): v for k, v in _aliases().get("acronyms", {}).items()}


@functools.cache
def _demonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for iso3, words in _load_json("places_demonyms.json").get("demonyms", {}).items():
        for word in words:
            index.setdefault(_fold(word), iso3)
    return index


@functools.cache
def _regions() -> list[dict]:
    return _load_json("regions.json").get("regions", [])


@functools.cache
def _region_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for region in _regions():
        for name in [region["name"], *region.get("aliases", [])]:
            key = _fold(name)
            index.setdefault(key, region["name"])
            index.setdefault(_strip_the(key), region["name"])
    return index


# ---------------------------------------------------------------- single names

_GOV_PREFIX = re.compile(
    r"^(?:the\s+)?(?:government|republic|kingdom|state|commonwealth|sultanate|principality|federation|union)"
    r"\s+of\s+(?:the\s+)?"
    r"|^(?:le\s+|la\s+|el\s+)?(?:gouvernement|r[ée]publique|royaume|[ée]tat|gobierno|rep[úu]blica|reino|estado)"
    r"\s+(?:de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+los\s+|de\s+las\s+|del\s+|de\s+)",
    re.IGNORECASE,
)
_GOV_SUFFIX = re.compile(r"\s+(?:republic|government|gov't|govt)$", re.IGNORECASE)


def resolve_country(name: str) -> str | None:
    """A country name, common variant or acronym ("DRC", "Lao PDR", "St. Lucia") to its ISO 3166-1 alpha-3 code."""
    if not isinstance(name, str):
        return None
    text = name.strip().strip(".,;:").strip()
    if not text or len(text) > 100:
        return None
    compact = text.replace(".", "").replace(" ", "")
    if compact in _acronyms():
        return _acronyms()[compact]
    if any(compact.lower() == a.lower() for a in _acronyms()):
        return None  # "us", "car": acronyms count only in capitals
    if re.fullmatch(r"[A-Z]{3}", text) and text in _valid_iso3():
        return text
    index = _name_index()
    key = _fold(text)
    for candidate in (key, _strip_the(key)):
        if candidate in index:
            return index[candidate]
    # "Government of Togo", "Djibouti Republic": the country inside a state-like wrapper.
    bare = _GOV_SUFFIX.sub("", _GOV_PREFIX.sub("", text)).strip()
    if bare != text:
        found = resolve_country(bare)
        if found:
            return found
    if resolve_region(text):
        return None
    if len(text) > 60 or re.search(r"[;,/&|\n\r\t]|\s(?:and|et|y)\s", text):
        return None  # a list of names ("Cameroun, Gabon, Tchad") is no one country, whatever one pattern says
    hits = {iso3 for rx, iso3 in _cc_regexes() if rx.search(text)}
    return hits.pop() if len(hits) == 1 else None


def resolve_demonym(word: str) -> str | None:
    """An unambiguous national adjective ("Bahamian", "Saint Lucian", "Djiboutian") to ISO3."""
    if not isinstance(word, str):
        return None
    key = _fold(word)
    if key.endswith("s") and key not in _demonym_index():
        key = key[:-1]  # "Bahamians"
    return _demonym_index().get(key)


def resolve_region(name: str) -> str | None:
    """A region or grouping name ("Asia-Pacific", "SIDS", "Interregional") to its canonical region name."""
    if not isinstance(name, str):
        return None
    key = _fold(name)
    if not key:
        return None
    index = _region_index()
    for candidate in (key, _strip_the(key), re.sub(r"\s+(?:region|regional)$", "", _strip_the(key))):
        if candidate in index:
            return index[candidate]
    return None


def region_m49(name: str) -> str | None:
    """The UN M49 code of a canonical region name, or None where M49 has none."""
    canonical = resolve_region(name)
    for region in _regions():
        if region["name"] == canonical:
            return region.get("m49")
    return None


# ---------------------------------------------------------------- prose scanning


def _surface_pattern(surface: str) -> str:
    """A regex for one written form: flexible spaces, apostrophes, hyphens and optional dots."""
    parts = []
    for ch in surface:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "'’":
            parts.append(r"['’`]?\s?")
        elif ch == "-":
            parts.append(r"[-‐‑–\s]")
        elif ch == ".":
            parts.append(r"\.?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


# "UNDP/Saudi Arabia" and "UNDP-Mali" are fine; "e-Togo", "x.Mali" or "info@mali" are not.
_LEFT = r"(?<![\w@/.-])|(?<=/)|(?<=[A-Z][A-Z]-)"


@functools.cache
def _country_scanner() -> tuple[re.Pattern[str], dict[str, str | None], frozenset[str]]:
    """One alternation of every written form, longest first, so that 'Papua New Guinea' beats 'Guinea'."""
    surfaces: dict[str, str | None] = {}
    for iso3, names in _aliases().get("aliases", {}).items():
        for name in names:
            for v in _name_variants(name):
                surfaces.setdefault(v, iso3)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                for v in _name_variants(value):
                    surfaces.setdefault(v, c.alpha_3)
    for row in _cc_rows():
        for attr in ("name_short", "name_official"):
            if row.get(attr):
                for v in _name_variants(row[attr]):
                    surfaces.setdefault(v, row["ISO3"])
    for name, iso3 in _translated_names():
        for v in _name_variants(name):
            surfaces.setdefault(v, iso3)
    for phrase in _aliases().get("ignore_in_prose", []):
        surfaces[phrase] = None
    acronyms = frozenset(_acronyms())
    for acronym in acronyms:
        surfaces.setdefault(acronym, _acronyms()[acronym])
    # A region named like a country ("Micronesia") is still the country when scanning prose.
    ordered = sorted(surfaces, key=lambda s: (-len(s), s))
    alternation = "|".join(_surface_pattern(s) for s in ordered)
    pattern = re.compile(rf"(?:{_LEFT})(?:the\s+)?(?:{alternation})(?![\w$€£¥])", re.IGNORECASE)
    lookup = {}
    for s, iso3 in surfaces.items():
        lookup.setdefault(_fold(s), iso3)
        lookup.setdefault(_strip_the(_fold(s)), iso3)
        lookup.setdefault(s.replace(".", "").replace(" ", ""), iso3)
    return pattern, lookup, acronyms


def _is_acronym_ok(written: str, acronyms: frozenset[str]) -> bool | None:
    """None when the match is no acronym; else whether it is written exactly in capitals."""
    compact = written.replace(".", "").replace(" ", "")
    for acronym in acronyms:
        if compact.lower() == acronym.lower():
            return compact == acronym
    return None


def find_countries(text: str) -> list[CountryMention]:
    """Every country named in prose, with offsets; longest name wins, acronyms only in capitals."""
    if not isinstance(text, str) or not text:
        return []
    pattern, lookup, acronyms = _country_scanner()
    out: list[CountryMention] = []
    for m in pattern.finditer(text):
        written = m.group(0)
        start = m.start()
        core = written
        lead = re.match(r"the\s+", written, re.IGNORECASE)
        if lead:
            core = written[lead.end():]
        acronym_ok = _is_acronym_ok(core, acronyms)
        if acronym_ok is False:
            continue
        if acronym_ok is None and not core[:1].isupper():
            continue  # "turkey", "chad", "guinea pig": common words when not capitalised
        key = _fold(written)
        if any(k in lookup and lookup[k] is None for k in (key, _fold(core))):
            continue  # an ignore_in_prose phrase ("Lake Chad", "New Mexico")
        iso3 = lookup.get(key) or lookup.get(_strip_the(key)) or resolve_country(core)
        if iso3 is None:
            continue
        if lead and key not in lookup:
            start += lead.end()  # keep "the" only where it belongs to the name ("The Bahamas")
            written = core
        out.append(CountryMention(start, m.end(), iso3, written))
    return out


@functools.cache
def _region_scanner() -> re.Pattern[str]:
    names: set[str] = set()
    for region in _regions():
        names.add(region["name"])
        names.update(region.get("aliases", []))
    ordered = sorted(names, key=lambda s: (-len(s), s))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(_surface_pattern(s) for s in ordered)})(?![\w-])", re.IGNORECASE)


def find_regions(text: str) -> list[RegionMention]:
    """Every region or grouping named in a text, with offsets (capitalised words only)."""
    if not isinstance(text, str) or not text:
        return []
    out = []
    for m in _region_scanner().finditer(text):
        written = m.group(0)
        core = re.sub(r"^the\s+", "", written, flags=re.IGNORECASE)
        if not core[:1].isupper():
            continue
        name = resolve_region(written)
        if name:
            out.append(RegionMention(m.start(), m.end(), name, written))
    return out


@functools.cache
def _demonym_scanner() -> re.Pattern[str]:
    words = set()
    for names in _load_json("places_demonyms.json").get("demonyms", {}).values():
        words.update(names)
    ordered = sorted(words, key=lambda s: (-len(s), s))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(_surface_pattern(w) for w in ordered)})s?(?![\w-])")


def find_demonyms(text: str) -> list[CountryMention]:
    """Every unambiguous national adjective in prose ("the Bahamian public service"), case-sensitive."""
    if not isinstance(text, str) or not text:
        return []
    out = []
    names = Intervals((c.start, c.end) for c in find_countries(text))
    for m in _demonym_scanner().finditer(text):
        if names.overlaps(m.start(), m.end()):
            continue  # "Saudi" inside "Saudi Arabia"
        iso3 = resolve_demonym(m.group(0))
        if iso3:
            out.append(CountryMention(m.start(), m.end(), iso3, m.group(0)))
    return out


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


# ---------------------------------------------------------------- served countries

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
    r"\b(?:government|ministry|minister|president|prime\s+minister|parliament|national\s+assembly|authorities|cabinet|office|presidency|state)\s+of\s+(?:the\s+)?(?:republic\s+of\s+(?:the\s+)?)?" + _C,
    r"\bministry\b[^.;\n]{0,80}?\bof\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?" + _C,
    # "DRC Government", "Djibouti Government", "Togo's Ministry of ..."
    _C + r"(?:'s)?\s+(?:government|gov't|govt|authorities|ministry|ministries|national|republic|country\s+office|parliament|cabinet|presidency|civil\s+service|public\s+service|public\s+administration)\b",
    # "UNDP Togo", "UNDP/Saudi Arabia", "UNDP in Mali", "UNDP-Mali", "UNICEF Country Office in Ghana"
    r"\b(?:UNDP|UNICEF|UNFPA|UN|UNCT|UNRC|RCO|UNESCO|FAO|WHO|ILO|UNODC|UN\s+Women|UN-Habitat|UNOPS|WFP|country\s+office)\s*(?:/|-|–|\s|\s+in\s+|\s+for\s+)\s*(?:the\s+)?" + _C,
    r"\b(?:republic|kingdom|state|commonwealth|sultanate)\s+of\s+(?:the\s+)?" + _C,
    # "the project in Mali", "programme for Djibouti", "support to the Government of ..."
    r"\b(?:project|programme|program|initiative|support|assistance|mission)\b[^.;\n]{0,30}?\b(?:in|for|to|of)\s+(?:the\s+)?" + _C,
]
_DONOR = [
    _C + r"(?:'s)?\s*(?:[-–]\s*)?(?:development\s+)?(?:cooperation|co-operation|aid\b|embassy|trust\s+funds?|international\s+development|development\s+agency|donor)",
    r"\b(?:embassy|consulate)\s+of\s+(?:the\s+)?" + _C,
    r"\b(?:funded|financed|sponsored|supported\s+financially|contribution)\s+(?:by|from|of)\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?" + _C,
    r"\b(?:funding|grant|donation|contribution)\s+(?:from|by)\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?" + _C,
    _C + r"[^.;\n]{0,20}\((?:donor|funding|funder)\)",
]
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
_DONOR_RX = _context_regexes(_DONOR)
_PURPOSE_RX = _context_regexes([_PURPOSE_PREPOSITION])


def _masked_window(text: str, mention: CountryMention, before: int = 140, after: int = 80) -> str:
    """Up to `before` characters and `after` characters around the mention, the mention replaced by one marker
    character so that context patterns can find it (the window of the masked text, without copying the text)."""
    lo = max(0, mention.start - before)
    hi = min(len(text) - (mention.end - mention.start) + 1, mention.start + after)
    return text[lo : mention.start] + _C + text[mention.end : mention.end + hi - mention.start - 1]


def _matches_at(rxs: list[re.Pattern[str]], text: str, mention: CountryMention) -> bool:
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


def _mention_score(field: str, ft: _FieldText, mention: CountryMention, head: CountryMention | None = None) -> float:
    """How strongly one mention says the project serves the country (negative for donors).

    head is the first country of the list this mention belongs to ("of Kenya, Uganda and Tanzania"): the words
    before the list speak for every member."""
    text = ft.text
    at = mention.start
    if _matches_at(_DONOR_RX, text, mention):
        return -3.0
    lo, hi = ft.sentences.bounds(mention.start)
    # Home countries of participants are never served, even when named with their governments.
    if _PARTICIPANT_CUE.search(text[max(lo, at - 120) : at]) and re.search(r"\bfrom\b", text[max(lo, at - 120) : at], re.I):
        return 0.0
    if _matches_at(_NATIONAL_RX, text, mention):
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
    if field in _PURPOSE_FIELDS and _matches_at(_PURPOSE_RX, text, head):
        weight += 1.0
    return weight


_LIST_GAP = re.compile(r"\s*(?:,|;|and|&|or|,\s*and|,\s*or|y|e|et|o|ou)\s*", re.IGNORECASE)
_NATIONAL_NOUN = re.compile(
    r"\s+(?:government|authorities|public\s+service|civil\s+service|ministry|ministries|public\s+administration|"
    r"parliament|nationals|officials|institutions|judiciary|public\s+sector|state)\b",
    re.IGNORECASE,
)


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
        for i, mention in enumerate(mentions):
            if i == 0 or not _LIST_GAP.fullmatch(text[mentions[i - 1].end : mention.start]):
                head = mention
            score = _mention_score(key, ft, mention, head)
            scores[mention.iso3] = scores.get(mention.iso3, 0.0) + score
            first_seen.setdefault(mention.iso3, (rank, mention.start))
        # National adjectives: "Saudi nationals", "the Bahamian public service" count; a bare "French" only supports.
        # (find_demonyms already leaves out the words inside a country's name, "Saudi" of "Saudi Arabia".)
        for demonym in find_demonyms(text):
            if _NATIONAL_NOUN.match(text, demonym.end):
                gain = 2.0 if key in _PURPOSE_FIELDS or key == "partners" else 1.0
                scores[demonym.iso3] = scores.get(demonym.iso3, 0.0) + gain
                first_seen.setdefault(demonym.iso3, (rank, demonym.start))
            else:
                support[demonym.iso3] = support.get(demonym.iso3, 0.0) + 0.25
    for iso3, extra in support.items():
        if scores.get(iso3, 0.0) > 0:
            scores[iso3] += extra
    served = [iso3 for iso3, score in scores.items() if score >= _SERVED_THRESHOLD]
    return sorted(served, key=lambda iso3: first_seen[iso3])
