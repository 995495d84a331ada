"""A country written as a heading above the records under it ("KENYA", "[Marker – Haïti]" then "HAÏTI", "## Sénégal").

Where the segmenter leaves such a heading at the end of the record before it (the record's last lines, after its
facts), it is no country that record serves: it is taken out of the record's countries unless the record names it
elsewhere, and the records after it that name no country of their own get it, flagged, as a reviewer should confirm.
A heading is lines that name one country and nothing else but a marker's words, one of them the country's name alone.
"""
from __future__ import annotations

import re

from .types import Record

_TAIL_FIELDS = frozenset({"background", "unparsed", "heading", "narrative"})
_SKIPPED = frozenset({"chrome", "blank"})
_MAX_LINES = 3
_MAX_WORDS = 6
_EDGES = " \t#*_[]()|:-–—•·>"
REASON = "the country of the heading above the record (no country of the record's own)"
DROPPED = "{} named only in the heading of the next record: not a country served"


def _tail_span(record: Record):
    for span in sorted(record.spans, key=lambda s: s.start, reverse=True):
        if span.field in _SKIPPED:
            continue
        return span if span.field in _TAIL_FIELDS else None
    return None


def tail_country(record: Record) -> str | None:
    """The country of a heading the record ends with (the next record's heading), or None."""
    from .values.places import find_countries, resolve_country

    span = _tail_span(record)
    if span is None:
        return None
    text = record.text[span.start - record.offset : span.end - record.offset]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or len(lines) > _MAX_LINES or any(len(line.split()) > _MAX_WORDS for line in lines):
        return None
    codes: set[str] = set()
    bare = False
    for line in lines:
        found = find_countries(line)
        if len(found) != 1:
            return None
        codes.add(found[0].iso3)
        bare = bare or resolve_country(line.strip(_EDGES)) == found[0].iso3
    return codes.pop() if bare and len(codes) == 1 else None


def head_heading_country(record: Record) -> str | None:
    """The country of a heading right above the record's first value ("KENYA", "## Bolivia"), or None."""
    from .values.places import resolve_country

    for span in sorted(record.spans, key=lambda s: s.start):
        if span.field in _SKIPPED:
            continue
        if span.field not in _TAIL_FIELDS:
            return None
        lines = [line for line in record.text[span.start - record.offset : span.end - record.offset].splitlines()
                 if line.strip()]
        if not lines or len(lines[-1].split()) > _MAX_WORDS:
            return None
        return resolve_country(lines[-1].strip(_EDGES))
    return None


def drop_tail_country(record: Record, iso3: str) -> None:
    """Take the heading's country out of the record's countries read from its text, where nothing else names it."""
    from .values.places import find_countries, find_demonyms

    if iso3 not in record.countries or not any(f.field == "countries" for f in record.flags):
        return  # a labelled country list (never flagged) stays as written
    span = _tail_span(record)
    lo, hi = span.start - record.offset, span.end - record.offset
    rest = record.text[:lo] + " " * (hi - lo) + record.text[hi:]
    if any(c.iso3 == iso3 for c in find_countries(rest) + find_demonyms(rest)):
        return
    if re.search(r"(?<![\w-])" + re.escape(iso3) + r"(?![\w-])", rest):
        return
    record.countries = [c for c in record.countries if c != iso3]
    record.flag("countries", DROPPED.format(iso3))


def lend_heading_country(record: Record, iso3: str | None) -> bool:
    """Give the heading's country to a record that names none; whether it was given."""
    from .page_head import pays
    from .values.suggest_countries import give_way  # a country suggested from the record's own text gives way

    if iso3 and not record.regions and not record.region and not pays(record, iso3) and give_way(record):
        record.countries = [iso3]
        record.flag("countries", REASON)
        return True
    return False
