"""What the segmenter makes of a text: records (RawRecord), each a run of blocks (Block) covering its characters;
and what the segmenter knows of the record it is reading (RecordState), kept up to date block by block."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .labels import HeaderMatch, LabelMatch

_EMPTY_VALUE = re.compile(r"^[\s,;:.\-\u2013\u2014*_/|]*$")
HEADS = ("code", "title")
AROUND = ("blank", "heading", "chrome")  # blocks that hold nothing of the record's own


@dataclass
class Block:
    """A run of lines belonging to one field (kind label/header/table), one narrative line (kind text), a heading
    or blank lines."""

    field: str
    kind: str  # label | header | text | blank | heading | table | chrome | prose
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
    news: bool = False  # opened by a news item's kicker or dateline: its paragraphs tell of the project
    guessed: bool = False  # its bounds are guessed (parallel blocks cut by their shape): flagged
    sections: bool = False  # one of a page's sections, cut by a reading of the whole page (card_pages): kept as is

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
        return any(b.kind not in AROUND for b in self.blocks)

    def first_content(self) -> Block | None:
        """The record's first block that holds something of its own (not a heading, chrome or a stray line)."""
        return next((b for b in self.blocks if b.kind not in AROUND and b.field != "unparsed"), None)

    def text_first(self) -> bool:
        """Does the record tell its narrative (a description, not just a title line) before its labels?"""
        first = next((b for b in self.blocks if b.kind not in AROUND and b.field not in ("unparsed", "title")), None)
        return first is not None and first.kind == "text"


def value_is_empty(text: str) -> bool:
    """True for values with nothing but separators ("Countries:, , ,")."""
    return bool(_EMPTY_VALUE.match(text))


def block_value(text: str, block: Block) -> str:
    """The value of a block as written, without its label and surrounding whitespace."""
    return text[block.value_start : block.end].strip()


class RecordState:
    """What the segmenter asks of the record it is reading, answered without reading its blocks again: the
    blocks are counted by kind and field as they are added or change kind, so that each question costs the number
    of distinct fields at most, not the record's length (a record of many lines would otherwise cost its square).

    RawRecord's methods answer the same questions by reading the blocks; test_linear_same compares the two."""

    def __init__(self, rec: RawRecord, aside_fields: Callable[[Block], Iterable[str]]) -> None:
        self.rec = rec
        self.aside_fields = aside_fields  # the fields a label's other names are labels of
        self.kinds: Counter[str] = Counter()  # blocks of each kind
        self.fields: dict[str, Counter[str]] = {}  # kind -> blocks of each field
        self.roles: Counter[tuple[str, str]] = Counter()  # label blocks of each field and role ("Donors:", "Partners:")
        self.header_titles = 0  # code headers with their title
        self.asides: Counter[str] = Counter()  # fields named among labels' other names ("Title/CRIS number")
        self.heads: list[Block] = []  # blocks that may give a head field's value, in order
        self.titles: list[Block] = []  # title lines that may still be set aside for a later one
        self.first = 0  # no block before this one holds content (first_content)
        self.told = 0  # ... nor content other than a title line (text_first)

    def _count(self, kind: str, name: str, n: int, block: Block | None = None) -> None:
        self.kinds[kind] += n
        self.fields.setdefault(kind, Counter())[name] += n
        if kind == "label" and block is not None and block.label is not None:
            self.roles[(name, block.label.modifiers.get("role", ""))] += n

    def add(self, block: Block) -> None:
        self._count(block.kind, block.field, 1, block)
        if block.kind == "header":
            self.heads.append(block)
            self.header_titles += bool(block.header and block.header.title)
        elif block.kind == "label":
            if block.field in HEADS or (block.label is not None and "/" in block.label.aside):
                self.heads.append(block)
            if block.label is not None and "/" in block.label.aside:
                self.asides.update(set(self.aside_fields(block)))
        elif block.kind == "text" and block.field == "title":
            self.titles.append(block)

    def retag(self, block: Block, kind: str, name: str) -> None:
        """A block of this record read again as another kind or field (a bare label as a heading, a title line
        set aside)."""
        self._count(block.kind, block.field, -1, block)
        if block.kind == "label" and block.label is not None and "/" in block.label.aside:
            self.asides.subtract(set(self.aside_fields(block)))
        block.kind, block.field = kind, name
        self._count(kind, name, 1, block)

    def has_content(self) -> bool:
        return any(n > 0 and kind not in AROUND for kind, n in self.kinds.items())

    def label_fields(self) -> set[str]:
        out = {name for name, n in self.fields.get("label", {}).items() if n > 0}
        if self.kinds["header"] > 0:
            out.add("code")
        if self.header_titles:
            out.add("title")
        return out

    def repeats(self, field: str, role: str) -> bool:
        """Would a label of this field and role give the record a value it already has? "Socios" after "Entidad
        financiadora" would not: one field, partners, in two roles (the funders, then the others)."""
        if self.roles[(field, role)] > 0:
            return True
        return field in self.label_fields() and not self.fields.get("label", {}).get(field, 0)  # from a header

    def has(self, kind: str, *names: str) -> bool:
        """Is there a block of this kind (and of one of these fields, when named)?"""
        if not names:
            return self.kinds[kind] > 0
        counts = self.fields.get(kind, {})
        return any(counts.get(name, 0) > 0 for name in names)

    def has_text_but_titles(self) -> bool:
        """Is there a narrative line that is no title line?"""
        return any(n > 0 and name != "title" for name, n in self.fields.get("text", {}).items())

    def labelled(self, name: str) -> bool:
        """Has a label given this field, by its name or among its other names?"""
        return self.has("label", name) or self.asides[name] > 0

    def head_block(self, name: str) -> Block | None:
        """The first block that gives head field `name` (a label, a code header, or a label naming it among its
        other names)."""
        for b in self.heads:
            if b.kind == "label" and b.field == name:
                return b
            if b.kind == "header" and b.header and (name == "code" or b.header.title):
                return b
            if b.kind == "label" and b.label is not None and "/" in b.label.aside and name in self.aside_fields(b):
                return b
        return None

    def first_content(self) -> Block | None:
        # Blocks only ever stop holding content (a bare label read as a heading, a title set aside): the first one
        # that does moves forward only.
        blocks = self.rec.blocks
        while self.first < len(blocks) and (blocks[self.first].kind in AROUND or
                                             blocks[self.first].field == "unparsed"):
            self.first += 1
        return blocks[self.first] if self.first < len(blocks) else None

    def text_first(self) -> bool:
        blocks = self.rec.blocks
        while self.told < len(blocks) and (blocks[self.told].kind in AROUND or
                                           blocks[self.told].field in ("unparsed", "title")):
            self.told += 1
        return self.told < len(blocks) and blocks[self.told].kind == "text"

    def only_titles(self) -> bool:
        """Has the record nothing yet but title lines (a site's name, a document's heading, then the title)?"""
        titled = any(counts.get("title", 0) > 0 for counts in self.fields.values())
        return titled and not any(n > 0 and name not in ("title", "unparsed") for kind, counts in self.fields.items()
                                  if kind not in AROUND for name, n in counts.items())

    def set_titles_aside(self) -> None:
        """The title lines so far are the page's, not the record's: kept, unplaced."""
        for b in self.titles:
            if b.field == "title" and b.kind == "text":
                self.retag(b, "text", "unparsed")
        self.titles = []


def cut_blocks(blocks: list[Block], at: int) -> tuple[list[Block], list[Block]]:
    """The blocks before offset at and from it; a block across it is cut in two (its second part narrative)."""
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


def cut_at(blocks: list[Block], starts: Iterable[int]) -> list[list[Block]]:
    """The blocks cut at each offset of starts, in order: the piece before the first offset, then one per offset."""
    pieces: list[list[Block]] = []
    rest = blocks
    for at in starts:
        head, rest = cut_blocks(rest, at)
        pieces.append(head)
    pieces.append(rest)
    return pieces


def guessed_pieces(text: str, pieces: Iterable[list[Block]]):
    """The records (raw, excerpt) of a text cut into lists of blocks, each marked guessed; empty lists left out."""
    from .lines import Excerpt

    return [(RawRecord(blocks, guessed=True), Excerpt(text[blocks[0].start : blocks[-1].end], blocks[0].start))
            for blocks in pieces if blocks]
