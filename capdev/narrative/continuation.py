"""Whether a line goes on with the value of the label above it: a short value that wraps (a PDF's or a page's
line breaks inside a name or a title), a list of values on lines of their own, or prose that is no more of it."""
from __future__ import annotations

import re

from .blocks import Block
from .labels import LabelTable, value_has_type
from .lines import Line
from .values.role_cues import ends_cut_short

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\u00c0-\u00de]")
_SHORT_LINE = 80  # characters: longer lines after a short field are prose, not more of its value
_PROSE_WORDS = 8  # a line of this many words ending with a full stop is a sentence
# A line that plainly breaks off: a joiner, or a preposition or article a title or name cannot end with.
_JOINER_END = re.compile(
    r"(?:[,;&/\u2013\u2014-]|\b(?:and|or|et|ou|in|of|for|the|to|on|at|with|de|du|des|la|le|les|pour|en|au|aux|"
    r"par|sur|dans|del|el|los|las|para|por|con))\s*$",
    re.IGNORECASE)
# A line that goes on from the one above: it opens with a small letter or a bracket ("de la décentralisation ...",
# "(PBF)"), which no label, title or sentence does.
_WRAPPED_START = re.compile(r"^[ \t]*(?:[a-z\u00df-\u00ff]|\()")
# A code, a date, an amount or a status is whole on its line: what follows is not more of it.
_ATOMIC = frozenset({"code", "dates", "money", "status", "number"})


# "date: 2026-03-10", "author: ...": a key of a page's YAML front matter or of an export, a word in small letters or
# words joined by "_" before a colon.
_KEY_LINE = re.compile(r"^[ \t]*[a-z][a-z0-9]*(?:_[a-z0-9]+)*[ \t]*:(?:[ \t]|$)")


def next_key(block: Block, ln: Line) -> bool:
    """Under a key written in small letters ("tags: [...]", "start_date: 2024-02"), is this line the next key,
    whether the label table knows it or not? Then it is no more of the value above it."""
    return bool(block.label and block.label.label[:1].islower() and _KEY_LINE.match(ln.text))


def is_short(line: str) -> bool:
    """A line that can be one more value of a short field (a name, a number), not a sentence."""
    line = line.strip()
    if len(line) > _SHORT_LINE or _SENTENCE_BREAK.search(line):
        return False
    return not (line.endswith(".") and len(line.split()) >= _PROSE_WORDS)


def wraps(block: Block, ln: Line, kind: str) -> bool:
    """Does a short value given on its label's line go on onto this line? When its line plainly breaks off
    ("Partners: UNDP, UNICEF,"), or, for a value that is no code, date, amount or status, when this line opens
    with a small letter or a bracket, or is indented to where the value began (two columns copied from a PDF)."""
    if block.blank_seen or next_key(block, ln):
        return False
    return bool(_JOINER_END.search(block.last_text) or ends_cut_short(block.last_text)) or kind not in _ATOMIC and bool(
        _WRAPPED_START.match(ln.text) or _in_value_column(block, ln))  # "... of Politics and Public" / "Administration"


def _in_value_column(block: Block, ln: Line) -> bool:
    column = block.value_start - block.start
    indent = len(ln.text) - len(ln.text.lstrip(" "))
    return column >= 8 and indent == column and block.last_text[:column].strip() != ""


def value_goes_on(blk: Block | None, ln: Line, table: LabelTable) -> bool:
    """Is this line more of the value above it: a short value that wraps onto it ("UN DESA, Division for ... and" /
    "Digital Government (DPIDG)"), or one more value of a bare label's list ("PAÍSES" / "Argentina" / "Uruguay":
    a value of the label's type, under values on lines of their own with no blank line between)? Then it is no
    title line, even right before the next label."""
    if blk is None or blk.kind != "label" or blk.blank_seen:
        return False
    kind = table.spec(blk.field).value
    if blk.value_on_label_line:
        return table.spec(blk.field).shape == "short" and wraps(blk, ln, kind)
    return bool(kind) and blk.continuation_lines > 0 and value_has_type(kind, ln.text, table)


_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")


def unwrap(value: str) -> str:
    """A value with its wrapped line breaks joined: where a line breaks off (a joiner, a preposition) or the next
    opens with a small letter or a bracket. Other line breaks (one name per line) are kept."""
    out: list[str] = []
    pos = 0
    for m in _LINE_BREAK.finditer(value):
        line, rest = value[pos : m.start()], value[m.end() : m.end() + 2]
        joined = _JOINER_END.search(line) and not line.rstrip().endswith((",", ";")) or _WRAPPED_START.match(rest)
        out.append(line + (" " if joined or ends_cut_short(line) else "\n"))  # "... and Public" / "Administration"
        pos = m.end()
    out.append(value[pos:])
    return "".join(out)


def runs_on(text: str, below: str) -> bool:
    """Does a line run on into the line right below it as a sentence, not a title wrapped: it leaves a bracket open
    ("... pour une durée de trois ans (fin" / "prévue le ..."), or it tells a clause after a comma and the line below
    goes on with a small letter ("Started in 2021, the project helps ... share" / "data at ..."), or is as long as
    a sentence ("Le projet est financé par l'Union européenne ... mis en œuvre par" / "l'Observatoire ...")?"""
    if text.count("(") > text.count(")"):
        return True
    # A clause that breaks off on a joiner runs on whatever the line below opens with ("El FORSEC, financiado por
    # la Unión Europea, apoya a las oficinas ... de" / "Guatemala, Honduras y ...").
    opens = bool(_WRAPPED_START.match(below)) or bool(_JOINER_END.search(text) and _CLAUSE.search(text))
    return bool(opens and below.strip()) and (bool(_CLAUSE.search(text)) or len(text.split()) >= _SENTENCE_WORDS)


_SENTENCE_WORDS = 18  # a line this long that runs on with a small letter is a sentence wrapped, not a title
_CLAUSE = re.compile(r",\s+[a-z\u00df-\u00ff]")
