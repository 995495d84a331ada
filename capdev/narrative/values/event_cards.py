"""Events written as cards, one "Key: value" line per fact (or each key alone on its line over its value), a blank
line or a new card between them:

    Event: Regional workshop on service design        Activité : Atelier national de validation
    Date: 10-12 May 2022                              Date : 7 juin 2022
    Venue: Lima, Peru                                 Lieu : Cotonou (Bénin)
    Participants: 46 (24 women, 22 men)               Participants : 19 femmes et 25 hommes

A card's pairs may also stand on one line, cut by "|", tabs, " ; " or " · " ("Actividad: Curso de gestión | Fecha:
agosto de 2023 | Lugar: Asunción, Paraguay | Participantes: 28"): one event per line, every cell a "Key: value".

A card is an event when one key names the event (data/event_cues.json "card_keys": an "event" key whatever its
value, a "title" key only when its value names a kind of event) and a date key gives a date. Each value is read
alone: the venue's place or "online", the participants' exact count (a split by sex summed, an estimate no count).
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .cities import find_cities
from .dates import find_dates
from .event_clauses import count_by_sex, exact_count, online_only
from .event_counts import spans_a_year
from .event_drafts import _Draft, _new_draft
from .event_estimates import rounded_count
from .event_facts import _facts, _Place
from .event_words import _Sentence

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_KEYED = re.compile(r"^\s*(?:[-\u2022*\u00b7\u25aa]\s*)?(?P<key>[^:\d]{2,40}?)\s*[:\uff1a]\s*(?P<value>\S.*?)\s*$")
_COUNT = re.compile(r"^\s*(?P<num>\d{1,3}(?:[,\s]\d{3})+|\d{1,5})(?!\s*[-/.]\d)")
CARD_LINES = _MAX_KEYS = 8  # lines of one card
_CELL_CUT = re.compile(r"\s+[|\u00a6\u00b7\u2022]\s+|\s*\t\s*|\s+;\s+|\s*\|\s*")
_CELL = re.compile(r"^\s*(?P<key>[^:\d|]{2,40}?)\s*[:\uff1a]\s*\S")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'").split())


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    keys = json.loads(_DATA.read_text(encoding="utf-8"))["card_keys"]
    return {_fold(word): role for role, words in keys.items() if not role.startswith("_") for word in words}


def _keyed(text: str) -> tuple[str, str] | None:
    """(role, value) of a card line, else None."""
    m = _KEYED.match(text)
    if not m:
        return None
    role = _roles().get(_fold(m.group("key")))
    return (role, m.group("value")) if role else None


def _cells(text: str) -> list[str] | None:
    """The "Key: value" cells of a card written on one line, the card's keys kept ("Actividad: ... | Fecha: ... |
    Lugar: ..."); None unless the line has two cells or more, each a "Key: value" and the first a key of the card."""
    cells = [c for c in _CELL_CUT.split(text.strip()) if c.strip()]
    if len(cells) < 2 or not all(_CELL.match(c) for c in cells) or _keyed(cells[0]) is None:
        return None
    kept = [c for c in cells if _keyed(c) is not None]
    return kept if len(kept) >= 2 else None


def _card(texts: list[str], dated: bool = True) -> dict[str, tuple[str, int]] | None:
    """The facts of the event card the lines open ({role: (value, line index)}), else None. dated: only a card
    whose date key gives an event's days (not "2022-2024", a programme's period)."""
    facts: dict[str, tuple[str, int]] = {}
    for k, text in enumerate(texts[:_MAX_KEYS]):
        kv = _keyed(text)
        if kv is None or kv[0] in facts or (kv[0] in ("event", "title") and ({"event", "title"} & facts.keys())):
            break  # another card begins where its naming key comes again
        facts[kv[0]] = (kv[1], k)
    name = facts.get("event") or facts.get("title")
    if name is None or "date" not in facts:
        return None
    if "event" not in facts and (_facts(name[0]).type is None or not ({"venue", "participants"} & facts.keys())):
        return None  # "Title: ... / Date: ...": a publication's or a project's own head as much as an event's
    when = [d for d in find_dates(facts["date"][0]) if d.range.start is not None]
    if dated and (not when or spans_a_year(when[0].range)):
        return None
    return facts


def card_length(texts: list[str]) -> int:
    """How many of the lines (from the first) are one event card, dated or not (its lines are the event's, never
    the record's labels); 0 when they open none."""
    cells = _cells(texts[0]) if texts else None
    if cells is not None:
        return 1 if _card(cells, dated=False) else 0
    facts = _card(texts, dated=False)
    return 1 + max(k for _, k in facts.values()) if facts else 0


def is_card_line(text: str) -> bool:
    """Is the line a card's "Key: value" line (of any card: whether the lines make one is card_length's)?"""
    return _keyed(text) is not None


def read_card(lines: list[_Sentence], i: int, offset: int) -> tuple[_Draft, int] | None:
    """The event of the card starting at lines[i] and the index of the line after it, else None."""
    cells = _cells(lines[i].text)
    if cells is not None:
        texts, ends = cells, [0] * len(cells)
    elif _keyed(lines[i].text) is not None:
        texts = [ln.text for ln in lines[i : i + _MAX_KEYS]]
        ends = list(range(len(texts)))
    else:
        stack = _stacked([ln.text for ln in lines[i : i + 2 * _MAX_KEYS]])
        if stack is None:
            return None
        texts, ends = stack
    facts = _card(texts)
    if facts is None:
        return None
    j = i + 1 + ends[max(k for _, k in facts.values())]
    name = facts.get("event") or facts["title"]
    f = _facts(name[0])
    when = [d for d in find_dates(facts["date"][0]) if d.range.start is not None]
    sent = _Sentence(lines[i].start, lines[j - 1].end, " ".join(ln.text for ln in lines[i:j]))
    place, online = _venue(facts.get("venue", ("", 0))[0])
    mode = facts.get("mode", ("", 0))[0]
    online = online or (bool(mode) and online_only(mode))
    d = _new_draft(f, sent, offset, title=name[0].strip(" .;"), rank=3, dates=when[:1], place=place)
    ev = d.event
    ev.type = f.type or "conference"
    ev.online = online or ev.type == "webinar"
    if place is None:
        ev.country, ev.city = None, None
    ev.participants, ev.participants_qualifier, ev.participant_countries = None, None, None
    ev.participants_profile = None
    if "participants" in facts:
        ev.participants, ev.participants_qualifier = _count(facts["participants"][0])
    return d, j


def _stacked(texts: list[str]) -> tuple[list[str], list[int]] | None:
    """A card whose keys stand alone on their lines, each value on the line below ("Actividad" / "Conversatorio
    sobre firma electrónica" / "Fecha" / "septiembre de 2023"): its "Key: value" texts and the index of each one's
    value line; None unless two keys or more open the lines so."""
    out: list[str] = []
    ends: list[int] = []
    k = 0
    while k + 1 < len(texts) and len(out) < _MAX_KEYS:
        key, value = texts[k].strip().rstrip(":\uff1a").strip(), texts[k + 1].strip()
        if ":" in key or not value or _roles().get(_fold(key)) is None \
                or _roles().get(_fold(value.rstrip(":\uff1a"))) is not None:
            break
        out.append(f"{key}: {value}")
        ends.append(k + 1)
        k += 2
    return (out, ends) if len(out) >= 2 else None


def _venue(value: str) -> tuple[_Place | None, bool]:
    """The place a venue's value names ("Lima, Peru", "La Paz", "Cotonou (Bénin)") and whether it says online."""
    if not value:
        return None, False
    cities = find_cities(value)
    if cities:
        c = cities[0]
        return _Place(c.start, c.end, c.iso3, c.name, c.name, True), online_only(value)
    places = _facts(value).places or _facts(f"in {value}").places
    if places:
        return places[0], online_only(value)
    return None, online_only(value)


def _count(value: str) -> tuple[int | None, str | None]:
    """The exact count a participants' value gives ("46 (24 women, 22 men)", "19 women and 17 men"), else None."""
    m = _COUNT.match(value)
    if not m:
        return None, "approximately" if re.search(r"\d", value[:20]) else None
    s, e = m.start("num"), m.end("num")
    rounded = not exact_count(value, s, e)
    if rounded and not rounded_count(value, s, e):
        return None, "approximately"  # "up to 40"; "environ 40" is read, approximately
    summed = count_by_sex(value, s)
    return (summed if summed is not None else int(re.sub(r"[,\s]", "", m.group("num")))), (
        "approximately" if rounded else None)


_LONE_LINES = 400  # lines of a record looked through for its "Participants: 55" line


def lone_count(text: str, events: list) -> str | None:
    """A programme's or a report's one event and, apart from it, one "Participants : 55 (élus locaux, ...)" line:
    the count is that event's. Sets it and gives the line (for the reviewer), or None: with two events or more, or
    two such lines, whose count it is is not written."""
    own = [e for e in events if not e.recalled]
    if len(own) != 1 or own[0].participants is not None or own[0].start is None:
        return None
    found = []
    for line in text.splitlines()[:_LONE_LINES]:
        kv = _keyed(line)
        if kv is not None and kv[0] == "participants":
            n, _ = _count(kv[1])
            if n:
                found.append((n, line.strip()))
    if len(found) != 1:
        return None
    own[0].participants = found[0][0]
    return found[0][1]
