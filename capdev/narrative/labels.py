"""The label table (data/labels.json) and matching of labels and project-code headers at the start of a line."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LABELS_FILE = Path(__file__).with_name("data") / "labels.json"

_LEAD = r"[ \t]*(?:[*_#>]+[ \t]*)?"  # markdown-ish decoration some exports put before a label
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"


@dataclass(frozen=True)
class FieldSpec:
    """How a field's value is laid out and what role it plays in finding record boundaries."""

    name: str
    shape: str = "short"  # prose | list | short
    family: str = ""  # head | opening | closing | ""
    repeatable: bool = False


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a line; offsets are within the line."""

    field: str
    label: str  # the label as written
    start: int  # where the label text begins
    end: int  # just after the label (and its colon, if any)
    value_start: int  # where the value begins on this line (== len(line) when none)
    colon: bool
    number: int | None = None
    modifiers: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class HeaderMatch:
    """A project-code header line ("ZAI/08/001: Title"); offsets are within the line."""

    code: str
    code_start: int
    code_end: int
    title: str
    title_start: int


@dataclass(frozen=True)
class LabelTable:
    """The compiled label table."""

    fields: dict[str, FieldSpec]
    label_re: re.Pattern[str]
    numbered_re: re.Pattern[str]
    header_res: tuple[re.Pattern[str], ...]
    by_spelling: dict[str, tuple[str, dict[str, Any]]]
    numbered: dict[str, str]

    def spec(self, name: str) -> FieldSpec:
        """The layout of a field, with defaults for fields the table does not describe."""
        return self.fields.get(name) or FieldSpec(name)


def _norm(label: str) -> str:
    return re.sub(r"\s+", " ", re.sub(rf"\s*([/()\[\]{_DASHES}])\s*", r"\1", label.strip().lower()))


def _pattern(spelling: str) -> str:
    """A tolerant regex for one spelling: any case, any spacing around '/', '(' and dashes."""
    out = []
    for ch in spelling.strip():
        if ch.isspace():
            if not out or out[-1] != r"[ \t]+":
                out.append(r"[ \t]+")
        elif ch in "/()[]":
            out.append(rf"[ \t]*{re.escape(ch)}[ \t]*")
        elif ch in _DASHES:
            out.append(rf"[ \t]*[{_DASHES}]?[ \t]*")
        else:
            out.append(re.escape(ch))
    return "".join(out).replace(r"[ \t]+[ \t]*", r"[ \t]*").replace(r"[ \t]*[ \t]+", r"[ \t]*")


def _alternation(spellings: list[str]) -> str:
    # Longest first, so that "Objective/Purpose of Project" wins over "Objective".
    return "|".join(_pattern(s) for s in sorted(set(spellings), key=len, reverse=True))


def build_table(data: dict[str, Any]) -> LabelTable:
    """Compile a label table from its JSON form (see data/labels.json)."""
    fields = {
        name: FieldSpec(name, spec.get("shape", "short"), spec.get("family", ""), bool(spec.get("repeatable")))
        for name, spec in data.get("fields", {}).items()
    }
    by_spelling: dict[str, tuple[str, dict[str, Any]]] = {}
    for spelling, target in data.get("labels", {}).items():
        if isinstance(target, str):
            by_spelling[_norm(spelling)] = (target, {})
        else:
            mods = {k: v for k, v in target.items() if k != "field"}
            by_spelling[_norm(spelling)] = (target["field"], mods)
    numbered = {_norm(k): v for k, v in data.get("numbered_labels", {}).items()}
    label_re = re.compile(
        rf"^{_LEAD}(?P<label>{_alternation(list(data.get('labels', {})))})(?P<after>[ \t]*[*_]*[ \t]*)"
        r"(?:(?P<colon>[:\uff1a])|(?=[*_ \t]*$))",
        re.IGNORECASE,
    )
    numbered_re = re.compile(
        rf"^{_LEAD}(?P<label>(?P<name>{_alternation(list(data.get('numbered_labels', {})))})[ \t]*(?P<num>\d{{1,2}}))"
        rf"(?P<after>[ \t]*[*_]*[ \t]*)(?:(?P<colon>[:\uff1a]|\.(?=[ \t])|[ \t][{_DASHES}](?=[ \t]))|(?=[*_ \t]*$))",
        re.IGNORECASE,
    )
    header_res = []
    for pat in data.get("code_patterns", []):
        code = rf"(?P<code>{pat})"
        header_res.append(re.compile(rf"^[ \t]*{code}[ \t]*(?::|[ \t][{_DASHES}](?=[ \t])|$)"))
        # A code followed directly by a capitalised title ("INT-08-X01 Title") only for codes with separators.
        if "/" in pat or "-" in pat:
            header_res.append(re.compile(rf"^[ \t]*{code}[ \t]+(?=[A-Z\u201c\"])"))
    return LabelTable(fields, label_re, numbered_re, tuple(header_res), by_spelling, numbered)


@lru_cache(maxsize=1)
def default_table() -> LabelTable:
    """The label table shipped in data/labels.json."""
    return build_table(json.loads(LABELS_FILE.read_text(encoding="utf-8")))


def _value_start(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t*_":
        pos += 1
    return pos


def match_label(line: str, table: LabelTable | None = None) -> LabelMatch | None:
    """The label that opens this line (one line, without its line break), or None."""
    table = table or default_table()
    m = table.numbered_re.match(line)
    if m:
        target = table.numbered.get(_norm(m.group("name")))
        if target:
            end = m.end()
            return LabelMatch(
                target, m.group("label"), m.start("label"), end, _value_start(line, end),
                bool(m.group("colon")), int(m.group("num")),
            )
    m = table.label_re.match(line)
    if not m:
        return None
    target, mods = table.by_spelling.get(_norm(m.group("label")), (None, {}))
    if target is None:
        return None
    end = m.end()
    return LabelMatch(target, m.group("label"), m.start("label"), end, _value_start(line, end), bool(m.group("colon")),
                      None, dict(mods))


def match_header(line: str, table: LabelTable | None = None) -> HeaderMatch | None:
    """A project-code header ("ROA 206-8: Title", "1819C - Title", "DA1617B:") at the start of the line, or None."""
    table = table or default_table()
    if len(line) > 300:
        return None
    for rx in table.header_res:
        m = rx.match(line)
        if m:
            title_start = _value_start(line, m.end())
            title = line[title_start:].strip().strip("*_").strip()
            return HeaderMatch(m.group("code"), m.start("code"), m.end("code"), title, title_start)
    return None
