"""A record's title (round 12), on records written for this round in English, French and Spanish
(tests/files/round12/titles/, the titles expected in expected.json): a document's own title ("INFORME SEMESTRAL -
PRIMER SEMESTRE 2025", "RAPPORT D'AVANCEMENT N° 4") and a section's heading that speaks of "the project" ("RAPPEL DU
PROJET", "Overview of the project") are never titles; the one heading at a record's head that names itself a project
is; a name with an adjective written small after its project word ("du Projet régional d'...") is read from prose,
and the one such name a paragraph gives is proposed over the sentence that carries it; an English name that ends on
its project word, its acronym in brackets after it, is read too; a date or a period glued to a labelled title's end
is cut off."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.title_choice import rejection
from capdev.narrative.title_dates import without_glued_date
from capdev.narrative.title_documents import document_title, project_section
from capdev.narrative.title_evidence import self_named
from capdev.narrative.title_in_prose import evidenced_name, lone_name, names_in_prose, runs_into
from capdev.narrative.title_places import without_places

FILES = Path(__file__).parent / "files" / "round12" / "titles"


@pytest.mark.parametrize("line", [
    "INFORME SEMESTRAL - PRIMER SEMESTRE 2025", "RAPPORT D'AVANCEMENT N° 4", "Second Quarterly Progress Report 2024",
    "PLAN DE TRAVAIL ET BUDGET ANNUEL (PTBA) 2026", "Informe de avance, julio 2025", "Rapport semestriel d'activités",
    "Monthly update - March 2025",
])
def test_a_documents_own_title_is_no_title(line):
    assert document_title(line)
    assert rejection(line) == "a document's type or part"


@pytest.mark.parametrize("line", [
    "Progress Report on Strengthening Tax Administration", "Plan de gestion des risques climatiques au Sahel",
    "National Statistics Report Card Initiative", "Plan Nacional de Formación en Contratación Pública",
    "Digital Archives for Municipal Courts",
])
def test_a_title_with_a_documents_noun_is_still_a_title(line):
    assert not document_title(line)


@pytest.mark.parametrize("line", [
    "RAPPEL DU PROJET", "Overview of the project", "SÍNTESIS DEL PROGRAMA", "Antecedentes del proyecto",
    "Description détaillée de l'action", "Background of the Programme",
])
def test_a_heading_that_speaks_of_the_project_is_a_section(line):
    assert project_section(line)
    assert rejection(line) == "a section heading"


@pytest.mark.parametrize("line", [
    "Evaluation of the Project for Rural Roads", "Projet de renforcement des capacités statistiques",
    "Support to the Programme", "Programa de Modernización del Sistema de Inversión Pública",
])
def test_a_name_that_goes_on_after_its_project_word_is_no_section(line):
    assert not project_section(line)


@pytest.mark.parametrize("name, title", [
    ("fr_rappel_guard.txt", "PROJET DE RENFORCEMENT DES CAPACITÉS DE LA COUR DES COMPTES (PRCC)"),
    ("es_sintesis_guard.txt", "PROGRAMA DE MODERNIZACIÓN DEL SISTEMA DE INVERSIÓN PÚBLICA (PROMSIP)"),
], ids=["fr", "es"])
def test_the_self_named_heading_over_a_documents_title_and_a_section_is_the_title(name, title):
    record = only_record(FILES / name)
    assert record.title == title
    assert not record.title_is_proposed


def test_projet_d_names_itself_a_project():
    assert self_named("Projet d'appui à la gestion prévisionnelle des emplois")
    assert self_named("Projet d\u2019appui aux radios communautaires")
    assert not self_named("Projet d'")  # too short to be a name


def test_a_cover_page_with_its_project_name_in_capitals_wrapped_over_two_lines():
    text = ("RÉPUBLIQUE DU NIGER\nMINISTÈRE DES FINANCES\n\nPROJET D'APPUI À LA MOBILISATION DES RECETTES\n"
            "DANS LES COMMUNES RURALES (PAMOREC)\n\nPLAN DE TRAVAIL ET BUDGET ANNUEL 2026\n\n1. RAPPEL DU PROJET\n"
            "Durée ........ 36 mois\nCoût total ........ 4 000 000 EUR\nFinancement ........ Union européenne\n")
    (record,) = parse_text(text)
    assert record.title == "PROJET D'APPUI À LA MOBILISATION DES RECETTES DANS LES COMMUNES RURALES (PAMOREC)"
    assert not record.title_is_proposed


def test_two_self_named_headings_leave_the_choice_to_the_reviewer():
    text = ("PROJET D'APPUI À LA MOBILISATION DES RECETTES\n\nPROJET DE MODERNISATION DU CADASTRE URBAIN\n\n"
            "1. RAPPEL DU PROJET\nDurée ........ 36 mois\nCoût total ........ 4 000 000 EUR\n"
            "Financement ........ Union européenne\n")
    (record,) = parse_text(text)
    assert record.title_is_proposed or not record.title
    assert record.title != "RAPPEL DU PROJET"


@pytest.mark.parametrize("text, name", [
    ("du Projet régional\nd'harmonisation des statistiques de l'emploi public (PRHSEP). Lancé en",
     "Projet régional d'harmonisation des statistiques de l'emploi public"),
    ("los resultados del Programa regional de formación en ética pública (PREFEP), financiado",
     "Programa regional de formación en ética pública"),
    ("du démarrage, en juillet 2026, du Programme\nde formation des hauts fonctionnaires (PFHF), financé",
     "Programme de formation des hauts fonctionnaires"),
    ("Le Projet régional est exécuté sur trois ans.", None),  # an adjective, then a verb: no name
])
def test_an_adjective_written_small_after_the_project_word(text, name):
    found = [n for _, _, n in names_in_prose(text)]
    assert found == ([name] if name else [])


@pytest.mark.parametrize("name, title", [
    ("es_nota_regional.txt", "Programa regional de formación en ética pública"),
    ("en_prose_acronym.txt", "Civil Service Performance Management Project"),
], ids=["es-adjective", "en-project-word-last"])
def test_a_name_whose_acronym_is_used_again_is_the_title(name, title):
    record = only_record(FILES / name)
    assert record.title == title
    assert not record.title_is_proposed


def test_an_english_name_ending_on_its_project_word_needs_its_acronym_and_evidence():
    assert evidenced_name("The Open Courts Data Project (OCDP) began in 2023. The OCDP trained judges; the OCDP "
                          "ends in 2026.", None)[0] == "Open Courts Data Project"
    assert evidenced_name("The Open Courts Data Project began in 2023 and trained judges.", None) == ("", "")
    assert evidenced_name("The Open Courts Data Project (OCDP) began in 2023.", None) == ("", "")  # said once


_COMMUNIQUE = ("3. La Conférence se félicite de l'achèvement, en juin 2026, du Projet régional\n"
               "d'harmonisation des statistiques de l'emploi public (PRHSEP). Lancé en janvier 2022 et financé par "
               "la Banque africaine de développement, ce projet a bénéficié au Cameroun et au Gabon.\n")


def test_the_one_name_a_paragraph_gives_is_proposed_over_the_sentence_that_carries_it():
    assert lone_name(_COMMUNIQUE) == "Projet régional d'harmonisation des statistiques de l'emploi public"
    assert runs_into("La Conférence se félicite de l'achèvement, en juin 2026, du Projet régional",
                     "Projet régional d'harmonisation des statistiques")
    assert not runs_into("Digital Archives for Municipal Courts", "Programme for Open Data")
    (record,) = parse_text(_COMMUNIQUE)
    assert record.title == "Projet régional d'harmonisation des statistiques de l'emploi public"
    assert record.title_is_proposed  # named once, with no tie to the record: a reviewer confirms


def test_two_names_in_a_paragraph_make_no_lone_name():
    text = ("Le ministre a présenté le Programme national de formation des juges et le Projet d'appui à la "
            "modernisation des greffes.")
    assert lone_name(text) == ""


@pytest.mark.parametrize("title, kept", [
    ("Land Registry Digitisation in Rural Lesotho, 12 March 2025", "Land Registry Digitisation in Rural Lesotho"),
    ("Appui à la décentralisation fiscale — mars 2024", "Appui à la décentralisation fiscale"),
    ("Fortalecimiento de la gestión municipal (15 de mayo de 2025)", "Fortalecimiento de la gestión municipal"),
    ("Towards the 2030 Agenda in Small Islands", None),  # a year of its own
    ("Open Justice Data for Latin America (2021-2023)", None),  # a period: title_periods reads it
    ("Digital courts, 3 cities", None),
    ("Meeting, 12 March 2025", None),  # nothing would be left
])
def test_a_date_glued_to_a_titles_end(title, kept):
    assert without_glued_date(title) == (kept or title)


def test_a_labelled_title_loses_its_glued_date_and_is_placed():
    record = only_record(FILES / "en_title_dated_guard.txt")
    assert record.title == "Land Registry Digitisation in Rural Lesotho"
    assert not record.title_is_proposed
    assert any("date cut off" in f.reason for f in record.flags if f.field == "title")


def test_a_dated_heading_stays_a_date_line():
    text = ("REGIONAL WORKSHOP IN LIMA, 14 MARCH 2023\n\nCode: 2325R\nDuration: 2023-2026\n"
            "Summary: The workshop opened the project «Resilient public investment systems in the Andes».\n")
    (record,) = parse_text(text)
    assert record.title == "Resilient public investment systems in the Andes"


def test_a_section_heading_between_the_title_and_its_facts():
    record = only_record(FILES / "en_notes_section.txt")
    assert record.title == "Public Procurement Training for District Councils in Malawi"
    assert not record.title_is_proposed


def test_inline_labels_in_a_row_leave_no_period_on_the_title():
    record = only_record(FILES / "en_memo_inline.txt")
    assert record.title == "Strengthening Local Revenue Administration in Northern Ghana"
    assert not record.title_is_proposed


@pytest.mark.parametrize("name", ["fr_guard_personne.txt", "es_guard_persona_fecha.txt", "en_report_guard.txt",
                                  "fr_presentation_guard.txt", "es_antecedentes_guard.txt"])
def test_a_person_a_date_line_a_report_or_a_section_over_a_labelled_title_never_wins(name):
    import json

    expected = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))
    record = only_record(FILES / name)
    assert record.title == expected[name]
    assert not record.title_is_proposed


@pytest.mark.parametrize("title, kept", [
    ("Observatorio binacional de servicios públicos fronterizos (RD - Haití)",
     "Observatorio binacional de servicios públicos fronterizos"),
    ("Digital Courts for District Judges (Kenya, Uganda)", "Digital Courts for District Judges"),
    ("Appui aux greffes des tribunaux (Bénin et Togo)", "Appui aux greffes des tribunaux"),
    ("Projet d'appui à la gestion prévisionnelle (PAGPEC)", None),  # the project's acronym
    ("Open Justice Data for Latin America (2021-2023)", None),  # a period
    ("Gouvernance électronique et services en ligne (e-Gov)", None),
    ("Programme for regional statistics (UN)", None),  # an abbreviation alone, no place
])
def test_places_in_brackets_at_a_titles_end(title, kept):
    assert without_places(title) == (kept or title)


def test_a_table_cells_title_loses_its_places_in_brackets():
    text = ("| Proyecto | Donante | Período |\n|---|---|---|\n"
            "| Observatorio binacional de servicios públicos fronterizos (RD - Haití) | Unión Europea | 2024-2027 |\n")
    titles = [r.title for r in parse_text(text)]
    assert titles == ["Observatorio binacional de servicios públicos fronterizos"]


_LETTER = ("Lima, 12 de marzo de 2025\n\nSeñores\nBanco Interamericano de Desarrollo\n\n"
           "Ref.: Proyecto de Catastro Urbano Multifinalitario en Arequipa\n\nTengo el agrado de dirigirme a ustedes "
           "para informar que el proyecto, financiado con USD 2 millones, concluirá en diciembre de 2026.\n")


def test_a_reference_that_names_the_project_is_its_title_not_its_code():
    (record,) = parse_text(_LETTER)
    assert record.code is None
    assert record.title == "Proyecto de Catastro Urbano Multifinalitario en Arequipa"
    assert record.title_is_proposed  # a letter's reference: a reviewer confirms


def test_a_reference_with_a_number_is_still_a_code():
    (record,) = parse_text(_LETTER.replace("Ref.: Proyecto de Catastro Urbano Multifinalitario en Arequipa",
                                           "Código del proyecto: PE-L1234"))
    assert record.code == "PE-L1234"


@pytest.mark.parametrize("text, name", [
    ("Our project Inclusive Civil Registration for Rural Families in Malawi (ICR-RF) reached 40 districts. ICR-RF "
     "is funded by UNICEF. The ICR-RF team trained 200 clerks.",
     "Inclusive Civil Registration for Rural Families in Malawi"),
    ("Le projet Appui aux greffes des tribunaux de commerce (PAGTC) a démarré en 2024. Le PAGTC couvre trois villes "
     "et le PAGTC forme 80 greffiers.", "Appui aux greffes des tribunaux de commerce"),
])
def test_a_capitalised_name_after_a_project_word_written_small_with_its_acronym_used_again(text, name):
    assert evidenced_name(text, None)[0] == name


def test_the_name_of_a_project_the_record_builds_on_is_not_taken():
    text = ("This phase builds on the project Digital Registries for Social Protection (DRSP). The DRSP ended in "
            "2022; the DRSP audit was positive.")
    assert evidenced_name(text, None) == ("", "")


def test_a_capitalised_project_word_keeps_its_name_whole():
    text = ("Le Programme Gouvernance numérique au Sahel (PGNS) accompagne trois pays. Le PGNS a démarré en 2022 et "
            "le PGNS se terminera en 2026.")
    assert evidenced_name(text, None)[0] == "Programme Gouvernance numérique au Sahel"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_name_wraps_over_a_line_only_on_a_joining_word_or_an_adjective(newline):
    assert lone_name(_COMMUNIQUE.replace("\n", newline)) == (
        "Projet régional d'harmonisation des statistiques de l'emploi public")
    text = f"Funding for the Project{newline}Local governments in the Andean region receive advice on budgeting."
    assert names_in_prose(text) == []  # a capital on the next line opens its own words


def test_places_cut_off_a_title_still_tell_the_countries():
    text = ("## Proyecto de Archivos Municipales (Paraguay)\n\n**Código:** PAM-PRY-22\n\nTalleres realizados:\n"
            "1. Encarnación, 21 de marzo de 2023 — 37 archivistas\n")
    (record,) = parse_text(text)
    assert record.title == "Proyecto de Archivos Municipales"
    assert "PRY" in record.countries
