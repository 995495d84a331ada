"""Cut decoded text into records and each record into blocks (labelled fields, narrative lines, headers).

Blocks are consecutive and cover every character: a block runs from its first line's start to the start of the
next block, trailing blank lines and line breaks ("\\n", "\\r\\n", "\\r") included.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, match_header, match_label

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\u00c0-\u00de]")
_SHORT_LINE = 80  # characters: longer lines after a short field are prose, not more of its value
_PROSE_WORDS = 8  # a line of this many words ending with a full stop is a sentence
_TITLE_WORDS = 15
_JOINER_END = re.compile(r"(?:[,;&/]|\b(?:and|or))\s*$", re.IGNORECASE)
_EMPTY_VALUE = re.compile(r"^[\s,;:.\-\u2013\u2014*_/|]*$")


@dataclass
class Line:
    """One line: [start, end) without its line break, [start, stop) with it."""

    start: int
    end: int
    stop: int
    text: str


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


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; '\\r\\n', '\\r' and '\\n' all end a line."""
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.rstrip("\r\n")
        out.append(Line(m.start(), m.start() + len(body), m.end(), body))
    return out


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


class _Segmenter:
    def __init__(self, text: str, table: LabelTable) -> None:
        self.text = text
        self.table = table
        self.lines = split_lines(text)
        self.labels: list[LabelMatch | None] = []
        self.headers: list[HeaderMatch | None] = []
        for ln in self.lines:
            lab = match_label(ln.text, table) if ln.text.strip() else None
            self.labels.append(lab)
            self.headers.append(None if lab or not ln.text.strip() else match_header(ln.text, table))
        self.records: list[RawRecord] = [RawRecord()]
        self.block: Block | None = None
        self.pending_title = False

    # --- record boundaries -------------------------------------------------------------------------------------
    def starts_record(self, rec: RawRecord, lab: LabelMatch) -> bool:
        """Does this label open a new record rather than continue the current one?"""
        return self.boundary_reason(rec, lab) is not None

    def boundary_reason(self, rec: RawRecord, lab: LabelMatch) -> str | None:
        """Why this label opens a new record ('head', 'opening', 'repeat'), or None when it does not."""
        if not rec.has_content():
            return None
        spec = self.table.spec(lab.field)
        fields = rec.label_fields()
        if spec.family == "head":
            heads_only = all(b.kind == "blank" or b.field in ("code", "title", "unparsed") for b in rec.blocks)
            labelled_again = any(b.kind == "label" and b.field == lab.field for b in rec.blocks)
            return "head" if not heads_only or labelled_again else None
        seen_closing = any(self.table.spec(f).family == "closing" for f in fields)
        # An opening label after the closing fields begins the next record only when this record has already
        # been opened (by an opening label or by narrative); pages that give their description after the facts
        # ("Budget: ... Brief Description: ...") keep it.
        opened = any(self.table.spec(f).family == "opening" for f in fields) or any(
            b.kind == "text" for b in rec.blocks)
        if spec.family == "opening" and lab.number is None and seen_closing and opened:
            return "opening"
        # A second "Objective:" (say) means a second record; numbered labels ("Outcome 2") never do.
        if lab.number is None and lab.field in fields and not spec.repeatable:
            return "repeat"
        return None

    def label_follows(self, i: int) -> bool:
        """Is there a label or header on some line after line i?"""
        return any(self.labels[j] or self.headers[j] for j in range(i + 1, len(self.lines)))

    def boundary_ahead(self, i: int, rec: RawRecord) -> bool:
        """After a closing field, does the narrative at line i begin a new record (a record's labels follow)?"""
        for j in range(i, len(self.lines)):
            if self.headers[j]:
                return True
            lab = self.labels[j]
            if lab:
                return self.starts_record(rec, lab)
        return False

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
        words = self.lines[i].text.split()
        if not words or len(words) > _TITLE_WORDS or self.lines[i].text.rstrip()[-1:] in ".:;,!?":
            return False
        if not words[0][:1].isupper() and not words[0][:1].isdigit():
            return False
        for j in range(i + 1, len(self.lines)):
            if self.lines[j].text.strip():
                return not self.headers[j]
        return False

    # --- the walk ------------------------------------------------------------------------------------------------
    def new_record(self) -> RawRecord:
        self.records.append(RawRecord())
        self.block = None
        return self.records[-1]

    def add(self, rec: RawRecord, block: Block) -> None:
        rec.blocks.append(block)
        self.block = block

    def run(self) -> list[RawRecord]:
        for i, ln in enumerate(self.lines):
            rec = self.records[-1]
            if not ln.text.strip():
                if self.block is None:
                    self.add(rec, Block("unparsed", "blank", ln.start, ln.stop, ln.stop))
                else:
                    self.block.end = ln.stop
                    self.block.blank_seen = True
                continue
            if self.labels[i]:
                self.on_label(rec, ln, self.labels[i], i)
            elif self.headers[i]:
                self.on_header(rec, ln, self.headers[i])
            else:
                self.on_text(rec, ln, i)
        return [r for r in self.records if r.blocks]

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
        block.value_on_label_line = not value_is_empty(self.text[block.value_start : ln.end])
        self.add(rec, block)

    def on_header(self, rec: RawRecord, ln: Line, hdr: HeaderMatch) -> None:
        if rec.has_content():
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
        if not rec.has_content() and self.looks_like_title(i):
            self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))
            return
        fields = rec.label_fields()
        name = "narrative" if fields - {"code", "title"} else "summary"
        self.add(rec, Block(name, "text", ln.start, ln.stop, ln.start))


def is_record(text: str, rec: RawRecord) -> bool:
    """A candidate counts as a record when it has a code header or a label with a value."""
    for b in rec.blocks:
        if b.kind == "header":
            return True
        if b.kind == "label" and not value_is_empty(block_value(text, b)):
            return True
    return False


def segment(text: str, table: LabelTable | None = None) -> list[RawRecord]:
    """Records in order; text that is no record joins its neighbour as 'unparsed' blocks. [] if none at all."""
    table = table or default_table()
    candidates = _Segmenter(text, table).run()
    records: list[RawRecord] = []
    orphans: list[Block] = []
    for cand in candidates:
        if is_record(text, cand):
            cand.blocks[:0] = orphans
            orphans = []
            records.append(cand)
            continue
        for b in cand.blocks:
            b.field = "unparsed"
        if records:
            records[-1].blocks.extend(cand.blocks)
        else:
            orphans.extend(cand.blocks)
    return records
