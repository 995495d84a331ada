"""Budgets and codes (round 11): amounts written in words, in English, French and Spanish ("deux milliards trois
cents millions (2 300 000 000) de francs CFA", "un millón doscientos mil dólares"); amounts given to something that
is no project (a GDP, a state's budget, a salary, a fee, a share after the amount) never read as the budget; a sum
restated in a second currency is not a second total; "SDG 16" is a goal, not Sudanese pounds; a development bank's
identifiers ("project P176543", "(TF0B9876)", "préstamo BID 5312/OC-EC") as codes, never an ISBN, a law's number or a
telephone number."""
from __future__ import annotations

from decimal import Decimal

import pytest

from capdev.narrative import parse_text
from capdev.narrative.code_choice import not_a_code
from capdev.narrative.values.money import parse_money
from capdev.narrative.values.prose_amounts import project_budget
from capdev.narrative.values.told_ids import told_code

from ._shared import FILES, only_record

MONEY = FILES / "round11" / "money"


def _amounts(found):
    return [(m.amount, m.currency, m.kind) for m in found]


# ---------------------------------------------------------------- amounts written in words

@pytest.mark.parametrize("text,amount,currency", [
    ("deux milliards trois cents millions (2 300 000 000) de francs CFA", 2_300_000_000, "XOF"),
    ("un milliard six cent quarante millions de francs CFA", 1_640_000_000, "XOF"),
    ("quatre-vingt mille euros", 80_000, "EUR"),
    ("vingt et un mille euros", 21_000, "EUR"),
    ("un millón doscientos mil dólares", 1_200_000, "USD"),
    ("dos mil millones de pesos colombianos", 2_000_000_000, "COP"),
    ("trescientos cincuenta mil dólares", 350_000, "USD"),
    ("one million five hundred thousand US dollars", 1_500_000, "USD"),
    ("a million dollars", 1_000_000, "USD"),
    ("one hundred and fifty thousand euros", 150_000, "EUR"),
], ids=["fr-bracketed", "fr-words", "fr-quatre-vingt", "fr-et", "es-millon", "es-mil-millones", "es-cientos",
        "en-words", "en-a-million", "en-and"])
def test_an_amount_written_in_words_is_read(text, amount, currency):
    assert _amounts(parse_money(text)) == [(Decimal(amount), currency, "total")]


@pytest.mark.parametrize("text,expected", [
    ("des millions de dollars", []),  # "millions of": no number
    ("millions of dollars", []),
    ("thousands of euros", []),
    ("three dollars", []),  # no thousand named
    ("cinq euros", []),
    ("le projet a un un million", []),
    ("680 mil dólares", [(Decimal(680_000), "USD", "total")]),  # digits and a scale word: money's own reading
    ("1,5 millions d'euros", [(Decimal(1_500_000), "EUR", "total")]),
], ids=["fr-millions-de", "en-millions-of", "en-thousands-of", "en-three", "fr-cinq", "fr-un-un", "es-digits",
        "fr-digits"])
def test_words_that_are_no_amount(text, expected):
    assert _amounts(parse_money(text)) == expected


def test_a_decree_states_its_total_in_words_and_digits():
    record = only_record(MONEY / "fr_decret_montant_en_lettres.txt")
    assert _amounts(record.budgets) == [(Decimal(2_300_000_000), "XOF", "total")]


def test_minutes_state_an_allocation_in_words():
    record = only_record(MONEY / "es_acta_dotacion_en_letras.txt")
    assert _amounts(record.budgets) == [(Decimal(1_200_000), "USD", "total")]  # not the tutor's monthly salary


def test_a_grant_in_words_beside_a_gdp_and_a_fee():
    record = only_record(MONEY / "en_grant_letter_words.txt")
    assert _amounts(record.budgets) == [(Decimal(1_500_000), "USD", "total")]


# ---------------------------------------------------------------- goals, owners and second currencies

@pytest.mark.parametrize("text", ["SDG 16", "Contributes to SDG 4 and SDG 17", "SDG 5"])
def test_a_goal_is_no_amount(text):
    assert parse_money(text) == []


def test_a_fact_sheet_with_goals_and_an_overall_allocation():
    record = only_record(MONEY / "en_goals_allocation.txt")
    assert _amounts(record.budgets) == [(Decimal(310_000), "USD", "total")]


@pytest.mark.parametrize("text", [
    "Ghana's GDP reached USD 76 billion in 2023.",
    "Le PIB du Sénégal atteint 17 000 milliards de FCFA.",
    "Las remesas sumaron USD 4.000 millones en 2023.",
    "The coordinator's salary is USD 4,000.",
    "Le salaire moyen d'un agent est de 150 000 FCFA.",
    "El salario del consultor es de USD 3.500 mensuales.",
    "Les frais d'inscription sont de 50 000 FCFA.",
    "A registration fee of USD 150 applies.",
    "Le budget de l'État pour 2024 s'élève à 6 000 milliards de FCFA.",
    "The ministry's annual budget is USD 80 million.",
    "El presupuesto nacional asciende a USD 12.000 millones.",
    "The EU provides EUR 2 million in co-financing.",
    "La commune apporte 40 000 000 FCFA en contrepartie.",
    "Each trainee receives USD 60 per day.",
    "La beca es de 2.500 euros por persona.",
], ids=["en-gdp", "fr-pib", "es-remesas", "en-salary", "fr-salaire", "es-salario", "fr-frais", "en-fee",
        "fr-budget-etat", "en-annual", "es-nacional", "en-cofinancing", "fr-contrepartie", "en-per-day", "es-beca"])
def test_an_amount_of_something_else_is_no_budget(text):
    assert project_budget(text) == []


@pytest.mark.parametrize("text,amount,currency", [
    ("The debt management project has a budget of USD 1.2 million.", 1_200_000, "USD"),
    ("Le projet de gestion de la dette publique, d'un montant de 2 millions d'euros, a démarré.", 2_000_000, "EUR"),
    ("El proyecto de reforma del presupuesto nacional cuenta con un presupuesto de USD 900.000.", 900_000, "USD"),
    ("The project costs USD 750,000.", 750_000, "USD"),
    ("With a total budget of USD 1.2 million, of which USD 200,000 in co-financing, the project started.",
     1_200_000, "USD"),
], ids=["en-debt-title", "fr-dette-title", "es-presupuesto-title", "en-costs", "en-of-which"])
def test_the_projects_own_amount_is_still_read(text, amount, currency):
    assert _amounts(project_budget(text)) == [(Decimal(amount), currency, "total")]


def test_no_budget_from_a_gdp_and_a_fee():
    record = only_record(MONEY / "es_pib_y_cuotas.txt")
    assert record.budgets == []
    assert not any(f.field == "budgets" for f in record.flags)  # nothing competes: neither is the project's


@pytest.mark.parametrize("text,first,second", [
    ("655 957 000 FCFA (1 000 000 euros)", (655_957_000, "XOF"), (1_000_000, "EUR")),
    ("650 000 000 FCFA / 990 000 EUR", (650_000_000, "XOF"), (990_000, "EUR")),
    ("EUR 1,000,000 (approx. USD 1,080,000)", (1_000_000, "EUR"), (1_080_000, "USD")),
    ("Bs 3.480.000 (aprox. USD 500.000)", (3_480_000, "BOB"), (500_000, "USD")),
], ids=["fr-bracket", "fr-slash", "en-approx", "es-aprox"])
def test_one_sum_in_two_currencies_is_one_total(text, first, second):
    found = parse_money(text)
    assert _amounts(found) == [(Decimal(first[0]), first[1], "total"), (Decimal(second[0]), second[1], "other")]
    assert found[0].label == ""


def test_two_totals_of_one_currency_stay_two():
    assert [m.kind for m in parse_money("EUR 800,000 / EUR 950,000")] == ["total", "total"]


def test_a_record_with_its_amount_in_two_currencies():
    record = only_record(MONEY / "fr_deux_monnaies.txt")
    assert _amounts(record.budgets) == [(Decimal(655_957_000), "XOF", "total"), (Decimal(1_000_000), "EUR", "other")]


# ---------------------------------------------------------------- codes

@pytest.mark.parametrize("text,code", [
    ("the World Bank project P176543 supports", "P176543"),
    ("funded by IDA (P123456).", "P123456"),
    ("the grant TF0A1234 supports", "TF0A1234"),
    ("Le don n° TF0B5678 finance", "TF0B5678"),
    ("el préstamo BID 5312/OC-EC", "5312/OC-EC"),
    ("Operación: 4433/OC-PE", "4433/OC-PE"),
], ids=["en-project", "en-bracket", "en-grant", "fr-don", "es-prestamo", "es-operacion"])
def test_a_banks_identifier_is_a_code(text, code):
    assert told_code(text) == code


@pytest.mark.parametrize("text", [
    "the response to the pandemic (COVID-19) was swift",
    "ISBN 978-92-1-123456-7",
    "Tel. +221 33 823 45 67",
    "la Ley 1234-2019",
    "a project of 2023",
], ids=["covid", "isbn", "phone", "law", "year"])
def test_no_code_in_other_numbers(text):
    assert told_code(text) is None


def test_a_bank_project_id_in_a_paragraph():
    record = only_record(MONEY / "en_bank_ids.txt")
    assert record.code == "P176543"


def test_a_loan_number_in_spanish():
    record = only_record(MONEY / "es_prestamo_operacion.txt")
    assert record.code == "5312/OC-EC"


def test_an_isbn_a_law_and_a_phone_give_no_code():
    record = only_record(MONEY / "fr_guards_codes.txt")
    assert record.code is None


def test_a_list_of_links_under_a_reference_label_is_no_code():
    assert not_a_code("[1] https://example.org/bulletin-18 [2] https://example.org/news") == "a link"
    assert not_a_code("SEN/FP/2025-011") == ""


# ---------------------------------------------------------------- other dollars, scale letters joined to the code

@pytest.mark.parametrize("text,amount,currency", [
    ("MXN$ 3 millones", 3_000_000, "MXN"),
    ("T$ 450,000", 450_000, "TOP"),
    ("FJ$1.2 million", 1_200_000, "FJD"),
    ("RD$ 25 millones", 25_000_000, "DOP"),
    ("2,5 MUSD", 2_500_000, "USD"),
    ("1,5 MEUR", 1_500_000, "EUR"),
    ("300 kEUR", 300_000, "EUR"),
], ids=["mxn", "top", "fjd", "dop", "musd", "meur", "keur"])
def test_a_countrys_dollar_and_a_joined_scale(text, amount, currency):
    assert _amounts(parse_money(text)) == [(Decimal(amount), currency, "total")]


@pytest.mark.parametrize("text", ["XY$ 300,000", "3 MUSA", "5 Musd"])
def test_a_dollar_joined_to_unknown_letters_is_not_us_dollars(text):
    assert parse_money(text) == []


# ---------------------------------------------------------------- one year's budget

@pytest.mark.parametrize("text", [
    "The project's budget for 2024 is USD 300,000.",
    "Le budget 2025 du projet s'élève à 120 000 EUR.",
    "El presupuesto del ejercicio 2025 asciende a USD 90.000.",
    "The project received USD 300,000 for 2024.",
], ids=["en-for-year", "fr-budget-year", "es-ejercicio", "en-after"])
def test_one_years_budget_is_not_the_total(text):
    assert project_budget(text) == []


@pytest.mark.parametrize("text,amount", [
    ("With a budget of USD 1.2 million for 2022-2025, the project runs.", 1_200_000),
    ("The project was launched with USD 1.2 million in 2022.", 1_200_000),
    ("Le budget 2022-2025 du projet est de 2 millions d'euros.", 2_000_000),
    ("En 2023, le projet a un budget de 800 000 EUR.", 800_000),
], ids=["en-period", "en-launched-in", "fr-period", "fr-en-annee"])
def test_a_budget_for_the_whole_period_is_read(text, amount):
    assert [m.amount for m in project_budget(text)] == [Decimal(amount)]


def test_totals_in_two_currencies_do_not_compete():
    from capdev.narrative.values.prose_amounts import competing_totals

    assert competing_totals("Le budget total est de 650 000 000 FCFA. Le coût total en euros : 990 000 euros.") == []
    assert competing_totals("El costo total es de Bs 3.480.000. El presupuesto total es de USD 500.000.") == []
    rivals = competing_totals("A total budget of USD 900,000 was approved. The total budget is now USD 1.1 million.")
    assert [m.amount for m in rivals] == [Decimal(900_000), Decimal(1_100_000)]


# ---------------------------------------------------------------- a currency beside the number or the label

@pytest.mark.parametrize("line,amount,currency", [
    ("Total budget (EUR): 2.4 million", 2_400_000, "EUR"),
    ("Montant (FCFA) : 650 000 000", 650_000_000, "XOF"),
    ("Presupuesto (en US$): 1.200.000", 1_200_000, "USD"),
    ("Budget: 1.2 million (USD)", 1_200_000, "USD"),
    ("Coût total : 300 000 (EUR)", 300_000, "EUR"),
], ids=["en-label-aside", "fr-label-aside", "es-label-aside", "en-after", "fr-after"])
def test_a_currency_in_brackets(line, amount, currency):
    [record] = parse_text(f"Title: Municipal finance reform\nStatus: ongoing\n{line}\n")
    assert _amounts(record.budgets) == [(Decimal(amount), currency, "total")]


@pytest.mark.parametrize("text", ["2023 (EUR)", "16 (USD)"])
def test_a_year_or_a_count_before_a_bracketed_currency_is_no_amount(text):
    assert parse_money(text) == []
