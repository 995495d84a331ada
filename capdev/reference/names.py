"""Reference names in the reader's language: the database keeps the English names (what imports match and
exports write); pages translate them on display from maintained catalogues, held in memory (no query per row).

- Countries: the ISO 3166-1 short names of Debian's iso-codes in each language, as pycountry ships them
  (`pycountry.LOCALES_DIR`, domain `iso3166-1`), looked up by the country's alpha-2 code.
- Regions: the Unicode CLDR territory names of the M49 codes, as Babel ships them. Only the codes whose CLDR
  name means the same area as M49's: CLDR's 419 is "Latin America" where M49's is "Latin America and the
  Caribbean", so 419 keeps its English name.

- SDGs: the UN's official short titles of the 17 goals in the six languages (`data/sdg_goal_titles.json`, from
  the UN's SDG pages in each language), looked up by the goal's number. The targets stay in English.

A name with no translation is given in English, isolated and marked `lang="en"` (`local_name`), so that an
Arabic page reads it left to right with an English voice. SDG targets and funding sources have no maintained
catalogue in the six languages yet: they are marked as English the same way.
"""
from __future__ import annotations

import gettext
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

from capdev.core.templatetags.languages import in_language

# The page's language -> the catalogue's locale: iso-codes has Chinese as zh_CN, CLDR as zh_Hans.
ISO_CODES_LOCALE = {"ar": "ar", "zh-hans": "zh_CN", "fr": "fr", "ru": "ru", "es": "es"}
CLDR_LOCALE = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}
# M49 codes whose CLDR territory means something else than the M49 area of the same code.
CLDR_DIFFERENT_AREA = {"419"}
# Facets whose values are names kept in English in the registry, not choices of the interface.
DATA_FACETS = {"funding", "unit", "partner"}
SDG_TITLES_FILE = Path(__file__).resolve().parent / "data" / "sdg_goal_titles.json"


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    """alpha-2 -> the ISO 3166-1 English name (the catalogues' msgid)."""
    import pycountry

    return {c.alpha_2: c.name for c in pycountry.countries}


@lru_cache(maxsize=8)
def _iso_catalogue(language: str) -> gettext.NullTranslations:
    import pycountry

    locale = ISO_CODES_LOCALE.get(language)
    if locale is None:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


@lru_cache(maxsize=8)
def _cldr_territories(language: str) -> dict[str, str]:
    locale = CLDR_LOCALE.get(language)
    if locale is None:
        return {}
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency; without it, regions stay English
        return {}
    return dict(Locale.parse(locale).territories)


def country_name(iso2: str, english: str, language: str | None = None) -> str | None:
    """The country's short name in language (the page's by default), or None where there is none."""
    language = language or translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return english
    msgid = _iso_names().get(iso2)
    if not msgid:
        return None
    translated = _iso_catalogue(language).gettext(msgid)
    return translated if translated != msgid else None


def region_name(m49: str, english: str, language: str | None = None) -> str | None:
    """The M49 region's name in language, or None where CLDR has none for the same area."""
    language = language or translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return english
    if not m49 or m49 in CLDR_DIFFERENT_AREA:
        return None
    return _cldr_territories(language).get(m49)


@lru_cache(maxsize=1)
def sdg_titles() -> dict[int, dict[str, str]]:
    """Goal number -> {language: the goal's short title}, read once from the data file."""
    goals = json.loads(SDG_TITLES_FILE.read_text(encoding="utf-8"))["goals"]
    return {int(number): titles for number, titles in goals.items()}


def sdg_title(number, english: str, language: str | None = None) -> str | None:
    """The goal's short title in language (the page's by default), or None where there is none."""
    language = language or translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return english
    try:
        return sdg_titles().get(int(number), {}).get(language) or None
    except (TypeError, ValueError):
        return None


def sdg_title_text(number, english: str) -> str:
    """Plain text: the goal's short title in the page's language, else the English one (chart labels)."""
    return sdg_title(number, english) or english


def translated(obj) -> str | None:
    """The name of a Country, Region or SdgGoal in the page's language, None where there is no translation."""
    # A model row read with .only("iso3", "name") would load its iso2 on first touch (hasattr included): one query
    # per row of a list. Such a row is looked up by its iso3.
    deferred = obj.get_deferred_fields() if hasattr(type(obj), "get_deferred_fields") else set()
    if "iso2" in deferred:
        return _country_by_iso3(obj.iso3, obj.name, translation.get_language())
    if hasattr(obj, "iso2"):
        return country_name(obj.iso2, obj.name)
    if "m49" in deferred:
        return None
    if hasattr(obj, "m49"):
        return region_name(obj.m49, obj.name)
    if hasattr(obj, "short_title"):
        return sdg_title(obj.number, obj.short_title)
    return None


def english_name(obj) -> str:
    """The name the registry stores for obj: a goal's short title, a country's or region's name."""
    if hasattr(obj, "short_title"):
        return obj.short_title
    return str(getattr(obj, "name", obj))


def local_name(obj, english: str | None = None) -> str:
    """HTML: obj's name in the page's language, else its English name isolated and marked lang="en"."""
    english = english if english is not None else english_name(obj)
    name = translated(obj) if obj is not None and not isinstance(obj, str) else None
    if name:
        return in_language(name, translation.get_language())
    return in_language(english, settings.LANGUAGE_CODE)


def facet_label(facet: str, value: str, label: str) -> str:
    """HTML: a facet value's label in the page's language (countries by ISO code, regions by M49 code), else the
    English label marked; other facets' labels (the interface's choices, units, partners) as they are."""
    language = translation.get_language()
    if facet == "country":
        name = _country_by_iso3(value, label, language)
    elif facet == "region":
        name = _region_by_code(value, label, language)
    elif facet == "sdg":
        title = sdg_title(value, label, language)
        # The English label is the facet's own ("16. Peace, ..."); another language's is written the same way.
        name = label if language == settings.LANGUAGE_CODE else (f"{value}. {title}" if title else None)
    elif facet in DATA_FACETS:
        name = None  # the registry's own names (units, partners, funding sources): English, marked
    else:
        return in_language(label, language)  # the interface's choices (status, activity type...): translated
    if name:
        return in_language(name, language)
    return in_language(label, settings.LANGUAGE_CODE)


@lru_cache(maxsize=4096)
def _country_by_iso3(iso3: str, english: str, language: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return country_name(country.alpha_2, english, language) if country else None


@lru_cache(maxsize=1024)
def _region_by_code(code: str, english: str, language: str) -> str | None:
    # A region's code is its M49 code where it has one ("019"), otherwise a slug ("arab-states").
    return region_name(code if code.isdigit() else "", english, language)
