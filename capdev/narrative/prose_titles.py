"""The name a sentence gives its project without quotes: 'under the project Digital Registries for Social
Protection, which ...', 'dans le cadre du projet 2021C - Appui à la décentralisation budgétaire, financé par ...',
'en el marco del proyecto denominado Catastro multipropósito en los Andes, que ...', 'the Open Budget Data for
Parliaments project (2124M)', a name in capitals after a code. Where such a name ends is a guess (at a comma, a
bracket, a relative pronoun or a participle: data/title_words.json name_stops), so a name read here is only ever
PROPOSED, or confirms a heading that says the same.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import alternation, fold

_DATA = Path(__file__).with_name("data") / "title_words.json"
_MAX_NAMES = 20
_MIN_WORDS, _MAX_WORDS = 3, 20
# A project's code between the word project and its name: "2124M", "ROA 2124", "BEN/19/01", "n° 12".
_CODE = r"(?:(?:n[o\u00b0\u00ba]\.?\s*)?[a-z]{0,4}[\s/-]?\d[\w/.-]{1,15}\s*(?:[-\u2013\u2014:,]\s*)?)?"


def _alternation(phrases: list[str]) -> str:
    return alternation(phrases)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    alt = {k: _alternation(v) for k, v in data.items() if isinstance(v, list)}
    # '... du projet [code] [intitulé] Name': the name begins with a capital (checked on the original text).
    after = re.compile(
        rf"(?<![\w'])(?:{alt['framing_words']})\s+(?:{alt['project_words']})\s+{_CODE}"
        rf"(?:(?:{alt['naming_words']})\s*:?\s+)?(?P<name>(?=\S)[^\n]{{0,400}})")
    # ... and at a paragraph's end, or a line's end when the next line is a label ("Project code: ...").
    stop = re.compile(r"[ \t]*\n\s*\n|[ \t]*\n(?=[^\n:]{1,40}:)"
                      r"|\s*[,.;:()\[\]!?\"\u201c\u201d\u00ab\u00bb]|\s[-\u2013\u2014]\s"
                      rf"|\s+(?:{alt['name_stops']})(?![\w'])")
    # 'the Open Budget Data for Parliaments project': a run of capitalised words (small connectors between).
    before = re.compile(
        r"(?<![\w'])(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)\s+(?P<name>(?:[A-Z]|[a-z]{1,2}-[A-Z])[\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|for|and|in|on|the|to|&)){2,18})"
        r"\s+(?:project|Project|PROJECT|programme|program|initiative)(?![\w'])")
    # 'the project, titled Integrated Land ...', 'le projet, intitulé Modernisation ...': a naming word says a name
    # follows, whatever comes before the project word.
    named = re.compile(rf"(?<![\w'])(?:{alt['project_words']})\s*,?\s+(?:{alt['naming_words']})\s*:?\s+"
                       r"(?P<name>(?=\S)[^\n]{0,400})")
    funding = re.compile(rf"(?<![\w'])(?:{alt['funding_name_words']})(?![\w'])")
    return after, stop, before, funding, named


def _trim(name: str) -> str:
    while name.split() and name.split()[-1].lower() in {"of", "for", "and", "in", "on", "the", "to", "&", "de", "du",
                                                        "des", "la", "le", "les", "et", "en", "y", "el", "los",
                                                        "las", "del", "para", "pour", "a", "au", "aux"}:
        name = name.rsplit(None, 1)[0]
    return name.strip(" -\u2013\u2014")


def prose_names(text: str) -> list[str]:
    """The names sentences give their project without quotes, in order, each once (words, not checked as titles)."""
    after, stop, before, funding, named = _patterns()
    folded = fold(text).lower()
    found: list[tuple[int, str]] = []
    for m in sorted((*after.finditer(folded), *named.finditer(folded)), key=lambda m: m.start("name")):
        start = m.start("name")
        head = text[start : start + 400]
        if not head[:1].isupper():
            continue
        end = stop.search(fold(head).lower())
        name = _trim(" ".join(head[: end.start() if end else len(head)].split()))
        if _MIN_WORDS <= len(name.split()) <= _MAX_WORDS:
            found.append((start, name))
        if len(found) >= _MAX_NAMES:
            break
    for m in before.finditer(text):
        name = _trim(" ".join(m.group("name").split()))
        if _MIN_WORDS <= len(name.split()) <= _MAX_WORDS and name.split()[-1][:1].isupper():
            found.append((m.start("name"), name))
        if len(found) >= 2 * _MAX_NAMES:
            break
    out: list[str] = []
    for _, name in sorted(found):
        if funding.search(fold(name).lower()):
            continue  # "the Regular Programme of Technical Cooperation": who pays, not the project
        if name.casefold() not in {o.casefold() for o in out}:
            out.append(name)
    return out
