"""Whether a text the labelled reading gives as ONE record is prose with a stray label or two, to be read as prose.

A label opens a labelled record wherever it stands: a briefing's bullet "* Context: ...", a summary's heading
"RESUMEN EJECUTIVO", a press review's footer "Contact : ...". When such labels are the only ones in the whole text,
they say nothing of how many projects it holds: the labelled reading, which only cuts at labels, can find no more
than one record there. The text is then read as prose (prose_records.py) when that reading finds two records or
more, each telling of its own project (numbered sections, news items, paragraphs); otherwise the labelled record
stands. A label of a project's fact (a code, a period, a budget, a funder, a partner, a country, a status...) keeps
the labelled reading, however few: a steering committee's minutes headed "Code Atlas: ..." or "Lugar: ..." tell of
one project, whatever projects their prose mentions.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from .prose_records import prose_records
from .segment import Excerpt, RawRecord

# Labels that state no fact of a project: a section of prose, a heading over it, who to write to.
_NO_FACT = frozenset({"summary", "background", "contact"})


def labels_state_no_fact(raw: RawRecord) -> bool:
    """Are all the record's labels (one at least) of fields that state no fact of a project?"""
    fields = {b.field for b in raw.blocks if b.kind == "label"}
    return bool(fields) and fields <= _NO_FACT


def prose_instead(segments: Iterator[tuple[RawRecord, Excerpt]], read_whole: Callable[[], str | None]
                  ) -> Iterator[tuple[RawRecord, Excerpt]]:
    """The labelled reading's records, or none when the text is read as prose instead (see the module's doc).

    read_whole gives the whole text once it has all been read (None before): the check is made only when the
    first record is handed on after the end of the text, so no record is held back in a long file."""
    first = next(segments, None)
    if first is None:
        return
    whole = read_whole()
    if whole is not None and labels_state_no_fact(first[0]):
        second = next(segments, None)
        if second is None:
            if len(prose_records(whole)) > 1:
                return  # no labelled record: the caller reads the text as prose
            yield first
            return
        yield first
        yield second
    else:
        yield first
    yield from segments
