"""Round 9: the events a project held and their counts, in English, French and Spanish (records written for these
tests, tests/files/round9/events/), and the events and counts that are not the project's:
- a sentence of the project's total reach ("Altogether, more than 1,800 civil servants have benefited from the
  project", "Au total, plus de 1 200 fonctionnaires ont bénéficié du projet") gives its count to no event;
- an event the project took part in (another organisation's meeting), a steering committee's meeting and an event
  planned "next year" are not counted; a webinar dated "In 2023, on 21 March" is of March 2023;
- a report on one event names it in its head (the event's name over its place and days, above the first label);
  the one sentence saying how many attended ("Thirty-six (36) participants took part", "Ont pris part aux travaux 52
  participants", "Participaron 47 funcionarios") is its count, not the project's total trained to date;
- notes below a table of projects that name one project's code give that project its events; a note naming two
  codes gives none;
- guards: a table of commitments numbered 1, 2, 3 is no list of events (its numbers are no counts), an event dated
  only by its year is set aside, a study visit to two towns of one country is one event, "Antigua Guatemala" is in
  Guatemala.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.events import extract_events

FILES = Path(__file__).parent / "files" / "round9" / "events"


def _rows(record) -> list[tuple]:
    return sorted(((e.start.iso()[:7] if e.start else None), e.country, e.participants)
                  for e in record.activities if not e.recalled)


def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


# file: (every counted row as (start month, venue country, exact count), counts that must be on no row)
PROGRESS = {
    # "around 70", "près de 65", "cerca de 80": rounded counts, read (round 11); the reach since the start is none
    "en_progress_reach.txt": ([("2022-06", "ZMB", 44), ("2022-10", "MWI", 70), ("2023-03", None, None)],
                              {1800}),
    "fr_bilan_portee.txt": ([("2022-06", "BFA", 39), ("2022-10", "NER", 65), ("2023-03", None, None)],
                            {1200}),
    "es_balance_alcance.txt": ([("2022-06", "HND", 41), ("2022-10", "NIC", 80), ("2023-03", None, None)],
                               {1500}),
}


@pytest.mark.parametrize("name", sorted(PROGRESS))
def test_progress_rows_without_reach_nor_others_events(name: str) -> None:
    rows, never = PROGRESS[name]
    record = only_record(FILES / name)
    assert sorted(_rows(record), key=_key) == sorted(rows, key=_key)
    assert not {e.participants for e in record.activities} & never


@pytest.mark.parametrize("name", sorted(PROGRESS))
def test_event_taken_part_in_is_flagged_not_counted(name: str) -> None:
    record = only_record(FILES / name)
    assert any("took part in" in f.reason for f in record.flags if f.field == "activities")
    assert "2023-11" not in {e.start.iso()[:7] for e in record.activities if e.start}


REPORTS = {
    "en_workshop_report.txt": [("2023-04", "RWA", 36)],
    "fr_compte_rendu_atelier.txt": [("2024-02", "CIV", 52)],
    "es_informe_taller.txt": [("2023-09", "PRY", 47)],
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_head_names_its_event_and_the_attendance_sentence_its_count(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == REPORTS[name]
    reasons = [f.reason for f in record.flags if f.field == "activities"]
    assert any("read from its head" in r for r in reasons)
    assert any("read from a sentence" in r for r in reasons)  # for a reviewer to check
    assert not any(s.field == "unparsed" and "20" in record.text[s.start - record.offset : s.end - record.offset]
                   and "Workshop" in record.text[s.start - record.offset : s.end - record.offset]
                   for s in record.spans)


NOTES = {
    "en_portfolio_notes.txt": {"GF-21-004": [("2024-02", "TGO", 63)],
                               "GF-22-011": [("2023-03", "KEN", 48), ("2023-06", None, 156)], "GF-23-002": []},
    "fr_portefeuille_notes.txt": {"FG-21-07": [("2024-02", "BEN", 57)], "FG-22-15": [("2023-03", "SEN", 44)],
                                  "FG-23-03": []},
    "es_cartera_notas.txt": {"FGB-21-09": [("2024-02", "BOL", 59)], "FGB-22-12": [("2023-03", "ECU", 46)],
                             "FGB-23-05": []},
}


@pytest.mark.parametrize("name", sorted(NOTES))
def test_notes_below_a_portfolio_table_go_to_the_code_they_name(name: str) -> None:
    records = parse_file(FILES / name)
    got = {r.code: _rows(r) for r in records}
    assert got == {code: sorted(rows, key=_key) for code, rows in NOTES[name].items()}


# ---------------------------------------------------------------- guards

COMMITMENTS = [
    "Commitments\n| No. | Commitment | Responsible | Deadline |\n|-----|------------|-------------|----------|\n"
    "| 1 | Amend the grant agreement (extension) | Coordination / UNDP | 31/10/2024 |\n"
    "| 2 | Update the 2025 workplan with gender indicators | Coordination | 15/10/2024 |\n"
    "| 3 | Technical exchange with the Ombudsman's office | Secretariat | November 2024 |\n",
    "Engagements\n| N° | Engagement | Responsable | Échéance |\n|-----|------------|-------------|----------|\n"
    "| 1 | Avenant à la convention (prolongation) | Coordination / PNUD | 31/10/2024 |\n"
    "| 2 | Révision du plan de travail 2025 avec des indicateurs de genre | Coordination | 15/10/2024 |\n"
    "| 3 | Échange technique avec le Médiateur de la République | Secrétariat | novembre 2024 |\n",
    "Compromisos\n| N.º | Compromiso | Responsable | Plazo |\n|-----|------------|-------------|----------|\n"
    "| 1 | Enmienda al convenio (prórroga) | Coordinación / PNUD | 31/10/2024 |\n"
    "| 2 | Ajuste del plan operativo 2025 con indicadores de género | Coordinación | 15/10/2024 |\n"
    "| 3 | Intercambio técnico con la Defensoría | Secretaría | noviembre de 2024 |\n",
]


@pytest.mark.parametrize("table", COMMITMENTS)
def test_a_numbered_table_of_commitments_is_no_list_of_events(table: str) -> None:
    text = (f"MINUTES OF THE FOURTH MEETING\nProject: Public Integrity System (PIS-22)\nDate: 2 October 2024\n\n"
            f"The committee reviewed the progress report and agreed on the following.\n\n{table}\n"
            f"The meeting closed at 12:15.\n")
    (record,) = parse_text(text)
    assert not [e for e in record.activities if not e.recalled]
    assert any("name no kind of event" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("sentence", [
    "The savings from travel in 2020 were reallocated to the national assessments.",
    "Les économies de déplacement de 2021 ont été réaffectées aux diagnostics nationaux.",
    "Los ahorros en viajes de 2021 se reasignaron a los diagnósticos nacionales.",
])
def test_an_event_dated_only_by_its_year_is_set_aside(sentence: str) -> None:
    text = f"Title: Local e-Government Readiness\nCode: LEG-19\nStart date: June 2019\n\nSummary: {sentence}\n"
    (record,) = parse_text(text)
    assert not [e for e in record.activities if not e.recalled]


@pytest.mark.parametrize("text, row", [
    ("- study visit to Paris and Lyon, 5-9 June 2023, 14 participants from the ministry;", ("2023-06", "FRA", 14)),
    ("- visite d'étude à Paris et Strasbourg, 12-16 juin 2023, 12 participants marocains ;", ("2023-06", "FRA", 12)),
    ("- visita de estudio a Madrid y Toledo, del 3 al 7 de julio de 2023, con 15 participantes;",
     ("2023-07", "ESP", 15)),
])
def test_one_visit_to_two_towns_of_one_country_is_one_event(text: str, row: tuple) -> None:
    events = extract_events(text)
    assert [((e.start.iso()[:7] if e.start else None), e.country, e.participants) for e in events if e.start] == [row]


@pytest.mark.parametrize("text", [
    "A technical mission to Antigua Guatemala took place on 8-10 February 2023.",
    "Une mission technique à Antigua Guatemala a eu lieu du 8 au 10 février 2023.",
    "Del 8 al 10 de febrero de 2023 se realizó una misión técnica a Antigua Guatemala.",
])
def test_a_country_name_inside_a_town_of_another_country(text: str) -> None:
    assert [e.country for e in extract_events(text)] == ["GTM"]


@pytest.mark.parametrize("text, count", [
    ("A national workshop was held in Accra on 3 May 2023 and attended by twenty-four (24) officials.", 24),
    ("Un atelier national s'est tenu à Lomé le 3 mai 2023 avec trente-deux (32) participants.", 32),
    ("Se realizó un taller nacional en Quito el 3 de mayo de 2023 con cuarenta y uno (41) participantes.", 41),
])
def test_a_count_written_in_words_then_digits(text: str, count: int) -> None:
    assert [e.participants for e in extract_events(text)] == [count]


@pytest.mark.parametrize("text, count", [
    ("The validation workshop took place in Dakar on 14 March 2023 with 37 participants. Overall, the project has "
     "reached 2,400 civil servants to date.", 37),
    ("L'atelier de validation s'est tenu à Dakar le 14 mars 2023. Au total, 2 400 agents ont bénéficié du projet.",
     None),
    ("El taller de validación se realizó en Quito el 14 de marzo de 2023. En total, el proyecto alcanzó a 2.400 "
     "servidores públicos desde su inicio.", None),
])
def test_the_projects_reach_is_no_events_count(text: str, count: int | None) -> None:
    assert [e.participants for e in extract_events(text)] == [count]


TABLES = {
    "en": ("| Activity | Date | Venue | Participants |\n|---|---|---|---|\n"
           "| Inception workshop | 21-22 June 2022 | Accra | 48 |\n"
           "| Training of statisticians | 10-14 October 2022 | Kumasi | 31 (including 9 women) |\n"
           "| Project steering committee meeting | 15 March 2023 | Accra | 12 |\n",
           [("2022-06", "GHA", 48), ("2022-10", "GHA", 31)]),
    "fr": ("| Activité | Date | Lieu | Participants |\n|---|---|---|---|\n"
           "| Atelier de lancement | 21-22 juin 2022 | Bamako | 48 |\n"
           "| Formation des statisticiens | 10-14 octobre 2022 | Ouagadougou | 31 (dont 9 femmes) |\n"
           "| Réunion du comité de pilotage | 15 mars 2023 | Bamako | 12 |\n",
           [("2022-06", "MLI", 48), ("2022-10", "BFA", 31)]),
    "es": ("| Actividad | Fecha | Lugar | Participantes |\n|---|---|---|---|\n"
           "| Taller de arranque | 21-22 de junio de 2022 | Quito | 48 |\n"
           "| Curso para estadísticos | 10-14 de octubre de 2022 | Guayaquil | 31 (de los cuales 9 mujeres) |\n"
           "| Reunión del comité directivo | 15 de marzo de 2023 | Quito | 12 |\n",
           [("2022-06", "ECU", 48), ("2022-10", "ECU", 31)]),
}


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_activity_table_subset_counts_and_no_governance_row(lang: str) -> None:
    table, rows = TABLES[lang]
    text = f"Title: Local Statistics Capacity\nCode: LSC-22\nStart date: June 2022\n\nActivities:\n\n{table}"
    (record,) = parse_text(text)
    assert _rows(record) == rows
    assert any("governance meeting" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("text, rows", [
    ("* 12/08/2021 - Induction workshop, Arequipa. Attended by 35 councillors and staff.\n"
     "* 25/11/2021 - Online panel discussion \"Budgets and citizens\". 210 participants joined.\n"
     "* March 2022 - Exchange visit to Montevideo (Uruguay) by 8 mayors.\n"
     "* 2023 - Documentation of experiences.\n",
     [("2021-08", "PER", 35), ("2021-11", None, 210), ("2022-03", "URY", 8)]),
    ("* 12/08/2021 — Atelier d'initiation, Thiès. Y ont pris part 35 conseillers municipaux.\n"
     "* 25/11/2021 — Webinaire « Budget et citoyenneté ». 210 participants connectés.\n"
     "* Mars 2022 — Visite d'échange à Montevideo (Uruguay) de 8 maires.\n"
     "* 2023 — Capitalisation des expériences.\n",
     [("2021-08", "SEN", 35), ("2021-11", None, 210), ("2022-03", "URY", 8)]),
    ("* 12/08/2021 — Taller de inducción, Cusco. Asistieron 35 regidores y funcionarios.\n"
     "* 25/11/2021 — Conversatorio virtual \"Presupuesto y ciudadanía\". Participaron 210 personas conectadas.\n"
     "* Marzo 2022 — Pasantía a Montevideo (Uruguay) de 8 alcaldes.\n"
     "* 2023 — Sistematización de experiencias.\n",
     [("2021-08", "PER", 35), ("2021-11", None, 210), ("2022-03", "URY", 8)]),
])
def test_an_agenda_of_dated_items(text: str, rows: list) -> None:
    record_text = f"Title: Participatory Budgets\nCode: PB-21\nStart date: July 2021\n\nAgenda:\n\n{text}"
    (record,) = parse_text(record_text)
    assert _rows(record) == rows


@pytest.mark.parametrize("sentence", [
    "The minutes of the third meeting of 14 March 2024 were approved without comments.",
    "Le procès-verbal de la troisième réunion du 14 mars 2024 est approuvé sans observations.",
    "Se aprueba el acta n.º 3 de la reunión del 14 de marzo de 2024 sin observaciones.",
])
def test_approved_minutes_name_a_governance_meeting(sentence: str) -> None:
    text = f"Title: Public Integrity System\nCode: PIS-22\nStart date: March 2022\n\nSummary: {sentence}\n"
    (record,) = parse_text(text)
    assert not [e for e in record.activities if not e.recalled]


@pytest.mark.parametrize("text, rows", [
    ("National workshops were organized in Accra in November 2022 for the district planning officers\n"
     "(38 participants) and in Dakar in February 2023 (41 participants).",
     [("2022-11", "GHA", 38), ("2023-02", "SEN", 41)]),
    ("Le séminaire de lancement s'est tenu à N'Djamena le 10 octobre 2019 et a réuni\n"
     "85 participants issus de 22 ministères.", [("2019-10", "TCD", 85)]),
    ("El seminario de apertura se celebró en Tegucigalpa el 6 de marzo de 2023 y convocó a\n"
     "95 participantes de 14 instituciones.", [("2023-03", "HND", 95)]),
])
def test_a_sentence_wrapped_before_its_count(text: str, rows: list) -> None:
    got = [((e.start.iso()[:7] if e.start else None), e.country, e.participants) for e in extract_events(text)]
    assert got == rows


@pytest.mark.parametrize("text, row", [
    ("A study tour to the National School of Government in Rabat (Morocco) allowed, in November 2022, 12 executives "
     "to learn from its system.", ("2022-11", "MAR", 12)),
    ("Un voyage d'études auprès de l'École nationale d'administration de Rabat (Maroc) a permis, en novembre 2022, à "
     "12 cadres de découvrir le système marocain.", ("2022-11", "MAR", 12)),
    ("Se realizó una pasantía de 15 directivos en el INAP en Madrid en septiembre de 2023.", ("2023-09", "ESP", 15)),
])
def test_study_tours_and_their_people(text: str, row: tuple) -> None:
    assert [((e.start.iso()[:7] if e.start else None), e.country, e.participants) for e in extract_events(text)] \
        == [row]


@pytest.mark.parametrize("sentence", [
    "Questions may be sent to the same address until 14 February 2025.",
    "Les questions pourront être adressées à la même adresse jusqu'au 14 février 2025.",
    "Las consultas podrán dirigirse a la misma dirección hasta el 14 de febrero de 2025.",
])
def test_a_date_questions_may_be_sent_until_is_no_event(sentence: str) -> None:
    assert not [e for e in extract_events(sentence) if e.start]


def test_notes_as_list_items_below_a_portfolio_table() -> None:
    text = ("| Code | Project title | Countries | Period | Budget (USD) | Status |\n"
            "|---|---|---|---|---|---|\n"
            "| DA-23-11 | Local governments and the SDGs | Kenya, Rwanda | Jan 2023 - Dec 2026 | 720,000 | Ongoing |\n"
            "| AS-24-02 | Digital readiness | Cambodia, Timor-Leste | Jul 2024 - Jun 2027 | 540,000 | Active |\n"
            "\n**Notes**\n\n"
            "1. DA-23-11: the training of trainers took place in Kigali in September 2024 with 35 participants;\n"
            "   the next one is planned in Kampala.\n"
            "2. AS-24-02: inception mission to Dili in November 2024.\n")
    got = {r.code: _rows(r) for r in parse_text(text)}
    assert got == {"DA-23-11": [("2024-09", "RWA", 35)], "AS-24-02": [("2024-11", "TLS", None)]}


@pytest.mark.parametrize("text, rows", [
    ("Highlights include the exchange mission to Montevideo, Uruguay, in June 2024, and the leadership course held in "
     "Asunción on 14-18 October 2024, which brought together 48 participants.",
     [("2024-06", "URY", None), ("2024-10", "PRY", 48)]),
    ("On retiendra la mission d'échange à Montevideo, Uruguay, en juin 2024, et le cours de leadership tenu à Asunción "
     "du 14 au 18 octobre 2024, qui a réuni 48 participants.",
     [("2024-06", "URY", None), ("2024-10", "PRY", 48)]),
    ("Destacan la misión de intercambio a Montevideo, Uruguay, en junio de 2024, y el curso de liderazgo realizado en "
     "Asunción del 14 al 18 de octubre de 2024, que contó con 48 participantes.",
     [("2024-06", "URY", None), ("2024-10", "PRY", 48)]),
])
def test_a_relative_clause_counts_the_last_event_told(text: str, rows: list) -> None:
    got = [((e.start.iso()[:7] if e.start else None), e.country, e.participants) for e in extract_events(text)]
    assert got == rows
