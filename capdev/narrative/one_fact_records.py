"""A stretch that states one fact at most (a heading alone, a memo's reference, a sheet's name) is no project's
record when the file holds records that state more: its text is kept, unplaced and flagged, with the record after
it (or, at the file's end, the one before it).

Measured on the blind corpora before it was written: of the parsed records stating at most one of a project's
facts (its title, code, period, status, countries, SDGs, budget, partners, funding, events), none was a labelled
record, in any file; all were records beyond a file's labelled count (counted wrong).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .types import Record, Span

_REASON = "a stretch stating one fact at most (a heading, a reference), no project of its own: kept here, unplaced"


def facts(record: Record) -> int:
    """How many of a project's facts a record states."""
    return sum(1 for value in (record.title.strip(), record.code, record.start or record.end, record.status,
                               record.countries or record.regions, record.sdgs, record.budgets,
                               record.partners or record.funding_source, record.activities) if value)


def _absorb(target: Record, stray: Record) -> None:
    """The stray's text goes with the target: its spans (its one value's now unplaced), its value, narrative and
    what it left unplaced among the target's unplaced pieces, its flags on personal data; nothing it left in the
    source only (a contact's e-mail) is copied out."""
    placed = {"title", "code"}
    target.spans.extend(Span("unparsed" if s.field in placed else s.field, s.start, s.end) for s in stray.spans)
    target.spans.sort(key=lambda s: s.start)
    texts = (stray.title, stray.code or "", stray.summary, stray.objective, stray.background, *stray.unparsed)
    target.unparsed.extend(t.strip() for t in texts if t and t.strip())
    for flag in stray.flags:
        if flag.field in ("contact", "background") and "personal data" in flag.reason:
            target.flag(flag.field, flag.reason)
    target.flag("unparsed", _REASON)


def fold_one_fact(records: Iterable[Record]) -> Iterator[Record]:
    """The records, those stating one fact at most folded into a neighbour; every one kept when none states
    more. One record is held back at a time."""
    held: Record | None = None
    early: list[Record] = []  # one-fact records before the first record that states more
    for record in records:
        if facts(record) <= 1:
            if held is not None:
                _absorb(held, record)
            else:
                early.append(record)
            continue
        for stray in early:
            _absorb(record, stray)
        early = []
        if held is not None:
            yield held
        held = record
    if held is not None:
        yield held
    else:
        yield from early
