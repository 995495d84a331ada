"""Countries and regions: names to ISO 3166-1 alpha-3 and canonical region names, mentions in prose, lists of
places (the countries a project serves, as opposed to those it merely mentions, are read in .served).

Sources: pycountry, the name patterns of country_converter's data file (read as TSV, never imported:
importing it pulls pandas), and the JSON tables in capdev/narrative/data/ that an administrator can extend.
"""
from __future__ import annotations

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

from ..alternation import Alternation
from ..intervals import Intervals
from ..text_cache import per_text

_DATA = Path(__file__).resolve().parent.parent / "data"
TRANSLATED_LANGUAGES = ("fr", "es")  # country names are also read in these languages (pycountry's translations)

__all__ = ["CountryMention", "RegionMention", "find_countries", "find_demonyms", "find_regions", "region_m49",
           "resolve_country", "resolve_demonym", "resolve_region"]


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
_ARTICLE = re.compile(r"^(?:le|la|les|el|los|las)\s+|^l['’]\s?", re.IGNORECASE)
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
    # "les Comores", "la Côte d'Ivoire", "el Perú", "los Países Bajos": a French or Spanish article before the name.
    article = _ARTICLE.match(text)
    if article and article.end() < len(text):
        found = resolve_country(text[article.end() :])
        if found:
            return found
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


def _bare(text: str) -> str:
    """The text without accents, one character for one ("Túnez" as "Tunez", "Níger" as "Niger"), so that offsets in
    it are offsets in the text: a character whose decomposition is more than a letter and its accents stays."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda m: _bare_char(m.group()), text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=4096)
def _bare_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


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
def _country_scanner() -> tuple[Alternation, dict[str, str | None], frozenset[str]]:
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
    # The scan reads the text without its accents (_bare): every form is written so too, once.
    ordered = sorted({_bare(s) for s in surfaces}, key=lambda s: (-len(s), s))
    pattern = Alternation([(s[0], _surface_pattern(s)) for s in ordered], left=_LEFT, lead=r"the\s+",
                          tail=r"(?![\w$€£¥])", flags=re.IGNORECASE)
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
    return list(_countries_in(text))


@per_text()
def _countries_in(text: str) -> tuple[CountryMention, ...]:
    pattern, lookup, acronyms = _country_scanner()
    out: list[CountryMention] = []
    for start, end in pattern.spans(_bare(text)):
        written = text[start:end]
        core = written
        lead = re.match(r"the\s+", written, re.IGNORECASE)
        if lead:
            core = written[lead.end():]
        acronym_ok = _is_acronym_ok(core, acronyms)
        if acronym_ok is False or acronym_ok and re.match(r"-[A-Z0-9]", text[end:end + 2]):
            continue  # "PRC-IGE": a project's acronym, not China
        if acronym_ok is None and not core[:1].isupper() and not (core[:1] == "e" and core[1:2].isupper()):
            continue  # "turkey", "chad", "guinea pig": common words when not capitalised (but "eSwatini")
        key = _fold(written)
        if any(k in lookup and lookup[k] is None for k in (key, _fold(core))):
            continue  # an ignore_in_prose phrase ("Lake Chad", "New Mexico")
        iso3 = lookup.get(key) or lookup.get(_strip_the(key)) or resolve_country(core)
        if iso3 is None:
            continue
        if lead and key not in lookup:
            start += lead.end()  # keep "the" only where it belongs to the name ("The Bahamas")
            written = core
        out.append(CountryMention(start, end, iso3, written))
    return tuple(out)


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
