"""A database dump pasted as text (mysqldump, pg_dump): CREATE TABLE statements name the columns, INSERT ... VALUES
tuples or COPY ... FROM stdin lines hold the rows.

The projects are the rows of the table whose columns name the most fields of a project (cells.names_projects).
A column that points at another table of the dump ("fuente_id" at table "fuente", or a declared FOREIGN KEY) is
read as that row's name ("Agencia de Cooperación Internacional del Japón (JICA)"), labelled by the column's or the
table's name. A table of two columns, one pointing at the projects ("pais_beneficiario": proyecto_codigo, pais),
adds its values to the project it points at. Everything else of the dump (settings, other tables, comments) is the
table's head: kept with the first record, placed nowhere.

The dump is read once, statement after statement, from the line where it begins; reading stops at the first line
that is no SQL, so the cost stays linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..labels import LabelTable
from .cells import Cell, Column, Project, ReadTable, check_length, column_label, names_projects

# Dumps write their keywords in capitals: a prose line opening with "Set" or "Use" is no statement.
_OPENS = re.compile(r"(?:CREATE TABLE|INSERT INTO|COPY [\w.\"`]+ ?\(|DROP TABLE|LOCK TABLES|SET [\w@]|/\*!|"
                    r"--(?:[ \t\r\n]|$)|BEGIN;|START TRANSACTION)")
_STATEMENT = re.compile(r"(?:CREATE|INSERT INTO|COPY|DROP|LOCK|UNLOCK|SET|ALTER|BEGIN|COMMIT|START|SELECT|USE)\b")
_GAP = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/;?|#[^\n]*(?:\n|$))*", re.S)
# A statement's pieces up to its ";": quoted strings and names whole, so that a ";" inside one ends nothing.
_PIECE = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|[^'\"`;]+|;", re.S)
_NAME = r"(?:`[^`]+`|\"[^\"]+\"|[\w.]+)"
_CREATE = re.compile(rf"(?is)CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_NAME})\s*\(")
_INSERT = re.compile(rf"(?is)INSERT\s+INTO\s+({_NAME})\s*(?:\(([^)]*)\))?\s*VALUES\s*")
_COPY = re.compile(rf"(?is)COPY\s+({_NAME})\s*\(([^)]*)\)\s*FROM\s+stdin\s*;")
_VALUE = re.compile(r"'(?:[^'\\]|\\.|'')*'|[^,()'\s][^,()]*")
_NOT_COLUMNS = frozenset("primary key unique constraint index foreign check fulltext spatial".split())
_PROJECT_WORDS = re.compile(r"(?i)proje?c?t|proyect|projet")


def _bare(name: str) -> str:
    return name.strip().strip('`"').split(".")[-1]


def _unquote(raw: str) -> str:
    raw = raw.strip()
    if raw.upper() in ("NULL", "\\N"):
        return ""
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        body = raw[1:-1].replace("''", "'")
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r", "0": ""}.get(m.group(1), m.group(1)), body)
    return raw


@dataclass
class _Table:
    name: str
    columns: list[str] = field(default_factory=list)
    key: str | None = None
    refs: dict[str, str] = field(default_factory=dict)  # column -> table it points at (FOREIGN KEY)
    rows: list[list[tuple[int, int, str]]] = field(default_factory=list)  # cells: (start, end, value)


def _create(tables: dict[str, _Table], stmt: str, at: int) -> None:
    m = _CREATE.match(stmt)
    if m is None:
        return
    table = tables.setdefault(_bare(m.group(1)).lower(), _Table(_bare(m.group(1))))
    depth, piece, parts = 0, [], []
    for ch in stmt[m.end() :]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(piece))
            piece = []
        else:
            piece.append(ch)
    parts.append("".join(piece))
    for part in (p.strip() for p in parts if p.strip()):
        first = part.split()[0]
        if first.lower() in _NOT_COLUMNS:
            names = re.findall(_NAME, part[part.find("(") + 1 :]) if "(" in part else []
            if first.lower() == "primary" and names:
                table.key = _bare(names[0])
            fk = re.search(rf"(?i)FOREIGN\s+KEY\s*\(\s*({_NAME})\s*\)\s*REFERENCES\s+({_NAME})", part)
            if fk:
                table.refs[_bare(fk.group(1))] = _bare(fk.group(2)).lower()
            continue
        table.columns.append(_bare(first))
        if re.search(r"(?i)\bPRIMARY\s+KEY\b", part):
            table.key = _bare(first)


def _tuples(stmt: str, at: int) -> list[list[tuple[int, int, str]]]:
    """The rows of a VALUES list: each value's [start, end) in the text and its value."""
    rows, i, n = [], 0, len(stmt)
    while i < n:
        if stmt[i] != "(":
            i += 1
            continue
        row, i = [], i + 1
        while i < n and stmt[i] != ")":
            m = _VALUE.match(stmt, i)
            if m is None:
                i += 1
                continue
            row.append((at + m.start(), at + m.end(), _unquote(m.group(0))))
            i = m.end()
            while i < n and stmt[i] in " \t\r\n":
                i += 1
            if i < n and stmt[i] == ",":
                i += 1
                while i < n and stmt[i] in " \t\r\n":
                    i += 1
        rows.append(row)
        i += 1
    return rows


def _statements(text: str, pos: int, limit: int) -> tuple[dict[str, _Table], int]:
    """The tables of the dump that begins at pos, and where it ends (at the first line that is no SQL). A statement
    may be longer than a record (an extended INSERT of every row): each row is checked against the limit instead."""
    tables: dict[str, _Table] = {}
    i = end = pos
    while i < len(text):
        i = _GAP.match(text, i).end()
        if i >= len(text) or not _STATEMENT.match(text, i):
            break
        j = i
        while j < len(text):
            m = _PIECE.match(text, j)
            if m is None:
                break
            j = m.end()
            if m.group(0) == ";":
                break
        stmt = text[i:j]
        copy = _COPY.match(stmt)
        if copy:
            table = tables.setdefault(_bare(copy.group(1)).lower(), _Table(_bare(copy.group(1))))
            table.columns = table.columns or [_bare(c) for c in copy.group(2).split(",")]
            j = _copy_rows(text, j, table)
        elif _CREATE.match(stmt):
            _create(tables, stmt, i)
        elif (ins := _INSERT.match(stmt)) is not None:
            table = tables.setdefault(_bare(ins.group(1)).lower(), _Table(_bare(ins.group(1))))
            if ins.group(2) and not table.columns:
                table.columns = [_bare(c) for c in ins.group(2).split(",")]
            table.rows.extend(_tuples(stmt[ins.end() :], i + ins.end()))
        i = end = j
    return tables, end


def _copy_rows(text: str, j: int, table: _Table) -> int:
    """COPY's data lines, tab-separated, up to the line "\\."."""
    line_start = text.find("\n", j) + 1 if text.find("\n", j) >= 0 else len(text)
    while line_start < len(text):
        nl = text.find("\n", line_start)
        stop = len(text) if nl < 0 else nl
        line = text[line_start:stop]
        if line.strip() == "\\.":
            return stop
        row, at = [], line_start
        for value in line.split("\t"):
            row.append((at, at + len(value), _unquote(value)))
            at += len(value) + 1
        table.rows.append(row)
        line_start = stop + 1
    return len(text)


def _first_line(text: str, pos: int) -> bool:
    """Is pos the dump's first line (the line before it no statement of it)?"""
    before = text[max(0, pos - 400) : pos].rstrip()
    last = before[before.rfind("\n") + 1 :].strip()
    return not last or not (last.endswith(";") or last.startswith(("--", "/*", "INSERT", "CREATE", ")")))


def _pointed(table: _Table, column: str, tables: dict[str, _Table]) -> _Table | None:
    """The table a column points at: a declared foreign key, or a name "<table>_id", "id_<table>", "<table>_code"."""
    target = table.refs.get(column)
    if target is None:
        low = column.lower()
        stem = re.sub(r"^(?:id|cod|code|codigo)_|_(?:id|cod|code|codigo|code_id)$", "", low)
        target = stem if stem != low else None
    found = (tables.get(target) or tables.get(f"{target}s") or tables.get(target[:-1] if target.endswith("s") else "")
             ) if target else None
    return found if found is not None and found is not table and found.rows else None


def _names(table: _Table) -> dict[str, str]:
    """Each row's key -> its name: the first text value other than the key (read once per table)."""
    k = table.columns.index(table.key) if table.key in table.columns else 0
    out: dict[str, str] = {}
    for row in table.rows:
        if k < len(row):
            name = next((v for n, (_a, _b, v) in enumerate(row) if n != k and v and not re.fullmatch(r"[\d.,-]+", v)),
                        None)
            if name is not None:
                out.setdefault(row[k][2], name)
    return out


def _label_of(name: str, table: LabelTable):
    """The label a table's name is ("pais"), or the one field whose labels open with it ("fuente": "Fuente de
    financiamiento", "Fuente de financiación": who pays)."""
    from .export_names import spellings_opening

    found = column_label(name, table)
    if found is not None or " " in name.strip():
        return found
    labels = [lab for lab in (column_label(s, table) for s in spellings_opening(name)) if lab is not None]
    return labels[0] if labels and len({lab.field for lab in labels}) == 1 else None


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    if not _OPENS.match(text, pos) or not _first_line(text, pos):
        return None
    tables, end = _statements(text, pos, limit)
    best, best_fields = None, 1
    for t in tables.values():
        cols = [Column(c, column_label(c, table)) for c in t.columns]
        fields = len({c.field for c in cols if c.field}) + (1 if _PROJECT_WORDS.search(t.name) else 0)
        if t.rows and names_projects(cols, table) and fields > best_fields:
            best, best_fields = t, fields
    if best is None:
        return None
    return _read(text, pos, end, best, tables, limit, table)


def _read(text: str, pos: int, end: int, main: _Table, tables: dict[str, _Table], limit: int, table: LabelTable
          ) -> ReadTable:
    columns = [Column(c, column_label(c, table)) for c in main.columns]
    lookups: dict[int, _Table] = {}
    for n, name in enumerate(main.columns):
        target = _pointed(main, name, tables) if name != main.key else None
        if target is not None:
            lookups[n] = target
            if columns[n].label is None or columns[n].field == "code":
                columns[n] = Column(name, _label_of(target.name, table) or _label_of(re.sub(r"(?i)_?id$", "", name),
                                                                                     table))
    key = main.columns.index(main.key) if main.key in main.columns else 0
    # Tables of two values, one of them pointing at the projects: more values of a project's field.
    children: list[tuple[_Table, int, int]] = []
    activity: list[tuple[_Table, int]] = []
    for t in tables.values():
        if t is main:
            continue
        for n, name in enumerate(t.columns):
            if _points_at(t, name, main, tables) and len(t.columns) > 2:
                activity.append((t, n))
                break
            if _points_at(t, name, main, tables):
                other = 1 - n
                label = column_label(t.columns[other], table) or column_label(t.name, table)
                if label is not None:
                    columns.append(Column(t.columns[other], label))
                    children.append((t, n, len(columns) - 1))
                break
    # Read once, by key, so that the work stays linear in the dump.
    names = {n: _names(t) for n, t in lookups.items()}
    grouped: dict[int, dict[str, list[tuple[int, int, str]]]] = {}
    for child, link, _col in children:
        rows = grouped.setdefault(id(child), {})
        for crow in child.rows:
            if len(crow) == 2 and crow[1 - link][2]:
                rows.setdefault(crow[link][2], []).append(crow[1 - link])
    projects: list[Project] = []
    owned: list[tuple[int, int]] = []
    for row in main.rows:
        if not row:
            continue
        cells = [Cell(a, b, n, names[n].get(v, v) if n in names else v, a)
                 for n, (a, b, v) in enumerate(row) if n < len(main.columns)]
        project = Project(cells)
        check_length(text, project, limit)
        ident = row[key][2] if key < len(row) else None
        for child, link, col in children:
            for a, b, v in grouped[id(child)].get(ident, ()):
                project.cells.append(Cell(a, b, col, v, a))
        projects.append(project)
        owned.extend((c.start, c.end) for c in project.cells)
    events = _events(main, key, columns, activity, table)
    head, at = [], pos
    for a, b in sorted(owned):
        if a > at:
            head.append((at, a))
        at = max(at, b)
    if end > at:
        head.append((at, end))
    return ReadTable("sql", columns, head, projects, pos, end, events=events)


def _points_at(t: _Table, name: str, main: _Table, tables: dict[str, _Table]) -> bool:
    """Does a column of t point at the projects: a key to their table, their key's own name, their table's name?"""
    return _pointed(t, name, tables) is main or name.lower() == (main.key or "").lower() or bool(
        re.search(rf"(?i)^{re.escape(main.name)}_|_{re.escape(main.name)}$", name))


def _events(main: _Table, key: int, columns: list[Column], activity: list[tuple[_Table, int]], table: LabelTable
            ) -> dict[str, list]:
    """The events of each project's code, from tables whose rows point at a project and name a date and what
    happened (an activity table of the dump: "evento": proyecto_codigo, nombre, fecha, lugar, participantes)."""
    from ..activity_tables import Table
    from ..page_lines import column_role
    from ..values.tables import events_from_table

    code_col = next((n for n, c in enumerate(columns) if c.field == "code" and n < len(main.columns)), key)
    code_of = {row[key][2]: row[code_col][2] for row in main.rows if len(row) > max(key, code_col)}
    out: dict[str, list] = {}
    for t, link in activity:
        roles = [None if n == link else column_role(name, table) for n, name in enumerate(t.columns)]
        if "date" not in roles or not {"title", "type"} & set(roles):
            continue
        groups: dict[str, list] = {}
        for row in t.rows:
            if len(row) == len(roles) and row[link][2] in code_of:
                groups.setdefault(code_of[row[link][2]], []).append(row)
        for code, rows in groups.items():
            found, _ = events_from_table(Table(roles, rows, start=rows[0][0][0], end=rows[-1][-1][1]))
            out.setdefault(code, []).extend(found)
    return out
