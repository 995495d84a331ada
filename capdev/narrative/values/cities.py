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
