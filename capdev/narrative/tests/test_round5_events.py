"""Round 5: the project's events read clause by clause, in English, French and Spanish (records written for these
tests, tests/files/round5/events/). Each record's activity rows are listed whole: a row not listed is a defect."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.events import extract_events

FILES = Path(__file__).parent / "files" / "round5" / "events"

# (start month, venue country, exact count) of every counted row; recalled rows apart.
EXPECTED: dict[str, dict[str, list[tuple]]] = {
    # The project's period in the same sentence is not the event's date; an event without a date of its own is no
    # row ("... also trained district clerks in Arusha with 22 clerks attending").
    "en_period.txt": {"rows": [("2022-05", "KEN", 34), ("2022-09", "UGA", 27), ("2023-02", "TZA", 19)]},
    "fr_period.txt": {"rows": [("2022-10", "SEN", 28), ("2023-04", "MLI", 17), ("2023-06", "BFA", 31)]},
    "es_period.txt": {"rows": [("2022-08", "PER", 40), ("2022-11", "BOL", 21), ("2023-05", "ECU", 26)]},
    # Several events in one sentence or bullet, each with its own date, place and count; a total is nobody's.
    "en_several.txt": {"rows": [("2022-03", "GHA", 25), ("2022-06", "TGO", 31), ("2022-09", "BEN", 29),
                                ("2022-11", None, 85), ("2023-05", "GHA", 18), ("2023-08", "TGO", 22),
                                ("2024-02", "GHA", None), ("2024-04", "BEN", None),
                                # "UNDP and UN DESA organized ...": organisations joined by "and" are one event's
                                ("2023-01", "BEN", 40)]},
    "fr_several.txt": {"rows": [("2023-03", "SEN", None), ("2023-06", "CIV", None), ("2023-05", "GIN", 33),
                                ("2023-07", "SEN", 21), ("2023-09", "CIV", 16), ("2023-10", None, 70),
                                ("2024-02", "GIN", None), ("2024-04", "CIV", None)]},
    "es_several.txt": {"rows": [("2022-04", "ECU", 30), ("2022-07", "COL", 22), ("2023-03", "COL", None),
                                ("2023-05", "PER", None), ("2023-08", "ECU", 27), ("2023-09", None, 95),
                                ("2024-02", "PER", None), ("2024-04", "ECU", None)]},
    # Undated, postponed, cancelled, a deadline, a quarter or a semester: no row.
    "en_not_events.txt": {"rows": [("2023-05", "FJI", 23)]},
    "fr_not_events.txt": {"rows": [("2023-06", "CMR", 36)]},
    "es_not_events.txt": {"rows": [("2023-07", "HND", 38)]},
    # Meetings recalled with "since / depuis / desde" before the project's own first facts (no start written).
    "en_history.txt": {"rows": [("2024-03", "KEN", 41), ("2024-06", "GHA", 37)],
                       "recalled": [("2006-10", "GRC", None), ("2007-11", "BRA", None), ("2008-12", "IND", None)]},
    "fr_history.txt": {"rows": [("2024-02", "BEN", 32), ("2024-06", "SEN", 29)],
                       "recalled": [("2010-05", "MAR", None), ("2012-04", "TUN", None), ("2014-11", "SEN", None)]},
    "es_history.txt": {"rows": [("2024-03", "PRY", 35), ("2024-06", "URY", 28)],
                       "recalled": [("2008-04", "URY", None), ("2010-10", "CHL", None), ("2012-09", "PRY", None)]},
    # Estimates give no count, counts of countries or modules are no participants, counts by sex add up.
    "en_counts.txt": {"rows": [("2022-05", "UGA", 35), ("2022-08", "RWA", 34), ("2022-11", "BDI", None),
                               ("2023-02", None, 50), ("2023-04", None, 120)]},
    "fr_counts.txt": {"rows": [("2022-03", "NER", 40), ("2022-07", "MLI", 33), ("2022-10", "BFA", None),
                               ("2023-01", None, None), ("2023-05", None, 90)]},
    "es_counts.txt": {"rows": [("2022-04", "DOM", 45), ("2022-09", "CUB", 38), ("2022-12", "HTI", None),
                               ("2023-03", None, 60), ("2023-06", None, 110)]},
    # The venue city gives the country (also "l'atelier de X", "the X seminar"); online gives none.
    "en_venues.txt": {"rows": [("2023-03", "ZMB", 26), ("2023-05", None, 64), ("2023-07", "MOZ", 31),
                               ("2023-09", None, 140)]},
    "fr_venues.txt": {"rows": [("2023-03", "COG", 27), ("2023-05", None, 58), ("2023-07", "GAB", 23),
                               ("2023-09", None, 130)]},
    "es_venues.txt": {"rows": [("2023-03", "NIC", 24), ("2023-05", None, 61), ("2023-07", "CRI", 19),
                               ("2023-09", None, 150)]},
}


def _rows(events) -> list[tuple]:
    return sorted(((e.start.iso()[:7] if e.start else ""), e.country, e.participants) for e in events)


def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_activity_row(name: str) -> None:
    record = only_record(FILES / name)
    counted = [e for e in record.activities if not e.recalled]
    assert sorted(_rows(counted), key=_key) == sorted(EXPECTED[name]["rows"], key=_key)
    recalled = [e for e in record.activities if e.recalled]
    assert sorted(_rows(recalled), key=_key) == sorted(EXPECTED[name].get("recalled", []), key=_key)


@pytest.mark.parametrize("name", ["en_not_events.txt", "fr_not_events.txt", "es_not_events.txt"])
def test_events_that_are_no_rows_stay_in_the_text_flagged(name: str) -> None:
    record = only_record(FILES / name)
    reasons = [f.reason for f in record.flags if f.field == "activities"]
    assert any("(no date)" in r for r in reasons), reasons
    assert any("(postponed or cancelled)" in r for r in reasons), reasons
    # the quarter, semester and deadline dates are dates of no row
    months = {e.start.iso()[:7] for e in record.activities if e.start}
    assert not months & {"2024-07", "2024-04", "2024-03", "2024-01", "2024-02", "2025-01"}


@pytest.mark.parametrize("name", ["en_history.txt", "fr_history.txt", "es_history.txt"])
def test_recollections_are_flagged_as_history(name: str) -> None:
    record = only_record(FILES / name)
    assert record.start is None
    reasons = [f.reason for f in record.flags if f.field == "activities"]
    assert sum("kept as history" in r for r in reasons) == 3, reasons


@pytest.mark.parametrize(("text", "rows"), [
    # a count binds to its own clause, never to the event across the boundary
    ("Workshops were held in Accra (March 2022, 25 participants) and Lomé (June 2022, 31 participants).",
     [("2022-03", "GHA", 25), ("2022-06", "TGO", 31)]),
    ("En 2022, un séminaire s'est tenu à Niamey du 7 au 11/03/2022 pour 34 cadres, et une session en ligne a réuni "
     "le 19 mai 2022 52 fonctionnaires.", [("2022-03", "NER", 34), ("2022-05", None, 52)]),
    ("Se realizaron talleres en Quito (abril de 2022, 30 participantes) y en Bogotá (julio de 2022, 22 "
     "participantes).", [("2022-04", "ECU", 30), ("2022-07", "COL", 22)]),
    # a line telling its own dated event is not the continuation of the one before
    ("A seminar was held in Kampala on 14-15 September 2022, attended by 27 archivists.\nDuring the project period "
     "(2021-2023), a validation meeting took place in Dodoma in February 2023 with 19 participants.",
     [("2022-09", "UGA", 27), ("2023-02", "TZA", 19)]),
    # "ran in" is the event's date, not a project's period
    ("An online course ran in February 2023 for 45 planners.", [("2023-02", None, 45)]),
])
def test_clauses_bind_their_own_values(text: str, rows: list[tuple]) -> None:
    assert sorted(_rows(extract_events(text)), key=_key) == sorted(rows, key=_key)


@pytest.mark.parametrize(("text", "count"), [
    ("The workshop in Kampala in May 2022 gathered 18 women and 16 men.", 34),
    ("L'atelier de Bamako en juillet 2022 a réuni 14 femmes et 19 hommes.", 33),
    ("El taller de La Habana en septiembre de 2022 reunió a 21 mujeres y 17 hombres.", 38),
    ("About 35 officials attended the workshop in Accra in May 2022.", 35),  # rounded: the count (round 11)
    ("Environ 40 fonctionnaires ont participé à l'atelier de Cotonou en juin 2022.", 40),
    ("Alrededor de 45 funcionarios asistieron al taller de Lima en abril de 2022.", 45),
    ("A webinar in June 2022 reached 50+ planners.", 50),
    ("Se espera la participación de 45 funcionarios en el taller de Asunción en octubre de 2021.", None),
])
def test_counts(text: str, count: int | None) -> None:
    (event,) = extract_events(text)
    assert event.participants == count
