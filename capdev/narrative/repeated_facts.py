"""Records found by repetition, whatever the container: k stretches of a text that each state a project's own facts
are k records.

For text in which no labelled record is found (an e-mail, a list of bullets, a chat, a memo's lettered sections, a
fund's list of grants under plain title lines). The text is cut into units at every break a writer uses between
items: a blank line, a line that opens with an item's marker ("•", "-", "1)", "2/", "a.", "[09:14]"), a line after
one that ends a sentence. A unit is a project's stretch when it states two kinds of a project's facts or more (a
period or a dated day, an amount, a country served, a funder: named_projects.fact_kinds), one of them an amount or a
period, and names its project by a code ("(CMR-01)", "ref. WUB-0417", "código FAI-8": a token of capitals and
digits joined by a hyphen, a slash or a dot) that no stretch before it gave.

Against splitting: a unit with no code of its own, or the code of the stretch before it (one project told twice: a
summary then its details), or headed by a part of a project ("Component 2", "Phase II", "Objetivo específico 1":
part_pieces.is_part_heading), goes on the record before it; a short title line standing alone right above a stretch
(a heading with no stop) opens that stretch's record. Nothing is read unless two stretches or more have codes of
the same shape (letters, then digits, joined the same way: "CM-9001" and "PH-9002", "FAI-8" and "TFS-5"), the
repetition that says the text lists projects rather than tells of one. The records are marked as guessed.
"""
from __future__ import annotations

import re

from .lines import split_lines
from .named_projects import fact_kinds
from .part_pieces import is_part_heading
from .segment import Block, RawRecord
from .values import dates as _dates
from .values.money import parse_money

# A code: capitals and digits, both, in two parts or more joined by "-", "/", "." or "_" ("WUB-0417", "IGE-2020-03",
# "GHA/20/002"); never a year's range (no letter) nor a word with a number ("COVID-19": _NOT_CODES).
_CODE = re.compile(r"(?<![\w/.-])(?=[A-Z0-9/._-]*\d)(?=[0-9/._-]*[A-Z])[A-Z0-9]+(?:[-/._][A-Z0-9]+)+(?![\w/-])")
_NOT_CODES = frozenset("COVID SARS MERS H1N1 ISO SDG ODD ODS OMD MDG CO2 G20 G7 G77 COP".split())
# An item's marker at the start of a line: a bullet, a number or a letter with its bracket or stop, a time stamp.
_MARKER = re.compile(r"^\s*(?:[•·▪►‣◦*–—-]\s|\(?\d{1,2}[.)/]\s|\(?[a-hA-H][.)]\s|\[\d{1,2}:\d{2}(?::\d{2})?\])")
_TITLE_WORDS, _TITLE_CHARS = 12, 100


def _codes(text: str) -> list[str]:
    out = []
    for m in _CODE.finditer(text):
        token = m.group(0)
        if re.split(r"[-/._]", token)[0] in _NOT_CODES or not re.search(r"[A-Z]", token.split("-")[0] + token):
            continue
        out.append(token)
    return out


def _shape(code: str) -> str:
    """'CM-9001' -> 'A-9': letters and digits as classes, their runs joined, the joins kept."""
    return re.sub(r"(A)A+|(9)9+", r"\1\2", re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", code)))


def _units(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each unit, covering the text: a paragraph, an item of a list, a sentence's run of lines."""
    out: list[list[int]] = []
    blank_before, stop_before = True, True
    for ln in split_lines(text):
        line = ln.text.strip()
        if not out or (line and (blank_before or stop_before or _MARKER.match(ln.text))):
            out.append([ln.start, ln.stop])
        else:
            out[-1][1] = ln.stop
        if line:
            stop_before = line[-1:] in ".;!?"
        blank_before = not line
    if out:
        out[-1][1] = len(text)
    return [(a, b) for a, b in out]


def _dated(text: str) -> bool:
    return any(m.range.start is not None for m in _dates.find_dates(text))


def _stretch_code(text: str) -> str | None:
    """The code a unit names its project by, when it states that project's facts; None when it is no stretch."""
    codes = _codes(text)
    if not codes or fact_kinds(text) < 2 or not (parse_money(text) or _dated(text)):
        return None
    return codes[0]


def _title_line(text: str) -> bool:
    """A short line of its own, with no stop and no fact: a heading over the stretch below it."""
    line = text.strip()
    return (bool(line) and "\n" not in line and len(line.split()) <= _TITLE_WORDS and len(line) <= _TITLE_CHARS
            and line[:1].isupper() and line[-1:] not in ".:;,!?" and not _codes(line) and not fact_kinds(line))


def repeated_records(text: str) -> list[RawRecord]:
    """One record per stretch that states its own project's facts under a code of its own; [] unless two do, with
    codes of one shape."""
    units = _units(text)
    codes = [_stretch_code(text[a:b]) for a, b in units]
    shapes = [_shape(c) for c in codes if c]
    if len(shapes) < 2 or max(shapes.count(s) for s in set(shapes)) < 2:
        return []
    starts: list[int] = []  # the unit each record opens at
    seen: set[str] = set()
    for n, ((a, b), code) in enumerate(zip(units, codes)):
        if code is None or code in seen or is_part_heading(text[a:b]):
            if code:
                seen.add(code)
            continue
        seen.add(code)
        head = n
        if n and (n - 1) not in starts and _title_line(text[units[n - 1][0] : units[n - 1][1]]):
            head = n - 1  # "Court Case Management" alone over its paragraph: that record's head
        starts.append(head)
    if len(starts) < 2:
        return []
    records: list[RawRecord] = []
    bounds = [units[k][0] for k in starts] + [len(text)]
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        head_end = units[starts[k]][1]
        if head_end < b and _title_line(text[a:head_end]):
            blocks = [Block("title", "text", a, head_end, a), Block("summary", "prose", head_end, b, head_end)]
        else:
            blocks = [Block("summary", "prose", a, b, a)]
        records.append(RawRecord(blocks, guessed=True))
    if bounds[0] > 0:
        records[0].blocks.insert(0, Block("unparsed", "text", 0, bounds[0], 0))
    return records
