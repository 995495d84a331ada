"""A stretch that states one fact at most, a title and no code or event (a heading alone, a sheet's name, a
storyboard's last row), is no project's record when the file holds records that state more: its text is kept,
unplaced and flagged, with the record after it (or, at the file's end, the one before it).

Measured on the blind corpora before it was written: of the parsed records stating at most one of a project's
facts (its title, code, period, status, countries, SDGs, budget, partners, funding, events), none was a labelled
record, in any file; all were records beyond a file's labelled count (counted wrong).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .types import Record, Span

_REASON = "a stretch stating one fact at most (a heading, a sheet's name), no project of its own: kept here, unplaced"


def facts(record: Record) -> int:
    """How many of a project's facts a record states."""
    return sum(1 for value in (record.title.strip(), record.code, record.start or record.end, record.status,
                               record.countries or record.regions, record.sdgs, record.budgets,
                               record.partners or record.funding_source, record.activities) if value)


def foldable(record: Record) -> bool:
    """A title at most, and no code or event: a code or an event table is evidence of a record of its own (a
    labelled "Código:" over a contact's name, an activity table naming a project no table gave)."""
    return facts(record) <= 1 and not record.code and not record.activities


# Spans that hold no value of a field: page furniture, and contacts left in the source only (personal data).
_KEPT_AS_THEY_ARE = frozenset({"contact", "chrome", "blank", "heading", "other_record"})


def _absorb(target: Record, stray: Record) -> None:
    """The stray's text goes with the target, unplaced: its spans become the target's (its values' spans now
    unplaced), its flags on personal data too; a contact left in the source only stays so."""
    target.spans.extend(Span(s.field if s.field in _KEPT_AS_THEY_ARE else "unparsed", s.start, s.end)
                        for s in stray.spans)
    target.spans.sort(key=lambda s: s.start)
    # A record is one stretch of the text: the stray's is right before or right after the target's.
    if stray.offset < target.offset:
        target.text, target.offset = stray.text + target.text, stray.offset
    else:
        target.text += stray.text
    # What is unplaced is what the unplaced spans hold, in their order.
    target.unparsed = [piece for piece in (target.text[s.start - target.offset : s.end - target.offset].strip()
                                           for s in target.spans if s.field == "unparsed") if piece]
    for flag in stray.flags:
        if flag.field in ("contact", "background") and "personal data" in flag.reason:
            target.flag(flag.field, flag.reason)
    target.flag("unparsed", _REASON)


def fold_one_fact(records: Iterable[Record]) -> Iterator[Record]:
    """The records, a one-fact stretch between or beside records that state more folded into one of them (the
    record before it, else the one after it). Two or more one-fact stretches in a row are records (a list of
    titles): kept as they are. Two records are held back at most."""
    held: Record | None = None  # the last record stating more, not yet handed on
    stray: Record | None = None  # a one-fact record waiting for what follows it
    run = False  # inside a run of one-fact records
    for record in records:
        if foldable(record):
            if run:
                yield record
            elif stray is not None:
                if held is not None:
                    yield held
                    held = None
                yield stray
                yield record
                stray, run = None, True
            else:
                stray = record
            continue
        run = False
        if stray is not None:
            _absorb(held if held is not None else record, stray)
            stray = None
        if held is not None:
            yield held
        held = record
    if stray is not None and held is not None:
        _absorb(held, stray)
    elif stray is not None:
        yield stray
    if held is not None:
        yield held
