"""The rules' records checked by the learned model of where a record begins (record_starts.py), never alone.

The segmenter's records (after join_pieces) pass through here one at a time: inside a record, lines the model scores
high, at least two of one shape and first word, each followed by a project's own facts and not by the sums stated
before them, are cut there (record_starts.cut_offsets). Each record so cut comes out marked, and the parser flags its
bounds (BOUNDS_FLAG) for a reviewer. Nothing is held back (the parser's look-ahead stays the segmenter's and
join_pieces'), and the model reads each record once, so time stays linear in the text.

Joining a record the model scores very low to the one before (with no project of its own) was tried and measured:
leave-one-corpus-out it removed three false boundaries (empty rows and a signature under a CSV export) and no right
one, but it needs one more record held back, which the parser's streaming does not allow: it is left out.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .blocks import Block, RawRecord, cut_blocks
from .lines import Excerpt
from .record_starts import cut_offsets

BOUNDS_FLAG = ("record", "bounds guessed: cut by the learned check of where a record begins")
CUT_SCAN = 60000  # a longer record is not searched for cuts (a project's long report; the rules' reading kept)


def check_pieces(pieces: Iterable[tuple[RawRecord, Excerpt]]) -> Iterator[tuple[RawRecord, Excerpt, bool]]:
    """Each record as (raw, text, whether the model moved its bounds), as soon as it is read."""
    for raw, text in pieces:
        yield from _cut(raw, text, False)


def _cut(raw: RawRecord, text: Excerpt, moved: bool) -> Iterator[tuple[RawRecord, Excerpt, bool]]:
    if raw.news or raw.sections or not raw.blocks or len(text.text) > CUT_SCAN:
        yield raw, text, moved
        return
    offsets = [text.offset + o for o in cut_offsets(text.text)]
    offsets = [o for o in offsets if raw.start < o < raw.end]
    if not offsets:
        yield raw, text, moved
        return
    # The text above the first cut is a record of its own (it holds a project's evidence) or the first project's
    # head (cut_offsets joins them): either way the first piece.
    rest = raw.blocks
    pieces: list[list[Block]] = []
    for at in offsets:
        part, rest = cut_blocks(rest, at)
        if part:
            pieces.append(part)
    pieces.append(rest)
    for blocks in pieces:
        if blocks:
            a, b = blocks[0].start, blocks[-1].end
            yield RawRecord(blocks, news=raw.news, guessed=True), Excerpt(text[a:b], a), True
