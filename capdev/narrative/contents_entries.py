"""A table of contents whose numbered entries are projects, each with a blurb of its facts, cut at each entry.

A compendium or a portfolio review opens with its contents: `1. Mobile Services for Rural Districts (BGD-01) .... 12`,
then, indented under the entry, a line or two telling the project (its country, period, amount, funder). Read as
one record, the page's title becomes the record's and the projects' facts run together. Evidence of several
records: numbered entries with a dot leader and a page number, each followed by an indented blurb that states an
amount or a period, two of them or more stating two kinds of a project's facts (as item_cuts asks of a list's
items); a numbered entry with no such blurb ("3. Lessons learned .... 40") and the reading is left alone.
Each entry's name is its record's title; its blurb is its text. Everything else (the page's head, the unnumbered
entries such as a foreword, a box or an annex, the parts' headings, a colophon) is the document's: kept as chrome,
so that a box's figures ("Nepal's GDP, USD 40.9 billion") are no project's.
"""
from __future__ import annotations

import re

from .blocks import Block, RawRecord, cut_at, cut_blocks, guessed_pieces
from .item_cuts import has_facts
from .lines import Excerpt, split_lines
from .repeated_facts import dated
from .values.money import parse_money

Piece = tuple[RawRecord, Excerpt]

_LEADER = r"[ \t]*(?:(?:\.[ \t]?){3,}|\u2026+|(?:\u00b7[ \t]?){3,})[ \t]*(?:\d{1,4}|[ivxlc]{1,6})[ \t]*$"
_ENTRY = re.compile(r"^[ \t]{0,3}(?:\d{1,2}|[IVX]{1,4})[.)][ \t]+(?P<name>\S.{2,200}?)" + _LEADER)
_ANY_ENTRY = re.compile(r"^.{3,240}?" + _LEADER)


def entry_starts(text: str, base: int) -> list[tuple[int, int, int, int, int]]:
    """(entry line's start, name's start, name's end, blurb's start, blurb's end) for each numbered entry, offsets
    in the whole text, when each entry has a blurb of a project's facts; [] otherwise."""
    lines = split_lines(text)
    found: list[tuple[int, int, int, int, int]] = []
    full = 0  # entries whose blurb states two kinds of facts
    k = 0
    while k < len(lines):
        m = _ENTRY.match(lines[k].text)
        if not m:
            k += 1
            continue
        j = k + 1
        # The blurb: the indented lines under the entry, up to a blank line, another entry or a line at the margin.
        while j < len(lines) and lines[j].text[:1] in " \t" and lines[j].text.strip() and not _ANY_ENTRY.match(
                lines[j].text):
            j += 1
        blurb = text[lines[k + 1].start : lines[j - 1].stop] if j > k + 1 else ""
        if not (parse_money(blurb) or dated(blurb)):
            return []
        full += has_facts(blurb)
        start = lines[k].start
        found.append((base + start, base + start + m.start("name"), base + start + m.end("name"),
                      base + lines[k + 1].start, base + lines[j - 1].stop))
        k = j
    return found if full >= 2 else []


def split_entries(raw: RawRecord, text: Excerpt) -> list[Piece]:
    """The record, or its pieces cut at each numbered entry of a table of contents that tells a project."""
    if raw.news or raw.sections or not raw.blocks:
        return [(raw, text)]
    found = entry_starts(text[raw.start : raw.end], raw.start)
    if not found:
        return [(raw, text)]
    return cut_entries(raw, text, found)


def cut_entries(raw: RawRecord, text: Excerpt, found: list[tuple[int, int, int, int, int]]) -> list[Piece]:
    """The record cut at each entry (line's start, name's start, name's end, body's start, body's end): each piece
    the entry's name as its title and its body as its text, all else in it chrome (also glossary_entries.py)."""
    pieces = cut_at(raw.blocks, [f[0] for f in found[1:]])  # the page's head goes with the first entry, as chrome
    out = []
    for (start, name, name_end, blurb, blurb_end), blocks in zip(found, pieces):
        for at in (start, name, name_end, blurb, blurb_end):
            before, after = cut_blocks(blocks, at)
            blocks = [*before, *after]
        marked = []
        for b in blocks:
            if name <= b.start and b.end <= name_end:
                marked.append(Block("title", "text", b.start, b.end, b.start))
            elif blurb <= b.start and b.end <= blurb_end:
                marked.append(b if b.kind != "chrome" else Block("narrative", "text", b.start, b.end, b.start))
            else:
                marked.append(Block("chrome", "chrome", b.start, b.end, b.end))
        out.append(marked)
    return guessed_pieces(text, out)
