"""An Org-mode file (Emacs' outline notes) read as the outline it shows, character for character in place.

Programme officers keep portfolio notes in Org: a heading per project (`** TODO Title   :tag:`), its facts in a
property drawer (`:CODE: 2023AF`), dates as timestamps (`<2025-06-10 Tue>`, `[2024-02-01]`). Read raw, the stars
and the TODO keyword stay in the title and a drawer's `:END:` reads as the project's end. Here, line by line and
in place (offsets still index the file):
- a heading's stars become a Markdown heading of its level, its TODO keyword and tags are blanked;
- a drawer's `:PROPERTIES:` and closing `:END:` lines are blanked; a property `:KEY: value` reads `KEY: value`;
- a timestamp reads as its date (`<2025-06-10 Tue>--<2025-06-12 Thu>` as `2025-06-10 - 2025-06-12`);
- a file keyword `#+TITLE:` reads as a heading, `#+DATE:` as a date line; settings (`#+STARTUP:`) are blanked;
- a checkbox's brackets and a link's target are blanked.
Linear in the text's length.
"""
from __future__ import annotations

import re

from .in_place import padded

_SIGNS = (
    re.compile(r"^#\+(?:TITLE|AUTHOR|DATE|STARTUP|OPTIONS|TODO|SEQ_TODO|FILETAGS|LANGUAGE):", re.M | re.I),
    re.compile(r"^\*+ (?:TODO|DONE|WAITING|NEXT|CANCELLED|CANCELED|HOLD)\b", re.M),
    re.compile(r"^[ \t]*:PROPERTIES:[ \t]*$", re.M),
    re.compile(r"^\*+ .{1,200}?[ \t]+:[\w@#%]+(?::[\w@#%]+)*:[ \t]*$", re.M),
    re.compile(r"^[ \t]*(?:SCHEDULED|DEADLINE|CLOSED):[ \t]*[<\[]\d{4}-\d\d-\d\d", re.M),
)
_HEAD_CHARS = 4096
_KEYWORDS = {"TODO", "DONE", "WAITING", "NEXT", "CANCELLED", "CANCELED", "HOLD", "STARTED", "DELEGATED", "SOMEDAY"}
_DECLARED = re.compile(r"^#\+(?:SEQ_|TYP_)?TODO:(.*)$", re.M | re.I)
_HEADING = re.compile(r"^(\*+)[ \t]+(\S+)?")
_TAGS = re.compile(r"[ \t]+:[\w@#%]+(?::[\w@#%]+)*:[ \t]*$")
_PRIORITY = re.compile(r"\[#[A-C]\][ \t]*")
_DRAWER = re.compile(r"^[ \t]*:(?:PROPERTIES|END|LOGBOOK):[ \t]*\r?$", re.I)
_PROPERTY = re.compile(r"^([ \t]*):([\w-]{1,40}):")
_FILE_KEY = re.compile(r"^#\+(\w{1,30}):[ \t]?")
_STAMP = re.compile(r"[<\[](\d{4}-\d\d-\d\d)(?: [^\]>\n]{0,30})?[>\]]")
_STAMP_RANGE = re.compile(r"(" + _STAMP.pattern + r")--(" + _STAMP.pattern + r")")
_CHECKBOX = re.compile(r"^([ \t]*[-+*] )\[[ Xx-]\] ")
_LINK = re.compile(r"\[\[([^\]\n]{1,500})\](?:\[([^\]\n]{1,300})\])?\]")


def is_org(first_chunk: str) -> bool:
    """Whether a text opens as an Org-mode file: two different signs of it in its first characters."""
    head = first_chunk[:_HEAD_CHARS]
    return sum(1 for sign in _SIGNS if sign.search(head)) >= 2


def _stamps(line: str) -> str:
    line = _STAMP_RANGE.sub(lambda m: padded(m.group(0), f"{m.group(2)} - {m.group(4)}"), line)
    return _STAMP.sub(lambda m: padded(m.group(0), m.group(1)), line)


def _link(m: re.Match) -> str:
    target, shown = m.group(1), m.group(2)
    if shown is None:
        return " " * len(m.group(0)) if target.startswith(("file:", "id:", "#", "*")) else padded(m.group(0), target)
    return " " * (len(target) + 4) + shown + "  "


def org_as_text(text: str) -> str:
    """The outline an Org file shows, in place: the same length (see the module's docstring)."""
    keywords = set(_KEYWORDS)
    for m in _DECLARED.finditer(text):
        keywords |= {w.split("(")[0] for w in m.group(1).split() if w != "|"}
    out: list[str] = []
    for line in text.split("\n"):
        if (h := _HEADING.match(line)) is not None:
            stars = h.group(1)
            line = "#" * len(stars) + line[len(stars):]
            if h.group(2) in keywords:
                line = line[:h.start(2)] + " " * len(h.group(2)) + line[h.end(2):]
            line = _PRIORITY.sub(lambda m: " " * len(m.group(0)), line)
            line = _TAGS.sub(lambda m: " " * len(m.group(0)), line)
        elif _DRAWER.match(line):
            line = "".join(" " if c != "\r" else c for c in line)
        elif (p := _PROPERTY.match(line)) is not None:
            line = padded(line, p.group(1) + p.group(2) + ":" + line[p.end():])
        elif (k := _FILE_KEY.match(line)) is not None:
            key = k.group(1).upper()
            value = line[k.end():]
            if key == "TITLE":
                line = padded(line, "# " + value)
            elif key == "DATE":
                line = padded(line, "Date: " + value)
            else:  # the author, the file's settings: no fact of a project
                line = " " * len(line)
        else:
            line = _CHECKBOX.sub(lambda m: m.group(1) + "    ", line)
        out.append(_LINK.sub(_link, _stamps(line)))
    return "\n".join(out)
