"""A record that runs over a series of blocks headed by one word and their numbers is cut at each block that tells of a
project of its own.

A broadcast's rundown ("BLOQUE 1 - ESTADO", "BLOQUE 2 - MUNICIPIOS"), a meeting's items ("Point 3 : ...", "Punto 4 -
..."), a bulletin's segments ("Item 2", "Segment 3"): the same word at the start of a line after a blank line, with
numbers that follow each other, heads the blocks of one container. When two blocks or more each name a project
(record_evidence.has_own_evidence) and state an amount or a period, each is a record: the record is cut at each such
block after the first that names a project the blocks before it did not (a block telling of the same project again
stays with it). Blocks that tell of no project (the economy, the sports) stay with the block before them; the text
above the first block stays with the first record. The pieces cut are marked as guessed; a block's heading ("BLOQUE
2 - MUNICIPIOS") is no title.
"""
from __future__ import annotations

import re

from .blocks import Block, RawRecord, cut_at, guessed_pieces
from .lines import Excerpt, split_lines
from .named_projects import apposed_name, fact_kinds, names_in
from .record_evidence import has_own_evidence
from .repeated_facts import dated
from .values.money import parse_money

Piece = tuple[RawRecord, Excerpt]

# "BLOQUE 1 - ESTADO", "Point 3 :", "Punto 4.", "ITEM 2", "Segment 3 (2'00\")": a word, then its number, then a
# dash, a colon, a stop, a bracket or the line's end.
_HEAD = re.compile(r"^[ \t]*(?P<word>[^\W\d_]{3,20})[ \t]+(?P<n>\d{1,2})[ \t]*(?:[-\u2013\u2014:.)(]|$)")


def _heads(lines: list) -> list[tuple[int, str, int]]:
    """(line index, word, number) of each heading after a blank line (or at the text's start)."""
    out = []
    for k, ln in enumerate(lines):
        if k and lines[k - 1].text.strip():
            continue
        m = _HEAD.match(ln.text)
        if m:
            out.append((k, m.group("word").casefold(), int(m.group("n"))))
    return out


def _series(heads: list[tuple[int, str, int]]) -> list[int]:
    """The line indexes of the longest run of one word numbered 1, 2, 3... (or from any number, one by one)."""
    best: list[int] = []
    for word in {w for _, w, _ in heads}:
        run: list[tuple[int, int]] = []
        for k, w, n in heads:
            if w != word:
                continue
            if run and n != run[-1][1] + 1:
                run = []
            run.append((k, n))
            if len(run) > len(best):
                best = [k for k, _ in run]
    return best


def _names(body: str) -> set[str]:
    """The projects a block names: by the word project before or after its name, or opening it ("Programa de
    Formación de Servidores Públicos ..."), its lines joined."""
    body = " ".join(body.split())
    found = set(names_in(body))
    at = apposed_name(body)
    if at is not None:
        found.add(" ".join(body[at[0] : at[1]].split()).casefold())
    return found


def _has_facts(body: str) -> bool:
    """An amount or a period: a broadcast's figures are often spelled out ("cuatro millones y medio de dólares"),
    so one of them is enough where the block names a project of its own."""
    return bool(parse_money(body) or dated(body)) or fact_kinds(body) >= 2


def block_starts(text: str, base: int) -> list[int]:
    """Where each later block with a project of its own begins (offsets in the whole text); [] if fewer than two
    blocks of the series tell of projects."""
    lines = split_lines(text)
    series = _series(_heads(lines))
    if len(series) < 2:
        return []
    bounds = [*series, len(lines)]
    bodies = [text[lines[a].start : lines[b - 1].stop] for a, b in zip(bounds, bounds[1:])]
    own = [n for n, body in enumerate(bodies) if (has_own_evidence(body) or _names(body)) and _has_facts(body)]
    if len(own) < 2:
        return []
    starts: list[int] = []
    seen = _names(bodies[own[0]])
    for n in own[1:]:
        named = _names(bodies[n])
        if named and not any(a.startswith(b) or b.startswith(a) for a in named for b in seen):
            starts.append(base + lines[series[n]].start)
        seen |= named
    return starts


def split_numbered_blocks(raw: RawRecord, text: Excerpt) -> list[Piece]:
    """The record, or its pieces cut at each later numbered block that tells of a project of its own."""
    if raw.news or raw.sections or not raw.blocks:
        return [(raw, text)]
    starts = block_starts(text[raw.start : raw.end], raw.start)
    if not starts:
        return [(raw, text)]
    pieces = cut_at(raw.blocks, starts)
    for blocks in pieces[1:]:
        if blocks and blocks[0].kind in ("text", "label", "prose"):
            b = blocks[0]
            blocks[0] = Block("heading", "heading", b.start, b.end, b.end)
    return guessed_pieces(text, pieces)


def split_prose_records(raws: list[RawRecord], whole: str) -> list[RawRecord]:
    """The records read from prose (no labelled record), each cut as above."""
    out: list[RawRecord] = []
    text = Excerpt(whole, 0)
    for raw in raws:
        pieces = split_numbered_blocks(raw, text)
        if len(pieces) == 1:
            out.append(raw)
        else:
            out.extend(piece for piece, _ in pieces)
    return out
