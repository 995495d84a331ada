"""Round 12, periods and status read by general rules, each in English, French and Spanish, with guards that none of
them takes another thing's dates or status:
- status words as a family: the project named before them ("projet clôturé"), "full" inside a stage ("en plena
  ejecución"), "not yet launched", past-tense verbs of a period ("ran from", "s'est déroulé de", "se ejecutó entre");
- a project named in capitals, or by the acronym the text gives it, is the subject of its own verbs; "programme de
  formation" is the project (values.project_aliases, prose_facts);
- a document dated by a heading closed by "as of" (values.asof_dates), by a dateline's stretch of days within a
  month (values.stretch_datelines), a record by its own first lines ("Date:" atop a digest's message), never to
  say "completed" of a project the text says runs on (values.told_tense, values.status_dates);
- a length counted from the project's start: a labelled length beside a labelled start (values.duration_ends), a
  length right after the project's verb of beginning (values.counted_periods), an end in brackets after it;
- a noun of starting or ending before the project it is of ("l'achèvement, en juin 2026, du Projet");
- a project the record's continues ("It builds on the X Project, which was completed in 2022", values.predecessors);
- the years in brackets closing the line a title was proposed from (values.title_periods)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import PartialDate
from capdev.narrative.values.asof_dates import as_of_date
from capdev.narrative.values.counted_periods import counted_period
from capdev.narrative.values.project_aliases import named_as_project
from capdev.narrative.values.prose_facts import read_status
from capdev.narrative.values.prose_periods import verb_dates
from capdev.narrative.values.status import status_category
from capdev.narrative.values.stretch_datelines import stretch_month
from capdev.narrative.values.told_tense import tells_ongoing

from ._shared import only_record

SAMPLE = Path(__file__).parent / "files" / "round12" / "dates"
FILES = Path(__file__).parent / "files" / "round12" / "dates_rules"


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


def _got(rec) -> dict:
    return {"start": _iso(rec.start), "end": _iso(rec.end), "status": status_category(rec.status)}


# --------------------------------------------------------------------------- the sample, as labelled by hand

# The records of the sample the parser read wrong before this round (the others it already read right).
_FIXED = ["en_note_as_of.txt", "en_prose_ran.txt", "en_table_not_started.md", "en_brief_will_start.txt",
          "fr_note_dateline.txt", "fr_prose_acheve.txt", "fr_fiche_debutera.txt", "es_lista_vigente.txt",
          "es_cartera_al.txt", "es_guard_plan.txt"]


@pytest.mark.parametrize("name", _FIXED)
def test_the_samples_periods_and_statuses(name):
    gold = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))[name]
    assert _got(only_record(SAMPLE / name)) == gold


# ------------------------------------------------------------------------------------ status words as a family

@pytest.mark.parametrize("text, category", [
    ("projet clôturé, rapport final transmis", "completed"),
    ("Project completed", "completed"),
    ("el proyecto está concluido", "completed"),
    ("en plena ejecución", "active"),
    ("En pleine exécution", "active"),
    ("in full implementation", "active"),
    ("Not yet launched: awaiting the host-country agreement", "planned"),
    ("pas encore lancé", "planned"),
    ("aún no iniciado", "planned"),
    ("Project manager: Ana Ruiz", None),  # the project named, then no status
    ("The project team", None),
    ("Projects", None),
])
def test_status_words_around_the_project_and_full(text, category):
    assert status_category(text) == category


@pytest.mark.parametrize("text, category", [
    ("The Pacific Statistical Literacy Project ended with a regional conference in Suva.", "completed"),
    ("The project was implemented from 2019 to 2021 in Kenya.", "completed"),
    ("Le projet s'est déroulé de mars 2018 à juin 2021 dans trois régions.", "completed"),
    ("El proyecto se ejecutó entre 2017 y 2020 en cuatro departamentos.", "completed"),
    ("Le programme de formation continue des magistrats s'est achevé en juin 2021.", "completed"),
    ("El proyecto se encuentra en plena ejecución.", "active"),
    ("The project runs from 2019 to 2027.", None),  # present tense: no completion said
    ("The Regional Training Workshop of the Project ended in May.", None),  # a workshop's end
    ("Le programme de la formation s'est achevé en juin 2021.", None),  # "de la formation": the training's
])
def test_status_told_in_sentences(text, category):
    assert read_status(text) == category


# -------------------------------------------------------------------------------- a project by its acronym

@pytest.mark.parametrize("text, kept", [
    ("Le Programme Gouvernance numérique au Sahel (PGNS) accompagne. Le PGNS a démarré en 2022.",
     "Le Programme Gouvernance numérique au Sahel (PGNS) accompagne. Le project a démarré en 2022."),
    ("the Customs Data Exchange Initiative (CDEI). CDEI closed in 2024.",
     "the Customs Data Exchange Initiative (CDEI). the project closed in 2024."),
    ("Le ministère de la Fonction publique (MFP) a lancé. Le MFP a démarré.",  # a ministry's acronym
     "Le ministère de la Fonction publique (MFP) a lancé. Le MFP a démarré."),
    ("Il fait suite au Projet d'appui à l'état civil (PAEC). Le PAEC s'est achevé en 2021.",  # an earlier project's
     "Il fait suite au Projet d'appui à l'état civil (PAEC). Le PAEC s'est achevé en 2021."),
    ("Le projet de loi de finances (PLF) est adopté. Le PLF entre en vigueur.",  # a bill
     "Le projet de loi de finances (PLF) est adopté. Le PLF entre en vigueur."),
    ("The Data Project (DP) and the Skills Programme (SP). DP began in 2020.",  # two projects: which one?
     "The Data Project (DP) and the Skills Programme (SP). DP began in 2020."),
    # An agency whose name ends with a project word is no project, and does not hide the project's own acronym.
    ("The United Nations Development Programme (UNDP) helps. UNDP closed its office in 2024.",
     "The United Nations Development Programme (UNDP) helps. UNDP closed its office in 2024."),
    ("El Programa de las Naciones Unidas para el Desarrollo (PNUD) y el Proyecto Catastro Rural (PROCAT). "
     "El PROCAT concluyó en 2023.",
     "El Programa de las Naciones Unidas para el Desarrollo (PNUD) y el Proyecto Catastro Rural (PROCAT). "
     "El project concluyó en 2023."),
])
def test_a_projects_acronym_reads_as_the_project(text, kept):
    assert named_as_project(text) == kept


def test_the_acronym_gives_the_projects_period():
    rec = only_record(FILES / "aliases_es.txt")  # "El PROMOREC se inició en abril de 2023 y finalizará en ..."
    assert (_iso(rec.start), _iso(rec.end)) == ("2023-04", "2026-03")


# ------------------------------------------------------------------------------------- the document's date

@pytest.mark.parametrize("line, date", [
    ("PORTFOLIO NOTE - position as of 30 June 2026", PartialDate(2026, 6, 30)),
    ("Situation des projets à la date du 31 mars 2025", PartialDate(2025, 3, 31)),
    ("Informe de cartera al 31 de diciembre de 2025", PartialDate(2025, 12, 31)),
    ("Rapport d'avancement au 30 juin 2024", PartialDate(2024, 6, 30)),
    ("Projet prolongé au 31 décembre 2025", None),  # a project's end, no noun of a report before "au"
    ("Période : du 1er janvier au 31 mars 2025", None),  # a period
    ("Informe de cartera al 31 de diciembre de 2025 y proyecciones", None),  # the date does not close the line
])
def test_a_heading_closed_by_as_of(line, date):
    assert as_of_date(line) == date


@pytest.mark.parametrize("line, month", [
    ("Conakry, 2 au 13 mars 2026", PartialDate(2026, 3)),
    ("Libreville (République gabonaise), 24 - 26 septembre 2026", PartialDate(2026, 9)),
    ("Lima, del 3 al 7 de junio de 2024", PartialDate(2024, 6)),
    ("Nairobi, 28 February - 3 March 2023", None),  # two months
    ("Workshop held on 6-10 March 2023", None),  # a sentence
    ("Nairobi, 3 March 2023", None),  # one day: values.datelines'
])
def test_a_datelines_stretch_of_days_gives_its_month(line, month):
    assert stretch_month(line) == month


def test_a_communique_dated_by_its_days_tells_a_completed_project():
    rec = only_record(FILES / "communique_fr.txt")  # "Niamey (...), 10 - 12 novembre 2025"; "l'achèvement, en juin"
    assert _got(rec) == {"start": "2021-02", "end": "2025-06", "status": "completed"}


def test_a_project_said_to_run_is_not_inferred_completed():
    rec = only_record(FILES / "communique_guard_en.txt")  # "Accra, 3 - 5 March 2025"; "which runs from ... 2024"
    assert rec.status is None


@pytest.mark.parametrize("text, ongoing", [
    ("The project, which runs from January 2022 to December 2024, held a workshop.", True),
    ("Le projet s'achèvera en juin 2025.", True),
    ("El proyecto finalizará en marzo.", True),
    ("The project ran from January 2022 to December 2024.", False),
])
def test_a_text_that_tells_its_project_ongoing(text, ongoing):
    assert tells_ongoing(text) is ongoing


def test_each_message_of_a_digest_dates_its_record():
    first, second = [_got(r) for r in parse_file(FILES / "digest_en.txt")]
    assert first["status"] == "completed"  # "Date: Tue, 10 Mar 2026"; March 2021 - June 2024
    assert second["status"] == "planned"  # "Date: Wed, 11 Mar 2026"; September 2026 - August 2028


# ------------------------------------------------------------------------------------- lengths and ends

def test_a_labelled_length_of_a_start_known_to_the_year_gives_no_end():
    assert only_record(FILES / "duration_guard_es.txt").end is None  # "Inicio: 2025", "Duración: 18 meses"


@pytest.mark.parametrize("text, period", [
    ("Le projet a démarré en septembre 2022 pour une durée de 48 mois.", ("2022-09", "2026-08")),
    ("The project will start in January 2027 and will run for 36 months.", ("2027-01", "2029-12")),
    ("El proyecto se inició en mayo de 2024 y tendrá una duración de 18 meses.", ("2024-05", "2025-10")),
    ("The project started in March 2023 and includes a 6-month pilot.", (None, None)),  # the pilot's length
    ("The project started in March 2023 and trained 40 officers over 6 months.", (None, None)),
])
def test_a_length_after_the_projects_verb_of_beginning(text, period):
    assert tuple(_iso(d) for d in counted_period(text)) == period


@pytest.mark.parametrize("text, period", [
    ("Le projet a démarré le 1er septembre 2026 pour trois ans (jusqu'en août 2029).", ("2026-09-01", "2029-08")),
    ("The project started in March 2021 (until June 2024).", ("2021-03", "2024-06")),
    ("El proyecto se inició en 2022 (hasta 2025).", ("2022", "2025")),
    ("The project started in March 2021 (the workshop until June 2021).", ("2021-03", None)),
])
def test_an_end_in_brackets_after_the_start(text, period):
    assert tuple(_iso(d) for d in verb_dates(text)) == period


@pytest.mark.parametrize("text, period", [
    ("La Conférence se félicite de l'achèvement, en juin 2026, du Projet régional d'harmonisation.",
     (None, "2026-06")),
    ("We celebrated the launch in May 2024 of the Regional Statistics Programme.", ("2024-05", None)),
    ("El cierre, en junio de 2025, del proyecto fue celebrado.", (None, "2025-06")),
    ("The launch in May 2024 of the project website.", (None, None)),  # the website's
    ("Le lancement en mars 2024 du projet de loi.", (None, None)),  # a bill's
    ("We welcome the completion in 2019 of the previous project.", (None, None)),  # another project's
])
def test_a_noun_of_start_or_end_before_the_project_it_is_of(text, period):
    assert tuple(_iso(d) for d in verb_dates(text)) == period


# -------------------------------------------------------------------------------- a project continued

@pytest.mark.parametrize("text, period", [
    ("The project will start in January 2027. It builds on the Fisheries Governance Project, which began in 2018.",
     ("2027-01", None)),
    ("Building on the pilot, the project began in 2021.", ("2021", None)),  # the project's own verb
])
def test_the_verbs_of_a_project_continued_are_not_the_records(text, period):
    assert tuple(_iso(d) for d in verb_dates(text)) == period


@pytest.mark.parametrize("name, start", [
    ("predecessor_fr.txt", "2027-01"),  # "Il fait suite au Projet de numérisation des greffes, qui s'est achevé"
    ("predecessor_es.txt", "2027-03"),  # "Da continuidad al Programa de Catastro Rural, que concluyó en 2021"
])
def test_a_project_continued_gives_no_end(name, start):
    rec = only_record(FILES / name)
    assert (_iso(rec.start), rec.end, rec.status) == (start, None, "planned")
