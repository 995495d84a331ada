"""Round 11, periods and status written in ways the parser had not met, each in English, French and Spanish, with
guards that none of the new rules takes another thing's dates or status:
- a labelled record's wrapped paragraph, whose lines reach the readers as paragraphs (values.wrapped_lines), and an
  end verb joined by "and" to the project's start verb ("Il a démarré en février 2022 et prendra fin en ...");
- a label's period whose own sentence moves the end ("its completion was moved to", values.period_values);
- a status under a label alone on its line (values.status_lines);
- a chronology's entries ("Sep 2021    Project launch", values.timeline_periods);
- a date of publication or of a meeting as the document's own date (the status its period then gives);
- labels qualified by "of the programme", "du programme", "del programa";
- the project itself extended to a date ("a no-cost extension of the project until", values.changed_ends)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.types import PartialDate
from capdev.narrative.values.changed_ends import changed_end
from capdev.narrative.values.prose_periods import verb_dates
from capdev.narrative.values.timeline_periods import timeline_period
from capdev.narrative.values.wrapped_lines import rejoin

from ._shared import only_record

FILES = Path(__file__).parent / "files" / "round11" / "dates"


def _d(text: str | None) -> PartialDate | None:
    return None if text is None else PartialDate(*[int(p) for p in text.split("-")])


def _period(rec) -> tuple[PartialDate | None, PartialDate | None]:
    return rec.start, rec.end


# ------------------------------------------------------------------------------------- a wrapped paragraph

@pytest.mark.parametrize("name, start, end", [
    ("wrapped_en.txt", "2021-04", "2023-09"),  # "It started in April 2021 and" / "is due to close in September 2023"
    ("wrapped_fr.txt", "2022-02", "2025-01"),  # "Il a démarré en février 2022 et" / "prendra fin en janvier 2025"
    ("wrapped_es.txt", "2020-05", "2023-04"),  # "Arrancó en mayo de 2020 y" / "culminará en abril de 2023"
])
def test_a_wrapped_paragraph_gives_its_period(name, start, end):
    assert _period(only_record(FILES / name)) == (_d(start), _d(end))


def test_a_study_tours_dates_in_a_wrapped_paragraph_are_not_the_projects():
    assert _period(only_record(FILES / "wrapped_guard_en.txt")) == (None, None)


@pytest.mark.parametrize("text, kept", [
    ("It began in 2021 and\n\nwill end in 2024.", "It began in 2021 and  will end in 2024."),
    ("Background\n\nThe project began in 2021.", "Background\n\nThe project began in 2021."),  # a heading
    ("A line that ends with a stop and goes on long enough to be wrapped.\n\nThe next paragraph",
     "A line that ends with a stop and goes on long enough to be wrapped.\n\nThe next paragraph"),
    ("A long line of text that goes on and on and on and ends with the\n\n2. Objectives",
     "A long line of text that goes on and on and on and ends with the\n\n2. Objectives"),  # a list's number
    ("A long line of text that goes on and on and on and ends with desde el\n\n1 de abril de 2023",
     "A long line of text that goes on and on and on and ends with desde el  1 de abril de 2023"),
])
def test_rejoin_blanks_only_breaks_inside_a_sentence(text, kept):
    assert rejoin(text) == kept


@pytest.mark.parametrize("text, end", [
    ("The project started in April 2021 and will end in May 2024.", PartialDate(2024, 5)),
    ("The project started in April 2021 and the workshop ended in May 2021.", None),  # another subject
    ("El proyecto se inició en 2021. El taller comenzó en marzo de 2022 y concluyó en abril de 2022.", None),
])
def test_an_end_verb_joined_to_the_projects_start_verb(text, end):
    assert verb_dates(text)[1] == end


# ----------------------------------------------------------------------------- a label's period moved on

@pytest.mark.parametrize("name, start, end", [
    ("extended_label_en.txt", "2021-03-01", "2024-03-31"),  # "its completion was moved to 31 March 2024"
    ("extended_label_fr.txt", "2021-06-01", "2023-12-31"),  # "la date de" / "clôture a été repoussée au ..."
    ("extended_label_es.txt", "2020-07-01", "2023-12-31"),  # "la fecha de" / "culminación se aplazó hasta el ..."
])
def test_a_labelled_period_moved_by_its_own_sentence(name, start, end):
    rec = only_record(FILES / name)
    assert _period(rec) == (_d(start), _d(end))
    assert any(f.field == "time_frame" and "extended" in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, end", [
    ("extended_label_guard_fr.txt", "2023-05-31"),  # "la date de clôture de l'atelier régional a été repoussée"
    ("extended_label_guard_es.txt", "2023-06-30"),  # "culminación del proyecto anterior se aplazó"
])
def test_another_things_end_moved_is_not_the_projects(name, end):
    assert only_record(FILES / name).end == _d(end)


# ------------------------------------------------------------------------------ a status under its label

@pytest.mark.parametrize("name, status", [
    ("status_line_en.txt", "active"),  # "Stage" / "Under implementation" below a wrapped period
    ("status_line_fr.txt", "completed"),  # "Statut" / "Clôturé"
    ("status_line_es.txt", "planned"),  # "Situación" / "En formulación"
])
def test_a_status_on_the_line_below_its_label(name, status):
    assert only_record(FILES / name).status == status


def test_a_sentence_below_a_status_label_is_no_status():
    assert only_record(FILES / "status_line_guard_en.txt").status is None


# ----------------------------------------------------------------------------------------- a chronology

@pytest.mark.parametrize("name, start, end", [
    ("timeline_en.txt", "2021-09", "2025-02"),  # "Sep 2021    Project launch", an extended end over the original
    ("timeline_fr.txt", "2020-01-15", "2022-12-31"),  # "- 15/01/2020 : démarrage du projet"
    ("timeline_es.txt", "2023-03", "2026-06"),  # "marzo de 2023 | Inicio del proyecto"
])
def test_a_chronology_marks_the_start_and_end(name, start, end):
    assert _period(only_record(FILES / name)) == (_d(start), _d(end))


def test_a_pilots_or_a_previous_projects_entries_mark_nothing():
    assert _period(only_record(FILES / "timeline_guard_es.txt")) == (None, None)


@pytest.mark.parametrize("text", [
    "2021  Workshop on project start-up procedures",  # an event's entry
    "In March 2022 the project started.",  # a sentence, no entry
    "2019-2022  Project implementation",  # a period, not a mark
])
def test_lines_that_are_no_marks(text):
    assert timeline_period(text) == (None, None)


# ------------------------------------------------------------------------- a document's published date

@pytest.mark.parametrize("name, status", [
    ("published_en.txt", "active"),  # "Published on: 12 September 2024", 2022-2025
    ("published_fr.txt", "completed"),  # "Date de publication : 5 mars 2025", 2019-2023
    ("published_es.txt", "planned"),  # "Fecha de la sesión: 14 de mayo de 2024", 2025-2027
])
def test_a_publication_or_meeting_date_dates_the_document(name, status):
    rec = only_record(FILES / name)
    assert rec.status == status
    assert any(f.field == "status" and "inferred" in f.reason for f in rec.flags)


def test_a_period_ending_in_the_month_of_publication_gives_no_status():
    assert only_record(FILES / "published_guard_en.txt").status is None


# ------------------------------------------------------------------------------------ a programme's labels

@pytest.mark.parametrize("name, status, start, end", [
    ("programme_label_en.txt", "ongoing", "2022-05", "2026-04"),
    ("programme_label_fr.txt", "achevé", "2018-01", "2021-12"),
    ("programme_label_es.txt", "en ejecución", "2023-03", "2027-02"),
])
def test_labels_qualified_by_the_programme(name, status, start, end):
    rec = only_record(FILES / name)
    assert (rec.status, rec.start, rec.end) == (status, _d(start), _d(end))


# ------------------------------------------------------------------------------- the project extended

@pytest.mark.parametrize("name", ["extension_en.txt", "extension_fr.txt", "extension_es.txt"])
def test_the_project_extended_to_a_date(name):
    assert _period(only_record(FILES / name)) == (PartialDate(2021, 3), PartialDate(2025, 6, 30))


def test_a_call_extended_is_not_the_project():
    assert only_record(FILES / "extension_guard_en.txt").end is None


@pytest.mark.parametrize("text", [
    "The board approved an extension of the workshop until 30 June 2025.",
    "La prolongation du projet précédent jusqu'au 30 juin 2019 a été approuvée.",
    "Se aprobó la prórroga del proyecto piloto hasta el 30 de junio de 2019.",
])
def test_another_things_extension_gives_no_end(text):
    assert changed_end(text) is None


# ------------------------------------------------------------------- a start in brackets, a verb in the present

@pytest.mark.parametrize("value, date", [
    ("July 2025 (3 years)", PartialDate(2025, 7)),
    ("1er mars 2022 (36 mois)", PartialDate(2022, 3, 1)),
    ("enero de 2024 (24 meses)", PartialDate(2024, 1)),
    ("July 2025 (Q3)", None),  # a quarter is no length
])
def test_a_length_in_brackets_beside_one_date(value, date):
    from capdev.narrative.values.period_values import read_one

    assert read_one(value).start == date


@pytest.mark.parametrize("text, start, end", [
    ("The initiative supports four ministries. It starts in March 2026 and closes in February 2029.",
     PartialDate(2026, 3), PartialDate(2029, 2)),
    ("Ce programme appuie quatre ministères. Il démarre en mars 2026 et prend fin en février 2029.",
     PartialDate(2026, 3), PartialDate(2029, 2)),
    ("El proyecto apoya a cuatro ministerios. Se inicia en marzo de 2026 y culmina en febrero de 2029.",
     PartialDate(2026, 3), PartialDate(2029, 2)),
    ("El proyecto apoya a cuatro ministerios. El taller comienza en marzo de 2026 y termina en abril de 2026.",
     None, None),  # the workshop's
])
def test_verbs_in_the_present(text, start, end):
    assert verb_dates(text) == (start, end)


# ------------------------------------------------------------------- a plan's years in brackets after a title

@pytest.mark.parametrize("name", ["plan_title_en.txt", "plan_title_fr.txt", "plan_title_es.txt"])
def test_a_plans_years_after_the_title_are_not_the_projects(name):
    rec = only_record(FILES / name)  # "Apoyo a la Política Nacional de Integridad (2021-2025)"
    assert _period(rec) == (None, None)
    assert "(" not in rec.title  # the years are still no part of the name


def test_a_projects_own_years_after_its_title():
    assert _period(only_record(FILES / "plan_title_guard_en.txt")) == (PartialDate(2021), PartialDate(2024))


@pytest.mark.parametrize("word, category", [
    ("Proposé", "planned"), ("programmée", "planned"), ("Programado", "planned"),
    ("Programa de apoyo", None),  # a programme's name, no status
])
def test_status_words_of_a_project_to_come(word, category):
    from capdev.narrative.values.status import status_category

    assert status_category(word) == category


# ------------------------------------------------------------------------------------------- a dateline

@pytest.mark.parametrize("name, status", [
    ("dateline_en.txt", "active"),  # "Nairobi, 3 March 2025" over a letter
    ("dateline_fr.txt", "completed"),  # "Dakar, le 14 février 2025"
    ("dateline_es.txt", "planned"),  # "Jueves 5 de junio de 2025, de 10:00 a 12:30 horas"
])
def test_a_dateline_dates_the_document(name, status):
    rec = only_record(FILES / name)
    assert rec.status == status
    assert any(f.field == "status" and "inferred" in f.reason for f in rec.flags)


def test_an_events_days_are_no_dateline():
    assert only_record(FILES / "dateline_guard_en.txt").status is None  # "Nairobi, 3-7 March 2025"


@pytest.mark.parametrize("line, date", [
    ("Martes 8 de abril de 2025, de 15:10 a 16:45 horas", PartialDate(2025, 4, 8)),
    ("Genève, le 12 mai 2024", PartialDate(2024, 5, 12)),
    ("Workshop held in March 2024", None),
    ("Gaborone, Botswana, 6–10 March 2023", None),
])
def test_datelines(line, date):
    from capdev.narrative.values.datelines import dateline

    assert dateline(line) == date
