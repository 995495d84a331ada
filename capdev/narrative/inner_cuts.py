"""A record never begins inside an item or inside a table: a cut there is one record's text, not two records.

The segmenter opens a record at a label seen again ("Actividades:" under a second component) or at narrative after
a record's closing facts. When that line is indented deeper than the line right above it (no blank line between:
"   C2  Carrera administrativa ...  5.200.000" over "       Actividades: ..."), it belongs to the item above;
when it is a row of a table whose column bars line up with the rows above it ("07  | Cierre ... | LOC: ..." under
"----|------|----"), it is the table's next row. Either way the piece goes on with the record before it, unless it
gives a project of its own: a code (labelled, a header, or in its text) or a labelled title. A one-project
document's components, its budget lines and its storyboard's scenes so stay whole; two records each opened by their
own title line or code are never joined (the cut is then at that line, which stands at the left, after a break).
"""
from __future__ import annotations

import re

from .lines import Excerpt
from .record_evidence import own_code
from .segment import RawRecord

Piece = tuple[RawRecord, Excerpt]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _bars(line: str) -> list[int]:
    return [k for k, ch in enumerate(line) if ch == "|"]


def _last_line(text: str) -> str | None:
    """The last line of a piece's text when it is not blank (a blank line before a cut is a break: None)."""
    body = text.rstrip("\r\n")
    if len(text) - len(body) > 2 or text.endswith("\n\n") or text.endswith("\r\n\r\n"):
        return None  # a blank line before the cut
    line = body.rsplit("\n", 1)[-1].rstrip("\r")
    return line if line.strip() else None


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def inside_item_or_table(held: Piece, seg: Piece) -> bool:
    """Does the piece seg begin inside an item or a table of the piece right before it, with no project of its own?
    Then it is the same record's text."""
    (_ra, ta), (rb, tb) = held, seg
    if ta.offset + len(ta.text) != tb.offset or rb.news or rb.sections:
        return False
    above = _last_line(ta.text)
    first = _first_line(tb.text[rb.start - tb.offset :] if rb.start >= tb.offset else tb.text)
    if above is None or not first.strip():
        return False
    if any(b.field == "code" for b in rb.blocks) or any(b.field == "title" and b.kind == "label" for b in rb.blocks):
        return False
    bars = _bars(first)
    nested = _indent(first) > _indent(above) and not above.rstrip().endswith(":")
    in_table = len(bars) >= 2 and bars[:2] == _bars(above)[:2]
    if not (nested or in_table):
        return False
    return own_code(tb.text) is None


def continued(seg: Piece) -> Piece:
    """A piece that goes on with the record before it keeps its labelled facts (they are that record's); a line
    read as its title is text of the record (a table's row, an item's line)."""
    for b in seg[0].blocks:
        if b.field == "title" and b.kind == "text":
            b.field = "narrative"
    return seg


_SENTENCE_GOES_ON = re.compile(r"[\w,]$")


_WRAPPED = 60  # a line of a paragraph wrapped at its width is at least this long


def mid_sentence(above: str, line: str) -> bool:
    """Does a line carry on the sentence of the line right above it: a paragraph's line wrapped at its width, at the
    same indent, ending on a word or a comma ("Countries: ... Financed by ADB's Technical Assistance Special" over
    "Fund (TASF-7): $1.5 million")? A record never begins there."""
    return (len(above.rstrip()) >= _WRAPPED and _indent(above) == _indent(line) and bool(line.strip())
            and _SENTENCE_GOES_ON.search(above.rstrip()) is not None)
