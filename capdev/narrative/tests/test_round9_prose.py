"""Round 9: what a record's sentences say of a project still to come ("It will serve Kazakhstan, Kyrgyzstan and
Tajikistan", "soutiendra le Niger", "atenderá a Honduras") and the Goals a UN text says it contributes to ("will
contribute to Goals 16 and 12")."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.sdgs import find_sdg_mentions

SERVED = [
    ("Title: Revenue governance in Central Asia\nBudget: USD 450,000\n\nThe project is expected to begin in 2026. "
     "It will serve Kazakhstan, Kyrgyzstan and Tajikistan, with funding from Norway.\n", ["KAZ", "KGZ", "TJK"]),
    ("Titre : Gouvernance numérique au Sahel\nBudget : 900 000 €\n\nFinancé par la Belgique, le projet soutiendra "
     "le Niger et le Tchad dans la numérisation de l'état civil.\n", ["NER", "TCD"]),
    ("Título: Servicio civil en Centroamérica\nPresupuesto: USD 300.000\n\nCon recursos de España, el proyecto "
     "atenderá a Honduras y Guatemala a partir de 2026.\n", ["HND", "GTM"]),
]


@pytest.mark.parametrize("text, countries", SERVED)
def test_the_countries_a_project_will_serve(text, countries):
    (rec,) = parse_text(text)
    assert rec.countries == countries  # the funder's country is none of them


@pytest.mark.parametrize("text, goals", [
    ("The project will contribute to Goals 16 and 12.", [16, 12]),
    ("It also contributes to Goal 5 and Goal 16.", [5, 16]),
    ("Le projet contribue aux Objectifs 5 et 16.", [5, 16]),
    ("El proyecto contribuye a los Objetivos 16 y 17.", [16, 17]),
])
def test_the_goals_a_un_text_says_a_project_contributes_to(text, goals):
    assert find_sdg_mentions(text)[0] == goals


@pytest.mark.parametrize("text", [
    "Goal 2: improve the payroll's integrity.",
    "The project contributes to goal 2 of the national development plan.",
    "Le projet contribue à l'objectif 3 du plan de réforme.",
    "El proyecto contribuye al objetivo 4 de la estrategia nacional.",
])
def test_a_projects_own_goal_is_no_sdg(text):
    assert find_sdg_mentions(text) == ([], [])
