"""A bare role label ("Partners", "Partenaires", "Socios", "Donors") after a blank line, where the line before is
itself a label the table does not know ("Implementing period: 2024-2026", "Reporting officer: Finance unit"): the
fact sheet's labelled lines go on, so the bare label heads the list of bodies below it (one a line) rather than
being a word of a narrative. A bare label amid sentences stays a narrative's heading (segment.py)."""
from __future__ import annotations

import re

# "Implementing period: 2024-2026": a capitalised label of one to six words, its colon and a value; no sentence.
_LABEL_SHAPED = re.compile(r"^\s*[A-Z\u00c0-\u00de][^\s:.!?]*(?:[ \t]+[^\s:.!?]+){0,5}[ \t]*:[ \t]*\S")
_ROLE_FIELDS = frozenset({"partners"})
_MAX_LABEL_LINE = 120


def heads_a_list(field: str, blank_before: bool, previous_line: str) -> bool:
    """Does a bare label of field, after a blank line and below previous_line, head a list of bodies?"""
    return (field in _ROLE_FIELDS and blank_before and len(previous_line) <= _MAX_LABEL_LINE
            and bool(_LABEL_SHAPED.match(previous_line)))


def line_before(seg, i: int) -> str:
    """The text of the nearest non-blank line of the three before line i that the segmenter seg still holds ("" when
    none)."""
    floor = max(seg.window.base, i - 3) - 1
    return next((t for t in (seg.line(j).text for j in range(i - 1, floor, -1)) if t.strip()), "")
