"""Round 9, status and period told in words: a status inferred from the period beside the date a document states for
itself, an end date changed "from ... to ...", a status said of the project in a sentence, a start named by a noun
("Start is expected in ..."), and a card's line of facts below a page's navigation; each in English, French and
Spanish, with guards that none of them takes another thing's status or dates."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import PartialDate
from capdev.narrative.values.status_dates import document_date, status_by_date

from ._shared import only_record

FILES = Path(__file__).parent / "files" / "round9" / "status"


def _d(text: str | None) -> PartialDate | None:
    if text is None:
        return None
    parts = [int(p) for p in text.split("-")]
    return PartialDate(*parts)


def _flagged(rec, reason_part: str) -> bool:
    return any(f.field == "status" and reason_part in f.reason for f in rec.flags)


# ------------------------------------------------------------------ a status inferred from the document's date

@pytest.mark.parametrize("name,status,start,end", [
    ("dated_completed_en.txt", "completed", "2019-03", "2022-12"),  # "Date of report: 15 May 2024"
    ("dated_completed_fr.txt", "completed", "2020-01", "2023-06"),  # an e-mail "Envoyé : jeudi 4 avril 2024"
    ("dated_completed_es.txt", "completed", "2018-08-01", "2021-07-31"),  # "Fecha de corte: 30 de junio de 2024"
    ("dated_active_en.txt", "active", "2023-01", "2026-12"),  # "Last updated: March 2025"
    ("dated_active_fr.txt", "active", "2022-09", "2025-08"),  # a heading "RAPPORT D'ACTIVITÉ 2023"
    ("dated_active_es.txt", "active", "2023-04", "2026-03"),  # minutes "Fecha: 12 de noviembre de 2024"
    ("dated_planned_en.txt", "planned", "2025-07", "2028-06"),  # "ANNUAL REPORT 2024"
])
def test_status_inferred_from_the_documents_date(name, status, start, end):
    rec = only_record(FILES / name)
    assert (rec.start, rec.end) == (_d(start), _d(end))
    assert rec.status == status
    assert _flagged(rec, "inferred from the period and the document's date")


@pytest.mark.parametrize("name", [
    "undated_en.txt",  # no date of its own; a workshop's day in the body is no document's date
    "straddle_fr.txt",  # a report of 10 December 2024 on a project ending in December 2024: nothing sure
])
def test_no_status_without_a_stated_date_or_when_the_period_straddles_it(name):
    rec = only_record(FILES / name)
    assert rec.start is not None and rec.status is None


def test_status_by_date_compares_whole_stretches():
    year = PartialDate(2024)
    assert status_by_date(PartialDate(2019), PartialDate(2023, 12), year) == "completed"
    assert status_by_date(PartialDate(2019), PartialDate(2024, 1), year) is None  # ends within the report's year
    assert status_by_date(PartialDate(2023, 6), PartialDate(2025, 1), year) == "active"
    assert status_by_date(PartialDate(2025, 1), None, year) == "planned"
    assert status_by_date(PartialDate(2023), None, year) is None  # began, end unknown: active or completed?
    assert status_by_date(PartialDate(2019), PartialDate(2022), None) is None


def test_document_date_is_one_stated_date_of_the_first_lines():
    assert document_date("Sent: Tuesday, March 11, 2025 6:42 PM\nSubject: update") == PartialDate(2025, 3, 11)
    assert document_date("Informe Anual 2023\n\nCapítulo 4") == PartialDate(2023)
    assert document_date("Dates: 3-7 March 2025\nVenue: Accra") is None  # an event's days
    assert document_date("Date: 4 May 2024\nUpdated: 2 June 2025") is None  # two dates: which one?
    assert document_date("The workshop took place on 4 May 2024.") is None  # a sentence, no label


# ------------------------------------------------------------------ an end date changed "from ... to ..."

@pytest.mark.parametrize("name,end", [
    ("changed_end_en.txt", "2025-07-31"),  # "extending the end date of the project from ... to ..."
    ("changed_end_fr.txt", "2025-12-31"),  # "le report de la date de clôture du projet du ... au ..."
    ("changed_end_es.txt", "2024-12-14"),  # "Se prorroga la fecha de terminación ... del ... al ..."
])
def test_end_date_changed_from_one_date_to_another(name, end):
    rec = only_record(FILES / name)
    assert rec.end == _d(end)


def test_a_workshops_changed_date_is_not_the_projects_end():
    rec = only_record(FILES / "changed_end_guard_en.txt")
    assert rec.end == PartialDate(2024, 12)


# ------------------------------------------------------------------ a status said of the project in a sentence

@pytest.mark.parametrize("name,status", [
    ("prose_status_en.txt", "completed"),  # "Our project "... Registration ..." came to an end on ..."
    ("prose_status_fr.txt", "completed"),  # "Le projet « ... », achevé en 2021, a formé ..."
    ("prose_status_es.txt", "active"),  # "se encuentra actualmente en su segunda fase"
    ("prose_planned_en.txt", "planned"),  # "is awaiting approval" (a title holding "Assessment")
    ("prose_planned_fr.txt", "planned"),  # "est en attente d'approbation"
    ("prose_planned_es.txt", "planned"),  # "está pendiente de aprobación"
])
def test_status_said_of_the_project(name, status):
    rec = only_record(FILES / name)
    assert rec.status == status


def test_a_completion_to_come_is_no_status():
    rec = only_record(FILES / "prose_status_guard_fr.txt")  # "qui sera achevé en 2026"
    assert rec.status is None


# ------------------------------------------------------------------ a start named by a noun

@pytest.mark.parametrize("name,start", [
    ("prose_planned_en.txt", "2025-09"),  # "Start is expected in September 2025"
    ("prose_planned_fr.txt", "2026-01"),  # "Le démarrage est prévu en janvier 2026"
    ("prose_planned_es.txt", "2026-03"),  # "El inicio está previsto para marzo de 2026"
])
def test_start_named_by_a_noun(name, start):
    assert only_record(FILES / name).start == _d(start)


def test_a_workshops_start_is_not_the_projects():
    rec = only_record(FILES / "nominal_start_guard_en.txt")  # "The national workshop's start is planned for ..."
    assert rec.start is None


# ------------------------------------------------------------------ a card's line of facts below a page's head

@pytest.mark.parametrize("name,statuses", [
    ("listing_badge_en.txt", ["active", "completed"]),  # "Ghana · Ongoing · 2022–2025" below the navigation
    ("listing_badge_fr.txt", ["completed", "planned"]),  # "Bénin | Clôturé | 2017-2020"
    ("listing_badge_es.txt", ["active"]),  # "Perú — En ejecución — 2023-2026"
])
def test_status_on_a_cards_line_of_facts(name, statuses):
    assert [r.status for r in parse_file(FILES / name)] == statuses


def test_activity_rows_give_the_project_no_status():
    rec = only_record(FILES / "activity_rows_guard_en.txt")  # "Induction workshop · Hanoi · Completed"
    assert rec.status is None


def test_end_date_changed_to_a_new_date_after_the_old_one():
    rec = only_record(FILES / "changed_end_to_es.txt")  # "ampliar la fecha de término prevista, el ..., hasta el ..."
    assert rec.end == PartialDate(2025, 8, 31)


# ------------------------------------------------------------------ a report's numbered paragraphs

@pytest.mark.parametrize("name,first,second", [
    # "14. In Southern Africa, the project "..." (its first line the title), came to an end in June 2024. It had
    # started in May 2021"; "a new project entitled "...", which is expected to begin in 2026"
    ("report_paragraphs_en.txt", ("completed", "2021-05", "2024-06"), ("planned", "2026", None)),
    ("report_paragraphs_fr.txt", ("completed", "2021-04", "2024-03"), ("planned", "2026", None)),
    ("report_paragraphs_es.txt", ("completed", "2021-03", "2024-04"), ("planned", "2026", None)),
])
def test_numbered_paragraphs_of_a_report(name, first, second):
    records = parse_file(FILES / name)
    assert len(records) == 2
    for rec, (status, start, end) in zip(records, (first, second)):
        assert (rec.status, rec.start, rec.end) == (status, _d(start), _d(end))


def test_a_pronoun_after_a_workshop_is_not_the_project():
    from capdev.narrative.values.prose_periods import verb_dates

    assert verb_dates("El proyecto concluyó en abril de 2024. Había comenzado en marzo de 2021.") == (
        PartialDate(2021, 3), PartialDate(2024, 4))
    assert verb_dates("The project organised a workshop in Accra. It started on 3 May 2023.") == (None, None)
    # "El" before a noun is no pronoun: the workshop began, not the project
    assert verb_dates("El proyecto está en ejecución. El taller regional comenzó el 2 de abril de 2024.") == (
        None, None)


@pytest.mark.parametrize("text,status", [
    ("The project supports the tax administration of Ghana. It is currently under implementation.", "active"),
    ("Le projet appuie les communes du Bénin. Il a pris fin en mars 2023.", "completed"),
    ("El proyecto apoya a los municipios de Bolivia. Se encuentra en ejecución desde 2022.", "active"),
    # guards: the sentence before tells of a workshop; a noun after the word ("Esta fase"); an evaluation
    ("The project organised a workshop in May. It was completed in June.", None),
    ("El proyecto apoya a los municipios. Esta fase concluyó en 2023.", None),
    ("Le projet appuie les communes. Son évaluation finale s'est achevée en 2023.", None),
])
def test_status_of_a_pronoun_after_a_sentence_about_the_project(text, status):
    from capdev.narrative.values.prose_facts import read_status

    assert read_status(text) == status


@pytest.mark.parametrize("text,end", [
    ("The project remains under implementation until March 2026.", "2026-03"),
    ("Le projet est en cours d'exécution jusqu'en juin 2026.", "2026-06"),
    ("El proyecto sigue en ejecución hasta diciembre de 2025.", "2025-12"),
    ("El proyecto sigue en ejecución en 2025.", None),  # a year it is under way in, not its end
])
def test_status_with_its_end(text, end):
    from capdev.narrative.values.prose import read_stated

    facts = read_stated(text)
    assert (facts.status, facts.end) == ("active", _d(end))


def test_a_follow_up_project_is_not_the_records():
    from capdev.narrative.values.prose_facts import read_status

    assert read_status("The project trained ten councils. Building on it, a new project will start in 2025.") is None
    assert read_status("Le projet a formé dix communes. Un nouveau projet démarrera en 2025.") is None


# ------------------------------------------------------------------ a section's heading over its records

@pytest.mark.parametrize("name,statuses", [
    ("sections_en.txt", ["active", "active", "completed"]),  # "ONGOING PROJECTS", then "COMPLETED PROJECTS"
    ("sections_fr.txt", ["completed", "active"]),  # "1. Projets clôturés", "2. Projets en cours d'exécution"
    ("sections_es.txt", ["planned", "completed"]),  # "## Proyectos en formulación", "## Proyectos finalizados"
])
def test_status_from_the_heading_of_its_section(name, statuses):
    records = parse_file(FILES / name)
    assert [r.status for r in records] == statuses
    assert all(_flagged(r, "heading of its section") for r in records)


def test_one_records_badge_is_no_sections_heading():
    records = parse_file(FILES / "sections_guard_en.txt")  # "Related projects", "Project completed" between two
    assert [r.status for r in records] == ["Ongoing", None]
