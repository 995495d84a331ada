"""Round 7: events and the people they reached in genres the parser was not tuned on, in English, French and
Spanish (records written for these tests, tests/files/round7/events/): activity tables with women/men columns,
quarterly progress reports, training catalogues and certificates, news briefs. Each record's counted rows are
listed whole (a row not listed is a defect), and the wrong readings each genre invites are named: an event of
another project, a steering committee, a deadline, an item with only a quarter, a postponed meeting, a meeting
recalled from before the project, a registered capacity, an estimate and a total must not be produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.event_counts import is_capacity, is_subset
from capdev.narrative.values.event_facts import _facts

FILES = Path(__file__).parent / "files" / "round7" / "events"

# file: (every counted row as (start month, venue country, exact count), counts that must appear on no row,
#        months that must have no counted row)
EXPECTED: dict[str, tuple[list[tuple], set[int], set[str]]] = {
    # A table of events with women/men columns: the total column is the count; a seminar of another project and
    # the steering committee told under the table are no events of the project.
    "en_events_table.txt": ([("2023-03", "GHA", 36), ("2023-05", None, 71), ("2023-08", "GHA", 28)],
                            {16, 20, 40, 31, 11, 17, 55}, {"2023-10", "2023-12"}),
    "fr_tableau_activites.txt": ([("2023-04", "BEN", 42), ("2023-06", None, 88), ("2023-09", "BEN", 31)],
                                 {19, 23, 47, 41, 13, 18, 57}, {"2023-10", "2023-12"}),
    "es_cuadro_eventos.txt": ([("2023-04", "ECU", 39), ("2023-06", None, 93), ("2023-10", "ECU", 33)],
                              {21, 18, 55, 38, 14, 19, 61}, {"2023-11", "2023-12"}),
    # A table with a women's and a men's column and no total: their sum is the count; a count cell with its
    # split by sex in a parenthesis ("29 (12/17)", "40 (22 women, 18 men)") gives the count before it.
    "en_table_women_men.txt": ([("2023-03", "ZMB", 36), ("2023-08", "ZMB", 28), ("2023-10", "ZMB", 29),
                                ("2023-11", None, 40)], {16, 20, 11, 17, 12, 22, 18}, set()),
    "fr_tableau_femmes_hommes.txt": ([("2023-03", "BFA", 39), ("2023-08", "BFA", 26), ("2023-10", "BFA", 31),
                                      ("2023-11", None, 44)], {18, 21, 10, 16, 13, 25, 19}, set()),
    "es_cuadro_mujeres_hombres.txt": ([("2023-03", "PER", 34), ("2023-08", "PER", 26), ("2023-10", "PER", 33),
                                       ("2023-11", None, 47)], {19, 15, 12, 14, 20, 13, 28}, set()),
    # A quarterly report: two workshops in one sentence, each with its own count; the women among a count are
    # part of it, not a second count ("41 county officers (18 women)", "44 agents dont 19 femmes", "35
    # funcionarios municipales (20 mujeres y 15 hombres)"); the committee, the report's deadline, the forum
    # planned for a quarter and the quarter's total are no events.
    "en_quarterly_report.txt": ([("2023-07", "KEN", 41), ("2023-09", "KEN", 27)], {18, 68}, {"2023-10", "2024-01"}),
    "fr_rapport_trimestriel.txt": ([("2023-07", "SEN", 44), ("2023-09", "SEN", 29)], {19, 73}, {"2023-10", "2024-01"}),
    "es_informe_trimestral.txt": ([("2023-07", "PRY", 35), ("2023-08", "PRY", 40)], {20, 15, 75},
                                  {"2023-10", "2024-01"}),
    # A training catalogue: "Course ..., <city>, <dates>" places the course in the city; the places offered
    # ("Capacity: 35 places", "Cupo: 40 plazas") are no count; certificates count the people who completed the
    # course; "the project trained 26 budget analysts" tells a training held.
    "en_training_catalogue.txt": ([("2024-04", "PER", 31), ("2024-07", "PER", None), ("2024-09", "PER", 34),
                                   ("2024-11", "PER", 26)], {35, 40, 13, 18}, set()),
    "fr_catalogue_formations.txt": ([("2024-04", "CIV", 30), ("2024-07", "CIV", None), ("2024-09", "CIV", 37),
                                     ("2024-11", "CIV", 26)], {35, 40, 12, 18}, set()),
    "es_catalogo_cursos.txt": ([("2024-04", "HND", 32), ("2024-07", "HND", None), ("2024-09", "HND", 36),
                                ("2024-11", "HND", 27)], {35, 40, 14, 18}, set()),
    # News briefs: an estimate gives no count ("an estimated 120", "une quarantaine"), "más o menos 120" is rounded; a
    # postponed seminar is no event; a forum of 2018 is the project's history (kept, marked recalled).
    "en_news_briefs.txt": ([("2024-03", "TZA", 62), ("2024-05", "TZA", 45), ("2024-06", None, None)],
                           {25, 120, 80}, {"2024-07"}),
    "fr_breves.txt": ([("2024-03", "CMR", 60), ("2024-05", "CMR", 45), ("2024-06", None, None)], {24, 40, 80},
                      {"2024-07"}),
    "es_noticias_breves.txt": ([("2024-03", "BOL", 58), ("2024-05", "BOL", 45), ("2024-06", None, 120)],
                               {23, 80}, {"2024-07"}),
    # A workshop's agenda: its sessions are no events; the attendance told after the agenda ("The workshop
    # brought together 48 ...") is the workshop's count.
    "en_workshop_agenda.txt": ([("2024-05", "MNG", 48)], {22}, set()),
    "fr_programme_atelier.txt": ([("2024-05", "NER", 48)], {21}, set()),
    "es_agenda_taller.txt": ([("2024-05", "GTM", 47)], {25, 22}, set()),
}

# files whose set-aside rows must be flagged, with a word of the reason
_FLAGGED = {
    "en_events_table.txt": "another project", "fr_tableau_activites.txt": "another project",
    "es_cuadro_eventos.txt": "another project", "en_news_briefs.txt": "postponed",
    "fr_breves.txt": "postponed", "es_noticias_breves.txt": "postponed",
}


def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_activity_row(name: str) -> None:
    rows, _, _ = EXPECTED[name]
    counted = [e for e in only_record(FILES / name).activities if not e.recalled]
    got = [((e.start.iso()[:7] if e.start else ""), e.country, e.participants) for e in counted]
    assert sorted(got, key=_key) == sorted(rows, key=_key)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wrong_readings_not_produced(name: str) -> None:
    _, counts, months = EXPECTED[name]
    record = only_record(FILES / name)
    counted = [e for e in record.activities if not e.recalled]
    assert not {e.participants for e in counted} & counts
    assert not {e.start.iso()[:7] for e in counted if e.start} & months


@pytest.mark.parametrize("name", ["en_news_briefs.txt", "fr_breves.txt", "es_noticias_breves.txt"])
def test_meeting_before_the_project_is_history(name: str) -> None:
    recalled = [e for e in only_record(FILES / name).activities if e.recalled]
    assert [(e.start.iso()[:4], e.participants) for e in recalled] == [("2018", 80)]


@pytest.mark.parametrize("name", sorted(_FLAGGED))
def test_set_aside_rows_are_flagged(name: str) -> None:
    reasons = [f.reason for f in only_record(FILES / name).flags if f.field == "activities"]
    assert any(_FLAGGED[name] in r for r in reasons), reasons


@pytest.mark.parametrize("text, count", [
    # the women (or men) among a count are part of it
    ("A workshop was held in Accra on 3 May 2023 with 41 officers (18 women).", 41),
    ("Un atelier s'est tenu à Dakar le 3 mai 2023 avec 34 participants dont 15 femmes.", 34),
    ("El taller se realizó en Quito el 3 de mayo de 2023 con 40 funcionarios, de los cuales 18 mujeres.", 40),
    # a capacity is no count; the attendance is
    ("A course was held in Lima on 3 May 2023 (capacity: 40 participants).", None),
    ("Un atelier s'est tenu à Dakar le 3 mai 2023, capacité : 40 participants.", None),
    ("Curso en Quito, 3 de mayo de 2023: 35 plazas disponibles para funcionarios.", None),
    # a training told by its verb, with a month and an exact count
    ("On 22 May 2024, the project trained 45 tax assessors in Arusha.", 45),
    ("Le 22 mai 2024, le projet a formé 45 agents d'assiette à Douala.", 45),
    ("El 22 de mayo de 2024, el proyecto capacitó a 45 fiscalizadores en Sucre.", 45),
    # people who met, with a month and an exact count: a meeting held
    ("On 3 May 2023, 41 county planners met in Nakuru to review the draft plan.", 41),
    ("Le 3 mai 2023, 36 maires se sont réunis à Thiès pour examiner le plan.", 36),
    ("Del 3 al 5 de mayo de 2023, 38 funcionarios se reunieron en Quito.", 38),
])
def test_counts_of_one_event(text: str, count: int | None) -> None:
    from capdev.narrative.values.events import extract_events
    events = extract_events(text)
    assert len(events) == 1
    assert events[0].participants == count


@pytest.mark.parametrize("text", [
    # running totals and estimates told with a training verb are no training held
    "By December 2024, the project had trained 300 officials.",
    "Au 31 décembre 2024, le projet avait formé 300 agents.",
    "Hasta diciembre de 2024, el proyecto capacitó a 300 funcionarios en total.",
    "Since March 2022, some 300 officials have met in the network's sessions.",
    "D'ici décembre 2024, 300 agents se sont réunis dans les clubs en total.",
    # an event of another project in the same document
    "Under the separate UNDP governance programme, a workshop took place in Apia on 4 July 2024.",
])
def test_no_event_of_the_project(text: str) -> None:
    from capdev.narrative.values.event_clauses import set_aside
    from capdev.narrative.values.events import extract_events
    kept, _ = set_aside(extract_events(text))
    assert kept == []


def test_subset_and_capacity_words() -> None:
    text = "41 officers (18 women)"
    assert is_subset(text, text.index(" ("), text.index("18"))
    assert not is_subset("41 officers and 18 women", 11, 16)
    assert is_capacity("Cupo: 35 plazas", 6, 8)
    assert is_capacity("30 places available", 0, 2)
    assert not is_capacity("Asistieron 35 funcionarios", 11, 13)
    assert _facts("Capacity: 40 participants.").participants is None


@pytest.mark.parametrize("text, rows", [
    # a date written before the colon of a list is each listed event's; the project's period is no event's date
    ("Under the project (Development Account; January 2021 - December 2023), two national workshops were held in "
     "February 2022: in Lilongwe, Malawi, 46 civil servants were trained, and in Lusaka, Zambia, 39 officials "
     "worked on one-stop shops.", [("2022-02", "MWI", 46), ("2022-02", "ZMB", 39)]),
    ("Deux ateliers nationaux ont eu lieu en mars 2023 : à Dakar, 40 agents ont été formés, et à Thiès, 31 cadres "
     "ont travaillé sur le plan.", [("2023-03", "SEN", 40), ("2023-03", "SEN", 31)]),
    ("Durante el proyecto (enero de 2022 - diciembre de 2024) se realizaron en mayo de 2023 dos talleres: en Quito, "
     "con 30 funcionarios, y en Guayaquil, con 25.", [("2023-05", "ECU", 30), ("2023-05", "ECU", 25)]),
])
def test_date_of_a_listed_pair(text: str, rows: list[tuple]) -> None:
    from capdev.narrative.values.events import extract_events
    got = [(e.start.iso()[:7] if e.start else None, e.country, e.participants) for e in extract_events(text)]
    assert got == rows
