"""Cut decoded text into records and each record into blocks (labelled fields, narrative lines, headers, tables).

Blocks are consecutive and cover every character: a block runs from its first line's start to the start of the
next block, trailing blank lines and line breaks ("\\n", "\\r\\n", "\\r") included. The layout step (layout.py) has
already said what each line holds; this module decides which record and which field each line belongs to.

The text is read once, line by line, and each record is handed on as soon as it is complete (iter_segments): the
segmenter holds the lines of a record or two, never the whole file, and every decision costs the same whatever the
record's position or length: what it looks ahead for is found once per line (window.Seek), and what it asks of the
record being read is kept up to date as blocks are added (blocks.RecordState).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import card_breaks, title_lines
from .blocks import HEADS, Block, RawRecord, RecordState, block_value, value_is_empty
from .code_choice import one_of_each
from .continuation import is_short, next_key, value_goes_on, wraps
from .errors import LimitExceeded
from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, fold_key, match_label
from .layout import iter_layout
from .limits import MAX_RECORD_CHARS
from .lines import Excerpt, Line, iter_lines, split_lines, too_long
from .section_labels import heads_a_list, line_before
from .title_lines import TITLE_WORDS as _TITLE_WORDS
from .values.prose import is_news_kicker, opens_news_item, tells_of_a_project
from .values.roles import weak_title_refused
from .window import Seek, Window

__all__ = ["Block", "Excerpt", "Line", "RawRecord", "block_value", "is_record", "iter_lines", "iter_segments",
           "segment", "split_lines", "value_is_empty"]



class _Segmenter:
    def __init__(self, source: Iterator[tuple[Line, str]], table: LabelTable, limit: int | None) -> None:
        self.table = table
        self.limit = limit
        self.window = w = Window(source, limit)
        self.next_mark = Seek(w, lambda j, floor: bool(w.line(j).label or w.line(j).header or
                                                       w.line(j).table == "header"))
        self.next_nonblank = Seek(w, lambda j, floor: bool(w.line(j).text.strip()))
        self.next_title = Seek(w, lambda j, floor: self.after_break(j) and self.looks_like_title(j))
        self.next_caps = Seek(w, lambda j, floor: card_breaks.caps_title(self, j))
        self.card_title: int | None = None  # the title line of the card whose head is being read
        self.records: list[RawRecord] = [RawRecord()]
        self.state = RecordState(self.records[-1], self.aside_fields)
        self.block: Block | None = None
        self.pending_title = False
        self.here = 0  # where the line being read begins: look-aheads reach one record's length from there
        # Records are handed on once the next record is found: text that is no record joins the one before it.
        self.found: RawRecord | None = None
        self.orphans: list[Block] = []
        self.ready: list[RawRecord] = []

    def line(self, i: int) -> Line:
        return self.window.line(i)

    def mark(self, i: int) -> int | None:
        """The first line from line i on with a label, a header or a table's header row; None when none follows."""
        return self.next_mark(i, self.here)

    def nonblank(self, i: int) -> int | None:
        return self.next_nonblank(i, self.here)

    # --- record boundaries -------------------------------------------------------------------------------------
    def starts_record(self, lab: LabelMatch, value: str = "") -> bool:
        """Does this label open a new record rather than continue the current one?"""
        return self.boundary_reason(lab, value) is not None

    def _head_value(self, name: str) -> tuple[bool, str]:
        """Whether the record has this head field from a label or a header, and its value (folded)."""
        b = self.state.head_block(name)
        if b is None:
            return False, ""
        if b.kind == "header":
            return True, fold_key(b.header.code if name == "code" else b.header.title)
        if b.field == name:
            return True, fold_key(block_value(self.window, b))
        return True, ""  # "Intitulé/acte de base/numéro CRIS: ...": a code among the label's names

    def aside_fields(self, block: Block) -> set[str]:
        """The fields a label's other names are labels of ("Title/basic act/CRIS number": code among them)."""
        out = set()
        for name in block.label.aside.split("/") if block.label else ():
            inner = match_label(f"{name.strip()}:", self.table)
            if inner is not None:
                out.add(inner.field)
        return out

    def boundary_reason(self, lab: LabelMatch, value: str = "") -> str | None:
        """Why this label opens a new record ('head', 'opening', 'repeat'), or None when it does not."""
        state = self.state
        if not state.has_content() or (lab.modifiers.get("weak") and weak_title_refused(self.block, value)):
            return None  # "Contact:" then "Name: Ana Ruiz": a person's name opens no record
        spec = self.table.spec(lab.field)
        fields = state.label_fields()
        if spec.family == "head":
            has, old = self._head_value(lab.field)
            if has and one_of_each(state.head_block(lab.field), lab):
                return None  # "Agreement number: X" and "Project code: Y": two numbers of one record
            if has:
                # "1819C - Title" then "Project Code: 1819C": the same record; a second, different code: the next.
                if state.labelled(lab.field):
                    return "head"  # labelled twice: two records (the same project published twice included)
                new = fold_key(value)
                return "head" if new and new != old else None
            titled = state.has("text", "title")
            told = state.has("text", "summary", "narrative")
            closed = any(self.table.spec(f).family == "closing" for f in fields)
            if lab.field == "title" and titled and (told or closed) and state.has("label"):
                # A record with its title line and its facts (or narrative) is complete: "Title:" opens the next.
                return "head"
            if any(h in fields for h in HEADS):
                return None  # "Title: ..." after "Project Code: ...": one record's heads, in any order
            # Without heads of its own, a record that has its body (a described field, or narrative told after
            # its facts) is complete; narrative before any label is the head of a record whose facts follow.
            body = any(self.table.spec(f).shape in ("prose", "list") for f in fields if state.has("label", f))
            body = body or (state.has("text") and state.has("label"))
            return "head" if body else None
        seen_closing = any(self.table.spec(f).family == "closing" for f in fields)
        # An opening label after the closing fields begins the next record only when this record has already
        # been opened (by an opening label or by narrative); pages that give their description after the facts
        # ("Budget: ... Brief Description: ...") keep it.
        opened = any(self.table.spec(f).family == "opening" for f in fields) or state.has_text_but_titles()
        # ... in files whose records open that way: a record that began with its code or title keeps its later
        # "Expected results:" whatever came before them.
        first = state.first_content()
        head_first = first is not None and (first.kind == "header" or first.field in HEADS)
        if spec.family == "opening" and lab.number is None and seen_closing and opened and not head_first:
            return "opening"
        # A second "Objective:" (say) means a second record; numbered labels ("Outcome 2") never do.
        if lab.number is None and lab.field in fields and not spec.repeatable:
            return "repeat"
        return None

    def label_follows(self, i: int) -> bool:
        """Is there a label or header on some line after line i?"""
        j = self.mark(i + 1)
        return j is not None and not self.line(j).table

    def line_value(self, j: int) -> str:
        ln = self.line(j)
        return ln.text[ln.label.value_start :] if ln.label else ""

    def boundary_ahead(self, i: int) -> bool:
        """Does the narrative at line i begin a new record (the next label or header opens one)?"""
        j = self.mark(i)
        if j is None:
            return False
        if self.line(j).header:
            return not self.line(j).header.running  # a page's footer opens nothing
        if self.line(j).table:
            return False  # an activity table goes on with the record it is in
        return self.starts_record(self.line(j).label, self.line_value(j))

    # --- continuation --------------------------------------------------------------------------------------------
    def continues(self, block: Block, ln: Line) -> bool:
        """Does a text line carry on the value of the field block before it?"""
        if block.kind != "label" or next_key(block, ln):  # "author: ..." under "tags: [...]": a page's next key
            return False
        spec = self.table.spec(block.field)
        if spec.shape in ("prose", "list"):
            return True
        if block.value_on_label_line:
            return wraps(block, ln, spec.value)
        if block.continuation_lines == 0:
            return True
        if block.blank_seen:
            return False
        return is_short(ln.text) and block.continuation_short

    def looks_like_title(self, i: int) -> bool:
        return title_lines.looks_like_title(self, i)

    # --- the walk ------------------------------------------------------------------------------------------------
    def new_record(self) -> RawRecord:
        self.complete(self.records.pop())
        self.records.append(RawRecord())
        self.state = RecordState(self.records[-1], self.aside_fields)
        self.block = None
        return self.records[-1]

    def add(self, rec: RawRecord, block: Block) -> None:
        rec.blocks.append(block)
        self.state.add(block)
        self.block = block

    def run(self) -> Iterator[RawRecord]:
        """The records of the text, each as soon as it is complete."""
        i = 0
        while self.window.has(i, self.floor()):
            ln = self.line(i)
            self.here = ln.start
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
            elif not self.awaits_value() and self.after_break(i) and opens_news_item(ln.text):
                self.on_news(rec, ln, i)
            elif ln.chrome and not self.awaits_value():
                self.card_title = card_breaks.rule_opens_card(self, i)
                if self.card_title is not None:  # a card's rule: the record before is complete
                    rec = self.new_record()
                self.pending_title = False
                self.add(rec, Block("chrome", "chrome", ln.start, ln.stop, ln.stop))
            elif ln.heading and not self.awaits_value():
                self.on_heading(rec, ln, i)
            else:
                self.on_text(rec, ln, i)
            i += 1
            yield from self.hand_on()
        self.complete(self.records.pop())
        if self.found is not None:
            self.ready.append(self.found)
            self.found = None
        yield from self.hand_on()

    def floor(self) -> int | None:
        """Where the record being read begins (its lines are read up to one record's length from there)."""
        blocks = self.records[-1].blocks
        if blocks:
            return blocks[0].start
        return self.window.lines[-1].stop if self.window.lines else None  # None: from the first line's start

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
        yield from ready
        held = [self.found.blocks if self.found else [], self.orphans, *(r.blocks for r in self.records)]
        keep = [blocks[0].start for blocks in held if blocks]
        self.window.release(min(keep) if keep else ready[-1].end)

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
            self.state.retag(blk, "heading", "heading")
        self.pending_title = False
        self.add(rec, Block("activity_table", "table", ln.start, ln.stop, ln.start))

    def on_heading(self, rec: RawRecord, ln: Line, i: int) -> None:
        if self.state.has_content() and self.boundary_ahead(i):
            rec = self.new_record()
        self.pending_title = False
        self.add(rec, Block("heading", "heading", ln.start, ln.stop, ln.stop))

    def on_label(self, rec: RawRecord, ln: Line, lab: LabelMatch, i: int) -> None:
        blk = self.block
        after = self.nonblank(i + 1)
        caption = after is not None and self.line(after).table == "header"
        if (not lab.colon and not ln.piece and not caption and blk is not None and blk.kind == "text"
                and blk.field == "narrative" and not heads_a_list(lab.field, blk.blank_seen, line_before(self, i))):
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
            self.state.retag(blk, "heading", "heading")
        reason = self.boundary_reason(lab, ln.text[lab.value_start :])
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
        block.value_on_label_line = not value_is_empty(ln.text[block.value_start - ln.start :])
        self.add(rec, block)

    def on_header(self, rec: RawRecord, ln: Line, hdr: HeaderMatch) -> None:
        if self.state.has_content() and not hdr.running:  # a page's footer goes on with its record
            rec = self.new_record()
        self.add(rec, Block("code", "header", ln.start, ln.stop, ln.start + hdr.title_start, header=hdr))
        self.pending_title = not hdr.title and not hdr.running

    def on_news(self, rec: RawRecord, ln: Line, i: int) -> None:
        """A news item's kicker ("NEWS | 14 July 2023") or dateline ("DAKAR, 3 mars 2022 —"): the item is a record of
        its own; a dateline's headline, alone on the line or paragraph right before it, comes with it."""
        carry: Block | None = None
        if self.state.has_content():
            last = rec.blocks[-1] if rec.blocks else None
            if (not is_news_kicker(ln.text) and last is not None and last.kind == "text" and len(rec.blocks) > 1
                    and "\n" not in self.window[last.start : last.end].strip("\r\n")
                    and len(self.window[last.start : last.end].split()) <= _TITLE_WORDS):
                carry = rec.blocks.pop()  # the headline
            rec = self.new_record()
        rec.news = True
        if carry is not None:
            carry.field, carry.kind = "title", "text"
            self.add(rec, carry)
        self.pending_title = False
        self.add(rec, Block("summary", "text", ln.start, ln.stop, ln.start))

    def on_text(self, rec: RawRecord, ln: Line, i: int) -> None:
        if card_breaks.card_head_line(self, rec, ln, i):
            return
        blk = self.block
        if card_breaks.caps_title_after_intro(self, i):  # the page's introduction, then its first project
            rec = self.new_record()
        right_before = self.nonblank(i + 1) == self.mark(i + 1)  # the next record's labels follow at once
        if (self.state.has_content() and not self.awaits_value() and (self.after_break(i) or right_before)
                and not value_goes_on(blk, ln, self.table) and self.looks_like_title(i)
                and (self.boundary_ahead(i + 1) or self.repeats_ahead(i + 1)) and not title_lines.title_below(self, i)):
            # A title line after a record, right before the labels of the next one: that record's title.
            rec = self.new_record()
            self.pending_title = False
            self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))
            return
        if blk is not None and (blk.blank_seen or blk.kind != "label") and self.section_heading(i):
            self.add(rec, Block("heading", "heading", ln.start, ln.stop, ln.stop))
            return
        if blk is not None and self.continues(blk, ln):
            blk.end = ln.stop
            blk.continuation_lines += 1
            blk.continuation_short = blk.continuation_short and is_short(ln.text)
            blk.last_text = ln.text
            return
        if self.pending_title and len(ln.text.split()) <= _TITLE_WORDS:
            self.pending_title = False
            self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))
            return
        self.pending_title = False
        if blk is not None and blk.kind in ("label", "table", "heading", "chrome") and self.ends_record(blk, i):
            rec = self.new_record()
        if not self.state.has_content() and self.looks_like_title(i):
            self.add_title(rec, ln)
            return
        if self.state.only_titles() and self.looks_like_title(i):
            self.add_title(rec, ln)
            return
        j = self.nonblank(i + 1)
        k = self.nonblank(j + 1) if j is not None else None  # "Code: X" then "Title: Y": the title is labelled
        if (j is not None and j > i + 1 and self.line(j).label is not None and self.line(j).label.field == "code"
                and not (k is not None and self.line(k).label is not None and self.line(k).label.field == "title")
                and self.state.has("text", "summary") and not self.state.has("label") and self.after_break(i)
                and self.looks_like_title(i)):
            self.add_title(rec, ln)  # "4.1 Programme ..." over "Code: X", after a chapter's opening prose
            return
        name = "narrative" if self.state.label_fields() - {"code", "title"} else "summary"
        self.add(rec, Block(name, "text", ln.start, ln.stop, ln.start))

    def repeats_ahead(self, i: int) -> bool:
        """Does the next label, right after line i's paragraph, give a field this record already has (a budget, a
        time frame: fields that may repeat within a record, but not after a title line of their own)?"""
        j = self.mark(i)
        if j is None or self.line(j).label is None or self.line(j).label.number is not None:
            return False
        if self.nonblank(i) != j and not self.state.text_first() and self.line(max(i - 2, 0)).text.strip():
            # Narrative between: in a file whose records give their facts first it is this one's, unless the title
            # line stands apart after a blank line.
            return False
        field = self.line(j).label.field
        blk = self.block
        if blk is not None and blk.kind == "label" and blk.field == field and not blk.blank_seen:
            # "Socio(s)" / names / "Donante(s)": a line between two labels of one field is more of the list.
            return False
        return self.state.repeats(field, self.line(j).label.modifiers.get("role", ""))

    def add_title(self, rec: RawRecord, ln: Line) -> None:
        """A title line; of several before a record's content, the last one is its title, the earlier ones are the
        page's (a site's name, a report's heading): kept, unplaced."""
        self.state.set_titles_aside()
        self.add(rec, Block("title", "text", ln.start, ln.stop, ln.start))

    def after_break(self, i: int) -> bool:
        """Is line i the first of a paragraph (after a blank line, a labelled line, a heading or the page's chrome)?"""
        if i == 0:
            return True
        prev = self.line(i - 1)
        return not prev.text.strip() or bool(prev.label or prev.heading or prev.chrome or prev.table)

    def section_heading(self, i: int) -> bool:
        """A short line inside a record's facts, right above a label ("Entities", "Countries and Regions")."""
        ln = self.line(i)
        words = ln.text.split()
        if not words or len(words) > 6 or ln.text.rstrip()[-1:] in ".;,!?" or not words[0][:1].isupper():
            return False
        if not self.state.has("label"):
            return False
        j = self.nonblank(i + 1)
        return j is not None and self.line(j).label is not None

    def ends_record(self, blk: Block, i: int) -> bool:
        """Narrative right after a block of facts: does it open the next record?

        After a record's closing fields, or, in a file whose records give their narrative first and their facts
        after it, after any facts: yes when the next label or header opens a record."""
        closing = blk.kind == "label" and self.table.spec(blk.field).family == "closing"
        if not (closing or self.state.text_first()):
            return False
        if not self.boundary_ahead(i):
            return False
        j = self.mark(i)
        if not self.state.text_first() and (self.line(j).header or self.line(j).label.field in HEADS):
            # A record that gave its facts first keeps the narrative after them when the next record opens with
            # its own code or title (it needs no narrative before them).
            return False
        # ... unless a title line comes first: then it opens the next record, and this narrative is this one's.
        return self.next_title(i + 1, self.here, until=j) is None


def is_record(text: str, rec: RawRecord) -> bool:
    """A candidate counts as a record when it has a code header, a label with a value or an activity table, or is a
    news item that tells of a project."""
    if rec.news and rec.blocks and tells_of_a_project(text[rec.start : rec.end]):
        return True
    for b in rec.blocks:
        if b.kind in ("header", "table"):
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
    table = table or default_table()
    seg = _Segmenter(iter_layout(lines, table, max_record), table, max_record)
    for rec in seg.run():
        yield rec, Excerpt(seg.window[rec.start : rec.end], rec.start)


def segment(text: str, table: LabelTable | None = None, max_record: int | None = None) -> list[RawRecord]:
    """Records in order; text that is no record joins its neighbour as 'unparsed' blocks. [] if none at all."""
    return [rec for rec, _ in iter_segments(iter_lines([text]), table, max_record)]
