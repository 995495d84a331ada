"""The registry's projects as sets, held in numpy, to score one project's likeness to every other at once.

The likeness is capdev.core.similarity's, computed exactly (not estimated): for each aspect the index holds,
per value, which projects have it, and per project how many values it has; a query's intersection with every
project is then a sum over its own values' lists (`bincount`), and the Jaccard index follows from the sizes.
Words that a thirty-second of the projects or more use are held as one bit per project (np.packbits), the
others as lists of rows: memory stays below four bytes per (project, word) pair and below N/8 bytes per word.

An index is built once per process (`build`), in chunks of CHUNK projects whose text is read, cut into words
and spread into the lists or bits, so memory grows with what is kept, not with the text read. Projects changed
since (index_version's change rows) are read again into a small overlay of Profiles, scored with the plain
definition; past OVERLAY_LIMIT the whole index is read again.
"""
from __future__ import annotations

import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from capdev.core import similarity as definition
from capdev.core.similarity import Profile

CHUNK = 16_384  # projects per read; a multiple of 64, so that each chunk fills whole words of the bit rows
OVERLAY_LIMIT = 5_000
ROW = np.int32


@dataclass
class Postings:
    """Values (words, countries...) -> the rows holding them: lists of rows, or bits for the frequent ones."""

    codes: dict = field(default_factory=dict)  # value -> code
    lists: dict[int, np.ndarray] = field(default_factory=dict)  # code -> rows (int32, ascending)
    bits: dict[int, np.ndarray] = field(default_factory=dict)  # code -> packed bits, one per row
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))  # values per row

    def nbytes(self) -> int:
        return (sum(a.nbytes for a in self.lists.values()) + sum(b.nbytes for b in self.bits.values())
                + self.sizes.nbytes)

    def overlaps(self, values: Iterable, n: int) -> np.ndarray:
        """How many of these values each row holds (uint16)."""
        rows, bits = [], []
        for value in values:
            code = self.codes.get(value)
            if code is None:
                continue
            if code in self.bits:
                bits.append(self.bits[code])
            else:
                rows.append(self.lists[code])
        out = bit_counts(bits, n)
        if rows:
            out += np.bincount(np.concatenate(rows), minlength=n).astype(np.uint16)
        return out


def bit_counts(bitsets: list[np.ndarray], n: int) -> np.ndarray:
    """For each of n rows, in how many of these packed bit rows its bit is set (uint16).

    Counted on the packed words, as a binary counter of bit planes (plane i holds bit i of every row's count):
    adding a bit row is a few AND/XOR passes over N/64 machine words, and only the planes (six for up to 63
    rows) are unpacked at the end, instead of unpacking and adding every bit row (far slower at a million projects)."""
    planes: list[np.ndarray] = []
    for bits in bitsets:
        carry = bits.view(np.uint64)
        for plane in planes:
            new_carry = plane & carry
            plane ^= carry
            carry = new_carry
            if not carry.any():
                break
        else:
            planes.append(carry.copy())
    out = np.zeros(n, dtype=np.uint16)
    for i, plane in enumerate(planes):
        out += np.unpackbits(plane.view(np.uint8), count=n).astype(np.uint16) << i
    return out


def _bit_bytes(n: int) -> int:
    """Bytes of a bit row of n rows, in whole 64-bit words (bit_counts reads them as such)."""
    return (n + 63) // 64 * 8


class _Builder:
    """Spreads (row, value) pairs into a Postings, chunk by chunk, turning a list into bits once it is long."""

    def __init__(self, n: int):
        self.n = n
        self.threshold = max(n // 32, 64)
        self.postings = Postings(sizes=np.zeros(n, dtype=np.int16))
        self.pending: dict[int, array.array] = {}

    def code(self, value) -> int:
        codes = self.postings.codes
        code = codes.get(value)
        if code is None:
            code = codes[value] = len(codes)
        return code

    def add(self, start: int, rows: np.ndarray, codes: np.ndarray) -> None:
        """Pairs of one chunk (rows absolute, ascending per code once sorted), the chunk starting at `start`."""
        if rows.size == 0:
            return
        sizes = self.postings.sizes
        low = int(rows.min())
        sizes[low:low + int(rows.max()) - low + 1] += np.bincount(rows - low).astype(np.int16)
        order = np.argsort(codes, kind="stable")
        codes, rows = codes[order], rows[order]
        bounds = np.flatnonzero(np.diff(codes)) + 1
        starts = np.concatenate([[0], bounds])
        ends = np.concatenate([bounds, [codes.size]])
        chunk_end = min(start + CHUNK, self.n)
        for s, e in zip(starts.tolist(), ends.tolist()):
            code = int(codes[s])
            part = rows[s:e]
            bits = self.postings.bits.get(code)
            if bits is not None:
                self._set_bits(bits, start, chunk_end, part)
                continue
            pending = self.pending.setdefault(code, array.array("i"))
            pending.frombytes(part.astype(ROW).tobytes())
            if len(pending) > self.threshold:
                bits = np.zeros(_bit_bytes(self.n), dtype=np.uint8)
                held = np.frombuffer(pending, dtype=ROW)
                mask = np.zeros(self.n, dtype=bool)
                mask[held] = True
                packed = np.packbits(mask)
                bits[:packed.size] = packed
                self.postings.bits[code] = bits
                del self.pending[code]

    @staticmethod
    def _set_bits(bits: np.ndarray, start: int, end: int, rows: np.ndarray) -> None:
        mask = np.zeros(end - start, dtype=bool)
        mask[rows - start] = True
        bits[start // 8:(end + 7) // 8] |= np.packbits(mask)

    def done(self) -> Postings:
        self.postings.lists = {code: np.frombuffer(rows, dtype=ROW).copy() for code, rows in self.pending.items()}
        self.pending = {}
        return self.postings


@dataclass
class SimilarityIndex:
    """Every registry project's profile, held for scoring; see the module's docstring."""

    token: str
    changes: dict[int, str]
    pk: np.ndarray  # int64, ascending
    published: np.ndarray  # bool
    unit: np.ndarray  # int64, -1 for none
    aspects: dict[str, Postings]  # "text" (words) and capdev.core.similarity.SET_ASPECTS
    overlay: dict[int, tuple[Profile, bool] | None] = field(default_factory=dict)  # re-read: (profile, published)
    dead: np.ndarray | None = None  # rows whose project was re-read (into the overlay) or is gone

    @property
    def n(self) -> int:
        return int(self.pk.size)

    def nbytes(self) -> int:
        return (self.pk.nbytes + self.published.nbytes + self.unit.nbytes
                + sum(p.nbytes() for p in self.aspects.values()))

    def row_of(self, pk: int) -> int | None:
        i = int(np.searchsorted(self.pk, pk))
        return i if i < self.n and int(self.pk[i]) == pk else None

    def scores(self, q: Profile) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The likeness of every indexed project to q (float64) by the one definition, whether there is a reason
        to call it similar (a similar text, or anything shared: Likeness.has_reason), and the text similarity."""
        n = self.n
        score = np.zeros(n, dtype=np.float64)
        reason = np.zeros(n, dtype=bool)
        text = self.text_scores(q)
        score += definition.WEIGHTS["text"] * text
        reason |= text >= definition.SIMILAR_TEXT
        for aspect in definition.SET_ASPECTS:
            values = getattr(q, aspect)
            if not values:
                continue
            postings = self.aspects[aspect]
            inter = postings.overlaps(values, n)
            reason |= inter > 0
            inter = inter.astype(np.float64)
            union = postings.sizes.astype(np.float64) + len(values) - inter
            score += definition.WEIGHTS[aspect] * (inter / np.maximum(union, 1))  # as the definition rounds
        if q.unit is not None:
            same = self.unit == q.unit
            score += definition.WEIGHTS["unit"] * same
            reason |= same
        return score, reason, text

    def likeness(self, q: Profile, row: int, text: float) -> definition.Likeness:
        """The definition's Likeness of q and one indexed row (its text similarity given: scores() has it), built
        from the index alone; equal to definition.compare of q and the row's profile."""
        parts = {"text": text}
        shared: dict[str, tuple] = {}
        for aspect in definition.SET_ASPECTS:
            postings = self.aspects[aspect]
            values = getattr(q, aspect)
            both = tuple(v for v in values if self._holds(postings, v, row))
            union = len(values) + int(postings.sizes[row]) - len(both)
            parts[aspect] = len(both) / union if union else 0.0
            if both:
                shared[aspect] = tuple(sorted(both, key=definition._natural))
        same_unit = q.unit is not None and int(self.unit[row]) == q.unit
        parts["unit"] = 1.0 if same_unit else 0.0
        if same_unit:
            shared["unit"] = (q.unit,)
        return definition.Likeness(score=sum(definition.WEIGHTS[k] * v for k, v in parts.items()), parts=parts,
                                   shared=shared)

    @staticmethod
    def _holds(postings: Postings, value, row: int) -> bool:
        code = postings.codes.get(value)
        if code is None:
            return False
        if code in postings.bits:
            return bool(postings.bits[code][row >> 3] & (0x80 >> (row & 7)))
        rows = postings.lists[code]
        i = int(np.searchsorted(rows, row))
        return i < rows.size and int(rows[i]) == row

    def text_scores(self, q: Profile) -> np.ndarray:
        """The text similarity of every indexed project to q (float64): what near-duplicates are judged by."""
        n = self.n
        text = self.aspects["text"]
        if len(q.tokens) < definition.MIN_TOKENS:
            return np.zeros(n, dtype=np.float64)
        inter = text.overlaps(q.tokens, n).astype(np.float64)
        union = text.sizes.astype(np.float64) + len(q.tokens) - inter
        return np.where(text.sizes >= definition.MIN_TOKENS, inter / np.maximum(union, 1), 0).astype(np.float64)


def top(index: SimilarityIndex, values: np.ndarray, *, exclude: Iterable[int], public: bool, k: int,
        at_least: float, above: bool = False, only: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The k best (pk, value) of the indexed rows, best first (ties: the lower id first), leaving out `exclude`,
    the overlay's rows and, for the public, unpublished projects; only values >= at_least (> with above), and
    only the rows `only` allows when given."""
    keep = values > at_least if above else values >= at_least
    if only is not None:
        keep &= only
    if public:
        keep &= index.published
    if index.dead is not None:
        keep &= ~index.dead
    for pk in exclude:
        row = index.row_of(pk)
        if row is not None:
            keep[row] = False
    rows = np.flatnonzero(keep)
    if rows.size > k:
        cut = np.partition(values[rows], rows.size - k)[rows.size - k]
        rows = rows[values[rows] >= cut]  # every row tied with the k-th stays, so ties break by id below
    order = np.lexsort((index.pk[rows], -values[rows]))[:k]
    return [(int(index.pk[r]), float(values[r])) for r in rows[order]]


def build(token: str, changes: dict[int, str], n: int, projects: Iterator[tuple], links: dict[str, Iterator[tuple]]
          ) -> SimilarityIndex:
    """An index from `projects`: (pk, published, unit id, tokens) ascending by pk, n of them at most, and per
    set aspect `links`: (project pk, value) ascending by project (rows of projects not listed are ignored)."""
    pks = np.zeros(n, dtype=np.int64)
    published = np.zeros(n, dtype=bool)
    unit = np.full(n, -1, dtype=np.int64)
    words = _Builder(n)
    count = 0
    chunk_rows, chunk_codes = array.array("i"), array.array("i")
    for pk, is_published, unit_id, tokens in projects:
        if count >= n:
            break
        pks[count], published[count] = pk, is_published
        unit[count] = -1 if unit_id is None else unit_id
        for word in tokens:
            chunk_rows.append(count)
            chunk_codes.append(words.code(word))
        count += 1
        if count % CHUNK == 0:
            words.add(count - CHUNK, np.frombuffer(chunk_rows, dtype=ROW), np.frombuffer(chunk_codes, dtype=ROW))
            chunk_rows, chunk_codes = array.array("i"), array.array("i")
    start = (count // CHUNK) * CHUNK
    words.add(start, np.frombuffer(chunk_rows, dtype=ROW), np.frombuffer(chunk_codes, dtype=ROW))
    if count < n:  # projects deleted between the count and the read
        pks, published, unit = pks[:count], published[:count], unit[:count]
        words.n = count
        words.postings.sizes = words.postings.sizes[:count]
        for code, bits in words.postings.bits.items():
            words.postings.bits[code] = bits[:_bit_bytes(count)].copy()
    aspects = {"text": words.done()}
    for aspect in definition.SET_ASPECTS:
        aspects[aspect] = _set_postings(pks, links.get(aspect, iter(())))
    return SimilarityIndex(token=token, changes=changes, pk=pks, published=published, unit=unit, aspects=aspects,
                           dead=np.zeros(count, dtype=bool))


def _set_postings(pks: np.ndarray, pairs: Iterator[tuple]) -> Postings:
    """Postings of a set aspect from (project pk, value) pairs: a list of rows per value, each pair once."""
    postings = Postings(sizes=np.zeros(pks.size, dtype=np.int16))
    project_ids, codes = array.array("q"), array.array("q")
    for project_id, value in pairs:
        code = postings.codes.get(value)
        if code is None:
            code = postings.codes[value] = len(postings.codes)
        project_ids.append(project_id)
        codes.append(code)
    if not pks.size or not project_ids:
        return postings
    ids = np.frombuffer(project_ids, dtype=np.int64)
    rows = np.minimum(np.searchsorted(pks, ids), pks.size - 1)
    held = pks[rows] == ids
    if not held.any():
        postings.codes = {}
        return postings  # every pair is of a project the index does not hold (a working copy's rows)
    pairs_held = np.unique(rows[held] * (len(postings.codes) + 1) + np.frombuffer(codes, dtype=np.int64)[held])
    rows, values = np.divmod(pairs_held, len(postings.codes) + 1)
    postings.sizes += np.bincount(rows, minlength=pks.size).astype(np.int16)
    order = np.lexsort((rows, values))
    rows, values = rows[order].astype(ROW), values[order]
    bounds = np.flatnonzero(np.diff(values)) + 1
    for part_rows, first in zip(np.split(rows, bounds), np.concatenate([[0], bounds]).tolist()):
        postings.lists[int(values[first])] = part_rows.copy()
    # A value only projects outside the index hold (a working copy's thematic area) has no rows: no code either,
    # or looking it up would find a code without a list.
    postings.codes = {value: code for value, code in postings.codes.items() if code in postings.lists}
    return postings
