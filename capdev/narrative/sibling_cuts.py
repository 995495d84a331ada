"""A record that runs on over a sibling numbered section with a project of its own is cut there.

A report's numbered sections at one level ("2.1 Civil Service Reform ...", "2.2 E-Government ...", "2.3 PIPELINE -
Gender-Responsive Budgeting ...") are items of one container: when the segmenter opened a record at one of them (its
labels, "Status:", "Budget"), a later section of the same level under the same parent, in the same record, is the
next project's when its own stretch (to the next heading of its level or a higher one) names a project with facts of
its own (record_evidence.has_own_evidence) and states two kinds of a project's facts, one of them an amount or a
period. The usual sections of one project's document ("2.2 Objectives", "3.1 Componente 1", "Budget":
record_evidence.is_section_name), a phase ("2.2 Phase II - roll-out"), a section naming the project named before it,
chapters in capitals and a minutes' items told in sentences never cut; the pieces cut are marked as guessed.
"""
from __future__ import annotations

import re

from .blocks import RawRecord, cut_at, guessed_pieces
from .headed_records import capital_headline, numbered_heading
from .lines import Excerpt, split_lines
from .named_projects import fact_kinds, names_in
from .parallel_blocks import phase_of
from .record_evidence import has_own_evidence, is_section_name
from .repeated_facts import dated
from .values.money import parse_money

Piece = tuple[RawRecord, Excerpt]


def _numbered(lines: list) -> list[tuple[int, str, int, int]]:
    """(line index, parent number, level, where the title begins) of each numbered heading after a break."""
    out = []
    for k, ln in enumerate(lines):
        if not ln.text.strip() or (k and lines[k - 1].text.strip()):
            continue
        found = numbered_heading(ln.text)
        if found is None:
            continue
        level, at = found
        number = ln.text.split()[0].rstrip(".)")
        parent = number.replace("-", ".").rsplit(".", 1)[0] if level > 1 else ""
        out.append((k, parent, level, at))
    return out


_SENTENCE_BREAK = re.compile(r"[.;!?]\s+\S")


def names_an_item(title: str) -> bool:
    """Can a numbered heading's title name a project: no usual section of a document ("Objectives", "Budget"), no
    chapter in capitals ("MAIN FINDINGS", "DÉCISIONS"), no sentence (a minutes' item "5. Se presenta el borrador
    ... 2025. El Comité ...")?"""
    return not (is_section_name(title) or capital_headline(title) or _SENTENCE_BREAK.search(title.strip()))


def sibling_starts(text: str, base: int) -> list[int]:
    """Where each later sibling section with a project of its own begins (offsets in the whole text); [] if none."""
    lines = split_lines(text)
    heads = _numbered(lines)
    if len(heads) < 2:
        return []
    _k, parent, level, _at = heads[0]

    def stretch(n: int) -> str:
        k = heads[n][0]
        nxt = next((h[0] for h in heads[n + 1 :] if h[2] <= level), len(lines))
        return text[lines[k].start : lines[nxt - 1].stop]

    def own_project(n: int) -> bool:
        # The first section opened the record (its labels): it needs facts; a later one, a project it names too.
        body, title = stretch(n), lines[heads[n][0]].text[heads[n][3]:]
        return (names_an_item(title) and (n == 0 or has_own_evidence(body, named=True))
                and fact_kinds(body) >= 2 and bool(parse_money(body) or dated(body)))

    def another_project(n: int) -> bool:
        # "2.2 Phase II - national roll-out", or a section naming the project the record named before it: the
        # same project's phases or parts, one record.
        k, _par, _lev, at = heads[n]
        if phase_of(lines[k].text[at:]) is not None:
            return False
        return not set(names_in(stretch(n))) & set(names_in(text[: lines[k].start]))

    if not own_project(0):
        return []  # the record's first section is no project's: its siblings are a report's chapters
    return [base + lines[k].start for n, (k, par, lev, _) in enumerate(heads) if n and lev == level
            and par == parent and own_project(n) and another_project(n)]


def split_siblings(raw: RawRecord, text: Excerpt) -> list[Piece]:
    """The record, or its pieces cut at each later sibling section that gives a project of its own."""
    if raw.news or raw.sections or not raw.blocks:
        return [(raw, text)]
    starts = sibling_starts(text[raw.start : raw.end], raw.start)
    if not starts:
        return [(raw, text)]
    pieces = cut_at(raw.blocks, starts)
    for blocks in pieces[1:]:
        if blocks and blocks[0].kind == "text":
            blocks[0].field = "title"  # the section's heading names its project
    return guessed_pieces(text, pieces)
