"""Numbers near people that are no count of the people an event reached.

"34 participants (15 women)", "34 participants dont 15 femmes", "40 funcionarios, de los cuales 18 mujeres": the
second number is part of the first, not a second count (a clause with two counts otherwise gives none).
"Cupo: 35 plazas", "capacity of 40 participants", "30 places available": the places offered, not the people who
came. "On 22 May 2024 the project trained 45 tax assessors in Arusha": a training held, told by its verb, with its
count; "By December 2024 the project had trained 300 officials": a running total, no event. The words are data
(data/event_cues.json), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_SUBSET_GAP = 40  # characters between a count and the part of it written after it
_CAPACITY_REACH = 40  # characters before a number in which its capacity word is written


@lru_cache(maxsize=1)
def _training_verb() -> re.Pattern[str]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))
    words = "|".join(sorted(cues["training_verbs"]["words"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


@lru_cache(maxsize=1)
def _cutoff() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        entry = cues[key]
        return "|".join(sorted(entry["words"] if isinstance(entry, dict) else entry, key=len, reverse=True))

    return (re.compile(rf"(?<!\w)(?:{alt('cutoff')})\s+(?:(?:the|le|la|el|l['’])\s+)?$", re.I),
            re.compile(rf"(?<!\w)(?:{alt('total')})(?!\w)", re.I))


def _verb(key: str) -> re.Pattern[str]:
    return _verbs()[key]


@lru_cache(maxsize=1)
def _verbs() -> dict[str, re.Pattern[str]]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))
    out = {}
    for key in ("training_verbs", "gathering_verbs"):
        words = "|".join(sorted(cues[key]["words"], key=len, reverse=True))
        out[key] = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)
    return out


class VerbEvent(NamedTuple):
    type: str
    at: int  # where the verb ends: the words before it are no part of the event's name
    count: int
    noun: dict[str, str]  # the event's name by language, for its title


_TRAINING = {"en": "training", "fr": "formation", "es": "capacitación"}
_MEETING = {"en": "meeting", "fr": "réunion", "es": "reunión"}


def verb_event(masked: str, date_starts: list[int], date_spans: list[tuple[int, int]], count: int | None,
               qualifier: str | None, exact_count: Callable[[str, int, int], bool]) -> VerbEvent | None:
    """A sentence with a month that names no kind of event but tells one held by its verb and an exact count of
    people: "On 22 May 2024 the project trained 45 tax assessors", "38 funcionarios ... se reunieron en ...".
    None for a running total ("By December 2024 the project had trained 300", "in total") or an estimate."""
    cutoff, total = _cutoff()
    if qualifier or total.search(masked) or any(cutoff.search(masked, max(0, s - 30), s) for s in date_starts):
        return None
    t = _verb("training_verbs").search(masked)
    if t:
        n = count or trained_count(masked, t.end(), date_spans, exact_count)
        return VerbEvent("workshop", t.end(), n, _TRAINING) if n else None
    g = _verb("gathering_verbs").search(masked)
    if g and count and not _BALLOT.search(masked):  # "The elections took place in May 2024 with 1,200 observers"
        return VerbEvent("conference", g.end(), count, _MEETING)
    return None


# A vote gathers voters and observers, not the participants of an event the project held.
_BALLOT = re.compile(r"\b(?:elections?|[ée]lections?|elecciones|census|recensement|censo|referend(?:um|a|o)s?|"
                     r"r[ée]f[ée]rendums?|scrutins?|votaci[óo]n|votes?|voting|polls?)\b", re.I)
# "trained 45 tax assessors", "a formé 45 agents d'assiette", "capacitó a 45 fiscalizadores": the people trained
_OBJECT_COUNT = re.compile(r"\s+(?:a\s+|à\s+)?(?P<num>\d{1,5})\s+(?=[^\W\d_])")


def trained_count(masked: str, verb_end: int, date_spans: list[tuple[int, int]],
                  exact_count: Callable[[str, int, int], bool]) -> int | None:
    """The exact number of people a training verb's object counts, else None (exact_count: event_clauses', passed
    in so that this module, which event_clauses imports, imports nothing of it)."""
    m = _OBJECT_COUNT.match(masked, verb_end)
    if not m or any(a <= m.start("num") < b for a, b in date_spans):
        return None
    if is_capacity(masked, m.start("num"), m.end("num")) or not exact_count(masked, m.start("num"), m.end("num")):
        return None
    return int(m.group("num")) or None


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        entry = cues[key]
        words = entry["words"] if isinstance(entry, dict) else entry
        return "|".join(sorted(words, key=len, reverse=True))

    sexes = f"{alt('women')}|{alt('men')}"
    gap = r"[\s,;:\u2013\u2014-]*"
    # ' (', ' municipales (', ' dont ', ', de los cuales ': at most two words, then a parenthesis or a subset word
    subset = re.compile(rf"^{gap}(?:[^\W\d]+\s+){{0,2}}?{gap}(?:\(|(?:{alt('count_subset')})\b)\s*(?:\w+\s+){{0,2}}?$",
                        re.I)
    part = re.compile(rf"\d{{1,5}}\s+(?:(?:were|are|sont|son|étaient|eran)\s+)?(?:(?:des|de)\s+)?(?:{sexes})(?!\w)",
                      re.I)
    capacity = re.compile(rf"(?<!\w)(?:{alt('capacity')})\s*[:=]?\s*(?:\w+\s+){{0,1}}?$", re.I)
    capacity_after = re.compile(rf"\s+(?:{alt('capacity_after')})(?!\w)", re.I)
    return subset, part, capacity, capacity_after


def is_subset(text: str, prev_end: int, num_start: int) -> bool:
    """Is the number at num_start the women or men among the count that ends at prev_end ("41 officers (18 women)",
    "34 participants dont 15 femmes")?"""
    if prev_end > num_start or num_start - prev_end > _SUBSET_GAP:
        return False
    subset, part, _, _ = _patterns()
    return bool(subset.match(text[prev_end:num_start]) and part.match(text, num_start))


def is_capacity(text: str, num_start: int, num_end: int) -> bool:
    """Is the number text[num_start:num_end] the places an event offers ("Cupo: 35", "capacity of 40", "30 places
    available"), not the people it reached?"""
    _, _, capacity, capacity_after = _patterns()
    return bool(capacity.search(text[max(0, num_start - _CAPACITY_REACH) : num_start])
                or capacity_after.match(text, num_end))


def ends_on_capacity(label: str) -> bool:
    """Does a label end on a capacity word ("..., capacité :", "Cupo:")? Its value is then no count of people."""
    return bool(_patterns()[2].search(label.rstrip() + " "))


_PERIOD_DAYS = 360  # a range of months this long is a project's or a programme's period, never one event's dates


def spans_a_year(rng) -> bool:
    """Is a date range written to the month a year long or more ("January 2021 - December 2023")? It is a period,
    not the date of an event (an event's dates span days or weeks)."""
    start, end = rng.start, rng.end
    if start is None or end is None:
        return False
    if start.month is None or end.month is None:
        return end.year > start.year  # "2022-2024", "de 2021 à 2023": years, a programme's period
    return (end.last_day() - start.first_day()).days >= _PERIOD_DAYS


# "The workshop brought together 48 ...", "L'atelier a réuni 48 ...", "El taller contó con 48 ...": the event told
_TOLD_BACK = re.compile(r"^\s*(?:The|This|That|L['\u2019]|Le|La|Ce|Cet|Cette|El|Este|Esta|Dicho|Dicha)\s*\w")


def counts_told_back(events: list, family: dict[str, str]) -> list:
    """An undated, unplaced sentence that refers back to an event of its kind ("The workshop brought together 48
    civil servants", after an agenda) gives its count to the nearest such event before it that has none, and is no
    event of its own. Without such an event before it, it is left as it is (set aside later: no date)."""
    out: list = []
    for e in events:
        if (e.start is None and e.end is None and e.country is None and e.participants and e.type
                and _TOLD_BACK.match(e.summary) and not _cutoff()[1].search(e.summary)
                and not re.match(r"\s*\S+\s+\w+s\b", e.summary)):  # "The workshops ... in total": a total
            kind = family.get(e.type, e.type)
            before = next((b for b in reversed(out) if family.get(b.type, b.type) == kind), None)
            if before is not None and before.start is not None and before.participants is None:
                before.participants, before.participants_qualifier = e.participants, e.participants_qualifier
                before.participants_profile = before.participants_profile or e.participants_profile
                continue
        out.append(e)
    return out
