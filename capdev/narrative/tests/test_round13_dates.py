"""Round 13, periods and status read by general rules, each in English, French and Spanish, with guards:
- a status in brackets right after the project's period ("Duration: January 2025 to December 2028 (ongoing)",
  values.period_badges), never after an earlier phase's, a call's or an event's dates;
- an end date only asked for or proposed ("a further extension to December 2025 is being requested") is no end
  (values.requested_changes), unless the same clause says it was granted;
- a pronoun after a colon that follows the project's name is the project ("A quick note on the X Project: it is still
  in the pipeline", values.topic_pronouns), never where a workshop or an evaluation heads the phrase;
- a document dated by its minutes' or session's line ("Held on 14 May 2026, Lusaka", "DU SAMEDI 27 JUIN 2026",
  values.meeting_dates), never by a stretch of days or a sentence;
- a start told as a state since a date ("en cours depuis janvier 2025", "ongoing since", "en curso desde")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from capdev.narrative.types import PartialDate
from capdev.narrative.values.changed_ends import changed_end
from capdev.narrative.values.meeting_dates import meeting_date
from capdev.narrative.values.period_badges import period_badge
from capdev.narrative.values.prose_facts import period_cues, read_status
from capdev.narrative.values.prose_periods import verb_dates
from capdev.narrative.values.requested_changes import unsettled
from capdev.narrative.values.status import status_category
from capdev.narrative.values.status_dates import document_date

from ._shared import only_record

SAMPLE = Path(__file__).parent / "files" / "round13" / "dates"


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


def _got(rec) -> dict:
    return {"start": _iso(rec.start), "end": _iso(rec.end), "status": status_category(rec.status)}


# --------------------------------------------------------------------------- the sample, as labelled by hand

# The fields of the sample the parser read wrong or left out before this round and reads right now.
_FIXED = [("en_minutes_steering.txt", "status"), ("en_email_launch.txt", "status"), ("en_prose_extended.txt", "start"),
          ("en_prose_extended.txt", "end")]


@pytest.mark.parametrize("name, key", _FIXED)
def test_the_samples_fields_read_now(name, key):
    gold = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))[name]
    assert _got(only_record(SAMPLE / name))[key] == gold[key]


def test_an_extension_asked_for_is_not_the_samples_end():
    # "extended to 30 June 2025, and a further extension to December 2025 is being requested": never December.
    assert _got(only_record(SAMPLE / "en_prose_extended.txt"))["end"] in (None, "2025-06-30")


def test_the_samples_guard_takes_no_law_date():
    assert _got(only_record(SAMPLE / "es_guard_ley.txt")) == {"start": None, "end": None, "status": None}


# ------------------------------------------------------------------------- a status in brackets after the period

@pytest.mark.parametrize("text, category", [
    ("   Duration:            January 2025 to December 2028 (ongoing)", "active"),
    ("   Duration:            July 2023 - June 2026 (closed)", "completed"),
    ("Duration: January 2027 - December 2030 (planned)", "planned"),
    ("Période d'exécution : 2019-2023 (clôturé)", "completed"),
    ("| Projet X | 2024-2026 (en ejecución) |", "active"),
    ("Plazo: 2024-2026 (en ejecución)", "active"),
    # guards: an earlier phase, a call's weeks, an amount in the brackets, a label of no period, two statuses
    ("Phase I (2019-2022) (completed)", None),
    ("Call for proposals: 1-30 March 2026 (closed)", None),
    ("2019-2022 (USD 2 million)", None),
    ("Funding window: 2024-2025 (open)", None),
    ("Duration: 2019-2022 (closed)\nPeriod: 2023-2026 (ongoing)", None),
])
def test_a_status_in_brackets_after_the_period(text, category):
    assert period_badge(text) == category


# ----------------------------------------------------------------------------- an end only asked for or proposed

@pytest.mark.parametrize("text, end", [
    ("The closing date was extended to 30 June 2025, and a further extension to December 2025 is being requested.",
     PartialDate(2025, 6, 30)),
    ("La date de clôture a été prorogée jusqu'au 30 juin 2025, et une nouvelle prorogation jusqu'au 31 décembre 2025 "
     "est sollicitée par le ministère.", PartialDate(2025, 6, 30)),
    ("La fecha de cierre se amplió hasta el 30 de junio de 2025; se solicitó una nueva prórroga de la fecha de cierre "
     "hasta diciembre de 2025.", PartialDate(2025, 6, 30)),
])
def test_an_extension_asked_for_gives_no_end(text, end):
    assert changed_end(text) in (end, None)
    assert period_cues(text)[1] in (end, None)


def test_an_extension_granted_is_the_end():
    # guard: the Board approved the proposed extension: granted
    text = "The Board approved the proposed extension of the closing date to 30 June 2026."
    assert not unsettled(text, text.index("30 June"), text.index("30 June") + len("30 June 2026"))
    text = "The end date was extended to 30 June 2025 and the ministry requested a further extension to 2026."
    assert not unsettled(text, text.index("30 June"), text.index("30 June") + len("30 June 2025"))
    assert unsettled(text, text.index("2026"), text.index("2026") + 4)


# -------------------------------------------------------------------------------- a pronoun after a colon

@pytest.mark.parametrize("text, category", [
    ("A quick note on the Records Management Project for the National Archives: it is still in the pipeline.",
     "planned"),
    ("Update on the Integrity Project: it closed in March 2024.", "completed"),
    # guards: a workshop or an evaluation heads the phrase, not the project
    ("Workshop on the project: it was completed on 3 May.", None),
    ("Note on the project evaluation: it is completed.", None),
    ("The training of the project staff: it was completed in May.", None),
])
def test_a_pronoun_after_the_projects_name_and_a_colon(text, category):
    assert read_status(text) == category


@pytest.mark.parametrize("text, category", [
    ("Point 3, le projet PAGFL : il est en cours d'exécution.", "active"),
    ("Concernant le Projet d'appui aux communes : il s'est achevé en 2023.", "completed"),
    ("Sobre el proyecto de catastro: se encuentra en ejecución.", "active"),
])
def test_french_and_spanish_pronouns_after_a_colon_stay_read(text, category):
    # read before this round by the pronoun of a sentence's own; the colon's reading must not change them
    assert read_status(text) == category


# ------------------------------------------------------------------------------ the date of minutes or a session

@pytest.mark.parametrize("line, date", [
    ("Held on 14 May 2026, Ministry of Public Service, Lusaka", PartialDate(2026, 5, 14)),
    ("DU SAMEDI 27 JUIN 2026", PartialDate(2026, 6, 27)),
    ("Tenue le 3 mars 2025 à l'Hôtel de Ville de Ziguinchor", PartialDate(2025, 3, 3)),
    ("Celebrada el 22 de abril de 2026 en Lima", PartialDate(2026, 4, 22)),
    ("Sesión del 8 de abril de 2025", PartialDate(2025, 4, 8)),
    # guards: a stretch of days, years, a sentence
    ("du 12 au 16 mai 2026", None),
    ("Del 2021 al 2024", None),
    ("Du 1er janvier 2024, le projet a formé des agents", None),
])
def test_the_day_of_a_meetings_line(line, date):
    assert meeting_date(line) == date


def test_minutes_dated_by_their_line():
    head = "MINUTES OF THE THIRD STEERING COMMITTEE MEETING\nHeld on 14 May 2026, Ministry of Public Service, Lusaka\n"
    assert document_date(head) == PartialDate(2026, 5, 14)


# ------------------------------------------------------------------------------------ a start told as a state

@pytest.mark.parametrize("text, start", [
    ("Il présente le Projet de renforcement des capacités (PRCET), en cours depuis janvier 2025 et qui s'achèvera en "
     "décembre 2027.", PartialDate(2025, 1)),
    ("The project, ongoing since March 2023, trains auditors.", PartialDate(2023, 3)),
    ("El proyecto, en curso desde abril de 2024, forma a registradores.", PartialDate(2024, 4)),
    ("The project was set up in March 2022 with an initial end date of December 2024.", PartialDate(2022, 3)),
    ("The project set up a helpdesk in March 2022.", None),  # guard: an object between the verb and the date
])
def test_a_start_told_as_a_state_since(text, start):
    assert verb_dates(text)[0] == start


# ------------------------------------------------------------------- the project named by its heading's first words

@pytest.mark.parametrize("text, title, start, end", [
    ("La Escuela de Verano, iniciada en 2021 con financiación de la Comunidad de Madrid, finalizó en octubre de 2023.",
     "Escuela de Verano de Innovación Pública", PartialDate(2021), PartialDate(2023, 10)),
    ("Le Registre national a été lancé en mars 2024.", "Registre national des agents publics", PartialDate(2024, 3),
     None),
    ("The Civic Data Academy was launched in May 2023.", "Civic Data Academy for Local Councils", PartialDate(2023, 5),
     None),
    # guards: a workshop's or an evaluation's heading, words that do not open the title
    ("The Regional Workshop was launched in May 2023.", "Regional Workshop on Digital Records", None, None),
    ("The Mid-term Evaluation was launched in May 2023.", "Mid-term Evaluation of the Registry", None, None),
    ("The Data Academy was launched in May 2023.", "Civic Data Academy for Local Councils", None, None),
])
def test_the_project_named_by_its_titles_first_words(text, title, start, end):
    from capdev.narrative.values.title_aliases import titled_as_project

    assert verb_dates(titled_as_project(text, title)) == (start, end)


def test_a_heading_line_names_the_project_when_no_title_is_given():
    from capdev.narrative.values.title_aliases import titled_as_project

    text = "4.3 Escuela de Verano de Innovación Pública\n\nLa Escuela de Verano finalizó en octubre de 2023."
    assert read_status(" ".join(titled_as_project(text).split())) == "completed"


# ------------------------------------------------------------------------------------- status words as a family

@pytest.mark.parametrize("text, category", [
    ("Finalizados", "completed"), ("vigentes", "active"), ("Achevées", "completed"), ("clôturées", "completed"),
    ("terminés", "completed"), ("cerrados en 2024", "completed"),
    ("En phase de lancement", "active"), ("en fase de cierre", "active"), ("por empezar", "planned"),
    ("en elaboración", "planned"), ("Wound up in 2024", "completed"),
    # guards: an English verb's -s, a plural noun
    ("Closes in June 2026", None), ("opens", None), ("Proyectos", None), ("dates", None), ("ideas", None),
])
def test_status_words_plural_and_stages(text, category):
    assert status_category(text) == category


# --------------------------------------------------------------------- one quarter or semester under a date's label

@pytest.mark.parametrize("value, year", [
    ("segundo semestre de 2026", PartialDate(2026)), ("T3 2026", PartialDate(2026)),
    ("premier trimestre 2027", PartialDate(2027)), ("second half of 2026", PartialDate(2026)),
    # guards: a fiscal year (its months depend on the country), two quarters of a year
    ("FY2023", None), ("Q1-Q2 2026", None),
])
def test_one_quarter_gives_its_year_only(value, year):
    from capdev.narrative.values.period_values import read_one

    assert read_one(value).start == year


def test_a_length_from_a_semesters_year_gives_no_end():
    rec = only_record(SAMPLE / "es_ficha_por_iniciar.txt")  # "Inicio previsto: segundo semestre de 2026", 24 months
    assert (_iso(rec.start), rec.end) == ("2026", None)
