"""Suggested status (round 15, values/suggest_status.py): for a found record with no status once every rule has read
it (labels, prose, genres, section headings, the dates), what its own text tells of its project's course, placed and
FLAGGED with what it was read from: the tense and aspect of the verbs whose subject is the project (EN, FR, ES), what
the document heading the record is, a start told with its date against the document's date. With the guards: another
project, an earlier phase, a workshop's or an evaluation's verb, a table row or a list of events, a status a rule
placed (untouched), evidence that is split or that the period contradicts (nothing)."""
from __future__ import annotations

import pytest

from capdev.narrative.tests._shared import only_record_in, suggested
from capdev.narrative.types import PartialDate, Record
from capdev.narrative.values.suggest_status import course_status, genre_head_status, suggest_status

_one = only_record_in


def _suggested(rec: Record) -> list[str]:
    return suggested(rec, "status")


def _record(text: str, title: str | None = None, **kw) -> Record:
    rec = Record(index=0, text=text, title=title or "")
    for k, v in kw.items():
        setattr(rec, k, v)
    return rec


NOV_2026 = PartialDate(2026, 11, None)


# ---------------------------------------------------------------- whole records: placed and flagged

@pytest.mark.parametrize("text,status,words", [
    ("Title: Digital Skills for Local Government\nCode: KEN-DSL-26\nDonor: Government of Finland\n\n"
     "The project will be implemented by the county assemblies of Nakuru and Kisumu.\n",
     "planned", "will be implemented by the county"),
    ("Titre : Appui à la fonction publique locale\nCode : SEN-FPL-03\nBailleur : Belgique\n\n"
     "Le projet sera mis en œuvre par le ministère dans trois régions.\n",
     "planned", "sera mis en œuvre par le"),
    ("Título: Servicio civil municipal\nCódigo: PER-SCM-07\nDonante: AECID\n\n"
     "El proyecto se ejecuta de marzo de 2024 a febrero de 2027 en cinco municipalidades de Lima.\n",
     "active", "se ejecuta de marzo de 2024"),
    ("Titre : Appui à la réforme des carrières\nCode : CMR-ARC-02\nBailleur : BAD\n\n"
     "Entré en vigueur en avril 2025, le programme court jusqu'en mars 2029.\n",
     "active", "court jusqu'en mars 2029"),
    ("Title: Digital Skills for Local Government\nCode: KEN-DSL-26\nDonor: Government of Finland\n\n"
     "The project ran from 2019 to 2022 in three counties of Kenya.\n",
     "completed", "ran from 2019 to 2022"),
])
def test_course_told_by_verbs_is_suggested_and_flagged(text, status, words):
    rec = _one(text)
    assert rec.status == status
    reasons = _suggested(rec)
    assert reasons and reasons[0].startswith(f"suggested: {status}, '") and words in reasons[0]


def test_a_status_a_rule_placed_is_kept():
    rec = _one("Title: Digital Skills for Local Government\nStatus: Ongoing\nCode: KEN-DSL-26\n\n"
               "The project will be launched in March 2027 in Nakuru.\n")
    assert rec.status.lower().startswith("ongoing") and not _suggested(rec)


# ---------------------------------------------------------------- the readers, EN / FR / ES

@pytest.mark.parametrize("text,category", [
    ("The four-year project runs from 1 July 2025 to 30 June 2029 with a budget of USD 7 million.", "active"),
    ("The project is being implemented by the Ministry of Finance.", "active"),
    ("Entré en vigueur en avril 2025, le programme court jusqu'en mars 2029.", "active"),
    ("El proyecto se está ejecutando en cinco municipios.", "active"),
    ("The project, called RAPH, started on 1 December and will run until November 2030.", "active"),
    ("Le projet, d'une durée de cinq ans, sera exécuté de janvier 2027 à décembre 2031.", "planned"),
    ("EL PROYECTO dará inicio el 1 de agosto de 2025 y concluirá el 31 de julio de 2027.", "planned"),
    ("El proyecto se llevará a cabo en Guatemala y Honduras.", "planned"),
    ("The project was successfully completed in 2022.", "completed"),
    ("Le projet s'est achevé en juin 2023.", "completed"),
    ("The Pacific Literacy Project came to an end in 2021.", "completed"),
])
def test_course_verbs(text, category):
    found = course_status(text)
    assert found and found[0] == category


def test_the_project_named_by_its_acronym_or_a_pronoun():
    text = ("UNDP supports the Government through the Programme for Evidence-Based Policy (PEBP). "
            "PEBP is being rolled out in four provinces.")
    assert course_status(text)[0] == "active"
    assert course_status("Le projet vise les communes rurales. Il sera mis en œuvre par le ministère.")[0] == "planned"


@pytest.mark.parametrize("text,category", [
    ("La Conférence prend acte du démarrage, en juillet 2026, du Programme de formation des hauts fonctionnaires.",
     "active"),
    ("The launch of the project is scheduled for March 2027 in Nairobi.", "planned"),
    ("El lanzamiento del proyecto tuvo lugar el 3 de marzo de 2026 en Lima.", "active"),
])
def test_a_dated_start_against_the_documents_date(text, category):
    assert course_status(text, None, NOV_2026)[0] == category
    assert course_status(text) is None  # no document date: nothing


def test_a_start_long_past_says_nothing():
    assert course_status("The project started in January 2019 in Nairobi.", None, NOV_2026) is None


@pytest.mark.parametrize("text,category", [
    ("PROJECT PROPOSAL\nDigital skills for county governments\n", "planned"),
    ("Note conceptuelle : Appui à la fonction publique locale\n", "planned"),
    ("Informe de avance: Servicio civil municipal\nPeriodo: enero-junio 2026\n", "active"),
    ("dc.title      Final evaluation report: Enhancing Capacities of Local Governments\n", "completed"),
    ("Rapport final du projet PAGNC\n", "completed"),
])
def test_genre_of_the_heading(text, category):
    assert genre_head_status(text)[0] == category


# ---------------------------------------------------------------- guards

@pytest.mark.parametrize("text", [
    # another project, an earlier phase
    "The project builds on a previous project, which was completed in 2019.",
    "Le PRCAP s'inscrit dans le prolongement du projet précédent, qui s'est achevé en 2019.",
    "La primera fase del proyecto concluyó en 2020.",
    # another subject's verb: a workshop, an evaluation
    "The project's final evaluation was completed in May 2024.",
    "The workshop of the project ended on 12 March with a field visit.",
    "The evaluation of the project was completed in 2024.",
    # the country's situation
    "Mozambique has made public sector reform a priority; the reform is being implemented since 2020.",
    # a completion to come
    "Once the project is completed, the ministry will take over the platform.",
    # what the project will do, not that it has not begun
    "The project completed its first phase in 2023.",
    # split evidence
    "The project was completed in 2023. The project is being implemented in two regions.",
])
def test_no_evidence_of_the_projects_own_course(text):
    assert course_status(text) is None


def test_table_rows_and_lists_of_events_give_nothing():
    rows = ("Project | Country | Status note\n"
            "Digital skills | Kenya | The project will be launched in 2027\n"
            "Civil service | Peru | The project was completed in 2022\n")
    assert course_status(rows) is None
    events = ("- 3 March 2025: regional workshop, Nairobi\n- 12 May 2025: study tour\n"
              "- June 2025: closing ceremony\n")
    assert course_status(events) is None
    rec = _record(rows)
    suggest_status(rec, None)
    assert rec.status is None and not rec.flags


def test_a_period_that_contradicts_the_suggestion_drops_it():
    rec = _record("The project will be launched in 2027.", start=PartialDate(2021, 1, None),
                  end=PartialDate(2023, 12, None))
    suggest_status(rec, NOV_2026)
    assert rec.status is None and not rec.flags


def test_a_status_already_placed_is_never_replaced():
    rec = _record("The project will be launched in 2027.", status="completed")
    suggest_status(rec, None)
    assert rec.status == "completed" and not rec.flags


def test_genre_and_course_that_disagree_give_nothing():
    rec = _record("PROJECT PROPOSAL\nDigital skills\n\nThe project was completed in 2022 in Kenya.\n")
    suggest_status(rec, None)
    assert rec.status is None


def test_an_agency_named_programme_is_no_project():
    assert course_status("The United Nations Development Programme will start a new office in Dili in 2027.") is None
    assert course_status("Le projet est financé par le Programme des Nations Unies pour le développement (PNUD). "
                         "Le PNUD démarrera une nouvelle mission en 2027.") is None


def test_a_project_named_by_another_code_is_another_project():
    notes = ("Código: FGB-22-03\nTítulo: Gobierno digital municipal\n\nNotas\n\n"
             "El proyecto FGB-21-09 concluyó con un taller regional de difusión realizado en La Paz.\n")
    assert course_status(notes) is None
    own = "Code: KEN-DSL-26\nTitle: Digital skills\n\nThe project KEN-DSL-26 will be launched in March 2027.\n"
    assert course_status(own)[0] == "planned"


@pytest.mark.parametrize("text", [
    "Article 2 : Le projet est mis en œuvre par la Direction générale de la fonction publique.",
    "Artículo 2. El proyecto será ejecutado por la Asociación de Municipios de Honduras.",
    "The programme is implemented by the National School of Administration.",  # who, not when
])
def test_an_acts_article_or_who_implements_is_no_status(text):
    assert course_status(text) is None
