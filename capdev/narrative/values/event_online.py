"""An event held online has no venue country: a country named about it is its participants', its organiser's or
its subject's.

"75 officers joined the online launch of a toolkit prepared with the Civil Service Commission of Bhutan", "un
webinaire en ligne réunissant 80 participants du Sénégal", "seminario virtual con funcionarios de Perú": the
country is no venue. An online event keeps its country only where a place is written as where it was held ("in
Nairobi", "à Dakar", "en Lima": the online word may belong to another clause of the sentence) or where the text
calls it hybrid. The words are data (data/event_cues.json: venue_locatives, hybrid).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .event_words import _IN_PERSON, _ONLINE, mask_not_a_mode

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_REACH = 30  # characters before a place in which its preposition is written


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        return "|".join(sorted((re.escape(w) for w in cues[key]["words"]), key=len, reverse=True))

    locative = re.compile(rf"(?<!\w)(?:{alt('venue_locatives')})\s+$", re.IGNORECASE)
    hybrid = re.compile(rf"(?<!\w)(?:{alt('hybrid')})(?!\w)", re.IGNORECASE)
    same = re.compile(rf"(?<!\w)(?:{alt('same_venue')})(?!\w)", re.IGNORECASE)
    return locative, hybrid, same


def _held_at(text: str, name: str | None) -> bool:
    """Is name written in text after a place preposition ("in Nairobi", "à Dakar", "in Nairobi, Kenya")?"""
    if not name:
        return False
    locative = _patterns()[0]
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        before = text[max(0, m.start() - _REACH) : m.start()]
        if locative.search(before):
            return True
    return False


def drop_online_venue(event, country_text: str | None) -> bool:
    """Clear the country and city of an event held online whose place is not written as its venue; True when
    cleared. country_text: the place as the text names it (None when the country came from an adjective)."""
    if not event.online or event.country is None:
        return False
    text = event.summary or ""
    if _patterns()[1].search(text):
        return False  # "hybrid workshop in Nairobi": a room as well as a link
    if _held_at(text, event.city) or _held_at(text, country_text):
        return False
    if event.city and country_text and _held_at(text, f"{event.city}, {country_text}"):
        return False
    event.country, event.city = None, None
    return True


def told_online(masked: str, kw_start: int, dated: list[int] | tuple = ()) -> bool:
    """Is the event whose word starts at kw_start told as held online? Only the online words of its own clause count:
    in "An advisory mission visited Kathmandu in February 2020; the remaining work was carried out remotely" the
    mission met in Kathmandu. dated: where the sentence's dates begin. A clause holding none of them while another
    does tells no dated event: the dated clause is the event's ("12 diplomados virtuales; organización del Seminario
    internacional ..., Bogotá, 18 y 19 de septiembre de 2024": the seminar met in Bogotá)."""
    if kw_start >= 0:
        lo, hi = _clause(masked, kw_start)
        if dated and not any(lo <= d < hi for d in dated):
            lo, hi = _clause(masked, dated[0])
        masked = masked[lo:hi]
    masked = mask_not_a_mode(masked)  # "Local Online Service Index", "services en ligne": no mode of meeting
    return bool(_ONLINE.search(masked)) and not _IN_PERSON.search(masked)


def _clause(masked: str, at: int) -> tuple[int, int]:
    """The bounds of the clause (between semicolons) holding masked[at]."""
    hi = masked.find(";", at)
    return masked.rfind(";", 0, at) + 1, hi if hi >= 0 else len(masked)


def same_venue(events: list) -> None:
    """An event held "in the same city" ("dans la même ville", "en la misma ciudad") as the one told before it takes
    that event's venue; events: in the order the text tells them."""
    last = None
    for e in events:
        if e.country is None and e.city is None and not e.online and last is not None \
                and _patterns()[2].search(e.summary or ""):
            # a city without its country yet ("en Encarnación") is carried too: the record's gazetteer places both
            e.country, e.city = last.country, last.city
        if e.country is not None or e.city is not None:
            last = e
