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
# A calendar's own name and description (RFC 7986 NAME and DESCRIPTION at the calendar's level, and the X-WR-
# extensions most exports write): the project a calendar is about, kept as a title line and as text.
_CALENDAR = {"X-WR-CALNAME": "Title: ", "NAME": "Title: ", "X-WR-CALDESC": ""}
# An event's dates, kept as ISO dates ("DTSTART:20240312T090000" -> "2024-03-12"): its other properties tell what
# and where, the dates when.
_WHEN = frozenset(("DTSTART", "DTEND"))
_STAMP = re.compile(r"(\d{4})(\d\d)(\d\d)(?:T\d{4,6}Z?)?[ \t]*$")
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
    key = name.group(1).upper() if name else ""
    if key in _WHEN and (stamp := _STAMP.match(body, name.end())):
        return padded(body, "-".join(stamp.groups())) + brk
    if key not in _TEXT and key not in _CALENDAR:
        return blanked(raw)
    text = _ESCAPE.sub(lambda m: _ESCAPED[m.group(1)], _FOLD.sub("", body[name.end():]))
    return padded(body, _CALENDAR.get(key, "") + text) + brk


_MARK = re.compile(r"^(BEGIN|END):VEVENT[ \t]*\r?$", re.M | re.I)


def _event_line(block: str) -> str:
    """A calendar event's properties as one line an event reader reads: what, where, when, then its description
    ("Taller de arranque (Tegucigalpa, Honduras), 2024-03-12 - 2024-03-14. Taller con 45 participantes.")."""
    props: dict[str, str] = {}
    for m in _LINE.finditer(_FOLD.sub("", block)):
        name = _NAME.match(m.group(0))
        if name and name.group(1).upper() not in props:
            value = m.group(0)[name.end():].strip()
            stamp = _STAMP.match(value)
            props[name.group(1).upper()] = "-".join(stamp.groups()) if stamp and name.group(1).upper() in _WHEN \
                else _ESCAPE.sub(lambda e: _ESCAPED[e.group(1)], value)
    when = " - ".join(props[k] for k in ("DTSTART", "DTEND") if props.get(k) and "-" in props[k])
    where = f" ({props['LOCATION']})" if props.get("LOCATION") else ""
    line = f"{props.get('SUMMARY', '')}{where}, {when}." if when else f"{props.get('SUMMARY', '')}{where}."
    return " ".join(f"{line} {props.get('DESCRIPTION', '')}".split())


def _events_in_place(original: str, read: str) -> str:
    """Each calendar event of the file as one line in its block's place (the rest of the block blanked)."""
    parts, last, begin = [], 0, None
    for m in _MARK.finditer(original):  # one pass: each BEGIN with the END that follows it before another BEGIN
        if m.group(1).upper() == "BEGIN":
            begin = m
            continue
        if begin is None:
            continue
        start, end, begin = begin.start(), m.end(), None
        line = _event_line(original[start:end])
        if len(line) >= end - start:
            continue
        parts += [read[last:start], line, blanked(original[start + len(line) : end])]
        last = end
    return "".join(parts) + read[last:] if parts else read


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
    return _events_in_place(text, "".join(out))
