"""The general rules of the generalisation round, each on records worded apart from the corpora and each other."""
from __future__ import annotations

from decimal import Decimal

import pytest

from capdev.narrative import parse_text
from capdev.narrative.page_lines import match_heading
from capdev.narrative.values.money import parse_money
from capdev.narrative.values.prose import read_prose
from capdev.narrative.values.sdgs import find_sdg_mentions
from capdev.narrative.values.status import status_category


@pytest.mark.parametrize("text, amount, currency", [
    ("US$ 85 mil", "85000", "USD"), ("120 mil dólares", "120000", "USD"), ("US$ 1,2 mil millones", "1200000000", "USD"),
    ("300 000 dollars canadiens", "300000", "CAD"), ("45 000 dólares australianos", "45000", "AUD"),
    ("1,5 millones de dólares", "1500000", "USD"),
])
def test_amounts_in_words(text: str, amount: str, currency: str) -> None:
    assert [(m.amount, m.currency) for m in parse_money(text)] == [(Decimal(amount), currency)]


@pytest.mark.parametrize("line", ["ANNEXE 3", "Annex 2", "Anexo IV", "Situation as of 30 June 2023",
                                  "Status as at 31 March 2024", "Situación al 31 de diciembre de 2022",
                                  "Fiche technique", "Ficha técnica"])
def test_part_headings_are_no_titles(line: str) -> None:
    assert match_heading(line)


@pytest.mark.parametrize("line", ["Annual Plan for Rural Schools", "Situation of women in public service",
                                  "Annex buildings of the Ministry of Finance"])
def test_titles_are_no_headings(line: str) -> None:
    assert not match_heading(line)


@pytest.mark.parametrize("text, category", [
    ("En cours d'exécution", "active"), ("EN EJECUCIÓN", "active"), ("vigente", "active"), ("Ongoing", "active"),
    ("concluido", "completed"), ("Achevée", "completed"), ("Operationally closed", "completed"),
    ("prévu", "planned"), ("Pipeline", "planned"), ("Suspended", None), ("Opened soon", None),
])
def test_status_words_in_three_languages(text: str, category: str | None) -> None:
    assert status_category(text) == category


@pytest.mark.parametrize("text, goals, targets", [
    ("The project contributes to Goal 11.3 and Goal 16.7.", [11, 16], ["11.3", "16.7"]),
    ("Objectifs visés : ODD 9 et ODD 16.", [9, 16], []),
    ("Contribuye al Objetivo 16 (meta 16.6).", [16], ["16.6"]),
    ("The SDGs matter; 16.6 was discussed.", [], []),
])
def test_sdgs_named_in_prose(text: str, goals: list[int], targets: list[str]) -> None:
    assert find_sdg_mentions(text) == (goals, targets)


def test_a_record_without_sdg_field_takes_the_goals_its_text_names() -> None:
    rec = parse_text("Title: Water utilities\nBudget: USD 90,000\n"
                     "Summary: Utilities report on Goal 6.1 and SDG 13.\n")[0]
    assert rec.sdgs == [6, 13] and any(f.field == "sdgs" for f in rec.flags)


@pytest.mark.parametrize("text, funder", [
    ("The project XYZ/21/001 ran from May 2021 to April 2023, funded by the Government of Finland with EUR 200,000.",
     "Government of Finland"),
    ("Le projet ABC/20/002 s'est déroulé de mars 2020 à mai 2022, financé par le Gouvernement de la Belgique à hauteur "
     "de 150 000 euros.", "Gouvernement de la Belgique"),
    ("El proyecto QRS/19/003 se ejecutó entre mayo de 2019 y abril de 2021, financiado por el Gobierno de Suecia con "
     "un presupuesto de US$ 90 mil.", "Gobierno de Suecia"),
    ("Le projet DEF/18/004 (2018-2020), financé par le Gouvernement du Japon et mis en œuvre avec le PNUD Mali, a "
     "formé 40 agents.", "Gouvernement du Japon"),
])
def test_a_funder_read_from_prose_ends_before_the_amount_or_the_next_clause(text: str, funder: str) -> None:
    assert read_prose(text).funders[0] == funder


@pytest.mark.parametrize("text, partner", [
    ("Project GHA/22/001 ran from 2022 to 2023 with USD 50,000. Working with the Ghana Statistical Service, it trained "
     "clerks.", "the Ghana Statistical Service"),
    ("El proyecto BOL/21/002 se ejecutó de 2021 a 2022 con USD 60.000, ejecutado por la Contraloría General del "
     "Estado, que formó auditores.", "la Contraloría General del Estado"),
    ("Le projet SEN/20/003 (2020-2021, 70 000 USD), mis en œuvre avec l'École nationale d'administration, a formé des "
     "cadres.", "l'École nationale d'administration"),
])
def test_partners_after_working_with_and_executed_by(text: str, partner: str) -> None:
    facts = read_prose(text)
    # "ejecutado por" names the body that implements (an implementing partner), "working with" one that cooperates.
    assert partner in (facts.implementers if "ejecutado por" in text else facts.partners)


def test_implemented_by_our_own_unit_is_no_partner() -> None:
    facts = read_prose("Project KEN/21/002 ran from 2021 to 2022 with USD 80,000. Implemented by DPIDG, it built a "
                       "registry.")
    assert facts.partners == []


@pytest.mark.parametrize("text, title, start, end", [
    ("KEN/20/001 — Performance Reviews for County Governments (2020–2021)\nBudget US$ 185,000\n",
     "Performance Reviews for County Governments", "2020", "2021"),
    ("2225B — Digital Registries in Small States (2025-2028)\nStatus: planned\n", "Digital Registries in Small States",
     "2025", "2028"),
    ("Title: Archive Reform (2019–2021)\nTime Frame: March 2019 - June 2021\n", "Archive Reform", "2019-03", "2021-06"),
])
def test_years_in_brackets_after_a_title_are_its_period(text: str, title: str, start: str, end: str) -> None:
    rec = parse_text(text)[0]
    assert (rec.title, rec.start.iso(), rec.end.iso()) == (title, start, end)


@pytest.mark.parametrize("text, title", [
    ("Title: Municipal Finance Reform in\n   Secondary Cities of West Africa\nCode: 2123W\n",
     "Municipal Finance Reform in Secondary Cities of West Africa"),
    ("Intitulé : Appui aux cours des comptes\nde l'Afrique centrale\nCode : CMR/21/001\n",
     "Appui aux cours des comptes de l'Afrique centrale"),
    ("Project title          Land Registries for Island\n                       States of the Caribbean\n"
     "Project number         CAR/22/003\n", "Land Registries for Island States of the Caribbean"),
])
def test_a_wrapped_title_is_read_whole(text: str, title: str) -> None:
    assert parse_text(text)[0].title == title


def test_a_wrapped_code_does_not_swallow_the_next_line() -> None:
    rec = parse_text("Title: Road safety data\nCode: ENI/2021/033-112\n"
                     "financed under the neighbourhood instrument\n")[0]
    assert rec.code == "ENI/2021/033-112"


@pytest.mark.parametrize("text", [
    "**Code:** 2501Q | **Period:** March 2025 – February 2027 | **Budget:** USD 300,000 | **Lead:** DPIDG\n",
    "At a glance — Code: 2501Q · Lead: DPIDG · Period: March 2025 – February 2027 · Budget: USD 300,000\n",
])
def test_bold_or_dotted_pairs_on_one_line(text: str) -> None:
    rec = parse_text("Title: Local archives\n" + text)[0]
    assert (rec.code, rec.lead_unit, rec.start.iso(), [b.amount for b in rec.budgets]) == (
        "2501Q", "DPIDG", "2025-03", [Decimal("300000")])


def test_a_list_of_countries_under_a_bare_label_is_not_cut_into_records() -> None:
    text = ("TITLE\nRiver basin data sharing\nCODE\nRIV/22/001\nCOUNTRIES\nKenya\nUganda\nRwanda\nPARTNERS\n"
            "East African Community\nDESCRIPTION\nBasin authorities share data.\n")
    recs = parse_text(text)
    assert len(recs) == 1 and sorted(recs[0].countries) == ["KEN", "RWA", "UGA"]
