"""A vCard or iCalendar file (a contacts directory, a calendar export) read as the text its properties hold, in place.

Focal points' directories and calendars carry a project's facts in a text property (`NOTE:`, `DESCRIPTION:`),
written with RFC 6350 / RFC 5545 escapes: a line break as `\\n`, a comma as `\\,`, a semicolon as `\\;`, and long
lines folded (a line break then one space or tab continues the line). Read raw, a note's facts sit on one line
("Status: ongoing\\, Apr 2025\\nBudget ..."), so its title, status and lists run together. Here each property is
unfolded and its escapes decoded; what it loses in length is padded with spaces at its end, so that the text keeps
the file's length and offsets still index the file (as the other readers in place do). Linear in the text.
"""
from __future__ import annotations

import re

from .in_place import blanked, padded

_HEAD_CHARS = 4096
_BEGIN = re.compile(r"^BEGIN:(?:VCARD|VCALENDAR|VEVENT|VTODO|VJOURNAL)[ \t]*\r?$", re.M | re.I)
_VERSION = re.compile(r"^(?:VERSION|PRODID|END|FN|SUMMARY|DTSTART)[;:]", re.M | re.I)
_OPEN = re.compile(r"BEGIN:[\w-]{1,40}[ \t]*(?:\r\n|\r|\n|$)", re.I)
_END = re.compile(r"END:[\w-]{1,40}[ \t]*(?:\r\n|\r|\n|$)", re.I)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FOLD = re.compile(r"(?:\r\n|\r|\n)[ \t]")
_ESCAPE = re.compile(r"\\([nN,;:\\])")
_ESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\"}
# The properties whose value is free text a person wrote: kept. The others (names, addresses, telephones, the
# contact's organisation and post, categories, revision stamps, BEGIN/END) are the directory's, not a project's:
# blanked, so that a card reads as its notes and cards stand apart as blocks.
_TEXT = frozenset(("NOTE", "DESCRIPTION", "SUMMARY", "COMMENT", "LOCATION"))
_NAME = re.compile(r"^(?:[\w-]{1,60}\.)?([\w-]{1,60})(?:;(?:[^:\"\r\n]|\"[^\"\r\n]*\"){0,300})?:")


def is_vcard(first_chunk: str) -> bool:
    """Whether a text opens as a vCard or iCalendar file: a BEGIN line and another property of one in its head."""
    head = first_chunk[:_HEAD_CHARS]
    return bool(_BEGIN.search(head) and _VERSION.search(head))


def _property(raw: str) -> str:
    """One property (its folded lines with their line breaks, the last one's break kept) unfolded and decoded."""
    end = len(raw) - len(raw.rstrip("\r\n"))
    body, brk = raw[:len(raw) - end], raw[len(raw) - end:]
    name = _NAME.match(body)
    if not name or name.group(1).upper() not in _TEXT:
        return blanked(raw)
    text = _ESCAPE.sub(lambda m: _ESCAPED[m.group(1)], _FOLD.sub("", body[name.end():]))
    return padded(body, text) + brk


def vcard_as_text(text: str) -> str:
    """The file with each property unfolded and its escaped characters read: the same length. Lines outside a
    BEGIN ... END object (a note above the export) are kept as they are."""
    out: list[str] = []
    current: list[str] = []
    depth = 0  # objects open (a VEVENT inside a VCALENDAR)

    def flush() -> None:
        if current:
            out.append(_property("".join(current)) if depth or _END.match(current[0]) else "".join(current))
            current.clear()

    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        if current and line[:1] in " \t" and (depth or _END.match(current[0])):  # a folded line continues above
            current.append(line)
            continue
        flush()
        if _OPEN.match(line):
            depth += 1
        elif _END.match(line):
            depth = max(0, depth - 1)
        current.append(line)
    flush()
    return "".join(out)
