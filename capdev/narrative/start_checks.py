"""The rules' records checked by the learned model of where a record begins (record_starts.py), never alone.

The segmenter's records (after join_pieces) pass through here one at a time, one held back:
- a record whose opening lines the model scores very low, that has no labelled title or code, holds no evidence of
  a project of its own (record_evidence.has_own_evidence) nor any fact of one (named_projects.fact_kinds) and does
  not open as the record before it does (two rows, two items of one make are a container's), is joined to the
  record before it;
- inside a record, lines the model scores high, at least two of one shape, each followed by a project's own facts
  and not by the sums stated before them, are cut there (record_starts.cut_offsets).
Each record so joined or cut comes out marked, and the parser flags its bounds (BOUNDS_FLAG) for a reviewer.
The model reads the record and the one before it (a window of at most WINDOW characters of it), so the parser
keeps holding a record or two and its time stays linear in the text.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .blocks import Block, RawRecord
from .limits import MAX_RECORD_CHARS
from .lines import Excerpt
from .record_starts import cut_offsets, joins

BOUNDS_FLAG = ("record", "bounds guessed: cut or joined by the learned check of where a record begins")
WINDOW = 4000  # characters of the record before that the model reads with the next one's opening
CUT_SCAN = 60000  # a longer record is not searched for cuts (a project's long report; the rules' reading kept)

Piece = tuple[RawRecord, Excerpt]


def check_pieces(pieces: Iterable[Piece], max_record: int | None = MAX_RECORD_CHARS
                 ) -> Iterator[tuple[RawRecord, Excerpt, bool]]:
    """Each record as (raw, text, whether the model moved its bounds)."""
    limit = max_record or MAX_RECORD_CHARS
    held: tuple[RawRecord, Excerpt, bool] | None = None
    for raw, text in pieces:
        if held is not None:
            joined = _joined(held, raw, text, limit)
            if joined is not None:
                held = joined
                continue
            yield from _cut(*held)
        held = (raw, text, False)
    if held is not None:
        yield from _cut(*held)


def _joined(held: tuple[RawRecord, Excerpt, bool], raw: RawRecord, text: Excerpt, limit: int
            ) -> tuple[RawRecord, Excerpt, bool] | None:
    hr, ht, _ = held
    if (raw.sections or hr.sections or not raw.blocks or not hr.blocks or {"title", "code"} & raw.label_fields()
            or ht.offset + len(ht.text) != text.offset or len(ht.text) + len(text.text) > limit):
        return None
    before = ht.text[-WINDOW:]
    if len(before) < len(ht.text):
        before = before[before.find("\n") + 1 :]
    if not joins(before + text.text, len(before)):
        return None
    return RawRecord([*hr.blocks, *raw.blocks], news=hr.news or raw.news, guessed=True), \
        Excerpt(ht.text + text.text, ht.offset), True


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
        part, rest = _split(rest, at)
        if part:
            pieces.append(part)
    pieces.append(rest)
    for blocks in pieces:
        if blocks:
            a, b = blocks[0].start, blocks[-1].end
            yield RawRecord(blocks, news=raw.news, guessed=True), Excerpt(text[a:b], a), True


def _split(blocks: list[Block], at: int) -> tuple[list[Block], list[Block]]:
    """The blocks before offset at and from it; a block across it cut in two (its second part narrative)."""
    before, after = [], []
    for b in blocks:
        if b.end <= at:
            before.append(b)
        elif b.start >= at:
            after.append(b)
        else:
            before.append(Block(b.field, b.kind, b.start, at, min(b.value_start, at), label=b.label,
                                header=b.header))
            after.append(Block("narrative", "text", at, b.end, at))
    return before, after
