"""Exports written as JSON whatever their line breaks: a list of objects, one per project, with several keys on a
line ('{"codigo": "X", "titulo": "Y",' / '"pais": "Perú"}') or all on one line, and the list under a key of its own
('{"proyectos": [ ... ]}').

The value that opens at a line's "{" or "[" is read once (strings, numbers, true/false/null, arrays, objects) with
the place of each key and value. The projects are the objects of the first array whose first object's keys name a
project (labels among them, a code or a title: cells.names_projects), or the value itself when it is one such
object with three labelled keys or more. A key's value that is an array of plain values is read as a list ("a; b");
one that holds objects as the list of each object's first string ('[{"nom": "X"}]': "X"); an object is no value.
Each key's cell runs to the next key, so that the cells cover the text.

Reading stops at the first character that is no JSON, past MAX_DEPTH nested values, or when one project would run
past a record's limit: the cost stays linear in the value read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..labels import LabelTable
from .cells import Cell, Column, Project, ReadTable, check_length, column_label, names_projects

MAX_DEPTH = 20
_SPACE = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\\r\n]|\\.){0,4000}"')
_SCALAR = re.compile(r"-?\d[\d.eE+-]{0,40}|true|false|null")


@dataclass
class _Node:
    kind: str  # "object" | "array" | "string" | "scalar"
    start: int
    end: int
    value: str = ""
    pairs: list[tuple[int, str, _Node]] = field(default_factory=list)  # (where the key begins, key, value)
    items: list[_Node] = field(default_factory=list)


class _NotJson(Exception):
    pass


class _Reader:
    def __init__(self, text: str, limit: int) -> None:
        self.text = text
        self.limit = limit

    def skip(self, i: int) -> int:
        return _SPACE.match(self.text, i).end()

    def value(self, i: int, depth: int) -> _Node:
        if depth > MAX_DEPTH:
            raise _NotJson
        c = self.text[i : i + 1]
        if c == "{":
            return self.container(i, depth, "object", "}")
        if c == "[":
            return self.container(i, depth, "array", "]")
        m = _STRING.match(self.text, i) if c == '"' else _SCALAR.match(self.text, i)
        if m is None:
            raise _NotJson
        raw = m.group()
        return _Node("string" if c == '"' else "scalar", i, m.end(), raw[1:-1].replace('\\"', '"') if c == '"' else raw)

    def container(self, i: int, depth: int, kind: str, close: str) -> _Node:
        node = _Node(kind, i, i)
        j = self.skip(i + 1)
        while self.text[j : j + 1] != close:
            if node.pairs or node.items:
                if self.text[j : j + 1] != ",":
                    raise _NotJson
                j = self.skip(j + 1)
            if kind == "object":
                key = _STRING.match(self.text, j)
                if key is None:
                    raise _NotJson
                colon = self.skip(key.end())
                if self.text[colon : colon + 1] != ":":
                    raise _NotJson
                val = self.value(self.skip(colon + 1), depth + 1)
                node.pairs.append((j, key.group()[1:-1], val))
            else:
                val = self.value(j, depth + 1)
                node.items.append(val)
            if val.end - i > self.limit and depth > 0:
                raise _NotJson  # one value longer than a record: no project of an export
            j = self.skip(val.end)
        node.end = j + 1
        return node


def _read_value(text: str, node: _Node) -> str:
    if node.kind == "string":
        return node.value.strip()
    if node.kind == "scalar":
        return "" if node.value == "null" else node.value
    if node.kind == "array" and all(item.kind in ("string", "scalar") for item in node.items):
        return "; ".join(v for v in (_read_value(text, item) for item in node.items) if v)
    if node.kind == "array" and all(item.kind == "object" for item in node.items):
        # [{"nom": "ENA Sénégal", "role": "..."}]: each object's first plain value, its name
        firsts = (next((v for _at, _k, v in item.pairs if v.kind == "string"), None) for item in node.items)
        return "; ".join(v.value.strip() for v in firsts if v is not None and v.value.strip())
    return ""  # an object in a cell: no value of a field


def _columns(node: _Node, table: LabelTable) -> list[Column]:
    return [Column(key, column_label(key.replace("_", " "), table)) for _at, key, _v in node.pairs]


def _projects_in(node: _Node, table: LabelTable) -> list[_Node]:
    """The objects that are projects: the first array's whose first object names one, or the object itself."""
    todo = [node]
    while todo:
        n = todo.pop(0)
        objects = [item for item in n.items if item.kind == "object"]
        if n.kind == "array" and objects and names_projects(_columns(objects[0], table), table):
            return objects
        todo.extend(n.items)
        todo.extend(v for _at, _k, v in n.pairs if v.kind in ("array", "object"))
    cols = _columns(node, table) if node.kind == "object" else []
    if cols and names_projects(cols, table) and sum(1 for c in cols if c.label is not None) >= 3:
        return [node]
    return []


def detect(text: str, pos: int, limit: int, table: LabelTable) -> ReadTable | None:
    """The JSON export whose value opens on the line at pos: its projects; None when there is none there."""
    at = _SPACE.match(text, pos).end()
    if text[at : at + 1] not in ("{", "[") or "\n" in text[pos:at]:
        return None
    try:
        root = _Reader(text, limit).value(at, 0)
    except _NotJson:
        return None
    objects = _projects_in(root, table)
    if not objects:
        return None
    columns: list[Column] = []
    by_name: dict[str, int] = {}
    projects: list[Project] = []
    for obj in objects:
        project = Project([Cell(obj.start, obj.start + 1, None)])
        for key_at, key, val in obj.pairs:
            name = key.lower()
            if name not in by_name:
                by_name[name] = len(columns)
                columns.append(Column(key, column_label(key.replace("_", " "), table)))
            project.cells.append(Cell(key_at, val.end, by_name[name], _read_value(text, val),
                                      val.start + (1 if val.kind == "string" else 0)))
        project.cells.append(Cell(obj.end - 1, obj.end, None))
        projects.append(project)
    for p in projects:
        for a, b in zip(p.cells, p.cells[1:]):
            a.end = b.start  # the commas and line breaks between keys go with the key before
    for a, b in zip(projects, projects[1:]):
        a.cells[-1].end = b.cells[0].start
    for project in projects:
        check_length(text, project, limit)
    return ReadTable("json", columns, [], projects, projects[0].start, projects[-1].end)
