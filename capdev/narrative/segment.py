"""Cut decoded text into records and each record into blocks (labelled fields, narrative lines, headers).

Blocks are consecutive and cover every character: a block runs from its first line's start to the start of the
next block, trailing blank lines and line breaks ("\\n", "\\r\\n", "\\r") included.

The text is read once, line by line, and each record is handed on as soon as it is complete (iter_segments):
the segmenter holds the lines of a record or two, never the whole file, and every decision costs the same
whatever the record's position or length (what it looks ahead for is found once, not looked for at every line).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import LimitExceeded
from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, match_header, match_label
from .limits import MAX_RECORD_CHARS
from .lines import Excerpt, Line, iter_lines, split_lines, too_long

__all__ = ["Block", "Excerpt", "Line", "RawRecord", "block_value", "is_record", "iter_lines", "iter_segments",
           "segment", "split_lines", "value_is_empty"]

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\u00c0-\u00de]")
_SHORT_LINE = 80  # characters: longer lines after a short field are prose, not more of its value
_PROSE_WORDS = 8  # a line of this many words ending with a full stop is a sentence
_TITLE_WORDS = 15
_JOINER_END = re.compile(r"(?:[,;&/]|\b(?:and|or))\s*$", re.IGNORECASE)
_EMPTY_VALUE = re.compile(r"^[\s,;:.\-\u2013\u2014*_/|]*$")


@dataclass
class Block:
    """A run of lines belonging to one field (kind label/header), one narrative line (kind text) or blank lines."""

    field: str
    kind: str  # label | header | text | blank
    start: int
    end: int
    value_start: int
    label: LabelMatch | None = None
    header: HeaderMatch | None = None
    nested_label: str = ""
    value_on_label_line: bool = False
    continuation_lines: int = 0
    continuation_short: bool = True
    blank_seen: bool = False
    last_text: str = ""


@dataclass
class RawRecord:
    """The blocks of one record, in order."""

    blocks: list[Block] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Offset of the record's first character."""
        return self.blocks[0].start

    @property
    def end(self) -> int:
        """Offset just after the record's last character."""
        return self.blocks[-1].end

    def label_fields(self) -> set[str]:
        """Fields given by a label (or a code header) so far."""
        out: set[str] = set()
        for b in self.blocks:
            if b.kind == "label":
                out.add(b.field)
            elif b.kind == "header":
                out.update(("code", "title") if b.header and b.header.title else ("code",))
        return out

    def has_content(self) -> bool:
        """True once anything but blank lines has been seen."""
        return any(b.kind != "blank" for b in self.blocks)


def _is_short(line: str) -> bool:
    """A line that can be one more value of a short field (a name, a number), not a sentence."""
    line = line.strip()
    if len(line) > _SHORT_LINE or _SENTENCE_BREAK.search(line):
        return False
    return not (line.endswith(".") and len(line.split()) >= _PROSE_WORDS)


def value_is_empty(text: str) -> bool:
    """True for values with nothing but separators ("Countries:, , ,")."""
    return bool(_EMPTY_VALUE.match(text))


def block_value(text: str, block: Block) -> str:
    """The value of a block as written, without its label and surrounding whitespace."""
    return text[block.value_start : block.end].strip()


class _Window:
    """The lines being segmented: read from the source as the walk or a look ahead reaches them, each matched
    against the label table once, and dropped once no record still to be handed on holds them.

    Sliced with the whole text's offsets (window[a:b]), it gives the text of the lines it holds.
    """

    def __init__(self, source: Iterator[tuple[Line, str]], table: LabelTable, limit: int | None) -> None:
        self.source = source
        self.table = table
        self.limit = limit
        self.base = 0  # the index (in the whole text) of the first line held
        self.lines: list[Line] = []
        self.raws: list[str] = []  # each line as written, its line break included
        self.labels: list[LabelMatch | None] = []
        self.headers: list[HeaderMatch | None] = []
        self.exhausted = False

    def has(self, i: int, floor: int) -> bool:
        """Is there a line i (reading up to it)? Lines are read only while they lie within one record's length of
        offset `floor` (the start of the record they belong to): beyond, the record is too long."""
        while i >= self.base + len(self.lines) and not self.exhausted:
            got = next(self.source, None)
            if got is None:
                self.exhausted = True
                break
            ln, raw = got
            if self.limit is not None and ln.stop - floor > self.limit:
                raise LimitExceeded(too_long(self.line_number(floor), self.limit))
            blank = not ln.text.strip()
            lab = None if blank else match_label(ln.text, self.table)
            self.lines.append(ln)
            self.raws.append(raw)
            self.labels.append(lab)
            self.headers.append(None if lab or blank else match_header(ln.text, self.table))
        return i < self.base + len(self.lines)

    def line(self, i: int) -> Line:
        return self.lines[i - self.base]

    def label(self, i: int) -> LabelMatch | None:
        return self.labels[i - self.base]

    def header(self, i: int) -> HeaderMatch | None:
        return self.headers[i - self.base]

    def index_at(self, offset: int) -> int:
        """The index of the line held that holds this offset."""
        return self.base + max(0, bisect.bisect_right(self.lines, offset, key=lambda ln: ln.start) - 1)

    def line_number(self, offset: int) -> int:
        """The line number (from 1) of an offset within the lines held."""
        return self.index_at(offset) + 1

    def release(self, offset: int) -> None:
        """Forget the lines that end before this offset."""
        k = bisect.bisect_right(self.lines, offset, key=lambda ln: ln.stop)
        if k:
            for held in (self.lines, self.raws, self.labels, self.headers):
                del held[:k]
            self.base += k

    def __getitem__(self, key: slice) -> str:
        start, stop = key.start, key.stop
        if not self.lines or start < self.lines[0].start or stop > self.lines[-1].stop:
            raise IndexError(f"text [{start}:{stop}] is not held")
        first = self.index_at(start) - self.base
        last = self.index_at(max(start, stop - 1)) - self.base
        joined = "".join(self.raws[first : last + 1])
        return joined[start - self.lines[first].start : stop - self.lines[first].start]


@dataclass
class _Open:
    """What the walk needs to know of the record being read, kept up to date block by block (not re-read from
    its blocks at every line: a record of many lines would cost the square of its length)."""

    content: bool = False  # anything but blank lines seen
    fields: set[str] = field(default_factory=set)  # RawRecord.label_fields()
    labelled: set[str] = field(default_factory=set)  # fields given by a label block
    heads_only: bool = True  # nothing but blank lines, code, title and unparsed blocks
    text_seen: bool = False  # a narrative (text) block

    def add(self, block: Block) -> None:
        if block.kind != "blank":
            self.content = True
            if block.field not in ("code", "title", "unparsed"):
                self.heads_only = False
        if block.kind == "label":
            self.fields.add(block.field)
            self.labelled.add(block.field)
        elif block.kind == "header":
            self.fields.update(("code", "title") if block.header and block.header.title else ("code",))
        elif block.kind == "text":
            self.text_seen = True


class _Segmenter:
    def __init__(self, source: Iterator[tuple[Line, str]], table: LabelTable, limit: int | None) -> None:
        self.table = table
        self.limit = limit
        self.window = _Window(source, table, limit)
        self.records: list[RawRecord] = [RawRecord()]
        self.open = _Open()
        self.block: Block | None = None
        self.pending_title = False
        self.marker: tuple[int, int | None] = (0, 0)  # (i, k): no label or header on lines i..k-1, one on k
        # Records are handed on once the next record is found: text that is no record joins the one before it.
        self.found: RawRecord | None = None
        self.orphans: list[Block] = []
        self.ready: list[RawRecord] = []
        self.handed = 0

    # --- looking ahead -------------------------------------------------------------------------------------------
    def next_marker(self, i: int) -> int | None:
        """The first line from line i on with a label or a header, or None.

        Remembered: the walk asks again at each line of a run of narrative, and would otherwise read the run to its
        end each time."""
        lo, k = self.marker
        if lo <= i and (k is None or i <= k):
            return k
        floor = self.window.line(i - 1).start if i > self.window.base else 0
        k = i
        while self.window.has(k, floor) and not (self.window.label(k) or self.window.header(k)):
            k += 1
        found = k if self.window.has(k, floor) else None
        self.marker = (i, found)
        return found

    # --- record boundaries -------------------------------------------------------------------------------------
    def starts_record(self, rec: RawRecord, lab: LabelMatch) -> bool:
        """Does this label open a new record rather than continue the current one?"""
        return self.boundary_reason(rec, lab) is not None

    def boundary_reason(self, rec: RawRecord, lab: LabelMatch) -> str | None:
        """Why this label opens a new record ('head', 'opening', 'repeat'), or None when it does not."""
        state = self.open
        if not state.content:
            return None
        spec = self.table.spec(lab.field)
        fields = state.fields
        if spec.family == "head":
            return "head" if not state.heads_only or lab.field in state.labelled else None
        seen_closing = any(self.table.spec(f).family == "closing" for f in fields)
        # An opening label after the closing fields begins the next record only when this record has already
        # been opened (by an opening label or by narrative); pages that give their description after the facts
        # ("Budget: ... Brief Description: ...") keep it.
        opened = any(self.table.spec(f).family == "opening" for f in fields) or state.text_seen
        if spec.family == "opening" and lab.number is None and seen_closing and opened:
            return "opening"
        # A second "Objective:" (say) means a second record; numbered labels ("Outcome 2") never do.
        if lab.number is None and lab.field in fields and not spec.repeatable:
            return "repeat"
        return None

    def label_follows(self, i: int) -> bool:
        """Is there a label or header on some line after line i?"""
        return self.next_marker(i + 1) is not None

    def boundary_ahead(self, i: int, rec: RawRecord) -> bool:
        """After a closing field, does the narrative at line i begin a new record (a record's labels follow)?"""
        k = self.next_marker(i)
        if k is None:
            return False
        if self.window.header(k):
            return True
        return self.starts_record(rec, self.window.label(k))

    # --- continuation --------------------------------------------------------------------------------------------
    def continues(self, block: Block, ln: Line) -> bool:
        """Does a text line carry on the value of the field block before it?"""
        if block.kind != "label":
            return False
        spec = self.table.spec(block.field)
        if spec.shape in ("prose", "list"):
            return True
        if block.value_on_label_line:
            # A short value goes on only when its line plainly breaks off ("Partners: UNDP, UNICEF,").
            return not block.blank_seen and bool(_JOINER_END.search(block.last_text))
        if block.continuation_lines == 0:
            return True
        if block.blank_seen:
            return False
        return _is_short(ln.text) and block.continuation_short

    def looks_like_title(self, i: int) -> bool:
        """A short line without end punctuation, followed by narrative or labels (not a code header): a heading."""
        line = self.window.line(i)
        words = line.text.split()
        if not words or len(words) > _TITLE_WORDS or line.text.rstrip()[-1:] in ".:;,!?":
            return False
        if not words[0][:1].isupper() and not words[0][:1].isdigit():
            return False
        j = i + 1
        while self.window.has(j, line.start):
            if self.window.line(j).text.strip():
                return not self.window.header(j)
            j += 1
        return False

    # --- the walk ------------------------------------------------------------------------------------------------
    def new_record(self) -> RawRecord:
        self.complete(self.records.pop())
        self.records.append(RawRecord())
        self.open = _Open()
        self.block = None
        return self.records[-1]

    def add(self, rec: RawRecord, block: Block) -> None:
        rec.blocks.append(block)
        self.open.add(block)
        self.block = block

    def run(self) -> Iterator[RawRecord]:
        """The records of the text, each as soon as it is complete."""
        i = 0
        while self.window.has(i, self.floor()):
            ln = self.window.line(i)
            rec = self.records[-1]
            if not ln.text.strip():
                if self.block is None:
                    self.add(rec, Block("unparsed", "blank", ln.start, ln.stop, ln.stop))
                else:
                    self.block.end = ln.stop
                    self.block.blank_seen = True
            elif self.window.label(i):
                self.on_label(rec, ln, self.window.label(i), i)
            elif self.window.header(i):
                self.on_header(rec, ln, self.window.header(i))
            else:
                self.on_text(rec, ln, i)
            i += 1
            yield from self.hand_on()
        self.complete(self.records.pop())
        if self.found is not None:
            self.ready.append(self.found)
            self.found = None
        yield from self.hand_on()

    def floor(self) -> int:
        """Where the record being read begins (its lines are read up to one record's length from there)."""
        blocks = self.records[-1].blocks
        if blocks:
            return blocks[0].start
        return self.window.lines[-1].stop if self.window.lines else 0

    def complete(self, cand: RawRecord) -> None:
        """A candidate is complete: a record (the one found before is then complete too), or text that joins the
        record before it (or, at the start, the first record)."""
        if not cand.blocks:
            return
        if is_record(self.window, cand):
            cand.blocks[:0] = self.orphans
            self.orphans = []
            if self.found is not None:
                self.ready.append(self.found)
            self.found = cand
            self.check(cand.blocks)
            return
        for b in cand.blocks:
            b.field = "unparsed"
        if self.found is not None:
            self.found.blocks.extend(cand.blocks)
            self.check(self.found.blocks)
        else:
            self.orphans.extend(cand.blocks)
            self.check(self.orphans)

    def check(self, blocks: list[Block]) -> None:
        if self.limit is not None and blocks[-1].end - blocks[0].start > self.limit:
            raise LimitExceeded(too_long(self.window.line_number(blocks[0].start), self.limit))

    def hand_on(self) -> Iterator[RawRecord]:
        """The records complete so far; then the lines no record still needs are forgotten."""
        if not self.ready:
            return
        ready, self.ready = self.ready, []
        for rec in ready:
            yield rec
            self.handed += 1
        held = [self.found.blocks if self.found else [], self.orphans, *(r.blocks for r in self.records)]
        keep = [blocks[0].start for blocks in held if blocks]
        self.window.release(min(keep) if keep else ready[-1].end)

    def on_label(self, rec: RawRecord, ln: Line, lab: LabelMatch, i: int) -> None:
        blk = self.block
        if not lab.colon and blk is not None and blk.kind == "text" and blk.field == "narrative":
            # A bare "Activities" or "Background" line amid a page's closing narrative is a heading of that
            # narrative; read as a label it would swallow the events told below it.
            self.on_text(rec, ln, i)
            return
        spec = self.table.spec(lab.field)
        if (
            blk is not None and blk.kind == "label" and blk.field == lab.field and not spec.repeatable
            and not blk.value_on_label_line and blk.continuation_lines == 0 and lab.number is None
        ):
            # "Objective/Purpose of Project:" then "Overall objective:" on the next line: one field.
            blk.nested_label = lab.label
            blk.end = ln.stop
            blk.value_start = ln.start + lab.value_start
            blk.value_on_label_line = bool(ln.text[lab.value_start :].strip())
            blk.last_text = ln.text
            return
        reason = self.boundary_reason(rec, lab)
        if reason == "repeat" and not self.label_follows(i):
            # "Objective: the workshop aimed to ..." in a page's closing narrative repeats a label but starts
            # no record: nothing record-like follows it. Read it as narrative.
            self.on_text(rec, ln, i)
            return
        if reason:
            rec = self.new_record()
        self.pending_title = False
        block = Block(lab.field, "label", ln.start, ln.stop, ln.start + lab.value_start, label=lab, last_text=ln.text)
        inner = match_label(ln.text[lab.value_start :], self.table)
        if inner and inner.field == lab.field and inner.colon and inner.number is None:
            # "Objective/Purpose of Project: Overall objective: The ...": the inner label is not part of the value.
            block.nested_label = inner.label
            block.value_start += inner.value_start
        block.value_on_label_line = not value_is_empty(ln.text[block.value_start - ln.start :])
        self.add(rec, block)

    def on_header(self, rec: RawRecord, ln: Line, hdr: HeaderMatch) -> None:
        if self.open.content:
            rec = self.new_record()
        self.add(rec, Block("code", "header", ln.start, ln.stop, ln.start + hdr.title_start, header=hdr))
        self.pending_title = not hdr.title

    def on_text(self, rec: RawRecord, ln: Line, i: int) -> None:
        blk = self.block
        if blk is not None and self.continues(blk, ln):
            blk.end = ln.stop
            blk.continuation_lines += 1
            blk.continuation_short = blk.continuation_short and _is_short(ln.text)
            blk.last_text = ln.text
            return
        if self.pending_title and len(ln.text.split()) <= _TITLE_WORDS:
            self.pending_title = False
            self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))
            return
        self.pending_title = False
        if (
            blk is not None and blk.kind == "label" and self.table.spec(blk.field).family == "closing"
            and self.boundary_ahead(i, rec)
        ):
            rec = self.new_record()
        if not self.open.content and self.looks_like_title(i):
            self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))
            return
        name = "narrative" if self.open.fields - {"code", "title"} else "summary"
        self.add(rec, Block(name, "text", ln.start, ln.stop, ln.start))


def is_record(text: str, rec: RawRecord) -> bool:
    """A candidate counts as a record when it has a code header or a label with a value."""
    for b in rec.blocks:
        if b.kind == "header":
            return True
        if b.kind == "label" and not value_is_empty(block_value(text, b)):
            return True
    return False


def iter_segments(
    lines: Iterable[tuple[Line, str]], table: LabelTable | None = None, max_record: int | None = MAX_RECORD_CHARS
) -> Iterator[tuple[RawRecord, Excerpt]]:
    """Each record of a text read line by line (iter_lines), with its text, as soon as it is complete.

    Text that is no record joins its neighbour as 'unparsed' blocks; nothing at all when the text holds no record.
    A record longer than max_record characters raises LimitExceeded (a kind of InputError) saying where it begins.
    """
    seg = _Segmenter(iter(lines), table or default_table(), max_record)
    for rec in seg.run():
        yield rec, Excerpt(seg.window[rec.start : rec.end], rec.start)


def segment(text: str, table: LabelTable | None = None, max_record: int | None = None) -> list[RawRecord]:
    """Records in order; text that is no record joins its neighbour as 'unparsed' blocks. [] if none at all."""
    return [rec for rec, _ in iter_segments(iter_lines([text]), table, max_record)]
