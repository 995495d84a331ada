"""Round 18 (numbers): the budget a record's text gives to its funding clause by clause when several amounts stand in
it (values/funded_amounts.py: another owner's word in the amount's own clause takes it away, parts in brackets that add
up to an amount are no candidates; always suggested, so flagged), and amounts written in words with a half ("cuatro
millones y medio de dólares", "deux millions et demi d'euros", "one million and a half dollars") or after a fraction
("a quarter of a million dollars": no amount) (values/spelled_amounts.py). Guards: two funded amounts, an amount of a
counterpart or a loan alone, a country's GDP, a number of people written in words, give nothing."""
from __future__ import annotations

from decimal import Decimal

import pytest

from capdev.narrative.values.events import extract_events
from capdev.narrative.values.funded_amounts import funded_amount
from capdev.narrative.values.money import parse_money
from capdev.narrative.values.suggest_money import suggest_budget


@pytest.mark.parametrize("text, amount, currency", [
    # an amount spent, in the next sentence, is another owner's
    ("The project itself began in January 2024 with a Development Account allocation of\n      USD 620,000, to serve "
     "Fiji, Vanuatu and Solomon Islands.\n   b) Implementation to date. Expenditure to date: USD 402,310 (65%).",
     620000, "USD"),
    # a disbursement rate in the next sentence does not take the credit away
    ("2026/1857 | 16/10/26 | Banque mondiale | Transmission de l'aide-mémoire du Projet d'appui à la gouvernance "
     "numérique des communes (PAGNC), crédit IDA n° 7123-MG de 40 millions USD, 2023-2028. Taux de décaissement "
     "38 %. | SG", 40000000, "USD"),
    # a total with its parts in brackets: the parts add up to it
    ("Monto ............. USD 240.000 (aporte AGCID: USD 160.000; contraparte salvadoreña:\n"
     "                    USD 80.000)\nODS ............... ODS 9, ODS 16", 240000, "USD"),
    # the GDP and a counterpart's share, each in its own clause
    ("El PIB del país ronda los 45 mil millones de dólares. El programa, financiado por la Unión Europea con "
     "2,5 millones de euros, arrancó en 2025; la contrapartida nacional es de 300.000 euros.", 2500000, "EUR"),
])
def test_the_one_amount_its_clause_gives_to_funding(text, amount, currency):
    found = funded_amount(text)
    assert found is not None and [(m.amount, m.currency) for m in found[0]] == [(Decimal(amount), currency)]
    assert found[1].startswith("suggested")
    suggested = suggest_budget(text)  # the reader of values.suggestions, through which the record is filled
    assert suggested is not None and suggested[0][0].amount == Decimal(amount)


@pytest.mark.parametrize("text", [
    # two amounts, each after a funding word: nothing to choose between them
    "Le projet est financé par l'AFD à hauteur de 2 millions d'euros. La Banque mondiale apporte un crédit de "
    "5 millions USD au programme national.",
    # a counterpart's share alone, a loan alone
    "Government counterpart funds of $4.1 million were budgeted. Executing agency: Civil Service Council.",
    "ADB loan of $25.0 million from ordinary capital resources; counterpart funds of $4.1 million.",
    # a country's GDP and a salary
    "Nominal GDP is projected at KSh 17.9 trillion in 2026. The adviser's salary is USD 8,000 per month.",
    # parts in brackets that do not add up: two candidates
    "Budget: USD 300,000 (grant: USD 100,000; budget of the second component: USD 150,000)",
])
def test_no_single_funded_amount_gives_nothing(text):
    assert funded_amount(text) is None


@pytest.mark.parametrize("text, amount, currency", [
    ("El programa cuenta con el apoyo de KOICA por cuatro millones y medio de dólares.", 4500000, "USD"),
    ("un millón y medio de dólares", 1500000, "USD"),
    ("Le projet, doté de deux millions et demi d'euros, démarre en 2027.", 2500000, "EUR"),
    ("The grant of one million and a half dollars was signed in May.", 1500000, "USD"),
    ("half a million dollars", 500000, "USD"),
])
def test_an_amount_in_words_with_a_half(text, amount, currency):
    assert [(m.amount, m.currency) for m in parse_money(text)] == [(Decimal(amount), currency)]


@pytest.mark.parametrize("text", [
    "a quarter of a million dollars",  # a fraction of the amount, not the amount
    "la moitié d'un million d'euros",
    "la mitad de un millón de dólares",
    "tres millones y medio de habitantes",  # people, not money
    "deux millions et demi de personnes",
])
def test_a_fraction_or_a_count_is_no_amount(text):
    assert parse_money(text) == []


@pytest.mark.parametrize("text, count", [
    ("Un atelier de validation s'est tenu le 19 novembre 2026 à Yaoundé avec soixante-quinze participants.", 75),
    ("A workshop was held in Accra in May 2025 with forty-two officials.", 42),
    ("Se realizó un taller en Lima en mayo de 2025, con veinticinco participantes.", 25),
    ("Se realizó un taller en Lima en mayo de 2025 con ciento veinte funcionarios municipales.", 120),
    ("Se realizó un taller en Lima en mayo de 2025, con la participación de doce mujeres y dieciocho hombres.", 30),
    # the count in the sentence after the event's, in words
    ("A workshop was held in Accra in May 2025. Forty-two officials attended.", 42),
    ("Un atelier s'est tenu le 19 novembre 2026 à Yaoundé. Soixante-quinze participants y ont pris part.", 75),
    ("El taller se realizó en Lima en mayo de 2025. Veinticinco funcionarios participaron.", 25),
])
def test_a_count_in_words(text, count):
    found = extract_events(text)
    assert [e.participants for e in found] == [count]


@pytest.mark.parametrize("text", [
    "Une formation en ligne a eu lieu en janvier 2023 pour une cinquantaine de maires.",  # rounded: no count
    "Le séminaire tenu à Dakar le quinze mars 2025 a réuni des cadres.",  # a day in words
    "Two workshops were held in Accra in May 2025 for civil servants.",  # a number of workshops
    "A workshop was held in Accra in May 2025. Twenty-five countries sent their statistics.",  # no people
])
def test_no_count_from_other_words(text):
    assert all(e.participants is None for e in extract_events(text))


def test_counts_keep_their_offsets():
    from capdev.narrative.values.spelled_counts import digits_of_words
    text = "avec soixante-quinze participants, quatre-vingt-dix agents et vingt et un maires"
    out = digits_of_words(text)
    assert len(out) == len(text)
    assert out.split() == ["avec", "75", "participants,", "90", "agents", "et", "21", "maires"]


_HEAD = ("{title}\nCountry: Senegal\nPeriod: January 2024 - December 2026\nBudget: EUR 1,200,000\n\n{table}\n\n"
         "The project is implemented by the Agence de développement local (ADL).\n")


@pytest.mark.parametrize("table, counts", [
    ("| Date | Lieu | Participants |\n|------|------|--------------|\n| 12/03/2025 | Thiès | 35 |\n"
     "| 14/06/2025 | Kaolack | 40 |", [35, 40]),
    ("| Fecha | Lugar | Participantes |\n|---|---|---|\n| 12/03/2025 | Dakar | 22 |", [22]),
    ("| Date | Venue | Participants |\n|---|---|---|\n| 2025-03-12 | Dakar | 18 |\n| 2025-06-14 | Thiès | 27 |",
     [18, 27]),
])
def test_an_activity_table_with_no_activity_column(tmp_path, table, counts):
    from capdev.narrative import iter_file
    path = tmp_path / "record.txt"
    path.write_text(_HEAD.format(title="Decentralised finance support project (PADF)", table=table), encoding="utf-8")
    (record,) = list(iter_file(str(path)))
    assert [e.participants for e in record.activities] == counts
    # the kind of each event is not said: every row is flagged for a reviewer
    assert sum(f.field == "activities" and "kind of event not stated" in f.reason for f in record.flags) == len(counts)


def test_a_table_of_dates_places_and_amounts_gives_no_events(tmp_path):
    from capdev.narrative import iter_file
    path = tmp_path / "record.txt"
    table = ("| Date | Lieu | Montant |\n|---|---|---|\n| 12/03/2025 | Thiès | 35 000 EUR |\n"
             "| 14/06/2025 | Kaolack | 40 000 EUR |")
    path.write_text(_HEAD.format(title="Decentralised finance support project (PADF)", table=table), encoding="utf-8")
    (record,) = list(iter_file(str(path)))
    assert record.activities == []
