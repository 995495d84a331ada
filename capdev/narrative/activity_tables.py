"""Activity tables: a header row naming the columns (date, activity, venue, participants...), then one row per
event, the cells cut by '|', tabs, ';' or runs of spaces; or, without a header, rows that read as events by
themselves (a date, what happened, where, how many: "15/03/2021; Taller de induccion; Guatemala; 25")."""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import LimitExceeded
from .labels import LabelTable, default_table
from .lines import Line, split_lines, too_long
from .page_lines import column_role

_PIPE_SEP = re.compile(r"[ \t]*\|[ \t]*")
_TAB_SEP = re.compile(r"[ ]*\t[\t ]*")
_SPACE_SEP = re.compile(r"[ ]{2,}|[ ]*\t[\t ]*")
_SEMI_SEP = re.compile(r"[ \t]*;[ \t]*")
_RULE_ROW = re.compile(r"^[ \t|:+\-=\u2013\u2014]*$")
_ROW_MARK = re.compile(r"^[ \t]*(?:[-\u2022\u00b7\u25aa\u25e6*\u2013]|\d{1,2}[.)])[ \t]+")
_MAX_CELLS = 12
_MAX_ROW = 2000  # characters: a longer line is prose, not a table row


@dataclass
class Table:
    """An activity table: its columns' roles and, per row, the cells with their offsets in the text."""

    roles: list[str | None]
    rows: list[list[tuple[int, int, str]]] = field(default_factory=list)  # (start, end, text) per cell
    row_roles: list[list[str | None]] = field(default_factory=list)  # per row, when the table has no header
    start: int = 0
    end: int = 0


def split_row(line: str, kind: str) -> list[tuple[int, int, str]]:
    """Cells of a row (start, end within the line, text); kind is pipe, tab, semi or spaces."""
    if len(line) > _MAX_ROW:
        return []
    mark = _ROW_MARK.match(line)
    body_start = mark.end() if mark and kind != "pipe" else len(line) - len(line.lstrip())
    body_end = len(line.rstrip())
    if kind == "pipe":
        if line[body_start : body_start + 1] == "|":
            body_start += 1
        if body_end > body_start and line[body_end - 1] == "|":
            body_end -= 1
        sep = _PIPE_SEP
    else:
        sep = {"tab": _TAB_SEP, "semi": _SEMI_SEP}.get(kind, _SPACE_SEP)
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
    if line.count(";") >= 2:
        return "semi"
    if "  " in line.strip():
        return "spaces"
    return ""


def row_roles(cells: list[tuple[int, int, str]]) -> list[str | None] | None:
    """The roles of a row's cells when it reads as an event by itself (a cell that is a date, one that says what
    happened, maybe where and how many), else None."""
    from .values.cities import city_country
    from .values.dates import find_dates
    from .values.places import find_countries
    from .values.tables import participants_in

    if not 3 <= len(cells) <= 6:
        return None
    roles: list[str | None] = []
    for k, (_, _, text) in enumerate(cells):
        if k == 0 and re.fullmatch(r"\d{1,3}[.)]?", text.strip()):
            roles.append(None)  # "| 1 | Enmienda al convenio | Coordinación | 31/10/2024 |": the row's number, no count
            continue
        dates = find_dates(text) if len(text) <= 60 else []
        if dates and dates[0].start <= 3 and dates[-1].end >= len(text.rstrip(". ")) - 3:
            roles.append("date")
        elif participants_in(text)[0] is not None and len(text.split()) <= 4:
            roles.append("participants")
        elif len(text.split()) <= 5 and (find_countries(text) or city_country(text.split(",")[0]) or re.fullmatch(
                r"(?i)online|virtual|en\s+ligne|en\s+l[ií]nea|virtuel(?:le)?|hybrid|hybride|h[ií]brido", text.strip())):
            roles.append("place")
        else:
            roles.append(None)
    if roles.count("date") != 1:
        return None
    rest = [k for k, r in enumerate(roles) if r is None and len(cells[k][2].split()) >= 2]
    if not rest:
        return None
    roles[max(rest, key=lambda k: len(cells[k][2]))] = "title"
    return roles


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
    # A header names most of its columns, among them a date and what happened (or where, and how many came).
    if len(named) < 2 or len(named) * 2 < len(cells) or "date" not in roles:
        return None
    if not ({"title", "type"} & set(roles)) and (None in roles or "participants" not in roles or not (
            {"place", "country", "city"} & set(roles))):
        return None  # but "Date | Lieu | Participants": each row an event of no kind said, flagged (round 18)
    return kind, roles


def _row_fits(line: str, kind: str, width: int) -> bool:
    if not line.strip():
        return False
    cells = split_row(line, kind)
    return len(cells) == width or (kind != "spaces" and abs(len(cells) - width) == 1 and len(cells) >= 2)


def find_tables(lines: list[Line], table: LabelTable) -> dict[int, str]:
    """Line index -> "header" | "row" | "rule", for every activity table of a list of lines."""
    return {k: role for k, (_, _, role) in enumerate(iter_table_roles(((ln, ln.text) for ln in lines), table))
            if role is not None}


class _Ahead:
    """Lines read from a source as far as the table scan looks ahead, by their index in the whole text; those
    handed on are let go. The lines held may span no more than one record's length (limit)."""

    def __init__(self, source: Iterator[tuple[Line, str]], limit: int | None) -> None:
        self.source = source
        self.limit = limit
        self.base = 0  # the index of the first line held
        self.held: deque[tuple[Line, str]] = deque()
        self.exhausted = False

    def has(self, i: int) -> bool:
        while i >= self.base + len(self.held) and not self.exhausted:
            got = next(self.source, None)
            if got is None:
                self.exhausted = True
                break
            if self.limit is not None and self.held and got[0].stop - self.held[0][0].start > self.limit:
                raise LimitExceeded(too_long(self.base + 1, self.limit))
            self.held.append(got)
        return i < self.base + len(self.held)

    def text(self, i: int) -> str:
        return self.held[i - self.base][0].text

    def hand_on(self, upto: int, marks: dict[int, str]) -> Iterator[tuple[Line, str, str | None]]:
        """The lines before index upto, with their roles (final: the scan never marks a line behind it)."""
        while self.base < upto and self.held:
            ln, raw = self.held.popleft()
            yield ln, raw, marks.pop(self.base, None)
            self.base += 1


def iter_table_roles(source: Iterable[tuple[Line, str]], table: LabelTable, limit: int | None = None
                     ) -> Iterator[tuple[Line, str, str | None]]:
    """Each line of a text (line, as written) with its role in an activity table ("header", "row", "rule" or
    None), handed on as soon as it is known: a header row with the rows that fit it, or two rows or more that read
    as events by themselves. The scan looks ahead no further than the rule lines under a header, or the second row
    of a table without header; a look-ahead longer than limit characters is a record too long (LimitExceeded)."""
    ahead = _Ahead(iter(source), limit)
    marks: dict[int, str] = {}
    i = 0
    while ahead.has(i):
        text = ahead.text(i)
        found = header_roles(text, table) if text.strip() and len(text) <= _MAX_ROW else None
        if not found:
            kind = _row_kind(text) if len(text) <= _MAX_ROW else ""
            if kind in ("pipe", "tab", "semi"):
                width = len(split_row(text, kind))
                if _event_row(text, kind, width) and ahead.has(i + 1) and _event_row(ahead.text(i + 1), kind, width):
                    while ahead.has(i) and _event_row(ahead.text(i), kind, width):
                        marks[i] = "row"
                        i += 1
                        yield from ahead.hand_on(i, marks)
                    continue
            i += 1
            yield from ahead.hand_on(i, marks)
            continue
        kind, roles = found
        j = i + 1
        rows = False
        while ahead.has(j):
            t = ahead.text(j)
            if kind == "pipe" and _RULE_ROW.match(t) and t.strip() and not rows:
                marks[j] = "rule"
                j += 1
                continue
            if not _row_fits(t, kind, len(roles)):
                break
            marks[i] = "header"
            marks[j] = "row"
            rows = True
            j += 1
            yield from ahead.hand_on(j, marks)  # with one row found, every line up to here has its role
        if rows:
            i = j
        else:
            marks.pop(i + 1, None)
            i += 1
        yield from ahead.hand_on(i, marks)
    yield from ahead.hand_on(ahead.base + len(ahead.held), marks)


def _event_row(text: str, kind: str, width: int) -> bool:
    """Is this line a row of a table without header: cut like the first (kind, width), reading as an event?"""
    if _row_kind(text) != kind:
        return False
    cells = split_row(text, kind)
    return len(cells) == width and bool(row_roles(cells))


def read_table(text: str, offset: int = 0, table: LabelTable | None = None) -> Table | None:
    """The activity table written in text (its header row first, or rows that read as events by themselves), with
    cell offsets shifted by offset."""
    table = table or default_table()
    lines = split_lines(text)
    head = next((k for k, ln in enumerate(lines) if ln.text.strip()), None)
    if head is None:
        return None
    found = header_roles(lines[head].text, table)
    if not found:
        kind = _row_kind(lines[head].text)
        out = Table([], start=offset + lines[head].start, end=offset + len(text))
        for ln in lines[head:]:
            cells = split_row(ln.text, kind) if ln.text.strip() else []
            roles = row_roles(cells) if cells else None
            if roles:
                out.rows.append([(offset + ln.start + a, offset + ln.start + b, t) for a, b, t in cells])
                out.row_roles.append(roles)
        return out if out.rows else None
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


