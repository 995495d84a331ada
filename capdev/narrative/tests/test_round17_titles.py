"""Round 17: titles and events that were not the project's.

Titles: a document's own heading, a sentence or a greeting was proposed as the title while the text named the
project in full with its acronym ("le Projet d'appui à la réforme de l'administration publique (PARAP) ... Le
PARAP"); a reference number, a status or a document's words stayed around a name ("... Project (Atlas/Quantum
00127734)", "PIPELINE - ...", "Bilan du Programme ..."). Events: a kind of event read inside a body's name ("el
Comité Técnico de Capacitación"), an event moved to a later date, a venue read from the first word of a longer
place ("Santiago de los Caballeros"). Guards: a title given by a label or a heading that is already right stays.
"""
from __future__ import annotations

import pytest

from capdev.narrative.title_acronyms import project_acronym_name
from capdev.narrative.title_settle import from_document_words, without_reference, without_status
from capdev.narrative.values.event_city_names import longer_place

from ._shared import only_record_in

FR_NOTICE = """AVIS D'ADMISSION

Le Directeur général de l'École nationale porte à la connaissance des fonctionnaires que l'admission à la
deuxième cohorte du Master professionnel en management public est ouverte du 1er au 20 décembre 2026.

Cadre du programme
Le Master est organisé dans le cadre du Projet d'appui à la réforme de l'administration publique
(PARAP), financé par l'Union européenne pour un montant de 4,5 millions d'euros sur la période 2025-2029.
Le PARAP contribue à l'ODD 16. Il prend la suite du Projet de formation des cadres, achevé en 2023.
"""

ES_SUMMARY = """RESUMEN EJECUTIVO
DIAGNÓSTICO DE NECESIDADES DE CAPACITACIÓN DEL PERSONAL MUNICIPAL 2026

1. Antecedentes
El diagnóstico se hizo en 40 municipios con apoyo de la Agencia Española de Cooperación Internacional para el
Desarrollo. Los resultados orientan la oferta de formación del Programa de Fortalecimiento de Capacidades
Municipales en Gestión Financiera (FORMUNI). El FORMUNI financia cursos para 1.200 técnicos municipales entre
2024 y 2027. Sucede al Proyecto de Modernización Municipal, cerrado en 2023.
"""

EN_BRIEF = """PARLIAMENTARY BUDGET OFFICE - BRIEF No. 14/2026

Public Service Transformation Capacity Project (PSTCP)
The PSTCP is financed by a World Bank credit of US$ 45 million. It became effective in 2023 and closes in 2028.
The PSTCP trains county officers in performance management.
"""


@pytest.mark.parametrize("text, name", [
    (FR_NOTICE, "Projet d'appui à la réforme de l'administration publique (PARAP)"),
    (ES_SUMMARY, "Programa de Fortalecimiento de Capacidades Municipales en Gestión Financiera (FORMUNI)"),
    (EN_BRIEF, "Public Service Transformation Capacity Project (PSTCP)"),
], ids=["fr", "es", "en"])
def test_a_project_named_with_its_acronym_is_the_title_over_a_heading_or_a_sentence(text, name):
    rec = only_record_in(text)
    assert rec.title == name
    assert any(f.field == "title" for f in rec.flags)  # proposed: flagged for a reviewer


@pytest.mark.parametrize("text", [
    "The Programa de las Naciones Unidas para el Desarrollo (PNUD) supports it; the PNUD is its partner.",
    "La Unité de coordination du projet (UCP) suit le projet ; l'UCP rend compte au comité.",
    "The Civil Service Commission (CSC) hosts the unit; the CSC chairs it.",
    "Two projects: the Projet de réforme fiscale (PRF) and the Projet d'appui aux communes (PAC).",
], ids=["an-organisation", "a-unit-of-the-project", "no-project-noun", "two-projects-none-used-most"])
def test_no_acronym_name_is_taken_from_a_body_or_among_equals(text):
    assert project_acronym_name(text) == ""


def test_a_labelled_title_stays_though_the_text_names_another_project_with_its_acronym():
    text = """Title: Digital Skills for Public Servants
Country: Rwanda

The project builds on the Public Sector Reform Programme (PSRP). The PSRP ended in 2022.
"""
    assert only_record_in(text).title == "Digital Skills for Public Servants"


@pytest.mark.parametrize("title, kept", [
    ("Civil Service Reform Support Project (Atlas/Quantum 00127734)", "Civil Service Reform Support Project"),
    ('E-Government for Local Self-Government Bodies ("Tunduk Local"), 00133590',
     'E-Government for Local Self-Government Bodies ("Tunduk Local")'),
    ("Civil Service Capacity Development Project, Loan 3712-MON", "Civil Service Capacity Development Project"),
    ("Modernización del Estado, Préstamo 4725/OC-PE", "Modernización del Estado"),
    ("Appui à la décentralisation (Crédit 6781-BJ)", "Appui à la décentralisation"),
], ids=["atlas", "number", "loan", "prestamo", "credit"])
def test_a_reference_number_is_taken_off_a_title(title, kept):
    assert without_reference(title) == kept


@pytest.mark.parametrize("title", [
    "Open Justice Data Standards (2021-2023)", "Agenda 2030 for Local Governments",
    "Programme d'appui à la décentralisation (PADDL II)", "Projet de renforcement des capacités (PRC-2024)",
], ids=["period", "year-in-name", "acronym", "acronym-with-year"])
def test_a_period_a_year_or_an_acronym_stays_on_the_title(title):
    assert without_reference(title) == title


@pytest.mark.parametrize("title, kept", [
    ("PIPELINE - Gender-Responsive Budgeting in the Kyrgyz Public Finance System",
     "Gender-Responsive Budgeting in the Kyrgyz Public Finance System"),
    ("EN COURS : Modernisation de la gestion des carrières", "Modernisation de la gestion des carrières"),
    ("EN EJECUCIÓN - Gobierno digital para municipios", "Gobierno digital para municipios"),
], ids=["en", "fr", "es"])
def test_a_status_before_the_name_is_taken_off(title, kept):
    assert without_status(title) == kept


@pytest.mark.parametrize("title", ["Active Ageing Policies for Local Governments", "Open Government Partnership",
                                   "Planned Urban Growth in Secondary Cities"])
def test_a_title_starting_on_a_status_like_word_stays(title):
    assert without_status(title) == title


@pytest.mark.parametrize("title, kept", [
    ("Bilan du Programme de formation des cadres à la gestion axée sur les résultats",
     "Programme de formation des cadres à la gestion axée sur les résultats"),
    ('El proyecto "Escuela de Gobierno Digital", con financiamiento no reembolsable de la Agencia',
     "Escuela de Gobierno Digital"),
    ("Review of the Programme for Local Development in Northern Ghana",
     "Programme for Local Development in Northern Ghana"),
], ids=["fr", "es", "en"])
def test_a_proposed_title_loses_the_words_a_document_writes_before_the_name(title, kept):
    assert from_document_words(title) == kept


@pytest.mark.parametrize("title", ["Programme de formation des cadres", "Escuela de Gobierno Digital",
                                   "Strengthening of Local Government Finance"])
def test_a_name_without_a_document_s_words_stays(title):
    assert from_document_words(title) == title


@pytest.mark.parametrize("sentence", [
    "Validado por el Comité Técnico de Capacitación el 22 de octubre de 2026.",
    "Validé par le Comité de formation le 22 octobre 2026.",
    "Endorsed by the Training Committee on 22 October 2026.",
], ids=["es", "fr", "en"])
def test_a_kind_of_event_in_a_body_s_name_is_no_event(sentence):
    text = f"Title: Municipal Finance Academy\nCountry: Honduras\nStart: 2025\n\n{sentence}\n"
    assert only_record_in(text).activities == []


@pytest.mark.parametrize("sentence", [
    "Un taller de capacitación se realizó el 22 de octubre de 2026 en Tegucigalpa con 40 participantes.",
    "The training committee's first training workshop was held on 22 October 2026 in Tegucigalpa.",
], ids=["es", "en"])
def test_an_event_held_is_still_read(sentence):
    text = f"Title: Municipal Finance Academy\nCountry: Honduras\nStart: 2025\n\n{sentence}\n"
    events = only_record_in(text).activities
    assert [(e.start.year, e.start.month) for e in events] == [(2026, 10)]


@pytest.mark.parametrize("sentence", [
    "The Saint Lucia workshop was moved to March 2027 because of the elections.",
    "El taller de Castries fue reprogramado para marzo de 2027.",
], ids=["en", "es"])
def test_an_event_moved_to_a_later_date_is_not_held(sentence):
    text = f"Title: Policy Coherence in Caribbean SIDS\nCountry: Saint Lucia\nStart: 2024\n\n{sentence}\n"
    assert [e for e in only_record_in(text).activities if not e.recalled] == []


def test_a_city_s_name_opening_a_longer_place_does_not_place_the_event_abroad():
    text = """Title: Atención ciudadana en las provincias fronterizas
País: República Dominicana
Inicio: 2024

En marzo de 2025, sesenta servidores se capacitaron en Santiago de los Caballeros.
"""
    events = only_record_in(text).activities
    assert [e.country for e in events] == ["DOM"]


@pytest.mark.parametrize("summary, city, longer", [
    ("un taller en Santiago de los Caballeros", "Santiago", True),
    ("un taller en Santiago de Chile", "Santiago", False),
    ("un taller en Santiago, con 40 participantes", "Santiago", False),
])
def test_a_longer_place_is_told_from_a_city_with_its_country(summary, city, longer):
    assert longer_place(summary, city) is longer


BOARD = """LIST: IN IMPLEMENTATION (1 card)
================================================================
[card #174] {name} - 2427F
  Labels: green
  Description:
    Budget: US$ 720,000
    Start 2024-07 -> end 2027-12
"""


@pytest.mark.parametrize("name", [
    "Institutional capacity for policy integration in Caribbean SIDS",
    "Appui à la gestion des carrières dans les communes",
    "Gobierno digital para municipios de El Salvador",
], ids=["en", "fr", "es"])
def test_the_name_after_an_item_s_tag_is_the_title_over_a_list_s_heading(name):
    rec = only_record_in(BOARD.format(name=name))
    assert rec.title == name
    assert rec.title_is_proposed


def test_a_tag_before_a_label_gives_no_title():
    from capdev.narrative.title_tags import tagged_headings

    assert tagged_headings("[x] Due: 2027-01-15 (project document)\n[#2] Budget in Umoja format\n") == [
        "Budget in Umoja format"]
    assert tagged_headings("[ ] logframe\n[x] concept note\n") == []


@pytest.mark.parametrize("text", [
    "Estimados colegas: Solicito la traducción al español del texto abajo copiado antes del viernes.\n\n"
    "El proyecto capacita a 120 directivos públicos de Paraguay entre 2026 y 2028.\n",
    "Dear colleagues, please find below the summary we discussed before Friday.\n\n"
    "The project trains 120 senior civil servants of Paraguay between 2026 and 2028.\n",
], ids=["es", "en"])
def test_a_greeting_is_no_title_and_none_is_placed(text):
    rec = only_record_in(text)
    assert not rec.title
    assert any(f.field == "title" and "no title" in f.reason for f in rec.flags)


def test_a_tagged_line_below_the_record_s_head_is_not_its_name():
    from capdev.narrative.title_tags import tagged_headings

    # a table's rows cut after their tags: the tagged line at the end opens the NEXT item
    text = ("Budget cumulé : 740 000 USD | Statut : en cours | Pays : Bénin\nDécaissé : 61 %\nNote : rapport reçu\n"
            "[WBI-GOV-03] Appui à la gouvernance numérique locale\n")
    assert tagged_headings(text) == []
    assert tagged_headings("[WBI-GOV-03] Appui à la gouvernance numérique locale\n" + text) == [
        "Appui à la gouvernance numérique locale"]
