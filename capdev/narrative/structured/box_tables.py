"""Tables drawn with box characters (a spreadsheet or a console tool's export: "┌──┬──┐", "│ a │ b │", "├──┼──┤",
"└──┴──┘") or with "+---+---+" rules and "|" bars (a grid table): a header row, then one project per band of
lines between two rules, its cells wrapped over several lines of the band.

A cell's text is its lines' text joined; a wrapped line that opens with a label of another field ("Socio: FEDOMU",
"Cód. 4822/OC-DR" under a title) is a fact of its own. The frame is the table's evidence, so a header of fewer
labels than a bare export's is enough (half its named columns, a code or a title among them). In a table whose
bands are numbered, a band with no number ("-", empty) is no project: the table's projects end before it, and the
text from it on is read as usual (kept, unplaced, with the last project when it holds no record).
"""
from __future__ import annotations

import re

from ..labels import LabelTable, default_table, match_label
from .cells import Cell, Column, Project, ReadTable, check_length, column_label, names_projects
from .column_names import is_row_number, is_total_row

_BREAK = re.compile(r"\r\n|\r|\n")
_BARS = "│┃║|"
_JOINS = "┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝┏┳┓┣╋┫┗┻┛╒╤╕╞╪╡╘╧╛╓╥╖╟╫╢╙╨╜+"
_RULE = re.compile(r"^[ \t]*[" + re.escape(_JOINS) + r"][─━═\-=" + re.escape(_JOINS) + r" ]*[" + re.escape(_JOINS)
                   + r"][ \t]*$")
_ROW = re.compile(r"^[ \t]*[" + re.escape(_BARS) + r"].*[" + re.escape(_BARS) + r"][ \t]*$")
_MAX_COLUMNS = 40


def _lines(text: str, pos: int, stop: int):
    """(start, end of text, start of next line) of each line from pos."""
    while pos < stop:
        m = _BREAK.search(text, pos, stop)
        end, nxt = (m.start(), m.end()) if m else (stop, stop)
        yield pos, end, nxt
        pos = nxt


def _is_rule(line: str) -> bool:
    return bool(_RULE.match(line)) and any(ch in line for ch in "─━═-=")


def _bars(line: str) -> list[int]:
    return [i for i, ch in enumerate(line) if ch in _BARS]


def _cells(text: str, start: int, end: int, nxt: int, stops: list[int]) -> list[tuple[int, int, str, int]] | None:
    """The cells of a row line cut at the column stops (the bars' offsets in the line): (start, end, value, at),
    each owning its left bar; the last one owns the closing bar and the line break."""
    line = text[start:end]
    bars = _bars(line)
    if len(bars) < 2 or any(b not in bars for b in stops):
        return None
    out = []
    for k in range(len(stops) - 1):
        a, b = stops[k], stops[k + 1]
        raw = line[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        out.append((start + a if k else start, start + b if k < len(stops) - 2 else nxt, raw.strip(),
                    start + a + 1 + lead))
    return out


def _own_label(cell: Cell, column: Column) -> bool:
    """Does a wrapped line of a cell open with a label of another field ("Socio: X", "Cód. 12/AB")?"""
    lab = match_label(cell.value, default_table()) if cell.value else None
    if lab is None or lab.start != 0 or lab.number is not None or lab.sep not in ("colon", "typed"):
        return False
    if lab.field in (None, column.field, "title") or not cell.value[lab.value_start :].strip():
        return False
    cell.label = lab
    return True


def _band(text: str, lines: list[tuple[int, int, int]], stops: list[int], columns: list[Column]) -> Project | None:
    """One band of row lines as a project: the first line's cells, the later lines' text joined to them."""
    project = Project()
    firsts: dict[int, Cell] = {}
    for n, (a, e, nxt) in enumerate(lines):
        cells = _cells(text, a, e, nxt, stops)
        if cells is None:
            return None
        for k, (s, t, v, at) in enumerate(cells):
            cell = Cell(s, t, k, v, at)
            if n and v and _own_label(cell, columns[k]):
                firsts[k] = cell
            elif k in firsts and v:
                first = firsts[k]
                if first.value:
                    first.value = f"{first.value} {v}"
                else:
                    first.value, first.at = v, at
                cell.more = True
            elif k not in firsts:
                firsts[k] = cell
            project.cells.append(cell)
    return project


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    """A box-drawn or grid table of projects whose top rule (or header row) begins at pos, or None."""
    stop = min(len(text), pos + 4 * limit)
    first = _BREAK.search(text, pos, stop)
    line = text[pos : first.start() if first else stop]
    if not _is_rule(line):
        return None  # a framed table opens with its top rule; a pipe table with no frame is delimited.py's
    lines = _lines(text, pos, stop)
    rules: list[tuple[int, int]] = [(pos, next(lines)[2])]
    head: list[tuple[int, int, int]] = []
    for a, e, nxt in lines:  # the header: its row lines up to the next rule (read before the rows, so that a frame
        if _is_rule(text[a:e]):  # around no table of projects costs its header only)
            rules.append((a, nxt))
            break
        if not _ROW.match(text[a:e]) or len(head) >= 8:
            return None
        head.append((a, e, nxt))
    if not head or len(rules) < 2:
        return None
    stops = _bars(text[head[0][0] : head[0][1]])
    if not 3 <= len(stops) <= _MAX_COLUMNS + 1:
        return None
    names = [""] * (len(stops) - 1)
    for a, e, nxt in head:
        cells = _cells(text, a, e, nxt, stops)
        if cells is None:
            return None
        names = [f"{n} {v}".strip() for n, (_, _, v, _) in zip(names, cells)]
    columns = [Column(n, column_label(n, table) if n and not is_row_number(n) and n != "#" else None)
               for n in names]
    if not _names_projects(columns, table):
        return None
    bands: list[list[tuple[int, int, int]]] = [head, []]
    end = rules[-1][1]
    for a, e, nxt in lines:
        ln = text[a:e]
        if _is_rule(ln):
            rules.append((a, nxt))
            if bands[-1]:
                bands.append([])
        elif _ROW.match(ln):
            bands[-1].append((a, e, nxt))
        else:
            break
        end = nxt
    bands = [b for b in bands if b]
    if len(bands) < 2:
        return None
    numbered = bool(columns) and columns[0].label is None and names[0] in ("#", "N°", "Nº", "No.", "No", "N.")
    projects: list[Project] = []
    for band in bands[1:]:
        project = _band(text, band, stops, columns)
        if project is None:
            break
        values = [c.value for c in project.cells if c.column is not None and not c.more]
        if is_total_row(values) or numbered and not is_row_number(values[0]):
            break  # a row of totals, an unnumbered row ("-": not counted among the projects)
        projects.append(project)
        check_length(text, project, limit)
    if not projects:
        return None
    # A rule goes with the project above it (up to the next project, or the first band that is none); the top rule
    # and the header are the table's head.
    heads = [(pos, projects[0].start)]
    rest = bands[len(projects) + 1][0][0] if len(bands) > len(projects) + 1 else end
    for a, b in rules:
        for k, p in enumerate(projects):
            upto = projects[k + 1].start if k + 1 < len(projects) else rest
            if p.end <= a < upto:
                p.cells.append(Cell(a, b, None))
    return ReadTable("box", columns, heads, projects, pos, max(c.end for c in projects[-1].cells))


def _names_projects(columns: list[Column], table: LabelTable) -> bool:
    """A framed table's header names projects with half its named columns labels (a code or a title among them)."""
    if names_projects(columns, table):
        return True
    named = [c for c in columns if c.name.strip() and c.name.strip() != "#"]
    fields = {c.field for c in named if c.field}
    labelled = sum(1 for c in named if c.field)
    return len(fields) >= 3 and bool(fields & {"code", "title"}) and labelled * 2 >= len(named)
