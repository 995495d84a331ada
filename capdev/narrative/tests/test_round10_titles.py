"""A record's title (round 10), on records written for this round in English, French and Spanish
(tests/files/round10/titles/): a search card's meta line ("Project | 2021-2024 | Active", "Proyecto | 2020 - 2023 |
Finalizado") is never the title, and the line right over it is the card's title, as sure as a heading over
labelled facts."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.tests._shared import only_record
from capdev.narrative.title_meta import meta_line

FILES = Path(__file__).parent / "files" / "round10" / "titles"


def _sure(rec) -> bool:
    return not rec.title_is_proposed and not any(
        f.field == "title" and not f.reason.startswith("chosen among") for f in rec.flags)


@pytest.mark.parametrize("name, titles", [
    ("en_card_meta.txt", ["Strengthening Local Revenue Administration in Eastern Province",
                          "Digital Records for Municipal Courts"]),
    ("fr_card_meta.txt", ["Dématérialisation de l'état civil dans les communes rurales",
                          "Formation des cadres de l'inspection du travail"]),
    ("es_card_meta.md", ["Modernización del Registro de la Propiedad Inmueble",
                         "Servicio Civil Meritocrático en Gobiernos Locales"]),
    ("en_card_meta_under_title.txt", ["Open Government Partnership Support in West Africa"]),
])
def test_card_title_over_its_meta_line(name, titles):
    records = parse_file(FILES / name)
    assert [r.title for r in records] == titles
    assert all(_sure(r) for r in records), [(r.title, [f.reason for f in r.flags if f.field == "title"])
                                            for r in records]


@pytest.mark.parametrize("line", [
    "Project | 2021-2024 | Active", "2019-2022 | Closed", "Projet · 2019–2022 · Clôturé",
    "Proyecto — 2020-2023 — Finalizado", "Project | March 2021 - June 2024 | Active", "Programme · en cours",
    "Projet | de 2020 à 2023 | terminé", "Kenya · Ongoing · 2018–2021",
])
def test_meta_lines(line):
    assert meta_line(line)


@pytest.mark.parametrize("line", [
    "Public Sector Reform | 2021", "Digital Government 2030 — Strategy", "Vision 2030 | Active",
    "Strengthening statistics – 2021-2024", "Open Government Partnership Support in West Africa",
])
def test_not_meta_lines(line):
    assert not meta_line(line)


@pytest.mark.parametrize("name, title", [
    ("en_running_head.txt", "Public Procurement Reform in the Pacific Islands"),
    ("es_running_head.txt", "Fortalecimiento de la Defensoría del Pueblo en Zonas Rurales"),
    ("fr_running_head.txt", "Renforcement de la Cour des comptes du Niger"),
    ("fr_running_head_glued.txt", "Appui à la gestion des archives judiciaires au Burkina Faso"),
    ("en_running_head_glued.txt", "Civil Service Performance Appraisal Reform"),
])
def test_line_alone_over_labelled_facts_under_a_running_head(name, title):
    """A page's running head ("INFORME DE GESTIÓN 2022   Página 5 de 18"), then the title alone on its line right
    over the record's labels: the title is sure, and the running head is no part of it."""
    rec = only_record(FILES / name)
    assert rec.title == title
    assert _sure(rec), [f.reason for f in rec.flags if f.field == "title"]


@pytest.mark.parametrize("name, wrong", [
    ("en_key_facts_no_title.txt", "Key facts and figures"),
    ("es_person_over_facts.txt", "Dra. Lucía Fernández Ortega"),
])
def test_no_sure_title_from_a_heading_or_a_person_over_facts(name, wrong):
    rec = only_record(FILES / name)
    assert rec.title != wrong
    assert not rec.title or rec.title_is_proposed


@pytest.mark.parametrize("name, title, code", [
    ("en_caps_over_code.txt", "STRENGTHENING STATISTICAL CAPACITY FOR SDG MONITORING IN CENTRAL ASIA", "KAZ-STAT-2020"),
    ("fr_caps_over_code.txt", "APPUI À LA GESTION DES FINANCES PUBLIQUES LOCALES AU NIGER", "NER-2022-017"),
    ("es_caps_over_code.txt", "MODERNIZACIÓN DEL CATASTRO URBANO EN MUNICIPIOS INTERMEDIOS", "COL-CAT-2021"),
])
def test_capitals_title_over_a_bare_code_line(name, title, code):
    """A title in capitals over a line holding only a code: the code is the record's (flagged: no label names it),
    never set aside as a title too short, and the line above is the title."""
    rec = parse_file(FILES / name)[0]
    assert (rec.title, rec.code) == (title, code)
    assert not rec.title_is_proposed
    assert any(f.field == "code" and "alone" in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, title, other", [
    ("en_bilingual_two_lines.txt", "Strengthening National Archives in Haiti",
     "Renforcement des archives nationales d'Haïti"),
    ("fr_bilingual_two_lines.txt", "Services d'administration électronique pour les communes rurales",
     "E-Government Services for Rural Communes"),
    ("es_bilingual_two_lines.txt", "Gestión de residuos sólidos en los municipios fronterizos",
     "Gestion des déchets solides dans les communes frontalières"),
])
def test_title_in_two_languages_on_two_lines(name, title, other):
    """The same title in two languages on two lines over the labels: the one in the text's language is kept, and
    the choice is flagged with the other (the last line is not sure for being the last)."""
    rec = only_record(FILES / name)
    assert rec.title == title
    assert any(f.field == "title" and other in f.reason for f in rec.flags)


def test_title_over_a_subtitle_is_not_sure():
    rec = only_record(FILES / "en_subtitle_two_lines.txt")
    assert any(f.field == "title" and "Digital Government Academy for the Caribbean" in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, title", [
    ("en_doc_heading.txt", "Digital Skills for Civil Servants in Bhutan"),
    ("fr_running_head_glued.txt", "Appui à la gestion des archives judiciaires au Burkina Faso"),
    ("fr_org_heading.txt", "Modernisation du système de paie des agents de l'État"),
])
def test_a_page_line_above_the_title_leaves_it_sure(name, title):
    """A report's heading, a running head or an organisation over the title (a blank line between, or a line that
    is no title): the title stays sure."""
    rec = only_record(FILES / name)
    assert rec.title == title
    assert _sure(rec), [f.reason for f in rec.flags if f.field == "title"]


def test_a_status_badge_in_front_is_no_sure_title():
    """"[Terminé] Réforme de l'état civil au Togo" over the card's facts: the line with its badge is not given sure."""
    rec = only_record(FILES / "fr_badge_and_lead_in.txt")
    assert rec.title_is_proposed or not rec.title.startswith("[")


def test_a_wrapped_title_is_not_flagged_for_its_own_first_line():
    """A title wrapped over two lines is joined: its first line is no other title over it."""
    rec = only_record(FILES.parent.parent / "round5" / "titles" / "wrapped_fr.txt")
    assert not any(f.field == "title" and "right above" in f.reason for f in rec.flags)


def test_a_lead_in_before_labels_on_its_line_is_no_title():
    """"Quick facts — Code: ... · Lead: ..." : the words before the labels on their line are no title."""
    records = parse_file(FILES.parent.parent / "round4" / "news_kickers_en.txt")
    assert all(not r.title.startswith("Quick facts") for r in records)


@pytest.mark.parametrize("name, title", [
    ("en_title_label_block.txt", "Evidence-Based Policy Making in Ministries of Health"),
    ("es_heading_labels.txt", "Fortalecimiento de la Carrera Administrativa en los Gobiernos Regionales"),
    ("es_markdown.md", "Gestión Integrada del Riesgo en Municipios Costeros"),
    ("es_section_over_labels.txt", "Fortalecimiento de la Gestión Documental en Municipios Andinos"),
    ("fr_heading_bracket_acronym.txt", "Programme d'appui à la décentralisation financière (PADEF)"),
    ("es_quoted_proyecto.txt", "Auditoría Ciudadana de la Obra Pública Municipal"),
    ("fr_quoted_projet.txt", "Modernisation de la gestion des carrières des agents publics"),
])
def test_titles_with_evidence_stay_sure(name, title):
    """A title label, a heading over labelled facts (under a page's or a section's heading), a name quoted after
    "proyecto"/"projet": sure, an acronym in brackets kept as written."""
    rec = only_record(FILES / name)
    assert rec.title == title
    assert not rec.title_is_proposed


@pytest.mark.parametrize("name, kept, other", [
    ("fr_bilingual.txt", "Renforcement des archives nationales", "Fortalecimiento de los archivos nacionales"),
    ("es_bilingual_slash_label.txt", "Gobierno Digital Inclusivo en Centroamérica",
     "Inclusive Digital Government in Central America"),
])
def test_title_in_two_languages_on_one_line(name, kept, other):
    rec = only_record(FILES / name)
    assert rec.title == kept
    assert any(f.field == "title" and other in f.reason for f in rec.flags)


def test_an_organisation_over_sections_is_no_title():
    rec = only_record(FILES / "en_section_heading.txt")
    assert not rec.title or rec.title_is_proposed


def test_a_line_over_the_facts_at_a_records_start_looks_back_only_within_the_record():
    # Found by test_spans' generated records: the look back for a blank line above read before the record's text.
    from capdev.narrative import parse_text

    expectations = "Main Expectations: 1. a Vision for ICT in parliament developed and owned by each parliament;\n"
    text = (f"COTE:\n{expectations}0\n2. a Strategic Plan for ICT in parliament developed and owned by each "
            f"parliament;\nCOTE:\n{expectations}")
    assert len(parse_text(text)) == 2
