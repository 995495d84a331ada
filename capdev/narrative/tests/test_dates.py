"""Dates: single expressions, Time Frame ranges and date mentions in prose."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.narrative.types import DateRange, PartialDate
from capdev.narrative.values.dates import DateMention, find_dates, parse_date, parse_date_range


def iso(r: DateRange | None) -> tuple[str | None, str | None] | None:
    if r is None:
        return None
    return (r.start.iso() if r.start else None, r.end.iso() if r.end else None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("February 2010", "2010-02"),
        ("31 December 2021", "2021-12-31"),
        ("2030", "2030"),
        ("09/2018", "2018-09"),
        ("9/2018", "2018-09"),
        ("01.10.2010", "2010-10-01"),
        ("01/10/2010", "2010-10-01"),
        ("10/25/2010", "2010-10-25"),  # only the US reading is possible
        ("25.12.2009", "2009-12-25"),
        ("Feb. 2010", "2010-02"),
        ("Feb 2010", "2010-02"),
        ("Sept. 2011", "2011-09"),
        ("February, 2010", "2010-02"),
        ("1st March 2010", "2010-03-01"),
        ("3rd of March 2010", "2010-03-03"),
        ("March 3, 2010", "2010-03-03"),
        ("March 3rd 2010", "2010-03-03"),
        ("3 mars 2010", "2010-03-03"),
        ("1er février 2012", "2012-02-01"),
        ("31 de diciembre de 2021", "2021-12-31"),
        ("diciembre de 2021", "2021-12"),
        ("août 2015", "2015-08"),
        ("2010-02", "2010-02"),
        ("2010-02-03", "2010-02-03"),
        ("  in May 2025. ", "2025-05"),
        ("DECEMBER 2009", "2009-12"),
        ("29 February 2012", "2012-02-29"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == PartialDate.from_iso(expected)
    assert parse_date(text).iso() == expected


@pytest.mark.parametrize("text", ["2024-00", "2024-00-00", "2024-01-00", "2024-00-15", "2024-13", "2024-02-30",
                                  "0000", "2024-1", "soon"])
def test_from_iso_refuses_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.from_iso(text)


@pytest.mark.parametrize("parts", [(2024, 0), (2024, 0, 0), (2024, 1, 0), (2024, 13)])
def test_a_partial_date_has_no_month_or_day_zero(parts: tuple[int, ...]) -> None:
    # Only None means "not known to the month (day)"; 0 is not a month or a day.
    with pytest.raises(ValueError):
        PartialDate(*parts)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "paragraph 72", "SDG 16", "16.6", "US$1,308,543", "1.", "31 February 2010", "29 February 2011",
     "2015-2016", "12 to 15 November 2007", "March", "tomorrow", "2200", "1850", "13/13/2010", "XBTC"],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_precision_is_kept() -> None:
    assert parse_date("2030").precision == "year"
    assert parse_date("February 2010").precision == "month"
    assert parse_date("31 December 2021").precision == "day"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("February 2010 - June 2012", ("2010-02", "2012-06")),
        ("November 2009 – December 2011", ("2009-11", "2011-12")),
        ("January 2024 — June 2027", ("2024-01", "2027-06")),
        ("February 2010-June 2012", ("2010-02", "2012-06")),
        ("Feb 2010 to Jun 2012", ("2010-02", "2012-06")),
        ("February 2010 until June 2012", ("2010-02", "2012-06")),
        ("February 2010 through June 2012", ("2010-02", "2012-06")),
        ("April 2018 - 31 December 2021", ("2018-04", "2021-12-31")),
        ("June 2006 to 2030", ("2006-06", "2030")),
        ("09/2018 - 12/2019", ("2018-09", "2019-12")),
        ("01.10.2010 - 30.09.2014", ("2010-10-01", "2014-09-30")),
        ("2015-2016", ("2015", "2016")),
        ("2015 – 2016", ("2015", "2016")),
        ("2015/2016", ("2015", "2016")),
        ("2015-16", ("2015", "2016")),
        ("2011/12", ("2011", "2012")),
        ("2010-02-01 to 2012-06-30", ("2010-02-01", "2012-06-30")),
        ("September 2010 - September 2010", ("2010-09", "2010-09")),
        ("from 2019", ("2019", None)),
        ("From March 2019", ("2019-03", None)),
        ("Since March 2019", ("2019-03", None)),
        ("Starting in June 2020", ("2020-06", None)),
        ("2020 - present", ("2020", None)),
        ("2020 – ongoing", ("2020", None)),
        ("January 2019 to date", ("2019-01", None)),
        ("2019 onwards", ("2019", None)),
        ("Until 2030", (None, "2030")),
        ("by December 2025", (None, "2025-12")),
        ("12 to 15 November 2007", ("2007-11-12", "2007-11-15")),
        ("12-15 November 2007", ("2007-11-12", "2007-11-15")),
        ("from 30 October to 2 November 2006", ("2006-10-30", "2006-11-02")),
        ("November 3 - 5, 2010", ("2010-11-03", "2010-11-05")),
        ("February - June 2012", ("2012-02", "2012-06")),
        ("December - February 2012", ("2011-12", "2012-02")),
        ("March 2010 to June", ("2010-03", "2010-06")),
        ("du 12 au 15 novembre 2007", ("2007-11-12", "2007-11-15")),
        ("janvier 2010 - juin 2012", ("2010-01", "2012-06")),
        ("de enero a junio de 2010", ("2010-01", "2010-06")),
        ("Start: February 2010; End: June 2012", ("2010-02", "2012-06")),
        ("between 2010 and 2012", ("2010", "2012")),
        ("January 2010 (24 months)", ("2010-01", "2011-12")),
        ("Starting January 2010 for 36 months", ("2010-01", "2012-12")),
        ("2010", ("2010", "2010")),
        ("September 2010", ("2010-09", "2010-09")),
        ("Time frame as revised: 1 July 2014 – 30 June 2016.", ("2014-07-01", "2016-06-30")),
    ],
)
def test_parse_date_range(text: str, expected: tuple) -> None:
    assert iso(parse_date_range(text)) == expected


def test_reversed_range_is_kept_and_flagged() -> None:
    r = parse_date_range("June 2012 - February 2010")
    assert iso(r) == ("2012-06", "2010-02")
    assert r.is_reversed


def test_same_month_range_is_not_reversed() -> None:
    assert not parse_date_range("September 2010 - September 2010").is_reversed


def test_mixed_precision_is_kept() -> None:
    r = parse_date_range("April 2018 - 31 December 2021")
    assert r.start.precision == "month" and r.end.precision == "day"


@pytest.mark.parametrize("text", ["", "   ", "TBD", "24 months", "n/a", "XBTC", "paragraph 72", "US$ 500,000"])
def test_parse_date_range_none(text: str) -> None:
    assert parse_date_range(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Workshop, 20 - 21 August 2024", [("20 - 21 August 2024", ("2024-08-20", "2024-08-21"))]),
        ("Training, 21 – 24 October 2025 in Bridgetown", [("21 – 24 October 2025", ("2025-10-21", "2025-10-24"))]),
        ("In May 2025, a regional workshop", [("May 2025", ("2025-05", "2025-05"))]),
        ("(4-5 July 2024, Freetown, Sierra Leone)", [("4-5 July 2024", ("2024-07-04", "2024-07-05"))]),
        ("held in Athens from 30 October to 2 November 2006.",
         [("30 October to 2 November 2006", ("2006-10-30", "2006-11-02"))]),
        ("Rome, from 12 to 15 November 2007,", [("12 to 15 November 2007", ("2007-11-12", "2007-11-15"))]),
        ("organized in April 2009 a workshop", [("April 2009", ("2009-04", "2009-04"))]),
        ("workshops (March 2025) for", [("March 2025", ("2025-03", "2025-03"))]),
        ("As for December 2009 two", [("December 2009", ("2009-12", "2009-12"))]),
        ("By 2026, policy makers", [("2026", ("2026", "2026"))]),
        ("the Plan (2010-2014) for", [("2010-2014", ("2010", "2014"))]),
        ("In 2008 and 2009, there", [("2008", ("2008", "2008")), ("2009", ("2009", "2009"))]),
        ("on March 3, 2010 the", [("March 3, 2010", ("2010-03-03", "2010-03-03"))]),
        ("le 3 mars 2010", [("3 mars 2010", ("2010-03-03", "2010-03-03"))]),
        ("from 2019 to 2021", [("2019 to 2021", ("2019", "2021"))]),
        ("in the 2012-13 biennium", [("2012-13", ("2012", "2013"))]),
        ("mission of 09/2018", [("09/2018", ("2018-09", "2018-09"))]),
        ("running 2020 - present in", [("2020 - present", ("2020", None))]),
        ("from 30 November - 2 December 2010,", [("30 November - 2 December 2010", ("2010-11-30", "2010-12-02"))]),
        ("November 30 - December 2, 2010", [("November 30 - December 2, 2010", ("2010-11-30", "2010-12-02"))]),
        ("a mid-2010 review", [("2010", ("2010", "2010"))]),
        ("in the 2010s", []),
        ("on 1, 2 and 3 March 2010", [("1, 2 and 3 March 2010", ("2010-03-01", "2010-03-03"))]),
        # A month's letters at the end of a word are no month: "Omar", "Ayuntamiento de Tijuana", "Summar".
        ("the Omar 2020 Fund", [("2020", ("2020", "2020"))]),
        ("Sultan Qaboos Ibn Omar 12, 2019", [("2019", ("2019", "2019"))]),
    ],
)
def test_find_dates(text: str, expected: list) -> None:
    found = find_dates(text)
    assert [(m.text, iso(m.range)) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text


def test_find_dates_list_of_days_is_one_mention() -> None:
    text = "Webinar Series, 21 and 28 February 2024; 20 and 27 March 2024. The series"
    found = find_dates(text)
    assert len(found) == 1
    m = found[0]
    assert isinstance(m, DateMention)
    assert text[m.start : m.end] == "21 and 28 February 2024; 20 and 27 March 2024"
    assert iso(m.range) == ("2024-02-21", "2024-03-27")
    assert [iso(p) for p in m.parts] == [
        ("2024-02-21", "2024-02-21"),
        ("2024-02-28", "2024-02-28"),
        ("2024-03-20", "2024-03-20"),
        ("2024-03-27", "2024-03-27"),
    ]


def test_find_dates_list_year_inherited_from_later_part() -> None:
    m = find_dates("sessions on 21 and 28 February; 20 March 2024")[0]
    assert [iso(p)[0] for p in m.parts] == ["2024-02-21", "2024-02-28", "2024-03-20"]


def test_find_dates_list_across_year_end() -> None:
    m = find_dates("on 14 December; 11 January 2011")[0]
    assert iso(m.range) == ("2010-12-14", "2011-01-11")


def test_find_dates_range_has_itself_as_part() -> None:
    m = find_dates("20 - 21 August 2024")[0]
    assert m.parts == [m.range]


@pytest.mark.parametrize(
    "text",
    [
        "described in paragraph 72 of the Tunis Agenda",
        "contributing to SDG 16 and target 16.6",
        "Proposed Budget: US$1,308,543",
        "Budget: US$ 2,010,000 and EUR 2010",
        "1. a Vision for ICT in parliament",
        "over 64 senior government officials from 16 Caribbean SIDS",
        "the 9th National Development Plan",
        "ZAI/08/001: Title and ROA 206-8 and DA1617B",
        "more than 2000 people and 1999 participants attended",
        "the 2030 Agenda for Sustainable Development",
        "you may say so",
        "a 1.5 million budget and 12.5% growth",
        "1819C - Title",
        "tel. 2125551234",
    ],
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_skips_impossible_days() -> None:
    assert find_dates("on 31 February 2010 and 1 March 2010")[-1].text == "1 March 2010"
    assert all(m.range.start.iso() != "2010-02-31" for m in find_dates("31 February 2010"))


def test_a_lone_day_and_month_without_year_is_no_date() -> None:
    assert find_dates("on 3 March the team met") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -–/.,;:()aAndtoMayJuneFebruary2019")), max_size=60))
def test_never_raises_on_date_like_noise(text: str) -> None:
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text)
    parse_date_range(text)
    parse_date(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_any_text(text: str) -> None:
    find_dates(text)
    parse_date_range(text)
    parse_date(text)


def test_partial_dates_of_different_precisions_are_ordered_not_refused() -> None:
    """An end extended "to June 2024" compared with an end "30 June 2024" raised TypeError (an unknown day against a
    known one), and the prose reader lost the period it was reading."""
    assert PartialDate(2024, 6) < PartialDate(2024, 6, 30) < PartialDate(2024, 7)
    assert PartialDate(2024) < PartialDate(2024, 1) and not PartialDate(2024, 6) > PartialDate(2024, 6)
    assert sorted([PartialDate(2024, 6, 3), PartialDate(2024), PartialDate(2023, 12)]) == [
        PartialDate(2023, 12), PartialDate(2024), PartialDate(2024, 6, 3)]


def test_an_extension_to_a_month_after_an_end_to_a_day_keeps_the_period() -> None:
    from capdev.narrative import parse_text

    rec = parse_text("Title: Civil Service Reform Support\n\nThe project ran from 1 March 2021 to 30 June 2024 and "
                     "was extended until June 2024.\n")[0]
    assert not [f for f in rec.flags if "could not be read" in f.reason]
