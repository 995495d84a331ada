"""Round 19: slash dates month first in a document that writes them so (US-made exports and reports).

Day first stays the default ("7/1/2026" is 7 January); a document that says it writes the month first ("dates
shown M/D/YYYY") or whose own slash dates can only be read so ("11/30/2026") and never the other way has its
ambiguous dates read month first. The order holds for that document only."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.date_order import month_first, writes_month_first

_RECORD = """Project title: Municipal Records Digitisation
Project code: MRD-07
Start date: 7/1/2026
End date: 6/3/2028
Country: Ghana
Budget: USD 250,000
"""


def _dates(text: str) -> tuple[str, str]:
    record = parse_text(text)[0]
    return str(record.start), str(record.end)


def test_day_first_by_default():
    assert _dates(_RECORD) == ("2026-01-07", "2028-03-06")


@pytest.mark.parametrize("head", [
    "Portfolio report. Dates shown M/D/YYYY.\n\n",
    "Export du 12 novembre 2026 (format des dates : MM/DD/YYYY)\n\n",
    "Run date: 11/30/2026 9:12 AM\n\n",
    "Informe generado el 12/24/2026\n\n",
])
def test_a_document_that_writes_the_month_first(head):
    assert _dates(head + _RECORD) == ("2026-07-01", "2028-06-03")


@pytest.mark.parametrize("head", [
    "Run date: 30/11/2026\n\n",                      # only day first is possible: day first
    "Printed 11/30/2026, revised 30/11/2026\n\n",     # both orders shown: the default
    "Run date: 11.30.2026\n\n",                       # dots are no US slash dates
])
def test_otherwise_the_default_holds(head):
    assert _dates(head + _RECORD) == ("2026-01-07", "2028-03-06")


def test_the_order_holds_for_its_document_only():
    assert _dates("Dates shown M/D/YYYY.\n\n" + _RECORD) == ("2026-07-01", "2028-06-03")
    assert not month_first()
    assert _dates(_RECORD) == ("2026-01-07", "2028-03-06")  # the same record's text in another document


def test_what_shows_the_order():
    assert writes_month_first("Date: 12/31/2025") and not writes_month_first("Date: 31/12/2025")
    assert not writes_month_first("Date: 1/2/2025 and 3/4/2025")


def test_kept_results_are_kept_apart_by_order():
    # A reader's kept result for a text read day first is never the one for the same text read month first (two
    # documents read at once in two threads), and the other way round.
    from capdev.narrative.text_cache import MONTH_FIRST
    from capdev.narrative.values.dates import find_dates

    text = "Start date: 7/1/2026"
    assert find_dates(text)[0].range.start.iso() == "2026-01-07"
    token = MONTH_FIRST.set(True)
    try:
        assert find_dates(text)[0].range.start.iso() == "2026-07-01"
    finally:
        MONTH_FIRST.reset(token)
    assert find_dates(text)[0].range.start.iso() == "2026-01-07"
