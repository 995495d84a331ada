"""Rows under a table's projects that are no project: an empty row of delimiters (",,,,,,"), and a table's trailer,
a row with no title that opens with a word of totals ("TOTAL USD (proyectos 1 y 2)", "Sous-total EUR", "Total
general, 2023-2025") or with a short note label ("Elaborado por: ...", "Source : ...", "Prepared by: ...").

A spreadsheet saved as CSV keeps such rows under its projects: read as projects they made records with no title
whose code was a sentence. A row with a title of its own is always a project (a title "Total quality management"
included); the test needs the title column, and the row's first filled cell at or before it (a cell wrapped under a
later column, "Socio: INAP", goes on the project above).
"""
from __future__ import annotations

import re

from .column_names import _key, _totals

# A note's label: one to three words and a colon, then its text ("Elaborado por:", "Source :", "N.B.:").
_NOTE = re.compile(r"^\s*[^\W\d_][\w.'’-]*(?:\s+[\w.'’-]+){0,2}\s*:\s+\S", re.UNICODE)


def is_empty_row(values: list[str]) -> bool:
    """Does the row hold nothing but its delimiters?"""
    return not any(v.strip() for v in values)


def _opens_with_total(value: str) -> bool:
    words = _key(re.sub(r"[*_:`()\[\]]+", " ", value)).replace("-", " ").split()
    totals = _totals()
    return any(" ".join(words[:n]) in totals or "-".join(words[:n]) in totals for n in (1, 2, 3))


def is_trailer_row(values: list[str], fields: list[str | None]) -> bool:
    """With a title column, a row whose title cell is empty and whose first filled cell opens with a word of totals
    or a note's label ("Elaborado por: ...")."""
    titles = [k for k, f in enumerate(fields) if f == "title"]
    if not titles or any(values[k].strip() for k in titles if k < len(values)):
        return False
    filled = next((k for k, v in enumerate(values) if v.strip()), None)
    if filled is None or filled > titles[0]:
        return False  # a cell wrapped under a later column ("Socio: INAP" under the partners): the row above's
    first = values[filled]
    return _opens_with_total(first) or bool(_NOTE.match(first) and len(first.split()) >= 3)
