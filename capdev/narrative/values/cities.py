"""Cities named as venues ("in Lusaka", "Amman"), to the country they are in (data/cities.json: capitals and
well-known meeting places; a name shared by cities of several countries is not listed)."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "cities.json"


@dataclass(frozen=True)
class CityMention:
    """A known city in a text: characters [start, end), its name as written, its country (ISO3)."""

    start: int
    end: int
    name: str
    iso3: str


@functools.cache
def _cities() -> dict[str, str]:
    rows = json.loads(_DATA.read_text(encoding="utf-8"))["cities"]
    return {name.casefold(): iso3 for iso3, names in rows.items() for name in names}


@functools.cache
def _scanner() -> re.Pattern[str]:
    names = sorted({n for names in json.loads(_DATA.read_text(encoding="utf-8"))["cities"].values() for n in names},
                   key=lambda n: (-len(n), n))
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    # Written capitalised, as names are: "lima beans" and "male participants" are no venue.
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def city_country(name: str) -> str | None:
    """The ISO3 country of a known city name ("Lusaka" -> "ZMB"), or None."""
    return _cities().get(" ".join(name.split()).casefold()) if isinstance(name, str) else None


def find_cities(text: str) -> list[CityMention]:
    """Every known city named in text, with offsets."""
    if not isinstance(text, str) or not text:
        return []
    return [CityMention(m.start(), m.end(), m.group(0), _cities()[" ".join(m.group(0).split()).casefold()])
            for m in _scanner().finditer(text)]


# A national body's seat: "le ministère de la Fonction publique à Niamey", "the Ministry of Public Service in Kampala",
# "la Secretaría de Gestión Pública en Tegucigalpa". The gap between the body and the city stays on one clause and is
# bounded; a sentence about an event (a workshop, a visit) names its venue, not whom the project serves.
_BODY_BEFORE = re.compile(
    r"(?<![\w-])(?:ministry|ministries|minist[èe]re|minist[èe]res|ministerio|ministerios|governments?|gouvernements?|"
    # the city's own bodies: "the municipal government of Kampala", "las alcaldías del área de Tegucigalpa"
    r"municipal(?:ity|ities|idad|idades|it[ée]s?)?|city\s+(?:council|hall)|mairies?|communes?|alcald[íi]as?|"
    r"ayuntamientos?|municipios?|gobiernos?|secretar[íi]a|secr[ée]tariat|presidency|pr[ée]sidence|presidencia|civil\s+service\s+commission|"
    r"cour\s+des\s+comptes|contralor[íi]a|national\s+assembly|assembl[ée]e\s+nationale|asamblea\s+nacional|"
    r"prime\s+minister|primature|primer\s+ministro)"
    # "... à Niamey", or the city after a comma as an address writes it: "Secretaría de Gobernación, Tegucigalpa"
    r"(?![\w-])[^.;:\n]{0,70}?(?:\s(?:in|at|à|en|de|of|du|del|d['’])\s*|\s*,\s*)$",
    re.IGNORECASE,
)
_EVENT_WORDS = re.compile(
    r"(?<![\w-])(?:held|hosted|visited|visit[ée]e?s?|visit[óo]|workshops?|seminars?|conferences?|meetings?|visits?|missions?|ateliers?|s[ée]minaires?|"
    r"r[ée]unions?|visites?|taller(?:es)?|celebr[óo]|took\s+place|tuvo\s+lugar|eu\s+lieu|seminarios?|reuniones?|visitas?|misi[óo]n|misiones|participants?|participantes|"
    r"funded|funding|financed|financ[ée]e?s?\s+par|financiad[oa]s?|financia|donors?|bailleurs?|donantes?|"
    r"from|venue|lieu|lugar|tenue?s?\s+(?:à|a|au|en)\s|celebrad[oa]|realizad[oa]|organis[ée]e?|organized|organised)(?![\w-])",
    re.IGNORECASE,
)
# A ministry that looks abroad pays for other countries' projects: its seat is no country served.
_ABROAD = re.compile(r"(?<![\w-])(?:foreign|external|[ée]trang[èe]res|exteriores|ext[ée]rieures|coop[ée]ration|"
                     r"cooperaci[óo]n|co-?operation|international|internacional|embass(?:y|ies)|ambassades?|"
                     r"embajadas?)(?![\w-])", re.IGNORECASE)
_CLAUSE = re.compile(r"[^.;\n]*$")
# A national event is held in the country it is national to: "a national validation workshop took place in Tamale",
# "un atelier national de validation s'est tenu à Antananarivo", "el taller nacional se realizó en Tegucigalpa".
_EVENT_NOUNS = (r"(?:workshops?|seminars?|conferences?|consultations?|forums?|dialogues?|ateliers?|s[ée]minaires?|"
                r"conf[ée]rences?|concertations?|taller(?:es)?|seminarios?|conferencias?|foros?|consultas?|di[áa]logos?)")
_NATIONAL_EVENT = re.compile(
    rf"(?<![\w-])(?:national|nacional(?:es)?)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUNS}(?![\w-])"
    rf"|(?<![\w-]){_EVENT_NOUNS}\s+(?:[\w-]+\s+)?(?:nationa(?:l|ux)|nationales?|nacional(?:es)?)(?![\w-])",
    re.IGNORECASE)
_NOT_NATIONAL = re.compile(r"(?<![\w-])(?:regional|r[ée]gional(?:e|es|aux)?|international(?:e|es|aux)?|"
                           r"internacional(?:es)?|sub-?regional|global|mondial|mundial)(?![\w-])", re.IGNORECASE)


# "works in Nairobi", "se ejecuta en Tegucigalpa": a cue of service right before the city (values/serve_verbs.py).
_CITY_BRIDGE = re.compile(r"\s*(?:(?:the\s+)?city\s+of|la\s+ville\s+de|la\s+ciudad\s+de)?\s*$", re.IGNORECASE)


_CITY_GAP = re.compile(r"\s*(?:,|;|and|et|y|e|,\s*and)\s*(?:(?:in|en|à|a)\s+)?", re.IGNORECASE)


def _served_cities(text: str) -> set[int]:
    """Where the cities a cue of service names begin."""
    from ..folding import fold
    from .serve_verbs import serve_cue_rx

    folded = fold(text)
    cities = find_cities(text)
    out = set()
    for cue in serve_cue_rx().finditer(folded) if cities else ():
        out.update(c.start for c in cities if c.start >= cue.end() and c.start - cue.end() < 30
                   and _CITY_BRIDGE.match(folded, cue.end(), c.start))
    for prev, city in zip(cities, cities[1:]):  # "works in Lusaka and Harare": the list shares its cue
        if prev.start in out and _CITY_GAP.fullmatch(text, prev.end, city.start):
            out.add(city.start)
    return out


def seat_countries(text: str) -> list[str]:
    """Countries whose national bodies the text places in their city ("ministère ... à Niamey"), no event around,
    where a national event was held ("a national workshop in Tamale"), or whose city a cue of service names
    ("the project works in Nairobi")."""
    if not isinstance(text, str) or not text:
        return []
    out: list[str] = []
    served = _served_cities(text)
    for city in find_cities(text):
        before = text[max(0, city.start - 90) : city.start]
        clause_start = city.start - len(_CLAUSE.search(before).group(0))
        end = text.find(".", city.end)
        clause = text[clause_start : city.end + 80 if end < 0 else min(end, city.end + 80)]
        national = _NATIONAL_EVENT.search(text, clause_start, city.start) and not _NOT_NATIONAL.search(clause)
        body = (_BODY_BEFORE.search(before) or city.start in served) and not _EVENT_WORDS.search(clause) and not \
            _ABROAD.search(text, clause_start, city.start)
        if (national or body) and city.iso3 not in out:
            out.append(city.iso3)
    return out
