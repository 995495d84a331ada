"""A table's cell under a column that is no field's label (remarks, observations, comments) is kept unplaced; but
where it says the project's end was changed ("Prórroga aprobada hasta 06/2027 (nueva fecha fin)", "No-cost
extension approved until June 2027", "prolongation accordée jusqu'au 30 juin 2027"), that later end replaces the
period column's, as a labelled record's sentence would (values.changed_ends: an extension only asked for, or
another thing's, changes nothing)."""
from __future__ import annotations

from ..types import Record

__all__ = ["extended_in_remarks"]


def extended_in_remarks(rec: Record, remarks: list[str]) -> None:
    """Set the record's end to the latest later end its unplaced cells say it was extended to, flagged."""
    from ..values.changed_ends import changed_end

    if rec.end is None or not remarks:
        return
    moved = [end for end in map(changed_end, remarks) if end is not None]
    new = max(moved, default=None)
    if new is not None and new > rec.end and (rec.start is None or new > rec.start):
        rec.end = new
        rec.flag("time_frame", "the end as extended, read from a remarks cell of the table")
