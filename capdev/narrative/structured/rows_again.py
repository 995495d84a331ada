"""A later sheet's row of a project an earlier sheet already gave (the same code) is that project again, not another.

An export of two sheets ("Hoja 1: proyectos", "Hoja 2: actividades relevantes") lists a project in each: its row in
the second sheet adds what the first does not give (its events), and its text is kept, unplaced, with the record
after it (every character stays in one record's spans, in order). Only a row with a code that an earlier table gave
is so read: rows with no code, or a code of their own, are records.
"""
from __future__ import annotations

from ..segment import Block
from ..types import Record


def row_again(first: Record, again: Record) -> list[Block]:
    """Add to the first record the events its row in a later sheet tells of; the row's text as blocks of no field,
    for the record after it."""
    known = {(e.start, e.country, e.participants) for e in first.activities}
    new = [e for e in again.activities if (e.start, e.country, e.participants) not in known]
    if new:
        first.activities.extend(new)
        first.flag("activities", "read from a later table's row with the project's code")
    return [Block("other_record", "heading", s.start, s.end, s.end) for s in again.spans]
