"""A project's start and end however records write them (round 7), in English, French and Spanish
(tests/files/round7/dates/): labels without a colon, compact and spelled-out dates, arrows, "a partir del" and
"hasta el", actual and revised ends that win over planned ones whatever their order, quarters and semesters that give
no date, a duration counted from a day, a length alone, a period a sentence gives with a verb of duration, and a day
and month that may be read both ways. Each case also says which dates must NOT be read: a letter's, a signature's,
a report's, a meeting's, a workshop's, a deadline's, the original end an extension replaced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import PartialDate
from capdev.narrative.values import period_values, prose_periods
from capdev.narrative.values.dates import parse_date
from capdev.narrative.values.spelled_dates import spelled_to_digits

FILES = Path(__file__).parent / "files" / "round7" / "dates"

# file, start, end, a flag reason that must be raised (a part of it) or None, dates that must NOT be read
CASES = [
    ("forms_en.txt", "2022-06-01", "2024-05-31", None, ["2022-05-12", "2022-08-15"]),
    ("forms_fr.txt", "2022-07-01", "2024-06-30", None, ["2022-05-03"]),
    ("forms_es.txt", "2022-09-01", "2024-08-31", None, ["2022-07-20"]),
    ("arrows_en.txt", "2021-09", "2023-08", None, []),
    ("arrows_fr.txt", "2022-04-01", "2024-03-31", None, ["2022", "2024"]),
    ("arrows_es.txt", "2021-10", "2023-09", None, ["2021", "2023"]),
    ("precedence_en.txt", "2021-04-01", "2024-03-31", None, ["2023-09-30"]),
    ("precedence_fr.txt", "2022-02-01", "2024-12-31", None, ["2024-01-31"]),
    ("precedence_es.txt", "2021-07-01", "2024-06-30", None, ["2023-12-31"]),
    # Round 10: a period from one quarter or semester to another gives its years only (flagged), never its months.
    ("quarters_en.txt", "2023", "2025", "quarter", ["2023-07", "2025-06"]),
    ("quarters_fr.txt", "2023", "2024", "quarter", ["2023-01", "2024-12"]),
    ("quarters_es.txt", "2023", "2025", "quarter", ["2023-07", "2025-06"]),
    ("duration_en.txt", "2022-01-15", "2024-07-14", "duration", ["2024-06-15"]),
    ("duration_fr.txt", "2022-10-01", "2024-09-30", "duration", ["2024-09-01"]),
    ("duration_es.txt", "2022-04-01", "2023-09-30", "duration", ["2023-09-01"]),
    ("length_en.txt", None, None, "length", ["2023-02-09"]),
    ("length_fr.txt", None, None, "length", ["2023-02-09"]),
    ("length_es.txt", None, None, "length", ["2023-02-09"]),
    ("ranges_en.txt", "2022-07", "2024-06", "prose", ["2022-11-14", "2022-11-16", "2024-09-30"]),
    ("ranges_fr.txt", "2022-07", "2024-06", "prose", ["2022-11-14", "2022-11-16", "2022-09-30"]),
    ("ranges_es.txt", "2022-07", "2024-06", "prose", ["2022-11-14", "2022-11-16", "2024-05-10"]),
    ("ambiguous_en.txt", "2022-05-04", "2024-05-03", "ambiguous", []),
    ("ambiguous_fr.txt", "2022-03-02", "2024-03-01", "ambiguous", []),
    ("ambiguous_es.txt", "2022-07-06", "2024-07-05", "ambiguous", []),
    # Told in sentences: a length and the dates after it, the subject a pronoun (or none, in Spanish); a letter's, a
    # mission's and a report's dates are not the project's.
    ("told_en.txt", "2021-01", "2023-06", "prose", ["2020-11-02", "2021-03-08", "2021-03-12", "2022-04-15"]),
    ("told_fr.txt", "2021-01", "2023-06", "prose", ["2020-11-02", "2021-03-08", "2021-03-12", "2022-04-15"]),
    ("told_es.txt", "2021-01", "2023-06", "prose", ["2020-11-02", "2021-03-08", "2021-03-12", "2022-04-15"]),
    # One end label, two dates: the actual one, not the planned or original one.
    ("twodates_en.txt", "2021-09-01", "2024-02-29", None, ["2023-08-31"]),
    ("twodates_fr.txt", "2021-09-01", "2024-02-29", None, ["2023-08-31"]),
    ("twodates_es.txt", "2021-09-01", "2024-02-29", None, ["2023-08-31"]),
    # A workshop's page: its days are not the project's; the funding sentence gives the period.
    ("funded_en.txt", "2022-02", "2025-01", "prose", ["2022-05-10", "2022-05-12", "2022-03-03"]),
    ("funded_fr.txt", "2022-02", "2025-01", "prose", ["2022-05-10", "2022-05-12", "2022-03-03"]),
    ("funded_es.txt", "2022-02", "2025-01", "prose", ["2022-05-10", "2022-05-12", "2022-03-03"]),
    # A signature's date is not the project's start.
    ("signature_en.txt", None, "2024-12-31", "signature", ["2022-05-12"]),
    ("signature_fr.txt", None, "2024-12-31", "signature", ["2022-05-12"]),
    ("signature_es.txt", None, "2024-12-31", "signature", ["2022-05-12"]),
    # An invitation's "Dates:" are an event's days; the project's period stands in brackets after "the project".
    ("invitation_en.txt", "2022-01", "2024-12", "event's dates", ["2023-06-14", "2023-06-16"]),
    ("invitation_fr.txt", "2022-01", "2024-12", "event's dates", ["2023-06-14", "2023-06-16"]),
    ("invitation_es.txt", "2022-01", "2024-12", "event's dates", ["2023-06-14", "2023-06-16"]),
]


def _iso(d):
    return d.iso() if d is not None else None


@pytest.mark.parametrize("name,start,end,flag,never", CASES, ids=[c[0] for c in CASES])
def test_project_period(name, start, end, flag, never):
    records = parse_file(FILES / name)
    assert len(records) == 1, [r.title for r in records]
    rec = records[0]
    assert (_iso(rec.start), _iso(rec.end)) == (start, end)
    reasons = [f.reason for f in rec.flags if f.field == "time_frame"]
    if flag:
        assert any(flag in reason for reason in reasons), reasons
    for wrong in never:
        assert wrong not in (_iso(rec.start), _iso(rec.end)), (wrong, name)


@pytest.mark.parametrize("written,digits", [
    ("premier mars deux mille vingt-deux", "1 mars 2022"),
    ("trente et un décembre deux mille vingt-quatre", "31 décembre 2024"),
    ("el primero de marzo de dos mil veintidós", "el 1 de marzo de 2022"),
    ("veintiocho de febrero de dos mil veinticuatro", "28 de febrero de 2024"),
    ("the first of March two thousand and twenty-two", "the 1 of March 2022"),
    # Number words away from a month stay words: a length, a count, a year said two ways.
    ("six months", "six months"),
    ("trois ateliers en mars", "trois ateliers en mars"),
    ("March twenty twenty-two", "March twenty twenty-two"),
])
def test_spelled_out_dates(written, digits):
    assert spelled_to_digits(written) == digits


@pytest.mark.parametrize("value,start,end", [
    ("20220301 - 20240229", "2022-03-01", "2024-02-29"),
    ("27-29 March 2023 (arrival 26 March)", None, None),  # an event's days
    ("2022/03/01 - 2024/02/29", "2022-03-01", "2024-02-29"),
    ("2022-03 – 2024-02", "2022-03", "2024-02"),
    ("mar. 2022 → feb. 2025", "2022-03", "2025-02"),
    ("2023 -> 2025", "2023", "2025"),
    ("a partir del 1 de marzo de 2022", "2022-03-01", None),
    ("hasta el 31 de diciembre de 2024", None, "2024-12-31"),
    ("until the 31 December 2024", None, "2024-12-31"),
    ("36 meses a partir del 31 de enero de 2022", "2022-01-31", "2025-01-30"),
    ("2021-22", "2021", "2022"),  # two years, not a month
    ("2010-11", "2010", "2011"),  # may be November 2010 or two years: two years, as before
    ("2022-12", "2022-12", "2022-12"),  # December 2022: 2012 cannot follow 2022
    # One date for a whole period: a start or an end as its words say; a day said of nothing is an event's.
    ("Launched 15 May 2022", "2022-05-15", None),
    ("Completed in June 2023", None, "2023-06"),
    ("Terminado el 30 de junio de 2023", None, "2023-06-30"),
    ("lancé le 3 mars 2023", "2023-03-03", None),
    ("Inception workshop held on 12 May 2022", None, None),
])
def test_period_value_forms(value, start, end):
    read = period_values.read_period(value)
    assert (_iso(read.start), _iso(read.end)) == (start, end)


@pytest.mark.parametrize("value", ["2.º semestre de 2024", "FY2022-2023", "second half of 2023", "exercice 2023"])
def test_quarter_semester_fiscal_year_give_no_date(value):
    read = period_values.read_period(value)
    assert (read.start, read.end) == (None, None)
    assert read.flags and "quarter" in read.flags[0]


@pytest.mark.parametrize("value, start, end", [("Q2 2022 – Q4 2023", 2022, 2023), ("T1 2023 - T4 2024", 2023, 2024)])
def test_quarter_to_quarter_gives_its_years_only(value, start, end):
    # Round 10: a period from one calendar quarter to another says its years for sure, not its months.
    read = period_values.read_period(value)
    assert (read.start, read.end) == (PartialDate(start), PartialDate(end))
    assert read.flags and "quarters" in read.flags[0]


@pytest.mark.parametrize("value,date", [
    ("1 March 2022 (actual)", "2022-03-01"),
    ("20231231", "2023-12-31"),
    ("1° de julio de 2021", "2021-07-01"),
    ("30 June 2023, extended to 31 December 2023", "2023-12-31"),
    ("1 March 2022 (planned), 15 April 2022 (actual)", "2022-04-15"),
    ("31 décembre 2023 (initialement 30 juin 2023)", "2023-12-31"),
    ("30 de junio de 2024 (fecha original: 31 de diciembre de 2023)", "2024-06-30"),
])
def test_single_date_values(value, date):
    read = period_values.read_one(value)
    assert _iso(read.end) == date


def test_a_single_value_with_two_dates_is_not_guessed():
    read = period_values.read_one("1 March 2022 or 1 April 2022")
    assert (read.start, read.end) == (None, None)


@pytest.mark.parametrize("text,start,end", [
    ("The project runs from March 2022 to February 2024.", "2022-03", "2024-02"),
    ("Le projet couvre la période 2021-2023 et appuie trois ministères.", "2021", "2023"),
    ("El proyecto se ejecuta entre marzo de 2022 y febrero de 2024.", "2022-03", "2024-02"),
    # The verb's subject is a workshop, the days are an event's, or the period is a fiscal year's: nothing.
    ("The workshop under the project ran from 3 to 5 March 2023.", None, None),
    ("The project's training ran from March 2022 to February 2024.", None, None),
    ("Le projet se déroule sur l'exercice 2022-2023.", None, None),
    ("Recall that the project (EUR 300,000, March 2021 - February 2023) is run with the ENA.", "2021-03", "2023-02"),
    ("A workshop of the project (3 March 2023 - 5 March 2023) is planned.", None, None),
    ("El proyecto tiene una duración de 24 meses, del 1 de abril de 2022 al 31 de marzo de 2024.", "2022-04-01",
     "2024-03-31"),
    ("Le projet, d'une durée de trois ans (2021-2023), appuie le ministère.", "2021", "2023"),
    ("The project supports Peru. It runs from March 2021 to June 2023.", "2021-03", "2023-06"),
    ("The project was designed in 2020. The workshop ran from March 2021 to June 2021.", None, None),
    ("The project was designed in 2020. Its training series runs from March 2021 to June 2022.", None, None),
    # Two sentences that give two periods: neither.
    ("The project runs from 2021 to 2023. The project is implemented from 2022 to 2025.", None, None),
])
def test_prose_range(text, start, end):
    got = prose_periods.range_dates(text)
    assert (_iso(got[0]), _iso(got[1])) == (start, end)


def test_duration_from_a_day_ends_the_day_before():
    # 36 months from 1 July 2021 end on 30 June 2024, not on 1 June 2024.
    from capdev.narrative.values.dates import parse_date_range

    r = parse_date_range("36 months from 1 July 2021")
    assert (_iso(r.start), _iso(r.end)) == ("2021-07-01", "2024-06-30")
    assert parse_date("1 July 2021") == r.start
