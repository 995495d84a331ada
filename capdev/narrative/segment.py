"""Cut decoded text into records and each record into blocks (labelled fields, narrative lines, headers, tables).

Blocks are consecutive and cover every character: a block runs from its first line's start to the start of the
next block, trailing blank lines and line breaks ("\\n", "\\r\\n", "\\r") included. The layout step (layout.py) has
already said what each line holds; this module decides which record and which field each line belongs to.
Every look-ahead is a precomputed index, so the walk is linear in the number of lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, fold_key, match_label
from .layout import Line, lay_out, split_lines

__all__ = ["Block", "RawRecord", "block_value", "is_record", "segment", "split_lines", "value_is_empty"]

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\u00c0-\u00de]")
_SHORT_LINE = 80  # characters: longer lines after a short field are prose, not more of its value
_PROSE_WORDS = 8  # a line of this many words ending with a full stop is a sentence
_TITLE_WORDS = 24  # French and Spanish titles run long
_JOINER_END = re.compile(r"(?:[,;&/]|\b(?:and|or|et|ou))\s*$", re.IGNORECASE)
_EMPTY_VALUE = re.compile(r"^[\s,;:.\-\u2013\u2014*_/|]*$")
HEADS = ("code", "title")
_DECORATION = re.compile(r"^[ \t]*(?:#{1,6}|\*\*|__|=+)[ \t]*|[ \t]*(?:\*\*|__|#+|=+)[ \t]*$")


@dataclass
class Block:
    """A run of lines belonging to one field (kind label/header/table), one narrative line (kind text), a heading
    or blank lines."""

    field: str
    kind: str  # label | header | text | blank | heading | table
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
        """True once anything but blank lines, headings and page chrome has been seen."""
        return any(b.kind not in ("blank", "heading", "chrome") for b in self.blocks)

    def first_content(self) -> Block | None:
        """The record's first block that holds something of its own (not a heading, chrome or a stray line)."""
        return next((b for b in self.blocks if b.kind not in ("blank", "heading", "chrome") and b.field != "unparsed"),
                    None)

    def text_first(self) -> bool:
        """Does the record tell its narrative (a description, not just a title line) before its labels?"""
        first = next((b for b in self.blocks if b.kind not in ("blank", "heading", "chrome")
                      and b.field not in ("unparsed", "title")), None)
        return first is not None and first.kind == "text"


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
        self.lines: list[Line] = lay_out(text, table)
        n = len(self.lines)
        # next_mark[i]: the first line at or after i holding a label or a header (n when none): look-aheads in O(1).
        self.next_mark = [n] * (n + 1)
        self.next_nonblank = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            ln = self.lines[i]
            self.next_mark[i] = i if (ln.label or ln.header or ln.table == "header") else self.next_mark[i + 1]
            self.next_nonblank[i] = i if ln.text.strip() else self.next_nonblank[i + 1]
        self.records: list[RawRecord] = [RawRecord()]
        self.block: Block | None = None
        self.pending_title = False

    # --- record boundaries -------------------------------------------------------------------------------------
    def starts_record(self, rec: RawRecord, lab: LabelMatch, value: str = "") -> bool:
        """Does this label open a new record rather than continue the current one?"""
        return self.boundary_reason(rec, lab, value) is not None

    def _head_value(self, rec: RawRecord, name: str) -> tuple[bool, str]:
        """Whether the record has this head field from a label or a header, and its value (folded)."""
        for b in rec.blocks:
            if b.kind == "label" and b.field == name:
                return True, fold_key(block_value(self.text, b))
            if b.kind == "header" and b.header and (name == "code" or b.header.title):
                return True, fold_key(b.header.code if name == "code" else b.header.title)
            if b.kind == "label" and b.label is not None and "/" in b.label.aside and name in self.aside_fields(b):
                return True, ""  # "Intitulé/acte de base/numéro CRIS: ...": a code among the label's names
        return False, ""

    def aside_fields(self, block: Block) -> set[str]:
        """The fields a label's other names are labels of ("Title/basic act/CRIS number": code among them)."""
        out = set()
        for name in block.label.aside.split("/") if block.label else ():
            inner = match_label(f"{name.strip()}:", self.table)
            if inner is not None:
                out.add(inner.field)
        return out

    def boundary_reason(self, rec: RawRecord, lab: LabelMatch, value: str = "") -> str | None:
        """Why this label opens a new record ('head', 'opening', 'repeat'), or None when it does not."""
        if not rec.has_content():
            return None
        spec = self.table.spec(lab.field)
        fields = rec.label_fields()
        if spec.family == "head":
            has, old = self._head_value(rec, lab.field)
            if has:
                # "1819C - Title" then "Project Code: 1819C": the same record; a second, different code: the next.
                labelled = any(b.kind == "label" and (b.field == lab.field or (
                    b.label is not None and "/" in b.label.aside and lab.field in self.aside_fields(b)))
                    for b in rec.blocks)
                if labelled:
                    return "head"  # labelled twice: two records (the same project published twice included)
                new = fold_key(value)
                return "head" if new and new != old else None
            titled = any(b.kind == "text" and b.field == "title" for b in rec.blocks)
            told = any(b.kind == "text" and b.field in ("summary", "narrative") for b in rec.blocks)
            closed = any(self.table.spec(f).family == "closing" for f in fields)
            if lab.field == "title" and titled and (told or closed) and any(b.kind == "label" for b in rec.blocks):
                # A record with its title line and its facts (or narrative) is complete: "Title:" opens the next.
                return "head"
            if any(h in fields for h in HEADS):
                return None  # "Title: ..." after "Project Code: ...": one record's heads, in any order
            # Without heads of its own, a record that has its body (a described field, or narrative told after
            # its facts) is complete; narrative before any label is the head of a record whose facts follow.
            body = any(self.table.spec(b.field).shape in ("prose", "list") for b in rec.blocks if b.kind == "label")
            body = body or (any(b.kind == "text" for b in rec.blocks) and any(b.kind == "label" for b in rec.blocks))
            return "head" if body else None
        seen_closing = any(self.table.spec(f).family == "closing" for f in fields)
        # An opening label after the closing fields begins the next record only when this record has already
        # been opened (by an opening label or by narrative); pages that give their description after the facts
        # ("Budget: ... Brief Description: ...") keep it.
        opened = any(self.table.spec(f).family == "opening" for f in fields) or any(
            b.kind == "text" and b.field != "title" for b in rec.blocks)
        # ... in files whose records open that way: a record that began with its code or title keeps its later
        # "Expected results:" whatever came before them.
        first = rec.first_content()
        head_first = first is not None and (first.kind == "header" or first.field in HEADS)
        if spec.family == "opening" and lab.number is None and seen_closing and opened and not head_first:
            return "opening"
        # A second "Objective:" (say) means a second record; numbered labels ("Outcome 2") never do.
        if lab.number is None and lab.field in fields and not spec.repeatable:
            return "repeat"
        return None

    def label_follows(self, i: int) -> bool:
        """Is there a label or header on some line after line i?"""
        j = self.next_mark[i + 1]
        return j < len(self.lines) and not self.lines[j].table

    def line_value(self, j: int) -> str:
        ln = self.lines[j]
        return ln.text[ln.label.value_start :] if ln.label else ""

    def boundary_ahead(self, i: int, rec: RawRecord) -> bool:
        """Does the narrative at line i begin a new record (the next label or header opens one)?"""
        j = self.next_mark[i]
        if j >= len(self.lines):
            return False
        if self.lines[j].header:
            return True
        if self.lines[j].table:
            return False  # an activity table goes on with the record it is in
        return self.starts_record(rec, self.lines[j].label, self.line_value(j))

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
        ln = self.lines[i]
        text = _DECORATION.sub("", ln.text)  # "## Title", "**Title**"
        words = text.split()
        if not words or len(words) > _TITLE_WORDS or text.rstrip()[-1:] in ".:;,!?" or ln.heading:
            return False
        if not words[0][:1].isupper() and not words[0][:1].isdigit():
            return False
        j = self.next_nonblank[i + 1]
        return j < len(self.lines) and not self.lines[j].header

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
            if ln.table:
                self.on_table(rec, ln)
            elif not ln.text.strip():
                if self.block is None:
                    self.add(rec, Block("unparsed", "blank", ln.start, ln.stop, ln.stop))
                else:
                    self.block.end = ln.stop
                    self.block.blank_seen = True
            elif ln.label:
                self.on_label(rec, ln, ln.label, i)
            elif ln.header and not self.awaits_value():
                self.on_header(rec, ln, ln.header)
            elif ln.chrome and not self.awaits_value():
                self.pending_title = False
                self.add(rec, Block("chrome", "chrome", ln.start, ln.stop, ln.stop))
            elif ln.heading and not self.awaits_value():
                self.on_heading(rec, ln, i)
            else:
                self.on_text(rec, ln, i)
        return [r for r in self.records if r.blocks]

    def awaits_value(self) -> bool:
        """Is the block before a bare label whose value is still to come?"""
        blk = self.block
        return bool(blk and blk.kind == "label" and not blk.value_on_label_line and blk.continuation_lines == 0)

    def on_table(self, rec: RawRecord, ln: Line) -> None:
        blk = self.block
        if ln.table == "row" and blk is not None and blk.kind == "table":
            blk.end = ln.stop
            return
        if blk is not None and blk.kind == "label" and not blk.value_on_label_line and blk.continuation_lines == 0:
            # "Activities:" over the table: the label is the table's caption.
            blk.kind, blk.field = "heading", "heading"
        self.pending_title = False
        self.add(rec, Block("activity_table", "table", ln.start, ln.stop, ln.start))

    def on_heading(self, rec: RawRecord, ln: Line, i: int) -> None:
        if rec.has_content() and self.boundary_ahead(i, rec):
            rec = self.new_record()
        self.pending_title = False
        self.add(rec, Block("heading", "heading", ln.start, ln.stop, ln.stop))

    def on_label(self, rec: RawRecord, ln: Line, lab: LabelMatch, i: int) -> None:
        blk = self.block
        caption = self.next_nonblank[i + 1] < len(self.lines) and self.lines[self.next_nonblank[i + 1]].table == "header"
        if (not lab.colon and not ln.piece and not caption and blk is not None and blk.kind == "text"
                and blk.field == "narrative"):
            # A bare "Activities" or "Background" line amid a page's closing narrative is a heading of that
            # narrative; read as a label it would swallow the events told below it.
            self.on_text(rec, ln, i)
            return
        spec = self.table.spec(lab.field)
        if (
            blk is not None and blk.kind == "label" and blk.field == lab.field and not spec.repeatable
            and not blk.value_on_label_line and blk.continuation_lines == 0 and lab.number is None and not ln.piece
        ):
            # "Objective/Purpose of Project:" then "Overall objective:" on the next line: one field.
            blk.nested_label = lab.label
            blk.end = ln.stop
            blk.value_start = ln.start + lab.value_start
            blk.value_on_label_line = bool(ln.text[lab.value_start :].strip())
            blk.last_text = ln.text
            return
        if blk is not None and blk.kind == "label" and blk.label is not None and blk.label.sep == "" \
                and not blk.value_on_label_line and blk.continuation_lines == 0:
            # "Project Dates" over "Start date" / "End date": a bare label with no value heads the labels below it.
            blk.kind, blk.field = "heading", "heading"
        reason = self.boundary_reason(rec, lab, ln.text[lab.value_start :])
        if reason == "repeat" and not ln.piece and not self.label_follows(i):
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
        right_before = self.next_nonblank[i + 1] == self.next_mark[i + 1]  # the next record's labels follow at once
        if (rec.has_content() and not self.awaits_value() and (self.after_break(i) or right_before)
                and self.looks_like_title(i) and (self.boundary_ahead(i + 1, rec) or self.repeats_ahead(i + 1, rec))):
            # A title line after a record, right before the labels of the next one: that record's title.
            rec = self.new_record()
            self.pending_title = False
            self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))
            return
        if blk is not None and (blk.blank_seen or blk.kind != "label") and self.section_heading(rec, i):
            self.add(rec, Block("heading", "heading", ln.start, ln.stop, ln.stop))
            return
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
        if blk is not None and blk.kind in ("label", "table", "heading", "chrome") and self.ends_record(rec, blk, i):
            rec = self.new_record()
        if not rec.has_content() and self.looks_like_title(i):
            self.add_title(rec, ln)
            return
        if self.only_titles(rec) and self.looks_like_title(i):
            self.add_title(rec, ln)
            return
        fields = rec.label_fields()
        name = "narrative" if fields - {"code", "title"} else "summary"
        self.add(rec, Block(name, "text", ln.start, ln.stop, ln.start))

    def repeats_ahead(self, i: int, rec: RawRecord) -> bool:
        """Does the next label, right after line i's paragraph, give a field this record already has (a budget, a
        time frame: fields that may repeat within a record, but not after a title line of their own)?"""
        j = self.next_mark[i]
        if j >= len(self.lines) or self.lines[j].label is None or self.lines[j].label.number is not None:
            return False
        if self.next_nonblank[i] != j and not rec.text_first() and self.lines[max(i - 2, 0)].text.strip():
            # Narrative between: in a file whose records give their facts first it is this one's, unless the title
            # line stands apart after a blank line.
            return False
        return self.lines[j].label.field in rec.label_fields()

    def only_titles(self, rec: RawRecord) -> bool:
        """Has the record nothing yet but title lines (a site's name, a document's heading, then the title)?"""
        return any(b.field == "title" for b in rec.blocks) and all(
            b.kind in ("blank", "heading", "chrome") or b.field in ("title", "unparsed") for b in rec.blocks)

    def add_title(self, rec: RawRecord, ln: Line) -> None:
        """A title line; of several before a record's content, the last one is its title, the earlier ones are the
        page's (a site's name, a report's heading): kept, unplaced."""
        for b in rec.blocks:
            if b.field == "title" and b.kind == "text":
                b.field = "unparsed"
        self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))

    def after_break(self, i: int) -> bool:
        """Is line i the first of a paragraph (after a blank line, a labelled line, a heading or the page's chrome)?"""
        if i == 0:
            return True
        prev = self.lines[i - 1]
        return not prev.text.strip() or bool(prev.label or prev.heading or prev.chrome or prev.table)

    def section_heading(self, rec: RawRecord, i: int) -> bool:
        """A short line inside a record's facts, right above a label ("Entities", "Countries and Regions")."""
        ln = self.lines[i]
        words = ln.text.split()
        if not words or len(words) > 6 or ln.text.rstrip()[-1:] in ".;,!?" or not words[0][:1].isupper():
            return False
        if not any(b.kind == "label" for b in rec.blocks):
            return False
        j = self.next_nonblank[i + 1]
        return j < len(self.lines) and self.lines[j].label is not None

    def ends_record(self, rec: RawRecord, blk: Block, i: int) -> bool:
        """Narrative right after a block of facts: does it open the next record?

        After a record's closing fields, or, in a file whose records give their narrative first and their facts
        after it, after any facts: yes when the next label or header opens a record."""
        closing = blk.kind == "label" and self.table.spec(blk.field).family == "closing"
        if not (closing or rec.text_first()):
            return False
        if not self.boundary_ahead(i, rec):
            return False
        j = self.next_mark[i]
        if not rec.text_first() and (self.lines[j].header or self.lines[j].label.field in HEADS):
            # A record that gave its facts first keeps the narrative after them when the next record opens with
            # its own code or title (it needs no narrative before them).
            return False
        # ... unless a title line comes first: then it opens the next record, and this narrative is this one's.
        j = self.next_mark[i]
        return not any(self.after_break(k) and self.looks_like_title(k) for k in range(i + 1, j))


def is_record(text: str, rec: RawRecord) -> bool:
    """A candidate counts as a record when it has a code header, a label with a value or an activity table."""
    for b in rec.blocks:
        if b.kind in ("header", "table"):
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
