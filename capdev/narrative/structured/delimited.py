"""Tables cut by a delimiter: CSV, semicolon and tab-separated exports (a header row, then one project per row; a
quoted cell may hold delimiters, doubled quotes and line breaks), and Markdown or pipe tables (a rule under the
header; a cell wrapped onto the next row, its code or title cell empty there, goes on the project above).

Each row is read once; a quoted cell is found with one search for its closing quote, never beyond one record's
length (a longer cell ends the table: what follows is read as text)."""
from __future__ import annotations

import re

from ..labels import LabelTable
from .cells import (
    Cell,
    Column,
    Project,
    ReadTable,
    by_column,
    check_length,
    column_label,
    labelled_line,
    names_projects,
)
from .column_names import continues_row, is_test_entry, is_total_row
from .trailer_rows import is_empty_row, is_trailer_row

DELIMITERS = (";", "\t", ",", "|")
_BREAK = re.compile(r"\r\n|\r|\n")
_RULE = re.compile(r"^[ \t]*\|?[ \t:]*-{3,}[ \t:]*(?:\|[ \t:]*-{3,}[ \t:]*)*\|?[ \t]*$")
_UNQUOTED = {d: re.compile(rf"[^{re.escape(d)}\r\n]*") for d in DELIMITERS}
_MAX_COLUMNS = 60

Row = tuple[list[tuple[int, int, str, int]], int]  # cells (start, end, value, at) and where the next row begins


def _line_end(text: str, pos: int) -> tuple[int, int]:
    """(end of the line's text, start of the next line) from pos."""
    m = _BREAK.search(text, pos)
    return (m.start(), m.end()) if m else (len(text), len(text))


def read_row(text: str, pos: int, delim: str, limit: int) -> Row | None:
    """The cells of the row beginning at pos; None when it is no row (a quote never closed within limit)."""
    if delim == "|":
        return _pipe_row(text, pos)
    cells: list[tuple[int, int, str, int]] = []
    n = len(text)
    i = pos
    while True:
        j = i
        while j < n and text[j] == " ":
            j += 1
        if j < n and text[j] == '"':
            k, parts = j + 1, []
            while True:
                q = text.find('"', k, min(n, pos + limit))
                if q < 0:
                    return None
                parts.append(text[k:q])
                if text.startswith('"', q + 1):
                    parts.append('"')
                    k = q + 2
                    continue
                k = q + 1
                break
            value, at = "".join(parts), j + 1
            while k < n and text[k] in " \t" and text[k] != delim:
                k += 1
            if k < n and text[k] not in (delim, "\r", "\n"):
                return None  # text after a closing quote: no cell of an export
        else:
            k = _UNQUOTED[delim].match(text, j).end()
            value, at = text[j:k], j
        if k < n and text[k] == delim:
            cells.append((i, k + 1, value, at))
            i = k + 1
            if len(cells) > _MAX_COLUMNS:
                return None
            continue
        _, nxt = _line_end(text, k)
        cells.append((i, nxt, value, at))
        return cells, nxt


def _pipe_row(text: str, pos: int) -> Row | None:
    end, nxt = _line_end(text, pos)
    line = text[pos:end]
    if line.count("|") < 2 or len(line) > 4000:
        return None
    body = line.strip()
    lead = line.index(body[0])
    inner_start = pos + lead + (1 if body.startswith("|") else 0)
    inner_end = pos + lead + len(body) - (1 if body.endswith("|") and len(body) > 1 else 0)
    cells: list[tuple[int, int, str, int]] = []
    start, k = pos, inner_start
    for m in re.finditer(r"\|", text[inner_start:inner_end]):
        bar = inner_start + m.start()
        raw = text[k:bar]
        cells.append((start, bar + 1, raw.strip(), k + len(raw) - len(raw.lstrip())))
        start = k = bar + 1
    raw = text[k:inner_end]
    cells.append((start, nxt, raw.strip(), k + len(raw) - len(raw.lstrip())))
    return (cells, nxt) if len(cells) <= _MAX_COLUMNS else None


def _blank_to(text: str, pos: int) -> int:
    """Where the blank lines from pos end (pos itself when the line there is not blank)."""
    while pos < len(text):
        end, nxt = _line_end(text, pos)
        if text[pos:end].strip() or nxt == pos:
            return pos
        pos = nxt
    return pos


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    """The delimited table whose header row begins at pos, with its rows; None when there is none there."""
    end, _ = _line_end(text, pos)
    line = text[pos:end]
    for delim in DELIMITERS:
        if delim not in line:
            continue
        head = read_row(text, pos, delim, limit)
        if head is None or len(head[0]) < 2:
            continue
        columns = [Column(v, column_label(v, table)) for _, _, v, _ in head[0]]
        if not names_projects(columns, table):
            continue
        found = _rows(text, head[1], delim, columns, limit, table)
        if found is not None:
            heads, projects, stop, aside = found
            return ReadTable("delimited", columns, [(pos, head[1]), *heads], projects, pos, stop, set_aside=aside)
    return None


def _rows(text: str, pos: int, delim: str, columns: list[Column], limit: int, table: LabelTable | None = None
          ) -> tuple[list[tuple[int, int]], list[Project], int, list[tuple[int, int]]] | None:
    width = len(columns)
    heads: list[tuple[int, int]] = []
    if delim == "|":
        end, nxt = _line_end(text, pos)
        if _RULE.match(text[pos:end]):
            heads.append((pos, nxt))
            pos = nxt
    # A row goes on the project above when its key cell (the code's, else the title's) is empty.
    identity = [k for k, c in enumerate(columns) if c.field == "code"][:1] or [
        k for k, c in enumerate(columns) if c.field == "title"][:1]
    projects: list[Project] = []
    aside: list[tuple[int, int]] = []
    projects_title = next((k for k, c in enumerate(columns) if c.field == "title"), None)
    gap = pos  # where the blank lines (and empty rows of delimiters) before the row being read begin
    while pos < len(text):
        at = _blank_to(text, pos)
        if at >= len(text):
            break
        row = read_row(text, at, delim, limit)
        if row is None:
            break
        cells, nxt = row
        extra = cells[width:]
        if len(cells) < max(2, (width + 1) // 2) or any(v.strip() for _, _, v, _ in extra):
            break
        values = [v for _, _, v, _ in cells]
        if delim != "|" and is_empty_row(values):
            pos = nxt  # ",,,,,," under the rows: a blank line of the sheet
            continue
        if is_total_row(values) or is_trailer_row(values, [c.field for c in columns]):
            break  # a row of totals or a note: no project; kept, unplaced, with the table's last record
        if [" ".join(v.casefold().split()) for v in values] == [" ".join(c.name.casefold().split()) for c in columns]:
            break  # the header row again: another table begins there (a second sheet, a second page)
        if at > pos and _a_header(values, table):
            break  # a row of labels after a blank line: the header of another table ("Code;Pays;Zone")
        if projects_title is not None and is_test_entry(values[projects_title] if projects_title < len(values) else ""):
            aside.append((at, nxt))  # a form's test response ("TEST - please ignore"): kept, flagged, no project
            pos = gap = nxt
            continue
        pos = gap
        if extra:  # empty cells after the last column: its delimiter at the row's end
            cells = [*cells[: width - 1], (cells[width - 1][0], extra[-1][1], cells[width - 1][2], cells[width - 1][3])]
        if at > pos and projects:
            last = projects[-1].cells[-1]
            last.end = at  # blank lines between rows go with the row above
        elif at > pos:
            heads.append((pos, at))
        wrapped = (projects and delim in ("|", "\t") and identity
                   and not any(cells[k][2].strip() for k in identity if k < len(cells)))
        if projects and not wrapped and delim in ("|", "\t") and identity and columns[identity[0]].field == "title":
            # No code column: "et décentralisation<TAB>Mali<TAB><TAB>" under a row with its amount and dates.
            wrapped = continues_row({k: v for k, (_, _, v, _) in enumerate(cells) if v.strip()},
                                    [c.field for c in columns], identity[0], by_column(projects[-1]))
        row_cells = [Cell(a, b, k, v, t) for k, (a, b, v, t) in enumerate(cells)]
        if wrapped:
            _wrap(projects[-1], row_cells, columns)
        else:
            projects.append(Project(row_cells))
        pos = gap = nxt
        check_length(text, projects[-1], limit)
    if not projects:
        return None
    return heads, projects, max([projects[-1].end, *(b for _, b in aside)]), aside


def _a_header(values: list[str], table: LabelTable | None) -> bool:
    named = [v for v in values if v.strip()]
    return len(named) >= 2 and all(column_label(v, table) is not None for v in named)


def _wrap(project: Project, row: list[Cell], columns: list[Column] | None = None) -> None:
    """A row that goes on the project above (its code and title cells empty): each cell's text joins the first cell
    of its column; the row's cells are the project's, marked as the rest of it. With the columns given, a wrapped
    line that opens with a label of another field ("Socio: INAP" under a title) is a fact of its own, and the lines
    wrapped under it join it rather than the column's first cell."""
    firsts = {}
    for cell in project.cells:
        if cell.column is not None and cell.column not in firsts:
            firsts[cell.column] = cell
        if cell.label is not None:
            firsts[cell.column] = cell  # the lines below a labelled line go on with it
    for cell in row:
        if columns is not None and cell.column is not None and labelled_line(cell, columns[cell.column]):
            firsts[cell.column] = cell
            continue
        first = firsts.get(cell.column)
        if first is not None and cell.value.strip():
            if first.value.strip():
                first.value = f"{first.value.rstrip()} {cell.value.strip()}"
            else:
                first.value, first.at = cell.value, cell.at
            cell.more = True
    project.cells.extend(row)
