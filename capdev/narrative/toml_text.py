"""A TOML configuration file (a portal's list of featured projects) read as the labelled text it holds, in place.

A site's configuration lists its projects as an array of tables (`[[proyectos]]`, then `titulo = "..."` lines) and
each project's events as a nested array (`[[proyectos.eventos]]`, then `nombre = ...`, `fecha = ...`). Read raw,
each nested table's name key opens a record of its own (an event read as a project), quotes and brackets stay in
the values and `2_350_000` is no amount. Here, line by line and in place (the text keeps the file's length, padded
with spaces, so that offsets still index the file, as the other readers in place do):
- a table's `[header]` line and a comment line are blanked (a comment is the file keeper's note: "the 2019 phase
  is no longer shown", "do not add to the amount"), and so are the keys of a table that is no project's (`[site]`,
  `[search]`: the file's settings, when its projects are an array of tables);
- a value's quotes, an array's brackets and quotes (`["BO", "EC"]` reads `BO, EC`) and a number's underscores are
  taken off; the `key = value` line otherwise stays, for the label reading;
- the lines of a nested table (`[[a.b]]` under `[[a]]`) read as one key of its project, named as the nested
  array is (`eventos = Taller, 2024-06, La Paz, 48 participantes`: a number keeps its key as its noun), so that
  the event stays within its project.
Linear in the text.
"""
from __future__ import annotations

import re

from .in_place import blanked, padded

_HEAD_CHARS = 4096
_ARRAY_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*([\w-]{1,60}(?:\.[\w-]{1,60}){0,4})[ \t]*\]\][ \t]*(?:#.*)?\r?$", re.M)
_TABLE = re.compile(r"^[ \t]*\[[ \t]*([\w-]{1,60}(?:\.[\w-]{1,60}){0,4})[ \t]*\][ \t]*(?:#.*)?\r?$")
_PAIR = re.compile(r'^([ \t]*)([\w-]{1,60})([ \t]*=[ \t]*)(.*?)[ \t]*(#[^"\']*)?\r?$')
_QUOTED_PAIR = re.compile(r'^[ \t]*[\w-]{1,60}[ \t]*=[ \t]*["\[]', re.M)
_COMMENT = re.compile(r"[ \t]*#")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_STRING = re.compile(r'"((?:[^"\\]|\\.){0,2000})"|\'([^\']{0,2000})\'')
_NUMBER = re.compile(r"[+-]?\d[\d_]{0,30}(?:\.\d[\d_]{0,30})?")


def is_toml(first_chunk: str) -> bool:
    """Whether a text opens as a TOML file: an array of tables and quoted or listed values in its head."""
    head = first_chunk[:_HEAD_CHARS]
    return bool(_ARRAY_TABLE.search(head)) and len(_QUOTED_PAIR.findall(head)) >= 3


def _value(v: str) -> str:
    """A TOML value as the text it says: a string's quotes, an array's brackets off, a number's underscores."""
    v = v.strip()
    if v[:1] == "[" and v.rstrip(",")[-1:] == "]":
        inner = v.rstrip(",")[1:-1]
        strings = [a or b for a, b in _STRING.findall(inner)]
        return ", ".join(strings) if strings else ", ".join(p.strip() for p in inner.split(",") if p.strip())
    m = _STRING.fullmatch(v)
    if m:
        return m.group(1) if m.group(1) is not None else m.group(2)
    if _NUMBER.fullmatch(v):
        return v.replace("_", "")
    return v


def _pair(line: str) -> str:
    """A `key = value` line with its value read; another line as it is."""
    body = line.rstrip("\r\n")
    m = _PAIR.match(body)
    if not m:
        return line
    return padded(body, m.group(1) + m.group(2) + m.group(3) + _value(m.group(4))) + line[len(body):]


def _nested(lines: list[str]) -> str:
    """A nested table's lines (its header first) as one `key = values` line, its key the nested array's name
    (`eventos = Taller, 2024-06, ...`): a key of its project like the others. The same length."""
    values: list[str] = []
    for line in lines[1:]:
        m = _PAIR.match(line.rstrip("\r\n"))
        if m:
            v = _value(m.group(4))
            values.append(f"{v} {m.group(2).replace('_', ' ')}" if _NUMBER.fullmatch(v) else v)
    whole = "".join(lines)
    name = _ARRAY_TABLE.match(lines[0]).group(1).rsplit(".", 1)[1]  # type: ignore[union-attr]
    one = f"{name} = " + ", ".join(v for v in values if v)
    body = whole.rstrip("\r\n")
    if len(one) > len(body):
        return whole
    return padded(body, one).replace("\n", " ").replace("\r", " ") + whole[len(body):]


def toml_as_text(text: str) -> str:
    """The file with its table headers blanked, its values read and its nested tables as lines: the same length."""
    out: list[str] = []
    arrays: set[str] = set()  # the arrays of tables opened so far
    nested: list[str] = []  # the lines of the nested table being read
    settings = False  # within a table that is no project's: the site's settings ("[site]", "[search]")

    def flush() -> None:
        if nested:
            out.append(_nested(nested))
            nested.clear()

    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        array = _ARRAY_TABLE.match(line)
        if array:
            flush()
            name = array.group(1)
            if "." in name and name.rsplit(".", 1)[0] in arrays:
                nested.append(line)
            else:
                arrays.add(name)
                settings = False
                out.append(blanked(line))
            continue
        table = _TABLE.match(line)
        if table:
            settings = table.group(1).split(".")[0] not in arrays
        if table or _COMMENT.match(line) or (settings and _PAIR.match(line.rstrip("\r\n"))):
            flush()
            out.append(blanked(line))
            continue
        if nested and _PAIR.match(line.rstrip("\r\n")):
            nested.append(line)
            continue
        flush()
        out.append(_pair(line))
    flush()
    return "".join(out)
