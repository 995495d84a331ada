"""The last reading of a text in which no record is found at all (no labels, no paragraph that tells of a project
with a period or an amount): one record per project the text names, rather than the whole file refused.

A project is named by its code ("project GHA/20/002", "código 2124U"), by a quoted title after the word project
("le projet « Justice numérique »"), by a name in capitals after it ("el proyecto Catastro Abierto", "the programme
PAGOF") or before it ("the Open Courts Project"). Each paragraph that names a project not named before opens its
record; a paragraph that names none, or one named before, goes on the current record; what comes before the first
is kept, unplaced, with the first. Every character is in some record's spans. The records are marked as guessed
(BOUNDS_FLAG) and each fact read from them is flagged "read from prose", so that a reviewer sees them.
"""
from __future__ import annotations

import re

from .folding import fold
from .lines import split_lines
from .segment import Block, RawRecord
from .values.prose import project_name

BOUNDS_FLAG = ("record", "bounds guessed: one record per project the text names, no labelled record found")

_WORD = r"(?i:project|projet|proyecto|programme|program|programa|initiative|iniciativa)"
_SMALL = r"(?:de|del|des|du|de\s+la|la|le|les|el|los|las|of|for|on|in|en|pour|para|sur|y|et|and|d['’]|l['’])"
_CAP = r"[A-Z\u00c0-\u00de][\w'’-]*"
_AFTER = re.compile(rf"\b{_WORD}\s+(?:[:«\"\u201c]\s*)?(?P<name>{_CAP}(?:\s+(?:{_SMALL}\s+)?{_CAP}){{0,8}})")
_BEFORE = re.compile(rf"(?P<name>{_CAP}(?:\s+(?:{_SMALL}\s+)?{_CAP}){{0,8}})\s+(?:Project|Programme|Program|"
                     rf"Initiative)\b")
_NOT_A_NAME = frozenset(fold(w) for w in (
    "the this that our its le ce cet cette notre son el este esta nuestro su un une una a an document team manager "
    "coordinator officer coordinateur coordonnateur coordinador equipe equipo unit unite unidad").split())


def _usable(name: str) -> str | None:
    words = name.split()
    if not words or fold(words[0]).lower() in _NOT_A_NAME or not any(c.isupper() for c in name):
        return None
    return fold(" ".join(words)).lower()


def names_in(paragraph: str) -> list[str]:
    """The names of the projects a paragraph names, folded, in order of appearance."""
    found: list[tuple[int, str]] = []
    code = project_name(paragraph)
    if code:
        found.append((0, code))
    for rx in (_AFTER, _BEFORE):
        for m in rx.finditer(paragraph):
            name = _usable(m.group("name"))
            if name:
                found.append((m.start(), name))
    found.sort()
    out: list[str] = []
    for _at, name in found:
        if name not in out:
            out.append(name)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each paragraph with the blank lines after it, covering the text."""
    out: list[list[int]] = []
    blank_before = True
    for ln in split_lines(text):
        blank = not ln.text.strip()
        if not out or (blank_before and not blank):
            out.append([ln.start, ln.stop])
        else:
            out[-1][1] = ln.stop
        blank_before = blank
    if out:
        out[-1][1] = len(text)
    return [(a, b) for a, b in out]


def named_project_records(text: str) -> list[RawRecord]:
    """One record per project the text names; [] when it names none."""
    spans: list[list[int]] = []  # [start, stop] of each record's text
    seen: set[str] = set()
    for start, stop in _paragraphs(text):
        names = names_in(text[start:stop])
        new = [n for n in names if n not in seen]
        seen.update(names)
        if new:
            spans.append([start, stop])
        elif spans:
            spans[-1][1] = stop
    if not spans:
        return []
    records = [RawRecord([Block("summary", "prose", a, b, a)]) for a, b in spans]
    if spans[0][0]:
        records[0].blocks.insert(0, Block("unparsed", "text", 0, spans[0][0], 0))
    return records
