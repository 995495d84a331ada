"""A record that holds a list whose items each name a project and carry its facts is cut at each item.

An organisation chart's "> Projet d'appui ..." under each directorate, a register's "- Programme de formation ..."
entries: the segmenter reads the page as one record when the items' labels sit behind a tree's bars ("|   Statut :
...") or carry no record's head. Evidence of several records: two items or more with the same marker (">", "-", "•",
"*", "–"), each opening with a project word (project, programme, projet, proyecto, programa, initiative) and each
followed, before the next, by two kinds of a project's facts, one of them an amount or a period
(named_projects.fact_kinds). A project's components, activities or outputs ("- Component 1: ...", "- Formation de
...") open with no project word; a project named in passing in a sentence is no item. The text above the first
item goes with it; each piece is marked as guessed and its item line is its title.
"""
from __future__ import annotations

import re

from .blocks import Block, RawRecord, cut_at, cut_blocks, guessed_pieces
from .lines import Excerpt, split_lines
from .named_projects import fact_kinds
from .repeated_facts import dated
from .values.money import parse_money

Piece = tuple[RawRecord, Excerpt]

# Tree-drawing characters before the item ("|     |       > Projet ..."), then the marker, then a project word.
_ITEM = re.compile(r"^[ \t|+`\\]*(?P<marker>[>•*\u2013\u25aa\u25ba\u2192-])[ \t]+"
                   r"(?=(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)s?\b)",
                   re.IGNORECASE)


def has_facts(body: str) -> bool:
    """Does a list item's body state two kinds of a project's facts, one of them an amount or a period?"""
    return fact_kinds(body) >= 2 and bool(parse_money(body) or dated(body))


def item_starts(text: str, base: int) -> list[tuple[int, int]]:
    """Where each item's line and its project's name begin (offsets in the whole text), when two items or more of
    one marker each carry a project's facts; [] otherwise."""
    lines = split_lines(text)
    items: dict[str, list[int]] = {}
    names: dict[int, int] = {}
    for k, ln in enumerate(lines):
        m = _ITEM.match(ln.text)
        if m:
            items.setdefault(m.group("marker"), []).append(k)
            names[k] = m.end()
    for ks in items.values():
        if len(ks) < 2:
            continue
        bounds = [*ks, len(lines)]
        bodies = [text[lines[a].start : lines[b - 1].stop] for a, b in zip(bounds, bounds[1:])]
        if sum(has_facts(b) for b in bodies) == len(ks):
            return [(base + lines[k].start, base + lines[k].start + names[k]) for k in ks]
    return []


def split_items(raw: RawRecord, text: Excerpt) -> list[Piece]:
    """The record, or its pieces cut at each item that names a project and carries its facts."""
    if raw.news or raw.sections or not raw.blocks:
        return [(raw, text)]
    found = item_starts(text[raw.start : raw.end], raw.start)
    if not found:
        return [(raw, text)]
    starts, name_at = [a for a, _ in found], dict(found)
    head, rest = cut_blocks(raw.blocks, starts[0])
    for b in head:
        if b.kind in ("text", "prose", "heading") or b.field == "title":
            b.field, b.kind, b.label = "chrome", "chrome", None  # the page's head: no project's title
    rest = [*head, *rest]
    pieces = cut_at(rest, starts[1:])
    for blocks in pieces:
        for n, b in enumerate(blocks):
            if b.start in name_at and b.kind in ("chrome", "text"):
                # The item's line names its project; the tree's bars and the marker before the name are chrome.
                at = name_at[b.start]
                blocks[n] = Block("title", "text", at, b.end, at)
                blocks.insert(n, Block("chrome", "chrome", b.start, at, at))
                break
    return guessed_pieces(text, pieces)
