"""Classes of failure on records in layouts the parser had never seen (issue #16, round 4): each rule on small
records of our own (tests/files/round4), in English, French and Spanish, worded apart from one another."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import PartialDate
from capdev.narrative.values.dates import find_dates, find_dates_near, parse_date_range
from capdev.narrative.values.prose import opens_news_item, read_prose
from capdev.narrative.values.served import served_countries

ROUND4 = Path(__file__).parent / "files" / "round4"


# --- news items: each item one record, found by its kicker line or its dateline, its facts read from its prose ----

@pytest.mark.parametrize("line, opens", [
    ("NEWS | 14 July 2023", True), ("Actualités — 3 mars 2022", True), ("Noticias · 12 de junio de 2021", True),
    ("LOMÉ, 7 mars 2023 — Le projet", True), ("TEGUCIGALPA, 21 de abril de 2022.– Representantes", True),
    ("Start date: 12 March 2020", False), ("Date: 14 July 2023", False), ("Time frame | March 2021 – May 2023", False),
    ("Situation as of 30 June 2023", False), ("Signed | 5 March 2020", False),
])
def test_a_news_item_opens_with_a_kicker_or_a_dateline(line: str, opens: bool) -> None:
    assert opens_news_item(line) is opens


@pytest.mark.parametrize("name, expected", [
    ("news_kickers_en.txt", [("PAC/21/D04", "2021-03", "2023-02"), ("BTN/20/P11", None, None)]),
    ("news_datelines_fr.txt", [("TCD/22/J07", "2022-01", "2024-06"), ("2319T", None, "2025-12")]),
    ("news_datelines_es.txt", [("HND/21/C02", "2021-09", None), ("2330F", None, "2025-03")]),
])
def test_news_items_are_one_record_each(name: str, expected: list) -> None:
    records = parse_file(ROUND4 / name)
    got = [(r.code, r.start.iso() if r.start else None, r.end.iso() if r.end else None) for r in records]
    assert got == expected


def test_a_news_headline_is_no_project_title() -> None:
    """The quoted project's name is the title; the story's headline is not."""
    first, second = parse_file(ROUND4 / "news_kickers_en.txt")
    assert first.title == "Accountable disaster finance in Pacific small islands"
    assert second.title != "Procurement reform moves ahead in Bhutan"
    assert any(f.field == "code" and "prose" in f.reason for f in first.flags)


# --- a government that pays is a donor, never a country served -----------------------------------------------------

@pytest.mark.parametrize("text, served", [
    ("The project supports Ghana's civil service, with USD 410,000 from the Government of New Zealand.", ["GHA"]),
    ("Support to Viet Nam's public service, contributed by the Government of the Republic of Korea.", ["VNM"]),
    ("Le projet au Bénin est financé par le Gouvernement du Luxembourg.", ["BEN"]),
    ("Proyecto en Bolivia con financiamiento del Gobierno de Suecia.", ["BOL"]),
    ("Projet au Niger, avec une contribution du Gouvernement de la Norvège.", ["NER"]),
])
def test_a_paying_government_is_no_country_served(text: str, served: list[str]) -> None:
    assert served_countries({"summary": text}) == served


@pytest.mark.parametrize("text, funder", [
    ("with a budget of USD 350,000 contributed by the Government of the Republic of Korea.",
     "the Government of the Republic of Korea"),
    ("with USD 410,000 from the Government of New Zealand.", "the Government of New Zealand"),
    ("financé à hauteur de 350 000 euros par le Gouvernement du Luxembourg, pour", "le Gouvernement du Luxembourg"),
])
def test_a_paying_government_is_read_as_the_funder(text: str, funder: str) -> None:
    assert read_prose(text).funders == [funder]


# --- dates written as quarters, halves, day ranges over a numeric date, and days without their year ----------------

@pytest.mark.parametrize("text, start, end", [
    ("in the second quarter of 2021", "2021-04", "2021-06"), ("Q3 2021", "2021-07", "2021-09"),
    ("au deuxième trimestre 2022", "2022-04", "2022-06"), ("T2 2021", "2021-04", "2021-06"),
    ("en el tercer trimestre de 2020", "2020-07", "2020-09"), ("primer semestre de 2022", "2022-01", "2022-06"),
    ("H2 2021", "2021-07", "2021-12"), ("the last quarter of 2020", "2020-10", "2020-12"),
    ("du 12 au 14/10/2021", "2021-10-12", "2021-10-14"), ("12-14/10/2021", "2021-10-12", "2021-10-14"),
])
def test_quarters_halves_and_day_ranges(text: str, start: str, end: str) -> None:
    found = find_dates(text)
    assert [(m.range.start.iso(), m.range.end.iso()) for m in found] == [(start, end)]


@pytest.mark.parametrize("text, start, end", [
    ("Q2 2021 – Q4 2022", "2021-04", "2022-12"),
    ("from the second quarter of 2021 to the first quarter of 2023", "2021-04", "2023-03"),
])
def test_a_range_of_quarters(text: str, start: str, end: str) -> None:
    r = parse_date_range(text)
    assert (r.start.iso(), r.end.iso()) == (start, end)


@pytest.mark.parametrize("text, start, end", [
    # An event's days and a quarter of planned work are no project period; the period stated is.
    ("El proyecto PAR/23/001 organizó del 16 al 18 de octubre de 2023 un taller, y se ejecuta de abril de 2023 a "
     "marzo de 2025.", "2023-04", "2025-03"),
    ("Le projet (code 1819C) a démarré en septembre 2019 ; ses activités sont prévues pour le premier trimestre de "
     "2020.", "2019-09", None),
])
def test_an_event_s_days_or_a_quarter_are_no_project_period(text: str, start: str, end: str | None) -> None:
    facts = read_prose(text)
    assert facts.start.iso() == start
    assert (facts.end.iso() if facts.end else None) == end


def test_days_without_their_year_take_the_dateline_s() -> None:
    assert [(m.range.start.iso(), m.range.end.iso()) for m in find_dates_near(
        "Du 29 novembre au 1er décembre, 33 cadres", PartialDate(2021, 12, 2))] == [("2021-11-29", "2021-12-01")]
    assert [m.range.start.iso() for m in find_dates_near("on 25 June", PartialDate(2023, 3, 2))] == ["2022-06-25"]
    _first, second = parse_file(ROUND4 / "news_yearless_days.txt")
    assert [(a.start.iso(), a.participants) for a in second.activities] == [("2023-06-12", 38)]
