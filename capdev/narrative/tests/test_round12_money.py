"""Budgets and codes (round 12), by the structure of the text and the words of English, French and Spanish: a total
told by a budget noun, its qualifiers and a link ("le financement total s'établit à", "el monto aprobado del
programa es de"), by "un projet de", by a verb of value, by an article and a noun around the amount ("a USD 1.75
million project"), or as the one funder's contribution ("Funded by ... (USD 640,000)"); budget labels composed of
nouns and qualifiers ("Overall allocation", "Financement total"); amounts written "650 MFCFA", "US$ 2,4 MM",
"2,3 Mds FCFA", "FCFA (XAF)", "Budget (US$ million): 2.75", "Montant (en milliers d'euros)"; the CFA franc of
Central Africa; codes named with their owner ("FCDO ref. 204517", "référence BAD P-TD-K00-012") or by a sentence
("su número en el sistema del BID es CH-T1234"). Each rule has its guards. The sample (files/round12/money, its
expected.json) is scored as a whole too."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from capdev.narrative import parse_file
from capdev.narrative.labels import match_label
from capdev.narrative.values.money import aside_currency, parse_money
from capdev.narrative.values.prose import read_prose
from capdev.narrative.values.prose_amounts import project_budget
from capdev.narrative.values.told_ids import told_code

from ._shared import FILES, only_record

MONEY = FILES / "round12" / "money"


def _amounts(found):
    return [(m.amount, m.currency, m.kind) for m in found]


def _total(record):
    totals = [m for m in record.budgets if m.kind == "total"]
    return (totals[0].amount, totals[0].currency) if totals else None


# ---------------------------------------------------------------- amounts written every way

@pytest.mark.parametrize("text,amount,currency", [
    ("650 MFCFA", 650_000_000, "XOF"),
    ("US$ 2,4 MM", 2_400_000, "USD"),
    ("2,3 Mds FCFA", 2_300_000_000, "XOF"),
    ("4,2 milliards de FCFA (XAF)", 4_200_000_000, "XAF"),
    ("2 800 000 000 FCFA (XAF)", 2_800_000_000, "XAF"),
    ("1 000 000 $ (CAD)", 1_000_000, "CAD"),
    ("KSh 45 million", 45_000_000, "KES"),
    ("USD 1.2 mill.", 1_200_000, "USD"),
    ("USD1.2M", 1_200_000, "USD"),
    ("EUR 2,500k", 2_500_000, "EUR"),
    ("1 milliard 200 millions FCFA", 1_200_000_000, "XOF"),
    ("1 milliard et 200 millions de FCFA", 1_200_000_000, "XOF"),
    ("USD 1 million 200 thousand", 1_200_000, "USD"),
    ("2 millones 500 mil dólares", 2_500_000, "USD"),
    ("450 000 euros (quatre cent cinquante mille euros)", 450_000, "EUR"),
    ("USD 1,000,000 (one million US dollars)", 1_000_000, "USD"),
    ("half a million dollars", 500_000, "USD"),
    ("R$ 2,5 milhões", 2_500_000, "BRL"),
], ids=["m-fcfa", "es-mm", "fr-mds", "fr-xaf-words", "fr-xaf-digits", "dollar-cad", "ksh", "mill-dot", "joined-code",
        "grouped-k", "fr-two-scales", "fr-two-scales-et", "en-two-scales", "es-two-scales", "fr-restated-words",
        "en-restated-words", "half-a-million", "pt-milhoes"])
def test_an_amount_written_so_is_read(text, amount, currency):
    assert _amounts(parse_money(text)) == [(Decimal(amount), currency, "total")]


@pytest.mark.parametrize("text,expected", [
    ("USD 300 (EUR)", [(Decimal(300), "USD", "total")]),  # a code written already: the bracket changes nothing
    ("MM 2023", []),
    ("SDG 16", []),
    ("the 2,4 MM report", []),
    ("CAD2021", []),  # a code and a year joined: no amount
    ("EUR 3 millions 2 millions", [(Decimal(3_000_000), "EUR", "total")]),  # one scale twice: no sum
    ("EUR 2.5k", [(Decimal(2_500), "EUR", "total")]),
    ("€500", [(Decimal(500), "EUR", "total")]),
    ("EUR 100,000 and EUR 100,000", [(Decimal(100_000), "EUR", "total")] * 2),  # not restated in brackets
], ids=["code-kept", "mm-alone", "goal", "mm-no-currency", "joined-year", "same-scale", "decimal-k", "symbol-joined",
        "two-sums"])
def test_no_amount_or_no_change(text, expected):
    assert _amounts(parse_money(text)) == expected


@pytest.mark.parametrize("aside,currency,scale", [
    ("US$ million", "USD", 10**6), ("en milliers d'euros", "EUR", 1000), ("USD '000", "USD", 1000),
    ("en millones de USD", "USD", 10**6), ("in thousands of dollars", "USD", 1000), ("k€", "EUR", 1000),
    ("M FCFA", "XOF", 10**6), ("USD", "USD", 1), ("in USD", "USD", 1),
    ("Atlas", None, 1), ("millions", None, 1), ("m", None, 1),
])
def test_a_labels_aside_gives_currency_and_scale(aside, currency, scale):
    assert aside_currency(aside) == (currency, scale)


def test_a_scale_in_the_aside_multiplies_bare_numbers_only():
    assert _amounts(parse_money("2.75", default_currency="USD", default_scale=10**6)) == [
        (Decimal(2_750_000), "USD", "total")]
    assert _amounts(parse_money("EUR 300,000", default_currency="USD", default_scale=10**6)) == [
        (Decimal(300_000), "EUR", "total")]  # an amount with its own currency is as written


def test_a_label_in_thousands_of_euros():
    assert _total(only_record(MONEY / "fr_devis_milliers.txt")) == (Decimal(1_250_000), "EUR")


# ---------------------------------------------------------------- the total by the grammar of the sentence

@pytest.mark.parametrize("text,amount,currency", [
    ("Le comité note que le coût estimé du programme est de 2 300 000 €.", 2_300_000, "EUR"),
    ("Confirmo que la dotación prevista del programa es de USD 900.000.", 900_000, "USD"),
    ("The indicative allocation stands at about EUR 1.2 million.", 1_200_000, "EUR"),
    ("Il s'agit d'un projet de 3,5 millions d'euros.", 3_500_000, "EUR"),
    ("Es un proyecto de USD 2 millones.", 2_000_000, "USD"),
    ("The academy, valued at GBP 600,000, opened in May.", 600_000, "GBP"),
    ("It is a USD 1.75 million project over three years.", 1_750_000, "USD"),
    ("The board endorsed the $750K budget for the academy.", 750_000, "USD"),
    ("Funded by the UN Development Account (USD 640,000), the project started in 2024.", 640_000, "USD"),
    ("El programa, financiado por KOICA con USD 4,5 millones, arranca en 2026.", 4_500_000, "USD"),
], ids=["fr-noun-qualifier-link", "es-noun-project-link", "en-approx", "fr-projet-de", "es-proyecto-de",
        "en-valued-at", "en-article-project", "en-article-budget", "en-funder-bracket", "es-funder-con"])
def test_a_sentence_calls_the_amount_its_total(text, amount, currency):
    assert _amounts(project_budget(text, cued_only=True)) == [(Decimal(amount), currency, "total")]


@pytest.mark.parametrize("text", [
    "The travel costs of USD 42,000 were paid by the ministry.",
    "The Ministry budget is USD 2 billion.",
    "A USD 300,000 budget line covers the workshops.",
    "Se aprobó un programa con 14 proyectos y un monto indicativo de 38 millones de pesos mexicanos.",
    "Co-funded by the EU (EUR 500,000) and Sweden (EUR 300,000), it trains clerks.",
    "Funded by the EU (EUR 500,000) and Sweden (EUR 300,000), it trains clerks.",
    "Funded by Norway, the workshop (USD 40,000) took place in Oslo.",
], ids=["another-noun", "a-ministry", "budget-line", "portfolio", "co-funded", "two-funders", "comma"])
def test_no_total_is_told(text):
    assert project_budget(text, cued_only=True) == []


def test_a_portfolio_is_not_the_total_that_follows():
    text = ("Se aprobó el Programa Bilateral de Cooperación 2024-2026, con 14 proyectos y un monto indicativo de 38 "
            "millones de pesos mexicanos. El costo total de EL PROYECTO asciende a MXN 5,800,000.00.")
    assert _amounts(project_budget(text)) == [(Decimal(5_800_000), "MXN", "total")]


def test_a_project_of_amount_beats_a_states_contribution():
    record = only_record(MONEY / "fr_prose_millions_euros.txt")  # "La contribution de l'État ..., d'un montant de"
    assert _total(record) == (Decimal(3_500_000), "EUR")


# ---------------------------------------------------------------- budget labels composed

@pytest.mark.parametrize("line", [
    "Overall allocation: USD 1,000,000", "Financement total : 2,3 Mds FCFA", "Total envelope: EUR 900,000",
    "Enveloppe totale : 1 000 000 €", "Approved funding: USD 500,000", "Presupuesto total aprobado: USD 1",
    "Budget total approuvé : 1 000 000 €", "Monto global: USD 300.000",
])
def test_a_composed_budget_label(line):
    label = match_label(line)
    assert label is not None and label.field == "budget"


@pytest.mark.parametrize("line,field", [
    ("Funding: European Union", "funding_source"), ("Financiamiento: Unión Europea", "funding_source"),
    ("Total participants: 40", None),
])
def test_a_noun_alone_is_not_composed(line, field):
    label = match_label(line)
    assert (label.field if label else None) == field


def test_a_table_row_overall_allocation():
    assert _total(only_record(MONEY / "en_table_award.txt")) == (Decimal(2_100_000), "USD")


# ---------------------------------------------------------------- CFA francs of Central Africa

def test_fcfa_in_cameroon_is_xaf():
    assert _total(only_record(MONEY / "fr_fiche_libelle_seul.txt")) == (Decimal(1_850_000_000), "XAF")


def test_fcfa_in_benin_stays_xof():
    assert _total(only_record(MONEY / "fr_tableau_mds.txt")) == (Decimal(2_300_000_000), "XOF")


# ---------------------------------------------------------------- codes

@pytest.mark.parametrize("text,code", [
    ("runs until 2027 (FCDO ref. 204517). About 60 attend.", "204517"),
    ("enregistré sous la référence BAD P-TD-K00-012. Le projet couvre", "P-TD-K00-012"),
    ("(Código KOICA: 2025-015-PER), financiado por", "2025-015-PER"),
    ("y que su número en el sistema del BID es CH-T1234. El aporte", "CH-T1234"),
], ids=["owner-ref-digits", "ref-owner-single-letter", "codigo-owner-colon", "number-in-a-system"])
def test_a_code_named_with_its_owner_or_in_a_sentence(text, code):
    assert told_code(text) == code


@pytest.mark.parametrize("text,code", [
    ("Projet n° 2021/423-117 financé par l'AFD", "2021/423-117"),
    ("El proyecto (código 2023-045) inició en marzo.", "2023-045"),
    ("El proyecto N.º 2023-0045-HN forma jueces.", "2023-0045-HN"),
    ("The action (ref. EuropeAid/139543/DD/ACT/Multi) started in 2024.", "EuropeAid/139543/DD/ACT/Multi"),
], ids=["fr-digits-parts", "es-codigo-digits", "es-n-o", "mixed-case-many-parts"])
def test_a_project_numbered_in_parts(text, code):
    assert told_code(text) == code


@pytest.mark.parametrize("text", [
    "The project COVID-19 Response Facility trains nurses.", "Le projet covid-19 a formé 40 agents.",
    "The project Horizon-2020 grant", "El proyecto Ley-1234 reforma", "Proyecto G-20 de finanzas",
    "projet de loi n° 2023-015 du 12 juin", "Project No. 12/05/2023", "project no. 2023-2025",
], ids=["covid", "covid-small", "horizon", "ley", "g20", "projet-de-loi", "date", "years"])
def test_a_name_with_a_number_or_a_date_is_no_code(text):
    assert told_code(text) is None
    assert read_prose(text).code is None


@pytest.mark.parametrize("text", [
    "Loi n° 2023-015 du 12 juin 2023.", "Tel. No. 2441234", "Law No. 12 of 2024 governs the councils.",
    "Decreto 2-89 del Congreso.", "ISBN 978-92-1-101385-6", "Our ref. UNDP No. 123456",
    "le numéro de la convention est CONV-2023-11.", "The number of participants is 40.",
    "El número de la resolución es 245-2025-MINEDU.", "(EU ref. 2024, 12345)",
    "Resolución Ministerial N° 087-2026-PCM Lima", "Decreto Supremo N.º 123-2024-PCM",
    "arrêté ministériel n° 2024-045/MFP", "El Informe N° D000041-2026-PCM-SGP de la Secretaría",
], ids=["loi", "phone", "law", "decreto", "isbn", "letter-ref", "convention-is", "count-is", "resolution-is",
        "year-after-owner", "act-qualified", "decreto-supremo", "arrete-ministeriel", "informe"])
def test_no_code_is_told(text):
    assert told_code(text) is None


def test_an_act_word_is_not_a_projects_own_naming():
    assert told_code("convenio del proyecto COL-22-003") == "COL-22-003"  # the project's, named in the act


def test_the_guard_records_have_no_budget_and_no_code():
    for name in ("en_guard_no_budget_no_code.txt", "fr_garde_sans_budget.txt", "es_guarda_ejecutado.txt"):
        record = only_record(MONEY / name)
        assert (_total(record), record.code) == (None, None), name


# ---------------------------------------------------------------- the sample as a whole

def test_the_sample_reads_as_expected():
    expected = json.loads((MONEY / "expected.json").read_text(encoding="utf-8"))
    right = 0
    for name, want in expected.items():
        records = parse_file(MONEY / name)
        record = records[0] if len(records) == 1 else None
        got = _total(record) if record else None
        right += ([int(got[0]), got[1]] if got else None) == want["budget"]
        right += (record.code if record else None) == want["code"]
    assert right >= 49, right  # 37 of 52 before round 12; two lost to a record split at "Project ID:" after a budget,
    # one to "Réf. interne" (an internal reference is no label: test_round5_exports)
