"""A record's title (round 11), on records written for this round in English, French and Spanish
(tests/files/round11/titles/): a name running text writes with its project word capitalised after an article ("le
Programme de ...", "el Proyecto de ...", "the Project for ...") is the record's title, sure, when the text says it
is its project's (the record's code right after it, "hereinafter the Programme", its acronym used again, the same
name twice); a body or a paper of a project, a bill, an organisation, two such names or a name said once, never.
A web page's title line over its labelled facts is the title below a header, a menu and a breadcrumb too, and a
share bar between it and the facts does not hide it; a menu ("Inicio    Quiénes somos    ...") and a body's name
("NATIONAL SCHOOL OF GOVERNMENT") never are."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.tests._shared import only_record
from capdev.narrative.title_bodies import body_name
from capdev.narrative.title_choice import menu_row, rejection, wraps_on
from capdev.narrative.title_in_prose import evidenced_name, names_in_prose, not_a_project

FILES = Path(__file__).parent / "files" / "round11" / "titles"


@pytest.mark.parametrize("name, title", [
    ("fr_decision_repeated.txt", "Programme de renforcement des capacités statistiques régionales"),
    ("es_acta_code.txt", "Programa de Catastro Rural Participativo"),
    ("en_hereinafter.txt", "Programme for Digital Court Records in the Eastern Counties"),
    ("en_acronym_blog.txt", "Project for Coastal Fisheries Data Systems"),
    ("es_acronym_faq.txt", "Proyecto de Agua Segura para Escuelas Rurales"),
], ids=["fr-twice", "es-code", "en-hereinafter", "en-acronym", "es-acronym"])
def test_a_name_the_text_says_is_its_projects_is_the_title(name, title):
    record = only_record(FILES / name)
    assert record.title == title
    assert not record.title_is_proposed


@pytest.mark.parametrize("name", ["en_pmu_guard.txt", "es_ley_guard.txt", "fr_pnud_guard.txt",
                                  "en_two_names_guard.txt", "fr_once_guard.txt"])
def test_no_name_is_taken_without_evidence_or_from_a_body_a_bill_or_an_organisation(name):
    text = (FILES / name).read_text(encoding="utf-8")
    assert names_in_prose(text)  # a name is read ...
    assert evidenced_name(text, None) == ("", "")  # ... and not taken


def test_the_code_next_to_the_name_must_be_the_records():
    text = "La gerente expuso los avances del Programa de Catastro Rural Participativo, código PE-L1203, en marzo."
    assert evidenced_name(text, "PE-L1203")[0] == "Programa de Catastro Rural Participativo"
    assert evidenced_name(text, "BO-T1111") == ("", "")


@pytest.mark.parametrize("name", [
    "Project Management Unit", "Programme Coordination Unit", "Comité du Programme",
    "Proyecto de Ley de Gobierno Digital",
    "Projet de loi de finances rectificative", "Projet de décret portant création", "Programme of Work for 2025",
    "Documento del Proyecto de riego", "Project Implementation Plan", "Project Operations Manual",
])
def test_bodies_papers_and_bills_are_no_projects(name):
    assert not_a_project(name)


@pytest.mark.parametrize("name", [
    "Programa de Apoyo a la Ley de Transparencia", "Programme Gouvernance numérique au Sahel",
    "Project for Coastal Fisheries Data Systems", "Programme d'appui à la gestion des finances publiques",
])
def test_projects_are_projects(name):
    assert not_a_project(name) is False


@pytest.mark.parametrize("text, name", [
    ("Le Projet est exécuté sur trois ans.", None),  # the project word alone, then a verb
    ("El Programa tiene tres componentes.", None),
    ("Arrêté portant approbation du Projet d'appui à la\ntransformation numérique de l'École nationale, ci-après",
     "Projet d'appui à la transformation numérique de l'École nationale"),  # wrapped over two lines
    ("the Programme for Rural Roads\n\nMaintenance Report", "Programme for Rural Roads"),  # a blank line ends it
])
def test_where_a_name_begins_and_ends(text, name):
    found = [n for _, _, n in names_in_prose(text)]
    assert found == ([name] if name else [])


@pytest.mark.parametrize("name, title", [
    ("fr_portail_partage.txt", "Appui à la modernisation des finances publiques locales au Cameroun"),
    ("es_portal_compartir.txt", "Fortalecimiento de la Defensoría del Pueblo en las provincias del norte"),
    ("en_portal_share.md", "Whistleblower Protection Systems for Central American Courts"),
], ids=["fr", "es", "en"])
def test_a_pages_title_over_its_facts_below_its_header_menu_and_share_bar(name, title):
    record = only_record(FILES / name)
    assert record.title == title
    assert not record.title_is_proposed


def test_a_pages_masthead_or_its_furniture_is_no_title():
    record = only_record(FILES / "en_portal_guard.txt")
    assert record.title_is_proposed or not record.title, record.title
    assert "SCHOOL" not in record.title and "Print" not in record.title


@pytest.mark.parametrize("line, menu", [
    ("Inicio    Quiénes somos    Cooperación    Proyectos", True),
    ("Print   Email   Download PDF", True),
    ("Accueil   Le ministère   Nos actions", True),
    ("Strengthening  the  capacities  of  national  statistical  offices", False),  # a justified line
    ("Digital Records for Municipal Courts", False),
    ("Projet d'appui        2021-2024", False),
])
def test_a_menu_is_short_items_set_apart_by_wide_gaps(line, menu):
    assert bool(menu_row(line)) is menu


@pytest.mark.parametrize("line, body", [
    ("NATIONAL SCHOOL OF GOVERNMENT", True), ("Central Statistics Office", True),
    ("Haute Autorité de la Transparence", True), ("Supreme Court of Justice", True),
    ("Digital Government Academy for the Caribbean", False), ("Public Service Innovation Labs in Central Asia", False),
    ("Strengthening the National Statistics Office", False), ("Gobierno Abierto Municipal", False),
    ("Escuela de Gobierno", False),  # the noun first: organisation_heads reads it
])
def test_a_bodys_name_with_adjectives_before_its_noun(line, body):
    assert body_name(line) is body


@pytest.mark.parametrize("name, title", [
    ("en_bold_digest.md", "Certified Court Interpreting in Indigenous Languages"),
    ("fr_gras_lettre.md", "Dématérialisation des registres du commerce en Guinée"),
    ("es_negrita_boletin.md", "Catastro Urbano Abierto para Municipios Intermedios"),
], ids=["en", "fr", "es"])
def test_a_name_in_bold_after_a_project_word_under_a_headline_is_the_title(name, title):
    record = only_record(FILES / name)
    assert record.title == title
    assert not record.title_is_proposed


def test_a_heading_over_its_facts_keeps_its_title_whatever_the_text_sets_in_bold():
    record = only_record(FILES / "en_bold_guard.md")
    assert record.title == "Rural Broadband for Health Posts"
    assert not record.title_is_proposed


def test_two_names_in_bold_make_no_sure_title():
    for record in parse_file(FILES / "en_bold_two_guard.md"):
        assert record.title_is_proposed or not record.title, record.title


def test_the_headline_that_gave_way_to_the_name_still_tells_the_place():
    record = only_record(FILES / "en_bold_headline_place.md")
    assert record.title == "Accrual Accounting for Local Councils"
    assert record.countries == ["LSO"]


@pytest.mark.parametrize("name, title", [
    ("en_numbered_body_heading.txt", "Regional Leadership Academy of the Sahel"),
    ("es_numbered_body_heading.txt", "Escuela Judicial de Verano"),  # the paragraph under it is not glued to it
], ids=["en", "es"])
def test_a_numbered_sections_heading_named_like_a_body_is_proposed(name, title):
    record = only_record(FILES / name)
    assert record.title == title
    assert record.title_is_proposed


def test_a_bodys_name_alone_at_the_head_is_no_title():
    record = only_record(FILES / "fr_body_heading_guard.txt")
    assert "Institut" not in record.title


@pytest.mark.parametrize("name, title", [
    ("en_caps_subtitle.txt", "CUSTOMS DATA EXCHANGE FOR LANDLOCKED COUNTRIES"),
    ("fr_caps_sous_titre.txt", "ÉTAT CIVIL NUMÉRIQUE DANS LES COMMUNES DU SAHEL"),
    ("es_mayusculas_subtitulo.txt", "TRAZABILIDAD DEL GASTO PÚBLICO EN SALUD"),
], ids=["en", "fr", "es"])
def test_a_title_in_capitals_is_not_joined_to_its_subtitle_nor_replaced_by_it(name, title):
    assert only_record(FILES / name).title == title


@pytest.mark.parametrize("title, line, wraps", [
    ("STRENGTHENING TAX ADMINISTRATION FOR", "SMALL ISLAND STATES", True),
    ("Appui à la mise en oeuvre des", "politiques de décentralisation", True),
    ("STRENGTHENING TAX ADMINISTRATION IN SMALL ISLAND STATES", "A regional initiative of the Pacific centre", False),
    ("ÉTAT CIVIL NUMÉRIQUE DANS LES COMMUNES DU", "Sahel et de l'Afrique de l'Ouest", False),
])
def test_a_title_wraps_on_a_line_written_in_the_same_case(title, line, wraps):
    assert wraps_on(title, line) is wraps


@pytest.mark.parametrize("title, why", [
    ("A regional initiative of the Pacific Financial Technical Assistance Centre", "a description, not a name"),
    ("Une action pilote des associations de maires", "a description, not a name"),
    ("Una experiencia compartida entre ministerios de finanzas", "a description, not a name"),
    ("A Digital Future for Rural Schools in Nepal", ""),
])
def test_a_line_opening_on_an_indefinite_article_and_a_small_word_is_a_description(title, why):
    assert rejection(title) == why


def test_a_name_a_sentence_gives_that_opens_on_a_small_prefix_is_proposed():
    record = only_record(FILES / "en_mail_project_code.txt")  # "the m-Health Referral Records project"
    assert record.title == "m-Health Referral Records"
    assert record.title_is_proposed
