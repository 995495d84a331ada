"""The country a page serves, said once in its head, for the records under it that name none.

A country programme's factsheet or a country office's page says whom it serves in its head ("UNDP supports the
Government of the Lao People's Democratic Republic in ...") and then lists its projects, each without a country of
its own. The head is the text of the first record before its first labelled value (a code, a status, a period).
Only a head that names exactly one country served, by the same cues a record's sentences are read with, lends it,
and only to records with no country and no region: flagged, as a reviewer should confirm it.
"""
from __future__ import annotations

from .types import Record

# The page's lines before the first labelled value: where a page's intro is read as the first record's summary
# (and a heading as its title), the record has that country already; the others borrow it.
_AROUND = frozenset({"chrome", "unparsed", "heading", "title", "summary"})
REASON = "the country the page's head says it serves (no country of the record's own)"


def head_country(record: Record) -> str | None:
    """The one country the text before the first record's first value says is served; None otherwise."""
    from .values.prose_facts import read_served

    head: list[str] = []
    for span in sorted(record.spans, key=lambda s: s.start):
        if span.field not in _AROUND:
            break
        head.append(record.text[span.start - record.offset : span.end - record.offset])
    if not head:
        return None
    served = read_served("".join(head))
    return served[0] if len(served) == 1 else None


def lend_country(record: Record, country: str | None) -> None:
    if country and not record.countries and not record.regions and not record.region:
        record.countries = [country]
        record.flag("countries", REASON)
