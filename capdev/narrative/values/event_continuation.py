"""Sentences that go on telling the event just told, and lines that end inside their sentence.

"The validation workshop took place in Dakar on 14-16 March 2023." / "Ont pris part à l'atelier 34 participants
dont 12 femmes.": the second sentence tells the first one's attendance, not an event of its own. The openers of such
sentences, and the words a wrapped line can end on ("took place online on" / "6 December 2022 ..."), are data
(data/event_cues.json), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from . import dates as _dates
from .spelled_counts import digits_of_words

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"


@lru_cache(maxsize=1)
def _cues() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def _alternatives(key: str) -> str:
    return "|".join(sorted(_cues()[key]["words"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _opener() -> re.Pattern[str]:
    # Case-sensitive: an opener begins its sentence with a capital ("The", "Les participants", "Participaron").
    return re.compile(rf"^(?:{_alternatives('continuation_openers')})(?!\w)")


@lru_cache(maxsize=1)
def _open_end() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s)(?:{_alternatives('open_line_ends')})$", re.IGNORECASE)


def continues(text: str) -> bool:
    """Does the sentence (or line) go on telling the event told just before it? A count in words opens it as its
    digits do ("Forty-two officials attended.", "Soixante-quinze participants y ont pris part.": round 18)."""
    return bool(_opener().match(text.lstrip()) or _opener().match(digits_of_words(text).lstrip()))


def ends_open(line: str) -> bool:
    """Does the line end on a word no sentence ends on (a preposition, an article, a conjunction)?"""
    return bool(_open_end().search(line.rstrip()))


def own_anchor(f) -> bool:
    """Does a sentence's _Facts give it a date or a place of its own (it then tells its own event)?"""
    return bool(f.dates or f.places)


_DATE_FRAGMENT = 40  # characters: a longer piece is a sentence, not a date written after one


def glue_dates(sentences: list) -> list:
    """A date written alone after a sentence ("... with 40 civil servants! (12 May 2023)", a post's date) belongs to
    the sentence before it: the two are read as one (sentences are event_words._Sentence)."""
    out: list = []
    for s in sentences:
        if out and len(s.text) <= _DATE_FRAGMENT and _only_date(s.text):
            prev = out[-1]
            out[-1] = type(prev)(prev.start, s.end, f"{prev.text}{' ' * (s.start - prev.end)}{s.text}")
            continue
        out.append(s)
    return out


def _only_date(text: str) -> bool:
    found = _dates.find_dates(text)
    if len(found) != 1:
        return False
    rest = text[: found[0].start] + text[found[0].end :]
    return not re.search(r"\w", rest)


def join_adjacent(sources: list[tuple[str, int]], text) -> list[tuple[str, int]]:
    """The texts to read events in, those on consecutive lines read as one: the lines of a record's head ("ATELIER
    RÉGIONAL DE LANCEMENT" / "Douala (Cameroun), Hôtel Akwa Palace – du 5 au 7 juin 2024") are handed on one by
    one, and a heading is read with the line under it. text: the record's text, which the offsets index."""
    out: list[tuple[str, int]] = []
    for value, at in sources:
        if out:
            prev, start = out[-1]
            gap = text[start + len(prev) : at] if at >= start + len(prev) else None
            if gap is not None and not gap.strip() and gap.count("\n") <= 1 and len(gap) < 80:
                out[-1] = (text[start : at + len(value)], start)
                continue
        out.append((value, at))
    return out
