"""A record the segmenter read as one that states two projects' facts, one after the other, is cut in two (or k).

The evidence is repetition, whatever the container (a Gantt chart's project rows, a register's entries, a
report's boxes with labels the segmenter does not know as a record's head): a line names a code ("(WB-EPROC-24)",
"MNE-RBB-25": repeated_facts.codes) that no line before it named, and the stretch from it to the next such line
states two kinds of a project's facts of its own (a period or a dated day, an amount, a country, a funder), one of
them an amount or a period. When two stretches or more do so with codes of one shape, each is a record, cut at the
best break before its code's line: a line that opens a row or an item ("9   [P] ...", "2) ...", "- ..."), or the
line after a blank line or a rule, up to three lines above. A code named in a sentence about an earlier phase or
another project ("Its predecessor ...", "la fase anterior") or about "the project" opens nothing; the same code
again (a summary, then the details) opens nothing. The pieces are marked as guessed.
"""
from __future__ import annotations

import re

from .blocks import RawRecord, cut_at, cut_blocks, guessed_pieces
from .head_parts import shares_below
from .inner_cuts import mid_sentence
from .labels import match_label
from .lines import Excerpt, split_lines
from .named_projects import fact_kinds
from .repeated_facts import ANAPHORA, codes, dated, other_phase, shape
from .values.money import parse_money

_ROW_START = re.compile(r"^\s{0,3}(?:\d{1,3}[.)]?\s|[•·▪►‣◦*–—-]\s|\(?[a-hA-H][.)]\s|\[)")
_RULE = re.compile(r"^\s*[-=_~*#+|.\s]{3,}$")
_LOOK_UP = 3


def _code_label(line: str) -> bool:
    lab = match_label(line)
    return lab is not None and lab.field == "code"


def _break_above(lines: list, k: int, floor: int) -> int:
    """The line where the stretch whose code is on line k begins: a row's or an item's first line, or the line after
    a blank line or a rule, up to three lines above; line k itself when none."""
    for j in range(k, max(floor, k - _LOOK_UP) - 1, -1):
        text = lines[j].text
        if _ROW_START.match(text):
            return j
        if j == 0 or not lines[j - 1].text.strip() or _RULE.match(lines[j - 1].text):
            return j
    return k


def stretch_starts(text: str, base: int) -> list[int]:
    """The offsets (in the whole text) where each project's stretch begins; [] when fewer than two."""
    lines = split_lines(text)
    anchors: list[tuple[int, str]] = []
    seen: set[str] = set()
    for k, ln in enumerate(lines):
        for code in codes(ln.text):
            if code in seen:
                continue
            seen.add(code)
            sentence = ln.text
            if other_phase(sentence) or ANAPHORA.search(sentence) or (anchors and _code_label(sentence)):
                continue  # "Agreement reference: X" under "Project ID: Y": two numbers of one record
            anchors.append((k, code))
            break
    if len(anchors) < 2:
        return []
    starts: list[tuple[int, str]] = []
    floor = 0
    for k, code in anchors:
        at = _break_above(lines, k, floor)
        if at == k and k and mid_sentence(lines[k - 1].text, lines[k].text):
            continue  # a code named in the middle of a sentence ("... Special / Fund (TASF-7)"): no record's start
        if starts and at <= starts[-1][0]:
            continue
        starts.append((at, code))
        floor = k + 1
    kept: list[tuple[int, str]] = []
    stated: set = set()
    bounds = [at for at, _ in starts] + [len(lines)]
    for (at, code), stop in zip(starts, bounds[1:]):
        body = text[lines[at].start : lines[stop - 1].stop]
        amounts = {(m.amount, m.currency) for m in parse_money(body)}
        if kept and amounts and amounts <= stated:
            continue  # the same sums again: the same project told again (its agreement, its summary)
        if fact_kinds(body) >= 2 and (amounts or dated(body)):
            kept.append((at, code))
        stated |= amounts
    shapes = [shape(code) for _, code in kept]
    if len(kept) < 2 or max(shapes.count(s) for s in shapes) < 2:
        return []
    if shares_below(text, [lines[at].start for at, _ in kept]):
        return []  # the lines of one project's budget under its total (head_parts.py)
    return [base + lines[at].start for at, _ in kept]


def split_repeated(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]]:
    """The record, or its stretches when it states two projects' facts or more under codes of their own."""
    if raw.news or raw.sections or not raw.blocks:
        return [(raw, text)]
    starts = stretch_starts(text[raw.start : raw.end], raw.start)
    if not starts:
        return [(raw, text)]
    head, rest = cut_blocks(raw.blocks, starts[0])
    for b in head:
        if b.kind in ("text", "prose", "heading") or b.field == "title":
            # The document's head ("Subject: where things stand"): no project's title.
            b.field, b.kind, b.label = "chrome", "chrome", None
    return guessed_pieces(text, cut_at([*head, *rest], starts[1:]))
