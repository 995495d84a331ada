"""Two or more activities told in one sentence: "In March 2021, a national workshop in Lusaka and an online training
were held, with 35 and 120 participants respectively."

The sentence is read as one sentence per activity, each made of what the activities share (the words before the
first of them, the verb and what follows it) and what is its own (its noun phrase, its place, its count). Counts
given together ("35 and 120 participants respectively") go to the activities in the order they are named; a count
written inside one activity's phrase stays with it.
"""
from __future__ import annotations

import re

from . import dates as _dates
from . import places as _places
from .event_words import _COUNTING, _NUMBER_WORDS, _PEOPLE, _RESPECTIVE, _TYPE_RX, _mask_quotes, _Sentence

_DETERMINER = r"(?:an?|the|one|two|three|another|un|une|des|une\s+autre|un\s+autre|una?|otro|otra|el|la|los|las|le|les)"
# "..., and an online training", "... as well as a webinar", "... et un atelier", "... y un taller"
_JOIN = re.compile(
    rf"(?:,?\s+(?:and|as\s+well\s+as|while|whereas|et|y|e|ainsi\s+qu['’]\s?|tandis\s+qu['’]\s?|alors\s+qu['’]\s?|"
    rf"mientras\s+que)|\s*;)\s*(?=(?:(?:in|on|en|au|el|le|por|durante)\s+[^,;.]{{3,30}}?,?\s+)?{_DETERMINER}\s)",
    re.IGNORECASE,
)
_PHRASE_START = re.compile(rf"\b{_DETERMINER}\s+(?:[\w’'\-]+\s+){{0,4}}$", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"\s+(?:were|was|have\s+been|has\s+been|took\s+place|ont\s+[ée]t[ée]|a\s+[ée]t[ée]|se\s+sont\s+tenu(?:e?s)?|"
    r"fueron|se\s+llevaron|se\s+realizaron|tuvieron\s+lugar|se\s+celebraron)\b|,\s+(?:with|avec|con)\b|[;:]",
    re.IGNORECASE,
)
_PLURAL_VERB = re.compile(
    r"\s+(?:were|have\s+been|took\s+place|ont\s+[ée]t[ée]|se\s+sont\s+(?:tenu|d[ée]roul[ée])|fueron|se\s+llevaron|"
    r"se\s+realizaron|tuvieron\s+lugar|se\s+celebraron)\b",
    re.IGNORECASE,
)
_MAX_PARTS = 6
_MAX_SENTENCE = 2000  # characters: a longer "sentence" is a run of text, not one telling of a few activities


def _anchored(part: str) -> bool:
    return bool(re.search(r"\d", part)) or bool(_places.find_countries(part))


def _keywords(masked: str) -> list[tuple[int, int]]:
    """Activity words in the sentence (leftmost first, no overlaps)."""
    found: list[tuple[int, int]] = []
    for _, rx in _TYPE_RX:
        found.extend((m.start(), m.end()) for m in rx.finditer(masked))
    found.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def split_compound(sentence: _Sentence) -> list[_Sentence]:
    """One sentence per activity named in it (same span as the sentence), or [sentence] when it names one."""
    spread = split_distributive(sentence)
    if len(spread) > 1:
        return spread
    text = sentence.text
    if len(text) > _MAX_SENTENCE:
        return [sentence]
    masked = _mask_quotes(text)
    kws = _keywords(masked)
    if len(kws) < 2 or len(kws) > _MAX_PARTS * 4:
        return [sentence]
    # A join right before an activity's noun phrase starts a new activity: "... and an online training ...".
    starts: list[int] = []
    for m in _JOIN.finditer(masked):
        nxt = next((k for k in kws if k[0] >= m.end()), None)
        if nxt is None or re.match(r"['\u2019]s\b", masked[nxt[1] : nxt[1] + 3]):
            continue  # "the meeting's conclusions": the activity is not what the phrase names
        if len(masked[m.end() : nxt[0]].split()) <= 8 and any(k[1] <= m.start() for k in kws):
            starts.append(m.start())
    if not starts or len(starts) >= _MAX_PARTS:
        return [sentence]
    first_kw = kws[0][0]
    lead = _PHRASE_START.search(masked[:first_kw])
    head_end = lead.start() if lead else first_kw
    parts: list[tuple[int, int]] = []
    begin = head_end
    for cut in starts:
        parts.append((begin, cut))
        begin = _JOIN.match(masked, cut).end()
    close = _CLAUSE_END.search(masked, max(begin, kws[-1][1]))
    tail_start = close.start() if close else len(text)
    parts.append((begin, tail_start))
    head, tail = text[:head_end], text[tail_start:]
    resp = _RESPECTIVE.search(tail)
    # Several activities for sure: a plural verb or "respectively" after them, or each with its own place or number
    # ("a workshop and the meeting's report were ..." names one activity, not two).
    if not (resp or _PLURAL_VERB.match(tail) or all(_anchored(text[a:b]) for a, b in parts)):
        return [sentence]
    counts: list[str] = []
    if resp:
        numbers = re.findall(r"\d{1,5}", resp.group("counts"))
        if len(numbers) == len(parts):
            counts = [f" with {n} {resp.group('people').strip()}" for n in numbers]
            tail = tail[: resp.start()] + tail[resp.end() :]
    out = []
    for i, (a, b) in enumerate(parts):
        body = text[a:b].strip(" ,")
        # What comes before the first activity is shared, unless an activity has a date of its own ("..., y en
        # septiembre de 2023 un curso virtual ..."): then the first one's date and place are not its.
        lead = "" if i and _dates.find_dates(body) else head
        out.append(_Sentence(sentence.start, sentence.end,
                             f"{lead}{body}{tail.rstrip('. ')}{counts[i] if counts else ''}."))
    return out


# "dos talleres, uno en Bogotá con 34 participantes y otro en Lima con 41", "two missions: one to X ..., the other ...",
# "deux sessions ... : la première, le 10 février, pour 25 directeurs, la seconde, le 24 février, pour 31 agents".
_ONE = (r"(?:one|the\s+first|uno|una|el\s+primero|la\s+primera|l['’]\s?une?|la\s+premi[èe]re|le\s+premier|"
        r"l['’]\s?un)")
_OTHER = (r"(?:another|the\s+other|the\s+second|the\s+third|otro|otra|el\s+segundo|la\s+segunda|el\s+tercero|"
          r"la\s+tercera|l['’]\s?autre|un\s+autre|une\s+autre|la\s+seconde|le\s+second|la\s+deuxi[èe]me|"
          r"le\s+deuxi[èe]me|la\s+troisi[èe]me|le\s+troisi[èe]me)")
_PRONOUN = re.compile(rf"(?:^|[,:;]\s*|\s(?:and|y|et|e)\s+)({_ONE}|{_OTHER})(?=[\s,])", re.IGNORECASE)
_BARE_COUNT = re.compile(r"\b((?:with|con|avec|pour|for|de)\s+)(\d{1,5})(?=\s*[.,;)]|\s*$)", re.IGNORECASE)


def split_distributive(sentence: _Sentence) -> list[_Sentence]:
    """'N activities, one ... and another ...': one sentence per activity (as many as N), else [sentence]."""
    text = sentence.text
    if len(text) > _MAX_SENTENCE:
        return [sentence]
    counted = _COUNTING.search(text)
    if not counted:
        return [sentence]
    n = (_NUMBER_WORDS.get(counted.group("n").lower())
         or (int(counted.group("n")) if counted.group("n").isdigit() else 0))
    marks = [m for m in _PRONOUN.finditer(text, counted.end())]
    if n < 2 or len(marks) != n:
        return [sentence]
    head, noun = text[: counted.start()], counted.group("noun")
    middle = text[counted.end() : marks[0].start()]
    bodies = [text[m.end(1) : (marks[k + 1].start() if k + 1 < len(marks) else len(text))].strip(" ,;.")
              for k, m in enumerate(marks)]
    people = next((p.group(0) for b in bodies for p in [_PEOPLE_RX.search(b)] if p), "")
    out = []
    for body in bodies:
        if people and not _PEOPLE_RX.search(body):
            body = _BARE_COUNT.sub(lambda m: f"{m.group(1)}{m.group(2)} {people}", body)  # "y otro en Lima con 41"
        out.append(_Sentence(sentence.start, sentence.end, f"{head}{noun}{middle.rstrip(' :')} {body}."))
    return out


_PEOPLE_RX = re.compile(rf"(?<=\d\s)(?:{_PEOPLE})\b", re.IGNORECASE)
