"""Round 7: a project's budget and status however written, in English, French and Spanish (records written for these
tests, tests/files/round7/money/): a letter of award, a notification d'octroi, an acta de inicio; completion
reports; application forms with dot leaders; web pages with badges; prose that says what the project is now; records
where a workshop or a report is finished but not the project; texts whose amounts compete. Each record's budget is
its total (never an instalment, a counterpart, an amount spent, a balance) and its status is the project's own."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.money import parse_money
from capdev.narrative.values.prose_amounts import competing_amounts, project_budget
from capdev.narrative.values.status import status_category
from capdev.narrative.values.status_genres import genre_status, head_badge, title_badge

FILES = Path(__file__).parent / "files" / "round7" / "money"

# file: (budget (amount, currency) or None, status category or None, amounts that must NOT be a budget)
RECORDS: dict[str, tuple[tuple[int, str] | None, str | None, list[int]]] = {
    # Documents whose kind says the project is under way, with an instalment and a counterpart beside the grant.
    "en_award_letter.txt": ((250000, "USD"), "active", [100000, 40000]),
    "fr_convention_octroi.txt": ((150000, "EUR"), "active", [60000, 25000]),
    "es_acta_inicio.txt": ((320000, "USD"), "active", [200000]),
    # Completion reports: the approved total, not the amount spent nor the balance; closed.
    "en_completion_report.txt": ((480000, "USD"), "completed", [452300, 27700]),
    "fr_rapport_achevement.txt": ((300000, "EUR"), "completed", [287450]),
    "es_informe_cierre.txt": ((410000, "USD"), "completed", [396250, 13750]),
    # Forms: the amount requested after dot leaders, the status as the form writes it.
    "en_application_form.txt": ((85000, "USD"), "planned", []),
    "fr_formulaire_demande.txt": ((250000, "TND"), "planned", []),
    "es_formulario_solicitud.txt": ((2500000, "MXN"), "planned", []),
    # Web pages: a badge, "Statut : EN COURS", "Estado: VIGENTE"; "1,2 M€", "US$ 1,2 M".
    "en_web_badges.txt": ((640000, "AUD"), "completed", []),
    "fr_web_pastilles.txt": ((1200000, "EUR"), "active", []),
    "es_web_insignias.txt": ((1200000, "USD"), "active", []),
    # Prose that says what the project is now; an event finished in the same paragraph is not the project.
    "en_prose_status.txt": ((2100000, "DKK"), "completed", []),
    "fr_prose_statut.txt": ((400000, "CHF"), "active", []),
    "es_prosa_estado.txt": ((3500000, "NOK"), "active", []),
    # A workshop completed, a report finalised, training to start: no status of the project's.
    "en_event_done_project_on.txt": ((210000, "USD"), None, []),
    "fr_atelier_termine.txt": ((180000, "EUR"), None, []),
    "es_taller_concluido.txt": ((195000, "USD"), None, []),
    # Two funders' amounts and no total: neither is the budget (flagged). "The project runs from 2023 to 2025", "se
    # déroule de 2023 à 2025", "se ejecuta de 2023 a 2025": active, suggested and flagged (round 15).
    "en_competing_figures.txt": (None, "active", [120000, 95000]),
    "fr_montants_concurrents.txt": (None, "active", [120000, 80000]),
    "es_montos_en_competencia.txt": (None, "active", [150000, 90000]),
}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_budget_is_the_total(name: str) -> None:
    budget, _, not_budgets = RECORDS[name]
    rec = only_record(FILES / name)
    found = [(int(b.amount), b.currency) for b in rec.budgets]
    if budget is None:
        assert found == []
        assert any(f.field == "budgets" and "compete" in f.reason for f in rec.flags)
    else:
        assert budget in found
    for amount in not_budgets:
        assert amount not in [a for a, _ in found]


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_status_is_the_projects(name: str) -> None:
    _, status, _ = RECORDS[name]
    rec = only_record(FILES / name)
    if status is None:
        assert rec.status is None
    else:
        assert rec.status and status_category(rec.status) == status


@pytest.mark.parametrize("text, category", [
    ("PROJECT COMPLETION REPORT\n\nProject: X", "completed"),
    ("Closure memo – Project ABC/19/002\n", "completed"),
    ("RAPPORT D\u2019ACH\u00c8VEMENT\nProjet : X", "completed"),
    ("Note de clôture du projet\n", "completed"),
    ("Acta de cierre\nProyecto: X", "completed"),
    ("Letter of award\n", "active"),
    ("Lettre d'attribution\nObjet : projet X", "active"),
    ("ACTA DE INICIO DEL PROYECTO\n", "active"),
    # A sentence naming a report, a template, a call: not what the document is.
    ("The completion report of the project was finalised in May 2023.", None),
    ("Completion report template\n", None),
    ("Appel à propositions\n", None),
    ("Informe anual de actividades\n", None),
])
def test_genre_status(text: str, category: str | None) -> None:
    assert genre_status(text) == category


@pytest.mark.parametrize("title, category, rest", [
    ("[Closed] Civil registration reform", "completed", "Civil registration reform"),
    ("Réforme de la fonction publique [En cours]", "active", "Réforme de la fonction publique"),
    ("[Vigente] Gestión de residuos", "active", "Gestión de residuos"),
    ("[Pipeline] Open data for cities", "planned", "Open data for cities"),
    ("[Draft] Open data for cities", None, "[Draft] Open data for cities"),
    ("Open data for cities [2019]", None, "Open data for cities [2019]"),
])
def test_title_badge(title: str, category: str | None, rest: str) -> None:
    assert title_badge(title) == (category, rest)
    assert head_badge(f"Home > Projects\n\n{title}\nSome text.") == category


@pytest.mark.parametrize("value, category", [
    ("En cours d'instruction", "planned"), ("En formulación", "planned"), ("Under preparation", "planned"),
    ("Hard pipeline", "planned"), ("Under execution", "active"), ("Operational", "active"),
    ("Operationally closed", "completed"), ("En cours d'exécution", "active"),
])
def test_status_words(value: str, category: str) -> None:
    assert status_category(value) == category


@pytest.mark.parametrize("text, amount, currency", [
    ("250 000 dinars tunisiens", 250000, "TND"), ("dinars tunisiens 250 000", 250000, "TND"),
    ("45 millions de yens", 45000000, "JPY"), ("3 500 000 coronas danesas", 3500000, "DKK"),
    ("S/ 450 000 nuevos soles", 450000, "PEN"), ("1,2 millions de dinars algériens", 1200000, "DZD"),
])
def test_currency_words(text: str, amount: int, currency: str) -> None:
    assert [(m.amount, m.currency) for m in parse_money(text)] == [(Decimal(amount), currency)]


def test_a_dinar_without_its_country_is_no_currency() -> None:
    assert parse_money("250 000 dinars") == []


@pytest.mark.parametrize("text, amount", [
    # A share, a year's envelope, a conversion, an instalment: never the budget.
    ("UNDP adds USD 100,000, not included in the project's budget.", None),
    ("Le PNUD apporte 50 000 EUR par an.", None),
    ("El PNUD aporta USD 60.000 al año.", None),
    ("The annual allocation of USD 90,000 was approved in January.", None),
    ("L'enveloppe annuelle de 70 000 EUR est versée en janvier.", None),
    ("La asignación anual de USD 80.000 se transfiere en enero.", None),
    ("The first instalment of USD 100,000 was paid in May.", None),
    ("La première tranche de 60 000 EUR a été versée en mai.", None),
    ("La primera cuota de USD 50.000 se pagó en mayo.", None),
    ("The portfolio of USD 12 million covers forty projects.", None),
    ("The project (EUR 300,000, equivalent to USD 330,000) runs to 2025.", 300000),
    ("Le projet (300 000 EUR, soit environ 330 000 USD) court jusqu'en 2025.", 300000),
])
def test_parts_are_not_the_budget(text: str, amount: int | None) -> None:
    found = project_budget(text)
    assert [int(m.amount) for m in found] == ([amount] if amount else [])


@pytest.mark.parametrize("text", [
    "USD 120,000 comes from Ireland and USD 95,000 from Sweden.",
    "120 000 EUR viennent de la Belgique et 80 000 EUR de Monaco.",
    "USD 150.000 provienen de Suiza y USD 90.000 de Suecia.",
])
def test_amounts_that_compete_are_not_taken(text: str) -> None:
    assert project_budget(text) == []
    assert len(competing_amounts(text)) == 2


def test_an_amount_restated_in_brackets_does_not_compete() -> None:
    text = "The project (CHF 400'000 (USD 440,000)) runs to 2026."
    assert [(int(m.amount), m.currency) for m in project_budget(text)] == [(400000, "CHF")]
    assert competing_amounts(text) == []
