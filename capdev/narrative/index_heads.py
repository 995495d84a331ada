"""A file's head that lists the codes of the records below it is their index, not a project's record.

A timesheet's hours by charge code, a report's summary table, a register's list of codes ("00131207   14  16  10",
"00128844   6  4  2", ...) come before the projects' own cards ("00131207 | Strengthening ..."). The segmenter reads
the head as a record: its document's period ("Period: 01-Oct-2026 to 31-Oct-2026") and status ("Status:
SUBMITTED") look like a project's facts. When the file's first piece names no code, no labelled title and none of a
project's money or parties of its own, while two lines or more of it open with codes, one of them the code the next
piece opens with, the head is the index of the records below: it joins the first of them, its lines kept, unplaced.
"""
from __future__ import annotations

import re

from .lines import Excerpt
from .segment import RawRecord

Piece = tuple[RawRecord, Excerpt]

# A project's own facts an index does not give (a timesheet's or a report's period and status it may).
_OWN = frozenset({"code", "budget", "countries", "region", "partners", "funding_source", "lead_unit", "implementing",
                  "funding", "donors"})
# A code opening a line: letters, digits and separators with four digits or more, then a gap or a bar.
_LINE_CODE = re.compile(r"^[ \t]*([A-Za-z0-9][A-Za-z0-9./_-]{3,30})(?=[ \t]{2,}|[ \t]*[|\t;])", re.M)


def _code(token: str) -> str | None:
    return token.casefold() if sum(ch.isdigit() for ch in token) >= 4 else None


def line_codes(text: str) -> list[str]:
    """The codes that open lines of a text, in order, each once."""
    out: list[str] = []
    for m in _LINE_CODE.finditer(text):
        code = _code(m.group(1))
        if code and code not in out:
            out.append(code)
    return out


def _opening_code(raw: RawRecord, text: Excerpt) -> str | None:
    """The code the piece's title or code opens with ("00131207 | Strengthening ...")."""
    for b in raw.blocks:
        if b.field in ("title", "code", "heading"):
            got = line_codes(text[b.start : b.end])
            if got:
                return got[0]
            if b.field != "heading":
                return None
    return None


def indexes_next(held: Piece, seg: Piece) -> bool:
    """Is the file's first piece an index of codes (two or more opening its lines) over a record that opens with one
    of them, with no code, labelled title, amount or party of its own?"""
    (ra, ta), (rb, tb) = held, seg
    if ta.offset + len(ta.text) != tb.offset or ra.news or ra.sections or rb.news:
        return False
    if {b.field for b in ra.blocks} & _OWN or any(b.field == "title" and b.kind == "label" for b in ra.blocks):
        return False
    listed = line_codes(ta[ra.start : ra.end])
    if len(listed) < 2:
        return False
    code = _opening_code(rb, tb)
    return code is not None and code in listed
