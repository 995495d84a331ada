"""Round 8: who pays, who partners and how much, in English, French and Spanish (records written for these tests,
tests/files/round8/money/). Funders after the cues of prose ("with the generous support of", "avec l'appui financier
de", "con el apoyo de la Embajada de ...") and under labels ("Donor(s)", "Cofinanceurs", "Cofinanciadores"); the
office through which a funder pays is the funder itself; our own unit is never a partner, nor cut at its "and"; a
partner list holds no place and no half of a ministry's name; a budget is the total, its shares are not, and two
totals for one project are flagged."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.channels import without_channel
from capdev.narrative.values.funding import pays_surely
from capdev.narrative.values.money import parse_money
from capdev.narrative.values.prose_roles import without_own_units

FILES = Path(__file__).parent / "files" / "round8" / "money"


def _names(rec, role: str | None = None) -> list[str]:
    return [p.name for p in rec.partners if role is None or p.role == role]


# file: (funders, other partners expected, names that must be no partner at all, budget (amount, currency) or None,
#        countries that must be served, whether two totals compete)
RECORDS: dict[str, tuple[list[str], list[str], list[str], tuple[int, str] | None, list[str], bool]] = {
    # Prose: a funder, then "through its embassy"; our unit after "implemented by"; a total and an amount disbursed.
    "en_prose_funders.txt": (["Government of Norway"], ["Malawi Institute of Management", "National Audit Office"],
                             ["Division for Public Institutions", "Digital Government", "Lilongwe"],
                             (1200000, "USD"), ["MWI"], False),
    "fr_prose_bailleurs.txt": (["Agence Française de Développement", "European Union"],
                               ["École nationale d'administration", "Cour des comptes"],
                               ["Division des institutions publiques et de l'administration numérique"],
                               (2500000, "EUR"), ["BEN"], False),
    "es_prosa_financiadores.txt": (["Spanish Agency for International Development Cooperation"],
                                   ["Instituto Nacional de Administración Pública", "Tribunal Superior de Cuentas"],
                                   ["División de Instituciones Públicas", "Gobierno Digital"],
                                   (1200000, "USD"), ["HND"], False),
    # Labels: a donor paying through its embassy, co-funders, a partner list with places and a ministry's portfolio.
    "en_label_donors.txt": (["Government of Sweden", "European Union"],
                            ["Anti-Corruption Commission", "Ministry of Finance and National Planning"],
                            ["Embassy of Sweden in Lusaka", "Zambia", "National Planning, Zambia", "Lusaka"],
                            (700000, "USD"), ["ZMB"], False),
    "fr_label_bailleurs.txt": (["Royaume de Belgique", "Coopération suisse"],
                               ["Haute Autorité de lutte contre la corruption",
                                "Ministère de la Fonction publique et de la Réforme administrative"],
                               ["Niger", "Niamey", "son ambassade à Niamey"],
                               (1250000000, "XOF"), ["NER"], False),
    "es_etiqueta_fuente.txt": (["Gobierno de Noruega", "European Union", "Inter-American Development Bank"],
                               ["Contraloría General del Estado", "Federación de Asociaciones Municipales"],
                               ["Bolivia", "Sucre", "su Embajada en La Paz"],
                               (900000, "USD"), ["BOL"], False),
    # Prose: a cue of support names a funder only when the body pays; a counterpart's name ends before its dates.
    "en_generous_support.txt": (["Republic of Korea"], ["Public Services Commission"], [], (450000, "USD"), ["GHA"],
                                False),
    "fr_avec_appui.txt": (["Grand-Duché de Luxembourg"],
                          ["Université Cheikh Anta Diop", "Bureau organisation et méthodes"],
                          ["Commission", "Bureau organisation et méthodes de juin 2022 à mai 2024"], (380000, "USD"),
                          ["SEN"], False),
    "es_gracias_contribucion.txt": (["Embajada de Suecia"], ["Secretaría de la Función Pública"], [],
                                    (275000, "USD"), ["PRY"], False),
    # Two totals for one project: the first is kept, flagged.
    "en_two_totals.txt": (["Asian Development Bank"], ["Nepal Administrative Staff College"], [], (900000, "USD"),
                          ["NPL"], True),
    "fr_deux_totaux.txt": (["Agence Française de Développement"], [], [], (1500000, "EUR"), ["CMR"], True),
    "es_dos_totales.txt": (["Inter-American Development Bank"], ["Escuela Nacional de Administración Pública"], [],
                           (1200000, "USD"), ["PER"], True),
    # A funder named with its sum and no word of funding, and one that opens a sentence with a verb of paying; the
    # two sums compete (no total said): no budget, flagged.
    "en_paying_subject.txt": (["Bill & Melinda Gates Foundation", "Government of Ireland"], [], ["Malawi", "Zambia"],
                              None, ["MWI"], False),
    "fr_sujet_payeur.txt": (["Agence Française de Développement", "Royaume de Belgique"], [], [], None, ["BFA"], False),
    "es_sujeto_pagador.txt": (["Inter-American Development Bank", "Gobierno de Suiza"],
                              ["Secretaría de Desarrollo Social"], [], None, ["HND"], False),
}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_funders(name: str) -> None:
    funders = RECORDS[name][0]
    rec = only_record(FILES / name)
    assert set(funders) <= set(_names(rec, "funding")), _names(rec)


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_partners_are_bodies(name: str) -> None:
    _, partners, not_partners, *_ = RECORDS[name]
    rec = only_record(FILES / name)
    names = _names(rec)
    assert set(partners) <= set(names), names
    assert not set(not_partners) & set(names), names
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_budget_is_the_total(name: str) -> None:
    budget, served, compete = RECORDS[name][3:]
    rec = only_record(FILES / name)
    totals = [(int(b.amount), b.currency) for b in rec.budgets if b.kind == "total"]
    if budget is None:  # sums from several funders and no total: none is the budget
        assert totals == [] and any(f.field == "budgets" and "compete" in f.reason for f in rec.flags)
        return
    assert budget in totals
    assert set(served) <= set(rec.countries)
    flagged = any(f.field == "budgets" and "two totals compete" in f.reason for f in rec.flags)
    assert flagged is compete, rec.flags
    if not compete:
        assert totals == [budget]  # no share, no amount spent taken for a second total


@pytest.mark.parametrize("value, expected", [
    ("Government of Norway through its embassy in Lilongwe", "Government of Norway"),
    ("Gobierno de Noruega a través de su Embajada en Guatemala", "Gobierno de Noruega"),
    ("Gouvernement du Japon, par l'intermédiaire de son ambassade à Dakar", "Gouvernement du Japon"),
    # Guard: an agency the funder pays through is a body of its own, kept.
    ("Gouvernement du Japon, par l'intermédiaire de l'Agence japonaise de coopération internationale (JICA)",
     "Gouvernement du Japon, par l'intermédiaire de l'Agence japonaise de coopération internationale (JICA)"),
])
def test_the_office_a_funder_pays_through_is_the_funder(value: str, expected: str) -> None:
    assert without_channel(value) == expected


@pytest.mark.parametrize("name, pays", [
    ("the Government of Japan", True), ("l'Ambassade de France", True), ("la Embajada de Suecia", True),
    ("KOICA", True), ("la Coopération suisse", True), ("el Banco Interamericano de Desarrollo", True),
    # Guards: a UN commission, a ministry, a body named in small letters help; they do not pay.
    ("the Economic Commission for Africa", False), ("la CEPAL", False), ("el Ministerio de Hacienda", False),
    ("experts from the region", False), ("the Kenya School of Government", False),
])
def test_a_cue_of_support_names_a_funder_only_when_the_body_pays(name: str, pays: bool) -> None:
    assert pays_surely(name) is pays


@pytest.mark.parametrize("names, expected", [
    ("the Division for Public Institutions and Digital Government and UNDP", "UNDP"),
    ("el PNUD, la División de Instituciones Públicas y Gobierno Digital y la CEPAL", "el PNUD, la CEPAL"),
    ("la Division des institutions publiques et de l'administration numérique et le PNUD", "le PNUD"),
    ("UNDP and ECLAC", "UNDP and ECLAC"),  # guard: no unit of ours, nothing taken out
])
def test_our_unit_is_taken_out_whole(names: str, expected: str) -> None:
    assert without_own_units(names) == expected


@pytest.mark.parametrize("value, kinds", [
    ("EUR 800,000 (of which EUR 200,000 co-financing)", ["total", "other"]),
    ("1 250 000 FCFA (dont 250 000 FCFA de contrepartie)", ["total", "other"]),
    ("USD 900.000 (de los cuales USD 150.000 de contrapartida)", ["total", "other"]),
    ("USD 300,000 and EUR 100,000", ["total", "total"]),  # guard: no word of a share, both as written
])
def test_a_share_after_the_total_is_no_second_total(value: str, kinds: list[str]) -> None:
    assert [m.kind for m in parse_money(value)] == kinds
