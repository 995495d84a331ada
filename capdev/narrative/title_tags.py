"""A record's heading written after an item's tag (round 17): "[card #174] Institutional capacity for policy
integration in Caribbean SIDS - 2427F", "[#12] Gobierno digital municipal", "[TASK-88] Appui aux communes".
Boards, trackers and issue lists open each item with its tag in square brackets, then the item's name. Where the
record's title is missing or weak (a list's heading, a due date), the first such line of the record is proposed,
flagged, when it holds a name of three words or more that starts with a capital and is no label ("Due: ...").
Only the record's head is looked at (its first three lines with text): a tagged line further down is a sub-item's,
or, where a table's rows were cut after their tags, the next item's.
"""
from __future__ import annotations

import re

_TAGGED = re.compile(r"^[ \t]*\[[^\]\n]{1,24}\][ \t]+(?P<name>[A-ZÁÉÍÓÚÀÂÊÎÔÛÇ][^\n]{10,200}?)[ \t]*$", re.MULTILINE)
_HEAD_LINES = 3
_LABEL = re.compile(r"^[\w .'-]{1,30}:\s")  # "Due: 2027-01-15": a label and its value


def tagged_headings(text: str) -> list[str]:
    """The names written after an item's tag, in the order of the text."""
    out = []
    head = "\n".join([line for line in text.splitlines() if line.strip()][:_HEAD_LINES])
    for m in _TAGGED.finditer(head):
        name = m.group("name").strip()
        if len(name.split()) >= 3 and not _LABEL.match(name) and re.search(r"[a-záéíóú]", name):
            out.append(name)
    return out
