"""Exports written as lists of keyed items: YAML-like lists ("- titre: ..." then "  code: ...", a key's list of
countries on the lines below it, "- Maroc"), JSON-like objects one key per line ('"code": "X",' between braces), and
"key = value" blocks, each opened by a "[section]" line or by its first key coming again.

A key is a label when its words are ("date_debut", "fecha_inicio", "budget_usd": underscores read as spaces). Each
item is one project; a key's cell runs from its line to the next key's line, its nested lines included."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..labels import LabelTable
from .cells import Cell, Column, Project, ReadTable, check_length, column_label, names_projects

_BREAK = re.compile(r"\r\n|\r|\n")
# "- titre: X", "  code: X", '"code": "X",', "code = X"
_KEY = re.compile(r"""^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<q>["']?)(?P<key>[^\W\d][\w .'()/-]{0,60}?)(?P=q)[ \t]*"""
                  r"""(?P<sep>:|=)(?=[ \t]|$)[ \t]*(?P<value>.*)$""")
_OPEN = re.compile(r"^[ \t]*(?:-[ \t]*)?[{\[][ \t]*$|^[ \t]*\[(?P<section>[^\]\r\n]{1,80})\][ \t]*$")
_CLOSE = re.compile(r"^[ \t]*[}\]][ \t]*,?[ \t]*$")
_ITEM = re.compile(r"^[ \t]*-[ \t]+(?P<value>.*)$")


def _lines(text: str, pos: int) -> Iterator[tuple[int, int, int]]:
    """(start, end of text, start of next line) of the lines from pos, read as the list is."""
    while pos < len(text):
        m = _BREAK.search(text, pos)
        end, nxt = (m.start(), m.end()) if m else (len(text), len(text))
        yield pos, end, nxt
        pos = nxt


def _key(line: str, table: LabelTable) -> tuple[re.Match[str], Column] | None:
    m = _KEY.match(line)
    if not m:
        return None
    name = m.group("key").replace("_", " ")
    return m, Column(m.group("key"), column_label(name, table))


def _clean(value: str) -> str:
    """A value as written in the export: quotes, a trailing comma, brackets of an inline list off."""
    v = value.strip().rstrip(",").strip()
    if v[:1] == "[" and v[-1:] == "]":
        v = "; ".join(_clean(p) for p in v[1:-1].split(",") if p.strip())
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        v = v[1:-1].replace('\\"', '"')
    return "" if v in ("~", "null", "None", "|", ">", "[]", "{}") else v


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    """The list of keyed items beginning at pos: two items or more, or one item of labelled keys naming a project
    (a code or a title among them); None when there is none there."""
    m = _BREAK.search(text, pos)
    first = text[pos : m.start() if m else len(text)]
    if len(first) > 2000:
        return None
    opener = _OPEN.match(first)
    found = _key(first, table)
    if opener is None and (found is None or not (found[0].group("dash") or found[0].group("sep") == "=")):
        return None
    if found is not None and found[1].label is None:
        return None
    return _read(text, pos, table, limit)


def _read(text: str, pos: int, table: LabelTable, limit: int) -> ReadTable | None:
    columns: list[Column] = []
    by_name: dict[str, int] = {}
    projects: list[Project] = []
    current: Project | None = None
    cell: Cell | None = None
    nested: list[str] = []
    first_key = ""
    end = pos
    item_indent = -1

    def close_cell() -> None:
        nonlocal nested
        if cell is not None and nested:
            cell.value = "; ".join(v for v in nested if v) if not cell.value else cell.value
        nested = []

    for start, stop, nxt in _lines(text, pos):
        line = text[start:stop]
        if not line.strip() or line.lstrip().startswith("#"):
            if cell is not None:
                cell.end = nxt
            end = nxt
            continue
        indent = len(line) - len(line.lstrip())
        opener, closer, found = _OPEN.match(line), _CLOSE.match(line), _key(line, table)
        dash = found is not None and bool(found[0].group("dash"))
        new_item = (opener is not None and (current is None or indent <= item_indent or opener.group("section"))) or (
            dash and (current is None or indent <= item_indent)) or (
            found is not None and found[0].group("sep") == "=" and not dash
            and (current is None or found[1].name.lower() == first_key and cell is not None))
        if new_item:
            if projects and sum(1 for c in projects[-1].cells if c.column is not None) < 2:
                return None  # decided on the first item: a bulleted list of one record's facts is read once
            close_cell()
            current, cell = Project(), None
            projects.append(current)
            item_indent = indent
            if opener is not None:
                current.cells.append(Cell(start, nxt, None))
                end = nxt
                continue
        if current is None:
            break
        if found is not None and (dash or indent > item_indent or found[0].group("sep") == "=") and (
                cell is None or not _nested_in(cell, indent, text)):
            close_cell()
            m, col = found
            key = m.group("key").lower()
            if key not in by_name:
                by_name[key] = len(columns)
                columns.append(col)
            first_key = first_key or key
            value = _clean(m.group("value"))
            at = start + (m.start("value") + (len(m.group("value")) - len(m.group("value").lstrip("\"'[")))
                          if value else m.end("sep"))
            cell = Cell(start, nxt, by_name[key], value, at)
            cell.indent = indent  # type: ignore[attr-defined]
            current.cells.append(cell)
            end = nxt
            continue
        if closer is not None or (cell is not None and indent > getattr(cell, "indent", -1)):
            if cell is not None:
                cell.end = nxt
                if closer is None:
                    item = _ITEM.match(line)
                    nested.append(_clean(item.group("value") if item else line))
                    if not cell.value and not cell.at:
                        cell.at = start + indent
                    cell.at = cell.at or start + indent
            else:
                current.cells.append(Cell(start, nxt, None))
            end = nxt
            continue
        break
    close_cell()
    projects = [p for p in projects if any(c.column is not None for c in p.cells)]
    if any(sum(1 for c in p.cells if c.column is not None) < 2 for p in projects):
        return None  # "- Code: X" / "- Title: Y": a bulleted list of one record's labelled facts
    if not projects or not names_projects(columns, table):
        return None
    if len(projects) == 1 and sum(1 for c in columns if c.label is not None) < 3:
        return None
    _cover(projects)
    for project in projects:
        check_length(text, project, limit)
    start = projects[0].start
    stop = projects[-1].end
    # Blank or comment lines after the last item are text after the table.
    return ReadTable("yaml_like", columns, [], projects, start, max(stop, min(end, stop)))


def _nested_in(cell: Cell, indent: int, text: str) -> bool:
    """Is a line at this indent part of the cell above (a nested mapping), not a key of the item?"""
    return False


def _cover(projects: list[Project]) -> None:
    """Each project's cells run into the next project's first cell: no character between them is left out."""
    for a, b in zip(projects, projects[1:]):
        a.cells[-1].end = b.cells[0].start
    for p in projects:
        for a, b in zip(p.cells, p.cells[1:]):
            a.end = b.start  # blank and comment lines go with the cell above
