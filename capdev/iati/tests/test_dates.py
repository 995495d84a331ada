"""One reading of IATI dates and date-times (capdev.iati.dates) for the reader and the rulesets."""
import datetime as dt

import pytest
from lxml import etree

from capdev.iati import dates, reader, rulesets

UTC = dt.timezone.utc


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-05-06T10:11:12Z", dt.datetime(2020, 5, 6, 10, 11, 12, tzinfo=UTC)),
    ("2020-05-06T10:11:12", dt.datetime(2020, 5, 6, 10, 11, 12, tzinfo=UTC)),  # no zone: UTC
    ("2020-05-06T10:11:12.345+02:00", dt.datetime(2020, 5, 6, 8, 11, 12, tzinfo=UTC)),
    (" 2020-05-06T10:11:12-05:30 ", dt.datetime(2020, 5, 6, 15, 41, 12, tzinfo=UTC)),
    # xsd:dateTime writes the zone with a colon: without one it is not a date-time, only a date
    ("2020-05-06T10:11:12+0200", dt.datetime(2020, 5, 6, tzinfo=UTC)),
    ("2020-05-06", dt.datetime(2020, 5, 6, tzinfo=UTC)),
    ("2020-05-06T24:00:00Z", None),  # the schema allows it, Python does not read it
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_parse_datetime(text, expected):
    assert dates.parse_datetime(text) == expected


def test_parse_date():
    assert dates.parse_date("2020-05-06T10:00:00Z") == dt.date(2020, 5, 6)
    assert dates.parse_date(" 2020-05-06 ") == dt.date(2020, 5, 6)
    assert dates.parse_date("2020-13-01") is None
    assert dates.parse_date(None) is None


def test_the_reader_and_the_rulesets_read_with_the_same_functions():
    assert reader.parse_datetime is rulesets.parse_datetime is dates.parse_datetime
    assert reader.parse_date is rulesets.parse_date is dates.parse_date


def _activity(last_updated: str) -> etree._Element:
    return etree.fromstring(
        f'<iati-activity last-updated-datetime="{last_updated}"><iati-identifier>XM-X-1</iati-identifier>'
        '<title><narrative>T</narrative></title></iati-activity>')


def test_the_reader_reads_last_updated_by_the_one_rule(monkeypatch):
    """The reader took +0200 (no colon) as a zone before; the rulesets did not: both now read the date only.

    The schema refuses such an activity where it is at hand (shared/iati); without it the reader reads it."""
    monkeypatch.setattr(reader.Reader, "schema_errors", lambda self, element: "")
    read = reader.Reader("test.xml").read(_activity("2020-05-06T10:11:12+0200"), 0)
    assert isinstance(read, reader.ActivityData), read
    assert read.last_updated == dt.datetime(2020, 5, 6, tzinfo=UTC)
    read = reader.Reader("test.xml").read(_activity("2020-05-06T10:11:12+02:00"), 0)
    assert read.last_updated == dt.datetime(2020, 5, 6, 8, 11, 12, tzinfo=UTC)


def test_the_rulesets_compare_a_date_time_with_now_by_the_one_rule():
    checker = rulesets.Checker(now=dt.datetime(2020, 5, 6, 9, 0, tzinfo=UTC))
    found = []
    checker.fail = lambda case, node, item, text: found.append(text)
    checker._nodes = lambda node, exprs: [node]
    element = etree.fromstring("<x>2020-05-06T10:11:12+02:00</x>")  # 08:11 UTC: before now
    checker.rule_date_now({"date": "."}, element)
    assert found == []
    element = etree.fromstring("<x>2020-05-06T10:11:12Z</x>")  # after now
    checker.rule_date_now({"date": "."}, element)
    assert found == ["2020-05-06T10:11:12Z"]
