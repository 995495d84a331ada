"""The layout step: where label-value pairs are, however a page lays them out.

The text is cut into lines, and each line is read once: a label at its start ("Budget: ...", "BUDGET - ...",
"Budget<TAB>...", "Proposed Budget US$ 148,000"), more labels after the first one's value ("Code: 2122M   Budget: ...")
which cut the line into pieces of their own, a heading of a facts block ("PROJECT SUMMARY"), a project-code header,
or a row of a table (a header row naming its columns, then rows cut by '|', tabs or runs of spaces). Pieces are
consecutive: together they cover the text, every character once, so that the segmenter's blocks keep exact spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .activity_tables import find_tables
from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, inline_labels, match_header, match_label
from .page_lines import match_chrome, match_heading

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass
class Line:
    """One line or piece of a line: [start, end) without its line break, [start, stop) with it."""

    start: int
    end: int
    stop: int
    text: str
    label: LabelMatch | None = None  # offsets relative to this piece
    header: HeaderMatch | None = None
    heading: bool = False
    chrome: bool = False  # a menu, breadcrumb, sharing or footer line of a web page
    table: str = ""  # "header" | "row" of an activity table
    piece: bool = False  # a piece cut from a line after another label


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; '\\r\\n', '\\r' and '\\n' all end a line."""
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.rstrip("\r\n")
        out.append(Line(m.start(), m.start() + len(body), m.end(), body))
    return out


# ---------------------------------------------------------------- pieces of a line


def _pieces(ln: Line, lab: LabelMatch, table: LabelTable) -> list[Line]:
    """A labelled line cut before each further label on it; the last piece keeps the line break."""
    if lab.value_start >= len(ln.text):
        return [ln]
    loose = table.spec(lab.field).shape == "short"
    found = inline_labels(ln.text, lab.value_start, table, loose=loose, spaced=lab.sep in ("spaces", "tab"))
    if not found:
        return [ln]
    return _cut(ln, lab, found)


def _cut(ln: Line, lab: LabelMatch | None, found: list[tuple[int, LabelMatch]]) -> list[Line]:
    """The line cut before each label found on it; the first piece keeps `lab` (or none), the last the line break."""
    out: list[Line] = []
    cuts = [0] + [at for at, _ in found]
    labels = [lab] + [m for _, m in found]
    for k, at in enumerate(cuts):
        nxt = cuts[k + 1] if k + 1 < len(cuts) else None
        end = ln.start + nxt if nxt is not None else ln.end
        stop = end if nxt is not None else ln.stop
        text = ln.text[at:nxt] if nxt is not None else ln.text[at:]
        out.append(Line(ln.start + at, end, stop, text, label=labels[k], piece=k > 0))
    return out


_STRONG_GAP = re.compile(r"\t|  |[ \t]*[;|\u00b7\u2022][ \t]|[ \t][-\u2013\u2014][ \t]")


def lay_out(text: str, table: LabelTable | None = None) -> list[Line]:
    """The lines and pieces of text, each with what it holds: a label, a header, a heading or a table row."""
    table = table or default_table()
    lines = split_lines(text)
    tables = find_tables(lines, table)
    out: list[Line] = []
    for i, ln in enumerate(lines):
        role = tables.get(i)
        if role is not None:
            ln.table = "header" if role[0] == "header" else "row"
            out.append(ln)
            continue
        if not ln.text.strip():
            out.append(ln)
            continue
        lab = match_label(ln.text, table)
        if lab is not None:
            ln.label = lab
            out.extend(_pieces(ln, lab, table))
            continue
        ln.header = match_header(ln.text, table)
        if ln.header is None:
            ln.heading = match_heading(ln.text, table)
            ln.chrome = not ln.heading and match_chrome(ln.text, table)
        if not ln.heading and not ln.chrome and _STRONG_GAP.search(ln.text):
            # "2122M   Time frame: March 2021 ...": a value (or a code), then labels of their own after a clear break.
            found = [(at, m) for at, m in inline_labels(ln.text, 0, table) if at > 0]
            if found:
                pieces = _cut(ln, None, found)
                if ln.header is not None:
                    h = ln.header
                    pieces[0].header = HeaderMatch(h.code, h.code_start, h.code_end, "", len(pieces[0].text))
                out.extend(pieces)
                continue
        out.append(ln)
    return out
