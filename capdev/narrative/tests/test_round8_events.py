"""Round 8: events in shapes the parser had not read, in English, French and Spanish (records written for these
tests, tests/files/round8/events/): event cards ("Event: / Date: / Venue: / Participants:"), bulleted lists whose
items open on their city or their date or quote a title in « », results annexes (an activity's name over its line of
place, dates and count), a mission's programme (days without their year), and progress sentences (a month written
without its year after "In 2023", two events joined by "followed by" / "suivie d'une" / "seguida de", trainers who
train others, a journey to a town data/cities.json does not list). Each record's counted rows are listed whole, and
the wrong readings each shape invites are named: a period card ("Dates: 2022-2024") is no event, "Réunion de
validation" is no island, the people the trainers trained later are not the training's count, an estimate gives no
count, and an event held before the project is its history."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.events import extract_events

FILES = Path(__file__).parent / "files" / "round8" / "events"

# file: (every counted row as (start month, venue country, exact count), counts that must appear on no row,
#        recalled rows as (year, count))
EXPECTED: dict[str, tuple[list[tuple], set[int], list[tuple]]] = {
    # Cards: each fact on its key's line; a split by sex summed; "Format: online" / "Lieu : en ligne" has no
    # country; a card dated by a programme's years ("2022-2024") is no event; its keys are no labels of the record.
    "en_event_cards.txt": ([("2022-05", "PER", 46), ("2022-07", None, 133), ("2022-11", "BOL", 36)],
                           {24, 22, 19, 17}, []),
    "fr_fiches_activites.txt": ([("2022-05", "MLI", 44), ("2022-07", None, 121), ("2022-11", "NER", 39)],
                                {20, 24, 18, 21}, []),
    "es_fichas_actividades.txt": ([("2022-05", "HND", 41), ("2022-07", None, 117), ("2022-11", "GTM", 36)],
                                  {23, 18, 20, 16}, []),
    # Progress sentences: the month after "In 2023"; the study visit's count and the conference's each with its
    # own; the 14 facilitators trained, not the 220 they trained; a mission to a town of the gazetteer; "about
    # 60" a rounded count, read (round 11; "une soixantaine" none); the conference of 2019 the project's history.
    "en_progress_sentences.txt": ([("2023-04", "KEN", 38), ("2023-06", "RWA", 9), ("2023-08", "KEN", 160),
                                   ("2023-09", "KEN", 14), ("2023-10", "KEN", None), ("2023-11", None, 60)],
                                  {220, 250}, [("2019", 250)]),
    "fr_rapport_phrases.txt": ([("2023-04", "SEN", 36), ("2023-06", "RWA", 9), ("2023-08", "SEN", 150),
                                ("2023-09", "SEN", 13), ("2023-10", "SEN", None), ("2023-11", None, None)],
                               {200, 40, 240}, [("2018", 240)]),
    "es_informe_frases.txt": ([("2023-04", "HND", 34), ("2023-06", "KOR", 9), ("2023-08", "HND", 140),
                               ("2023-09", "HND", 15), ("2023-10", "HND", None), ("2023-11", None, 50)],
                              {210, 230}, [("2019", 230)]),
    # Bulleted lists: an item opening on its city ("Kampala, 2-4 May 2023: ..."), a quoted title in « » (no
    # breadcrumb of a web page), an item opening on its month ("July 2023 – Gulu – Validation meeting"), a mission
    # to a town; the women among a count are part of it.
    "en_bulleted_events.txt": ([("2023-05", "UGA", 32), ("2023-06", None, 75), ("2023-07", "UGA", 27),
                                ("2023-09", "UGA", None)], {12}, []),
    "fr_liste_activites.txt": ([("2023-05", "NER", 32), ("2023-06", None, 75), ("2023-07", "NER", 27),
                                ("2023-09", "NER", None)], {12}, []),
    "es_lista_actividades.txt": ([("2023-05", "PRY", 32), ("2023-06", None, 75), ("2023-07", "PRY", 27),
                                  ("2023-09", "PRY", None)], {12}, []),
    # A results annex: each activity's name over a line of its place, dates and count, with leader dots; a town of
    # the gazetteer opening that line is the venue; the total under the list is no activity's count.
    "en_results_annex.txt": ([("2023-04", "ZMB", 31), ("2023-08", None, 87), ("2023-11", "ZMB", 26)], {144}, []),
    "fr_annexe_resultats.txt": ([("2023-04", "BEN", 33), ("2023-08", None, 92), ("2023-11", "BEN", 24)], {149}, []),
    "es_anexo_resultados.txt": ([("2023-04", "BOL", 29), ("2023-08", None, 95), ("2023-11", "BOL", 22)], {146}, []),
    # A mission's programme: "Mission: 3-7 March 2025 in Freetown" tells the mission; "Wednesday 5 March: national
    # validation workshop ..." falls within its days, so it is of 2025 and held where the mission was.
    "en_mission_programme.txt": ([("2025-03", "SLE", None), ("2025-03", "SLE", 41)], {14}, []),
    "fr_programme_mission.txt": ([("2025-02", "GIN", None), ("2025-02", "GIN", 38)], {12}, []),
    "es_programa_mision.txt": ([("2025-03", "ECU", None), ("2025-03", "ECU", 44)], {15}, []),
}


def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


def _row(e) -> tuple:
    return (e.start.iso()[:7] if e.start else None), e.country, e.participants


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_activity_row(name: str) -> None:
    rows, _, _ = EXPECTED[name]
    got = [_row(e) for e in only_record(FILES / name).activities if not e.recalled]
    assert sorted(got, key=_key) == sorted(rows, key=_key)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wrong_readings_not_produced(name: str) -> None:
    _, counts, recalled = EXPECTED[name]
    record = only_record(FILES / name)
    assert not {e.participants for e in record.activities if not e.recalled} & counts
    assert [(e.start.iso()[:4], e.participants) for e in record.activities if e.recalled] == recalled
    if recalled:
        assert any("kept as history" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("name", ["en_event_cards.txt", "fr_fiches_activites.txt", "es_fichas_actividades.txt"])
def test_card_keys_are_no_labels_of_the_record(name: str) -> None:
    record = only_record(FILES / name)
    assert (record.start.iso(), record.end.iso()) == ("2022-03", "2025-02")
    assert len(record.countries) == 2


@pytest.mark.parametrize("text, rows", [
    # a month written without its year takes the year the sentence writes alone
    ("Two events were held in 2023: a workshop in Lusaka in April (40 participants) and a webinar in May "
     "(120 participants).", [("2023-04", "ZMB", 40), ("2023-05", None, 120)]),
    ("Deux activités ont eu lieu en 2023 : un atelier à Bamako en avril (40 participants) et un webinaire en mai "
     "(120 participants).", [("2023-04", "MLI", 40), ("2023-05", None, 120)]),
    ("En 2023, el proyecto realizó un taller en Lima en abril con 40 participantes.", [("2023-04", "PER", 40)]),
    # two events joined by "followed by": each keeps its own count
    ("A study visit to Seoul was organized for 8 officials in November 2022, followed by a national conference in "
     "Lusaka in February 2023 with 210 participants.", [("2022-11", "KOR", 8), ("2023-02", "ZMB", 210)]),
    ("Une visite d'étude à Séoul a été organisée pour 8 fonctionnaires en novembre 2022, suivie d'une conférence "
     "nationale à Lusaka en février 2023 avec 210 participants.", [("2022-11", "KOR", 8), ("2023-02", "ZMB", 210)]),
    ("Una visita de estudio a Seúl se organizó para 8 funcionarios en noviembre de 2022, seguida de una "
     "conferencia nacional en Lima en febrero de 2023 con 210 participantes.",
     [("2022-11", "KOR", 8), ("2023-02", "PER", 210)]),
    # the trainers a training of trainers trained are its count, not the people they trained later
    ("Una formación de formadores se realizó en Tegucigalpa en julio de 2023 para 12 facilitadores, que luego "
     "formaron a 180 funcionarios.", [("2023-07", "HND", 12)]),
    ("En julio de 2023 se capacitó a 12 capacitadores en Tegucigalpa, quienes replicaron la formación con 180 "
     "funcionarios.", [("2023-07", "HND", 12)]),
    # a venue opening the item, or written after the item's opening month
    ("• Dakar, 12 mars 2023 : atelier de lancement (40 participants)", [("2023-03", "SEN", 40)]),
    ("juin 2023 – Bamako – Atelier national – 35 participants", [("2023-06", "MLI", 35)]),
])
def test_sentences(text: str, rows: list[tuple]) -> None:
    assert [_row(e) for e in extract_events(text)] == rows


@pytest.mark.parametrize("text, start", [
    # guards: two months, or two years, leave the year's month unread; "may" the verb is no month
    ("In 2023 workshops were held in Lusaka in April and in June.", "2023"),
    ("A workshop took place in Lusaka in 2023; the report may follow in 2024.", "2023"),
])
def test_month_of_year_guards(text: str, start: str) -> None:
    from capdev.narrative.values.event_facts import _facts
    dates = _facts(text).dates
    assert dates and dates[0].range.start.iso() == start


@pytest.mark.parametrize("text", [
    "Home » Projects » Open budgets",
    "Accueil » Projets » Budgets ouverts",
])
def test_breadcrumbs_still_chrome(text: str) -> None:
    from capdev.narrative.page_lines import match_chrome
    assert match_chrome(text)
    assert not match_chrome("• Webinaire « Budgets ouverts » (en ligne), 14 juin 2023, 75 participants")


@pytest.mark.parametrize("text", [
    "Title: Guide to open budgets\nDate: December 2022",  # a publication's card: no event
    "Activity: Peer exchanges with other municipalities\nDates: 2022-2024\nVenue: Quito",  # a period: no event
])
def test_cards_that_are_no_event(text: str) -> None:
    assert extract_events(text) == []


@pytest.mark.parametrize("text, rows", [
    # venues listed each with its own parenthesis of dates and count: each its own count, never the first one's
    ("National training workshops were held in Tegucigalpa (16-18 November 2021, 42 participants), Guatemala City "
     "(8-10 February 2022, 38 participants) and San Salvador (24-26 May 2022, 35 participants).",
     [("2021-11", "HND", 42), ("2022-02", "GTM", 38), ("2022-05", "SLV", 35)]),
    # a count told after the last venue for them all is no venue's
    ("Regional meetings were held in Athens, Greece, from 30 October to 2 November 2006, Rio de Janeiro, Brazil, "
     "from 12 to 15 November 2007, with 1,500 participants in total.",
     [("2006-10", "GRC", None), ("2007-11", "BRA", None)]),
    # an online word that is part of a name or names the topic tells no online event
    ("A national workshop on the Local Online Service Index was held in Accra on 3 May 2023 with 30 officials.",
     [("2023-05", "GHA", 30)]),
    ("Une conférence régionale sur les services en ligne s'est tenue à Cotonou le 16 mai 2023 avec 104 participants.",
     [("2023-05", "BEN", 104)]),
    ("Se celebró en Quito el 17 de mayo de 2023 una conferencia regional sobre servicios en línea con 98 "
     "participantes.", [("2023-05", "ECU", 98)]),
])
def test_counts_and_modes_of_listed_venues(text: str, rows: list[tuple]) -> None:
    events = extract_events(text)
    assert [_row(e) for e in events] == rows
    assert not any(e.online for e in events)


@pytest.mark.parametrize("text", [
    # a plan of trainings is no training held
    "Le plan de formation 2025 est adopté (6 modules, environ 300 agents ciblés) en mars 2025.",
    "El plan de capacitación 2025 fue aprobado en marzo de 2025.",
    "The training plan for 2025 was adopted in March 2025.",
])
def test_training_plan_is_no_event(text: str) -> None:
    assert [e for e in extract_events(text) if e.type == "workshop"] == []


@pytest.mark.parametrize("text, year", [
    # told before the project: history, even where the record writes no start
    ("Project: Local e-government\n\nIt built on the regional forum on local e-government held in Panama City in "
     "October 2018, before the project was designed.\nA national workshop was held in San José on 3 March 2020 "
     "with 40 officials.", "2018"),
    ("Projet : Administration locale\n\nIl s'appuie sur le forum régional tenu à Dakar en octobre 2018, avant le "
     "démarrage du projet.\nUn atelier national s'est tenu à Thiès le 3 mars 2020 avec 40 agents.", "2018"),
    ("Proyecto: Gobierno local\n\nRetoma el foro regional celebrado en Lima en octubre de 2018, antes del inicio del "
     "proyecto.\nUn taller nacional se realizó en Cusco el 3 de marzo de 2020 con 40 funcionarios.", "2018"),
])
def test_told_before_the_project(text: str, year: str) -> None:
    record = parse_text(text)[0]
    assert [e.start.iso()[:4] for e in record.activities if e.recalled] == [year]
    assert [e.start.iso()[:4] for e in record.activities if not e.recalled] == ["2020"]


@pytest.mark.parametrize("text, rows", [
    # a list item wrapped onto indented lines: the venue after the line break is still after its preposition
    ("c) national training workshops on the methodology in\n   Tegucigalpa (16-18 November 2021, 42 participants), "
     "Guatemala City (8-10 February 2022,\n   38 participants) and San Salvador (24-26 May 2022, 35 participants);",
     [("2021-11", "HND", 42), ("2022-02", "GTM", 38), ("2022-05", "SLV", 35)]),
    # a year inside a project's code dates nothing (an undated event is set aside later, flagged)
    ("Final Evaluation of Development Account Project 2019-DA-11", []),
    ("Évaluation finale du projet 2020-CD-04 du Compte pour le développement", []),
])
def test_wrapped_items_and_codes(text: str, rows: list[tuple]) -> None:
    assert [_row(e) for e in extract_events(text) if e.start] == rows  # an undated one is set aside, flagged
