"""Sustainable Development Goals and targets named in a record: "SDG 1, SDG 10", "Goal 17: Partnerships for the
Goals", one number per line, "SDGs 5 and 16", targets such as "16.6" or "16.a", and goal names.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold

__all__ = ["parse_sdgs", "find_sdg_mentions", "find_record_sdgs", "goal_name", "is_valid_target"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "sdgs.json"


@functools.cache
def _goals() -> dict[int, dict]:
    with open(_DATA, encoding="utf-8") as fh:
        return {g["number"]: g for g in json.load(fh)["goals"]}


def goal_name(number: int) -> str | None:
    """The short name of SDG `number` ("Gender Equality" for 5), or None outside 1-17."""
    goal = _goals().get(number)
    return goal["name"] if goal else None


def is_valid_target(code: str) -> bool:
    """Whether "16.6" or "16.a" is a real SDG target (goal 1-17, number or letter within that goal's range)."""
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2}|[a-zA-Z])", code.strip()) if isinstance(code, str) else None
    if not m:
        return False
    goal = _goals().get(int(m.group(1)))
    if not goal:
        return False
    tail = m.group(2)
    if tail.isdigit():
        return 1 <= int(tail) <= goal["targets"]
    return tail.lower() in goal["letters"]


_AND = {"and": r"(?:and|&)", "et": r"(?:et|&)", "y": r"(?:y|e|&)", "e": r"(?:y|e|&)"}


def _name_pattern(name: str) -> str:
    """A goal's name as a pattern on folded text: its words in order, 'and' / 'et' / 'y' or '&' alike."""
    words = re.findall(r"[^\W\d_]+", fold(name))
    parts = [_AND.get(word.lower(), re.escape(word)) for word in words]
    # Commas, hyphens, quotes, apostrophes and spaces between words are free: "Well-being", "Faim « zéro »".
    return r"\b" + r"[\s,\-'«»\"]*".join(parts) + r"\b"


@functools.cache
def _name_regex() -> tuple[re.Pattern[str], dict[str, int]]:
    """Every goal's names (English, French, Spanish, aliases) as one pattern, matched on folded text."""
    names: dict[str, int] = {}
    for number, goal in _goals().items():
        for name in [goal["name"], *goal.get("aliases", []), *goal.get("names_fr", []), *goal.get("names_es", [])]:
            names[name] = number
    ordered = sorted(names, key=len, reverse=True)
    rx = re.compile("|".join(f"(?P<g{i}>{_name_pattern(n)})" for i, n in enumerate(ordered)), re.IGNORECASE)
    lookup = {f"g{i}": names[n] for i, n in enumerate(ordered)}
    return rx, lookup


_TARGET = re.compile(r"(?<![\d.,])(?P<goal>\d{1,2})\.(?P<tail>\d{1,2}|[a-dA-D])(?![\w]|[.,]\d)")
_T = r"\d{1,2}\.(?:\d{1,2}|[a-dA-D])(?![\w]|[.,]\d)"
# In prose a target needs its keyword: "SDG 16.6", "target 16.6", "SDG targets 16.6 and 16.7".
_PREFIXED_TARGET = re.compile(
    r"\b(?:(?:SDG|ODS|ODD|Goal|Objetivo|Objectif)s?\s*(?:targets?|cibles?|metas?)?|targets?|cibles?|metas?)\s*#?\s*"
    rf"(?P<list>{_T}(?:\s*(?:,|;|/|\band\b|&|\bor\b|\bet\b|\by\b)\s*{_T})*)",
    re.IGNORECASE,
)
_NUMERO = r"(?:no\.?|n\.?\s?[°º]\.?|nro\.?|n[úu]m(?:ero|\.)?|number|num[ée]ro)"
# Each number of a list may repeat its key or its "n°": "ODD n° 5 et n° 16", "SDG 5 and SDG 16".
_NUM = r"(?:(?:SDG|ODS|ODD|Goal)\s*#?\s*|(?:n\.?\s?[°º]\.?|nro\.?|n[úu]m\.|n[úu]mero|num[ée]ro)\s*)?\d{1,2}(?!\d|\.\w)"
_LIST_SEP = r"\s*(?:,|;|/|\band\b|&|\bor\b|\by\b|\bet\b)\s*"
_GOAL_KEY_PROSE = (r"(?:SDGs?|ODS|ODD|Sustainable\s+Development\s+Goals?|Global\s+Goals?|"
                   r"Objetivos?\s+de\s+Desarrollo\s+Sostenible|Objectifs?\s+de\s+d[ée]veloppement\s+durable)")
_GOAL_KEY = rf"(?:{_GOAL_KEY_PROSE}|Goals?|Objectifs?|Objetivos?)"


# "no. 16", "n° 17", "n.º 16", "núm. 5", "number 4", "numéro 11": _NUMERO, above
# An icon's alternative text: "![ODD 16](icons/odd16.png)", "[Goal 16 icon]", "[SDG 5: Gender equality]".
_ICON = re.compile(r"!?\[\s*(?:SDG|ODS|ODD|Goal|Objecti[fv]o?)\s*#?\s*(?P<list>\d{1,2})(?![\d.])"
                   r"(?:\s*(?:icon|logo|ic[ôo]ne|[íi]cono)|\s*[:–-][^\[\]\n]{0,40})?\s*\]",
                   re.IGNORECASE)


_NAMED_GOAL = re.compile(r"\b(?:Goal|GOAL|Objectif|OBJECTIF|Objetivo|OBJETIVO)\s*#?\s*(?P<list>\d{1,2})(?![\d.])\s*"
                         r"(?:[:(–—-]\s*|,\s*)?")
# "les objectifs de développement durable (ODD) 4 et 16": the key's acronym in brackets before the numbers.
_KEY_ACRONYM = r"(?:\s*\((?:SDGs?|ODD|ODS)\))?"


def _goal_list_regex(key: str) -> re.Pattern[str]:
    return re.compile(rf"\b{key}{_KEY_ACRONYM}\s*(?:{_NUMERO}|#|:|-|–)?\s*(?P<list>{_NUM}(?:{_LIST_SEP}{_NUM})*)",
                      re.IGNORECASE)


_GOAL_LIST = _goal_list_regex(_GOAL_KEY)
# In prose a bare "goal 2" may be a project's own goal; capitalised after "contributes to", as UN texts write the
# SDGs, it is one ("will contribute to Goals 16 and 12", "contribue aux Objectifs 5 et 16", "contribuye a los
# Objetivos 16 y 17").
_GOAL_LIST_PROSE = _goal_list_regex(
    rf"(?:{_GOAL_KEY_PROSE}|contribu\w*\s+(?:to(?:wards)?|à|aux?|al?)\s+(?:the\s+|les\s+|los\s+|l')?"
    r"(?-i:Goals?|Objectifs?|Objetivos?))")
# A bare goal list that the 2030 Agenda or the SDGs own, named right after it ("Goals 5 and 16 of the 2030 Agenda",
# "l'objectif 16 de l'Agenda 2030", "los objetivos 5 y 16 de la Agenda 2030", "objetivo 16 de los ODS").
_BARE_GOALS = (rf"\b(?:goals?|objectifs?|objetivos?)\s*(?:{_NUMERO}|#)?\s*(?P<list>\d{{1,2}}(?:{_LIST_SEP}\d{{1,2}})*)"
               r"(?![\d]|[.,]\d)")
_AGENDA_GOALS = re.compile(
    _BARE_GOALS + r"\s+(?:of\s+the\s+(?:2030\s+agenda|agenda\s+2030|sdgs|sustainable\s+development\s+goals)|"
    r"(?:de\s+l['’]\s?|de\s+la\s+|del\s+)(?:agenda|programme|programa)\s+(?:2030|de\s+d[ée]veloppement\s+durable\s+"
    r"(?:à\s+l['’]horizon\s+)?2030)|des\s+ODD|de\s+los\s+ODS)\b", re.IGNORECASE)
# ... or that the SDGs named just before single out ("the SDGs, in particular Goals 16 and 17", "les ODD, notamment les
# objectifs 5 et 16", "los ODS, en particular los objetivos 5 y 16").
_SDG_LED_GOALS = re.compile(
    r"\b(?:SDGs|ODD|ODS|Sustainable\s+Development\s+Goals|Objectifs\s+de\s+d[ée]veloppement\s+durable|Objetivos\s+de\s+"
    r"Desarrollo\s+Sostenible)\b[^.;\n\d]{0,30}?\b(?:in\s+particular|notably|especially|including|notamment|en\s+"
    r"particulier|particuli[èe]rement|en\s+particular|especialmente|sobre\s+todo)\s+(?:the\s+|les\s+|los\s+|l')?"
    + _BARE_GOALS, re.IGNORECASE)


# A goal's theme in brackets between two numbers of a prose list ("ODS 11 (ciudades sostenibles) y 16 (paz)", "ODD 16
# (institutions efficaces) et 5 (égalité : 38 % de femmes)"): blanked, so that the list reads on; only where the next
# number closes the list or opens a bracket of its own ("SDG 16 (p. 4) and 5 workshops" reads 16 alone).
_BRACKET_BETWEEN = re.compile(
    r"(?<=\d)\s*\([^()]{2,160}\)(?=\s*(?:,|;|\band\b|&|\bet\b|\by\b)\s*\d{1,2}(?![\d]|[.,]\d)"
    r"(?:\s*[(.;,)]|\s*$|\s+(?:and|et|y)\s+\d))", re.IGNORECASE)


def _unbracketed(text: str) -> str:
    return _BRACKET_BETWEEN.sub(lambda m: " " * len(m.group(0)), text)


def _numbers_in(fragment: str, base: int) -> list[tuple[int, int]]:
    return [(base + m.start(), int(m.group(1))) for m in re.finditer(r"(\d{1,2})(?![\d])", fragment)]


def _collect(text: str, prose: bool) -> tuple[list[int], list[str]]:
    hits: list[tuple[int, str, int | str]] = []  # (position, "goal"/"target", value)
    if prose:
        text = _unbracketed(text)
    blank = list(text)

    def consume(start: int, end: int) -> None:
        for i in range(start, end):
            blank[i] = " "

    if prose:
        target_matches = [
            t for m in _PREFIXED_TARGET.finditer(text) for t in _TARGET.finditer(text, m.start("list"), m.end("list"))
        ]
    else:
        target_matches = list(_TARGET.finditer(text))
    for m in target_matches:
        code = f"{int(m.group('goal'))}.{m.group('tail').lower()}"
        if is_valid_target(code):
            hits.append((m.start(), "target", code))
            hits.append((m.start(), "goal", int(m.group("goal"))))
        consume(m.start(), m.end())
    if prose:  # "Goal 16: Peace, Justice and Strong Institutions": a bare goal that its SDG's own name follows
        rx, lookup = _name_regex()
        for m in _NAMED_GOAL.finditer(text):
            name = rx.match(fold(text), m.end())
            if name and lookup[name.lastgroup] == int(m.group("list")) and 1 <= int(m.group("list")) <= 17:
                hits.append((m.start("list"), "goal", int(m.group("list"))))
    goal_lists = [*(_GOAL_LIST_PROSE if prose else _GOAL_LIST).finditer(text), *_ICON.finditer(text),
                  *(m for rx in (_AGENDA_GOALS, _SDG_LED_GOALS) if prose for m in rx.finditer(text))]
    for m in sorted(goal_lists, key=lambda m: m.start()):
        for pos, number in _numbers_in(m.group("list"), m.start("list")):
            if blank[pos] == " ":
                continue  # part of a target already read
            if 1 <= number <= 17:
                hits.append((pos, "goal", number))
        consume(m.start(), m.end())
    if not prose:
        rx, lookup = _name_regex()
        for m in rx.finditer(fold(text)):
            hits.append((m.start(), "goal", lookup[m.lastgroup]))
            consume(m.start(), m.end())
        # A goal's name or theme in brackets after its number ("5 (égalité entre les sexes) et 16 (paix)").
        rest = re.sub(r"\([^()\d]{2,80}\)", lambda m: " " * len(m.group(0)), "".join(blank))
        if not re.search(r"[^\W\d_]", re.sub(r"(?i)\b(?:and|et|y|or)\b", " ", rest)):
            # Only numbers are left ("1, 10, 16" or one per line): each is a goal.
            hits.extend((pos, "goal", n) for pos, n in _numbers_in(rest, 0) if 1 <= n <= 17)
        else:
            for line in re.finditer(r"[^\n]+", rest):
                # "16", "16.", "16) Peace ...", "- 16: Peace": a goal number opening its line.
                m = re.match(r"^[\s\-•*·(#]*(\d{1,2})(?![\d]|[.,]\d)(?:\s*[.):\-–]|\s*$|\s+(?=[A-Z]))", line.group(0))
                if m and 1 <= int(m.group(1)) <= 17:
                    hits.append((line.start() + m.start(1), "goal", int(m.group(1))))
    goals: list[int] = []
    targets: list[str] = []
    for _, kind, value in sorted(hits, key=lambda h: (h[0], h[1] != "goal")):
        if kind == "goal" and value not in goals:
            goals.append(value)  # type: ignore[arg-type]
        elif kind == "target" and value not in targets:
            targets.append(value)  # type: ignore[arg-type]
    return goals, targets


def parse_sdgs(text: str) -> tuple[list[int], list[str]]:
    """Goal numbers and target codes in an SDG field, in order of first appearance; a target implies its goal."""
    if not isinstance(text, str) or not text.strip():
        return [], []
    return _collect(text, prose=False)


def find_sdg_mentions(text: str) -> tuple[list[int], list[str]]:
    """Goals and targets written out in prose ("SDG 16", "SDGs 5 and 16", "SDG target 16.6"); "the SDGs" gives
    nothing."""
    if not isinstance(text, str) or not text.strip():
        return [], []
    return _collect(text, prose=True)


def find_record_sdgs(narrative: str, whole: str) -> tuple[list[int], list[str]]:
    """Goals named in a record's narrative fields; where they name none, in the record's whole text (a sentence the
    segmenter read as a label's value: "... in three countries - A, B and C - ..., in support of SDG 11")."""
    found = find_sdg_mentions(narrative)
    return found if found[0] or found[1] else find_sdg_mentions(whole)
