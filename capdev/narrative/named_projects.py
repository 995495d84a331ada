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
from .values import dates as _dates
from .values.money import parse_money
from .values.orgs import find_organisations
from .values.places import resolve_country
from .values.prose import project_name
from .values.prose_facts import funder_cue_ends, partner_cue_ends, read_served

BOUNDS_FLAG = ("record", "bounds guessed: one record per project the text names, no labelled record found")

_WORD = r"(?i:project|projet|proyecto|programme|program|programa|initiative|iniciativa)"
_SMALL = r"(?:de|del|des|du|de\s+la|la|le|les|el|los|las|of|for|on|in|en|pour|para|sur|y|et|and|d['’]|l['’])"
_CAP = r"[A-Z\u00c0-\u00de][\w'’-]*"
_NAME = rf"(?P<name>{_CAP}(?:[ \t]+(?:{_SMALL}[ \t]+)?{_CAP}){{0,8}})"  # words in capitals, small words between
_AFTER = re.compile(rf"\b{_WORD}[ \t]+(?:[:«\"\u201c][ \t]*)?{_NAME}")
# "the Open Courts Project": never "the UNDP Programme", "the Regular Programme" (an agency's or a fund's).
_BEFORE = re.compile(rf"{_NAME}\s+(?:Project|Initiative)\b")
# "The Court Records Digitisation project": two words in capitals or more before a small "project".
_BEFORE_SMALL = re.compile(rf"(?P<name>{_CAP}(?:[ \t]+(?:{_SMALL}[ \t]+)?{_CAP}){{1,8}})[ \t]+(?:project|initiative)\b")
# "The second project, Local Budget Transparency in Malawi, helped ...", "Le deuxième projet, Guichet unique des
# entreprises, a été ...", "el proyecto, Registro en Línea, ...": the name set between commas after the word.
# "Our second initiative, the Judicial Training Academy Support Programme in Malawi, trained ...": after an article.
_APPOSED = re.compile(rf"\b{_WORD},[ \t]+(?:(?:the|le|la|l['’]|el)[ \t]*)?"
                      rf"(?P<name>[A-Z\u00c0-\u00de\u00ab\"\u201c][^,;:.()\n]{{3,90}}?),")
# "Programa de Compras Públicas Sostenibles", "Programme for Public Expenditure Reform": the word opens the name, a
# small word, then words in capitals (never a body's name: "Programa de las Naciones Unidas para el Desarrollo").
_LINK = rf"(?:{_SMALL}|por|par|by)"
_LEADING = re.compile(rf"(?<![\w-])(?P<name>(?:Project|Projet|Proyecto|Programme|Program|Programa|Initiative|"
                      rf"Iniciativa)[ \t]+(?:{_SMALL})[ \t]*{_CAP}(?:[ \t]+(?:{_LINK}[ \t]+)?{_CAP}){{0,8}})")
_NOT_A_NAME = frozenset(fold(w) for w in (
    "that our its cet cette notre son nuestro su un une una a an document team manager "
    "coordinator officer coordinateur coordonnateur coordinador equipe equipo unit unite unidad").split())


_OFFICE = frozenset(fold(w) for w in "office offices bureau oficina".split())  # "Programme Management Office"
_ARTICLE = frozenset("the this le la les ce el la los las este esta".split())


def apposed_name(paragraph: str) -> tuple[int, int] | None:
    """Where the first name a paragraph gives a project by its structure is: set between commas after the word
    project ("the second project, Local Budget ..., "), or opening with the word ("Programa de Compras Públicas
    Sostenibles"), its country served left out ("... Programme in Malawi")."""
    found = [m for rx in (_APPOSED, _LEADING) for m in rx.finditer(paragraph) if _usable(m.group("name")) and not (
        rx is _LEADING and find_organisations(m.group("name")))]
    if not found:
        return None
    m = min(found, key=lambda m: m.start("name"))
    place = _PLACE_TAIL.search(m.group("name"))
    if place and resolve_country(place.group(1)):  # "... Programme in Malawi": the country it serves, no name
        return m.start("name"), m.start("name") + place.start()
    return m.start("name"), m.end("name")


_PLACE_TAIL = re.compile(r"\s+(?:in|en|au|aux|dans\s+le|del?)\s+((?:[A-Z\u00c0-\u00de][\w'’-]*\s?){1,3})$")


def _usable(name: str) -> str | None:
    words = name.split()
    while words and fold(words[0]).lower() in _ARTICLE:
        words = words[1:]  # "The Samoa Payroll Audit Project": the name after its article
    if not words or fold(words[0]).lower() in _NOT_A_NAME or not any(c.isupper() for c in name) or (
            len(words) == 1 and len(words[0]) < 2) or fold(words[-1]).lower() in _NOT_A_NAME | _OFFICE:
        return None  # "Within this project I held ...": the pronoun; "Programme Management Officer": a post
    return fold(" ".join(words)).lower()


def names_in(paragraph: str) -> list[str]:
    """The names of the projects a paragraph names, folded, in order of appearance."""
    found: list[tuple[int, str]] = []
    code = project_name(paragraph)
    if code:
        found.append((0, code))
    for rx in (_APPOSED, _AFTER, _BEFORE, _BEFORE_SMALL):
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


def _units(text: str) -> list[tuple[int, int, bool]]:
    """(start, stop, opens a paragraph) of each paragraph, or of each run of its lines that opens a sentence (a
    summary's rows, one line or two per project), with the blank lines after it; covering the text."""
    out: list[list] = []
    blank_before, stop_before = True, True
    for ln in split_lines(text):
        line = ln.text.strip()
        if not out or (line and (blank_before or stop_before)):
            out.append([ln.start, ln.stop, blank_before or not out])
        else:
            out[-1][1] = ln.stop
        blank_before = not line
        stop_before = line[-1:] in ".;!?" if line else stop_before
    if out:
        out[-1][1] = len(text)
    return [(a, b, c) for a, b, c in out]


_FIRST_CHARS = 60


def _names_first(line: str) -> bool:
    head = line[:_FIRST_CHARS]
    return bool(_AFTER.search(head) or _BEFORE.search(head) or project_name(head))


def _dated(text: str) -> bool:
    return any(m.range.start is not None and m.range.start.precision != "year" or
               (m.range.end is not None and m.range.start != m.range.end) for m in _dates.find_dates(text))


def fact_kinds(text: str) -> int:
    """How many kinds of a project's facts a text states: a period or a dated day, an amount, a country served, a
    funder or a partner."""
    return sum((_dated(text), bool(parse_money(text)), bool(read_served(text)),
                bool(funder_cue_ends(text) or partner_cue_ends(text))))


def named_project_records(text: str, facts: int = 0) -> list[RawRecord]:
    """One record per project the text names; [] when it names none. A paragraph opens a record when the first
    project it names is a new one and it states `facts` kinds of facts or more (fact_kinds: a card or a row of its
    own, not a mention in passing); a line inside a paragraph, at least one. What follows goes on the record, as
    its narrative, or kept unplaced when it names another project (never that project's facts in this record)."""
    records: list[RawRecord] = []
    seen: set[str] = set()
    before = 0
    units = _units(text)
    # Where each unit's paragraph ends, computed once from the end (linear in the text).
    ends, end = [0] * len(units), len(text)
    for n in range(len(units) - 1, -1, -1):
        ends[n] = end
        if units[n][2]:
            end = units[n][0]
    mine: set[str] = set()  # the names the current record's project goes by
    for n, (start, stop, paragraph) in enumerate(units):
        names = names_in(text[start:stop])
        # A line inside a paragraph opens a record with a fact of its own, or when it begins by naming its project.
        least = facts if paragraph or (not facts and _names_first(text[start:stop])) else max(facts, 1)
        # A paragraph's facts are those of the whole paragraph (a card's title line, then its lines of facts).
        end = ends[n] if paragraph else stop
        opens = bool(names) and names[0] not in seen and (not least or fact_kinds(text[start:end]) >= least)
        seen.update(names)
        if opens:
            records.append(RawRecord(_card(text, start, stop)))
            mine = set(names)
        elif records:
            last = records[-1].blocks[-1]
            if any(name not in mine for name in names):
                records[-1].blocks.append(Block("unparsed", "text", start, stop, start))  # another project's
            elif not paragraph and last.kind == "prose":
                # The paragraph goes on (a card's lines of facts): read with its first lines.
                records[-1].blocks[-1] = Block("summary", "prose", last.start, stop, last.value_start)
            else:
                records[-1].blocks.append(Block("narrative", "text", start, stop, start))
        else:
            before = stop
    if records and before:
        records[0].blocks.insert(0, Block("unparsed", "text", 0, before, 0))
    return records


_TITLE_WORDS, _TITLE_CHARS = 9, 80


def _card(text: str, start: int, stop: int) -> list[Block]:
    """A record's blocks: its text as prose; a card's first line its title when it is a short line of its own (a few
    words, no stop, no fact) above the card's other lines ("Records Management for Tonga" over "2021-2023 | ...")."""
    lines = [ln for ln in split_lines(text[start:stop]) if ln.text.strip()]
    if len(lines) > 1:
        first = lines[0].text.strip()
        if (len(first.split()) <= _TITLE_WORDS and len(first) <= _TITLE_CHARS and first[:1].isupper()
                and first[-1:] not in ".:;,!?" and lines[1].text.strip()[:1].isupper() and not fact_kinds(first)
                and not names_in(first) and not _PROSE_END.search(first)):
            cut = start + lines[0].stop
            return [Block("title", "text", start, cut, start + lines[0].start),
                    Block("summary", "prose", cut, stop, cut)]
    return [Block("summary", "prose", start, stop, start)]


# A wrapped line of prose ends on a word that leads on ("... with the", "... de la"): no title.
_PROSE_END = re.compile(rf"(?:\b(?:{_SMALL}|a|an|un|une|una|to|with|avec|con|by|par|por|from|at)\s*$)", re.IGNORECASE)

