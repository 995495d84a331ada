"""The layout step: where label-value pairs are, however a page lays them out.

The text is cut into lines, and each line is read once: a label at its start ("Budget: ...", "BUDGET - ...",
"Budget<TAB>...", "Proposed Budget US$ 148,000"), more labels after the first one's value ("Code: 2122M   Budget: ...")
which cut the line into pieces of their own, a heading of a facts block ("PROJECT SUMMARY"), a project-code header,
or a row of a table (a header row naming its columns, then rows cut by '|', tabs or runs of spaces). Pieces are
consecutive: together they cover the text, every character once, so that the segmenter's blocks keep exact spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, inline_labels, match_header, match_label
from .page_lines import column_role, match_chrome, match_heading

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_PIPE_SEP = re.compile(r"[ \t]*\|[ \t]*")
_TAB_SEP = re.compile(r"[ ]*\t[\t ]*")
_SPACE_SEP = re.compile(r"[ ]{2,}|[ ]*\t[\t ]*")
_RULE_ROW = re.compile(r"^[ \t|:+\-=\u2013\u2014]*$")
_MAX_CELLS = 12
_MAX_ROW = 2000  # characters: a longer line is prose, not a table row


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


@dataclass
class Table:
    """An activity table: its columns' roles and, per row, the cells with their offsets in the text."""

    roles: list[str | None]
    rows: list[list[tuple[int, int, str]]] = field(default_factory=list)  # (start, end, text) per cell
    start: int = 0
    end: int = 0


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; '\\r\\n', '\\r' and '\\n' all end a line."""
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.rstrip("\r\n")
        out.append(Line(m.start(), m.start() + len(body), m.end(), body))
    return out


# ---------------------------------------------------------------- tables


def split_row(line: str, kind: str) -> list[tuple[int, int, str]]:
    """Cells of a row (start, end within the line, text); kind is pipe, tab or spaces."""
    if len(line) > _MAX_ROW:
        return []
    body_start = len(line) - len(line.lstrip())
    body_end = len(line.rstrip())
    if kind == "pipe":
        if line[body_start : body_start + 1] == "|":
            body_start += 1
        if body_end > body_start and line[body_end - 1] == "|":
            body_end -= 1
        sep = _PIPE_SEP
    else:
        sep = _TAB_SEP if kind == "tab" else _SPACE_SEP
    cells = []
    pos = body_start
    for m in sep.finditer(line, body_start, body_end):
        cells.append((pos, m.start(), line[pos : m.start()].strip()))
        pos = m.end()
    cells.append((pos, body_end, line[pos:body_end].strip()))
    return cells if len(cells) <= _MAX_CELLS else []


def _row_kind(line: str) -> str:
    if "|" in line:
        return "pipe"
    if "\t" in line:
        return "tab"
    if "  " in line.strip():
        return "spaces"
    return ""


def header_roles(line: str, table: LabelTable | None = None) -> tuple[str, list[str | None]] | None:
    """(separator kind, column roles) when the line is the header row of an activity table, else None."""
    kind = _row_kind(line)
    if not kind:
        return None
    cells = split_row(line, kind)
    if len(cells) < 2:
        return None
    roles = [column_role(c[2], table) if c[2] else None for c in cells]
    named = [r for r in roles if r]
    # A header names most of its columns, among them a date and what happened.
    if len(named) < 2 or len(named) * 2 < len(cells) or "date" not in roles:
        return None
    if not ({"title", "type"} & set(roles)):
        return None
    return kind, roles


def _row_fits(line: str, kind: str, width: int) -> bool:
    if not line.strip():
        return False
    cells = split_row(line, kind)
    return len(cells) == width or (kind != "spaces" and abs(len(cells) - width) == 1 and len(cells) >= 2)


def _find_tables(lines: list[Line], table: LabelTable) -> dict[int, tuple[str, int]]:
    """Line index -> ("header" | "row" | "rule", index of its header line), for every activity table."""
    out: dict[int, tuple[str, int]] = {}
    i = 0
    n = len(lines)
    while i < n:
        text = lines[i].text
        found = header_roles(text, table) if text.strip() and len(text) <= _MAX_ROW else None
        if not found:
            i += 1
            continue
        kind, roles = found
        j = i + 1
        rows: list[int] = []
        while j < n:
            t = lines[j].text
            if kind == "pipe" and _RULE_ROW.match(t) and t.strip() and not rows:
                out[j] = ("rule", i)
                j += 1
                continue
            if not _row_fits(t, kind, len(roles)):
                break
            rows.append(j)
            j += 1
        if rows:
            out[i] = ("header", i)
            for r in rows:
                out[r] = ("row", i)
            i = j
        else:
            out.pop(i + 1, None)
            i += 1
    return out


def read_table(text: str, offset: int = 0, table: LabelTable | None = None) -> Table | None:
    """The activity table written in text (its header row first), with cell offsets shifted by offset."""
    table = table or default_table()
    lines = split_lines(text)
    head = next((k for k, ln in enumerate(lines) if ln.text.strip()), None)
    if head is None:
        return None
    found = header_roles(lines[head].text, table)
    if not found:
        return None
    kind, roles = found
    out = Table(roles, start=offset + lines[head].start, end=offset + len(text))
    for ln in lines[head + 1 :]:
        if not ln.text.strip() or (kind == "pipe" and _RULE_ROW.match(ln.text)):
            continue
        cells = split_row(ln.text, kind)
        if not cells:
            continue
        out.rows.append([(offset + ln.start + a, offset + ln.start + b, t) for a, b, t in cells])
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


def lay_out(text: str, table: LabelTable | None = None) -> list[Line]:
    """The lines and pieces of text, each with what it holds: a label, a header, a heading or a table row."""
    table = table or default_table()
    lines = split_lines(text)
    tables = _find_tables(lines, table)
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
        out.append(ln)
    return out
