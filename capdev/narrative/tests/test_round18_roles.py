"""Round 18: donors and partners the text states but the parser missed.

- who pays, read from where an amount stands (values/amount_payers.py): a known payer written right beside the
  record's amount, suggested and flagged ("1,8 M EUR - Union européenne", "ADB loan of $25.0 million", "la AECID por
  un millón de euros", "| BID | US$ 1.000.000 |");
- the role a piece of a label's value opens with, in French and Spanish as in English (values/role_prefixes.py):
  "Financement : Royaume des Pays-Bas, 650 000 USD ; mise en œuvre avec le PNUD" (the PNUD implements);
- the implementing agencies named as a group (data/role_cues.json partner_nouns): "The implementing agencies are ...";
- pieces of a funders' list that name no body (values/not_bodies.py): "DKK", "January 2022", left out and flagged.
Guards: a UN programme, a ministry, a vendor or an unknown name beside an amount; two payers; an earlier phase; a body
the record holds in another role; a donor government (never a country served); a body's name with a year or an
acronym that spells a month."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.amount_payers import amount_payers, suggest_payer
from capdev.narrative.values.not_bodies import not_a_body
from capdev.narrative.values.partner_checks import checked_partners
from capdev.narrative.values.partners import parse_partners
from capdev.narrative.values.prose import read_prose


@pytest.mark.parametrize("text, written", [
    ("Coût : 2 950 000 000 FCFA - Banque mondiale (IDA)\n", "Banque mondiale (IDA)"),
    ("Clôturé le 30 juin 2026\n1,8 M EUR - Union européenne\nSéminaire de clôture", "Union européenne"),
    ("30 June 2025. ADB loan of $25.0 million from ordinary capital resources (concessional).", "ADB"),
    ("Brecha c). Aprobada por la AECID por un millón de euros; arrancará a mediados de 2027.", "AECID"),
    ("En formulación con el Banco Interamericano de Desarrollo (BID), por un monto estimado\nde un millón de dólares.",
     "Banco Interamericano de Desarrollo (BID)"),
    ("| 3   | Escuela de Alta Dirección Pública   | BID        | US$ 1.000.000    | En formulación |", "BID"),
    ("2001234  MEJORAMIENTO DE LA ESCUELA NACIONAL       BID PREST.4725/OC-PE    USD  30,000,000.00", "BID"),
    ("Con el apoyo de la Agencia Suiza para el Desarrollo y la Cooperación (COSUDE), CHF 300 000; inició en 2026.",
     "Agencia Suiza para el Desarrollo y la Cooperación (COSUDE)"),
])
def test_a_payer_written_beside_the_amount_is_suggested(text, written):
    found = suggest_payer(text)
    assert found is not None and found[0] == written
    assert "amount" in found[1]


@pytest.mark.parametrize("text", [
    "Budget : 500 000 USD - PNUD\n",  # a UN programme may implement: funder or partner, unsaid
    "Ministère des Finances : 500 000 EUR\n",  # a ministry (the counterpart's share)
    "Contrat de prestation : 120 000 USD - Deloitte Conseil\n",  # a vendor: no payer the list knows
    "Coût : 2 M EUR - Union européenne ; 1,5 M USD - Banque mondiale\n",  # two payers: split evidence
    "The World Bank financed phase I (USD 3 million) in 2015-2018.",  # an earlier phase's amount
    "Budget: USD 2 million, UNDP and the World Bank co-chair the board.",  # a list, not an owner
    "The counterpart contribution of the Government, USD 300,000 - World Bank rules apply.",  # a counterpart's sum
])
def test_no_payer_is_suggested(text):
    assert suggest_payer(text) is None


def test_a_body_the_record_holds_in_another_role_is_not_its_payer():
    assert amount_payers("1,8 M EUR - Union européenne\n")
    assert suggest_payer("1,8 M EUR - Union européenne\n", {"eu"}) is None


def test_the_suggested_payer_is_placed_flagged_and_the_country_served_stays():
    records = parse_text("Titre : Projet de dématérialisation des actes de carrière\nPériode : 2024-2027\n"
                         "Pays : Côte d'Ivoire\nCoût : 2 950 000 000 FCFA - Banque mondiale (IDA)\n")
    rec = records[0]
    assert [(p.name, p.role) for p in rec.partners] == [("Banque mondiale (IDA)", "funding")]
    assert any(f.field == "funding_source" and f.reason.startswith("suggested donor") for f in rec.flags)
    assert rec.countries == ["CIV"]


def test_a_rules_funder_is_never_replaced_by_a_suggestion():
    records = parse_text("Titre : Formation des cadres\nPériode : 2024-2027\nPays : Sénégal\nBailleur : Enabel\n"
                         "Coût : 1,8 M EUR - Union européenne\n")
    funders = [p.acronym or p.name for p in records[0].partners if p.role == "funding"]
    assert funders == ["Enabel"]


@pytest.mark.parametrize("value, funders, others", [
    ("Royaume des Pays-Bas, 650 000 USD ; mise en œuvre avec le PNUD", ["Royaume des Pays-Bas"], ["UNDP"]),
    ("Unión Europea; ejecutado por la FAO", ["European Union"], ["FAO"]),
    ("Unión Europea; en alianza con la AMHON", ["European Union"], ["AMHON"]),
    ("Union européenne ; en coopération avec l'ENA", ["European Union"], ["ENA"]),
    ("European Union; jointly with ECLAC", ["European Union"], ["ECLAC"]),
])
def test_a_piece_of_a_funding_value_opened_by_a_partner_cue_is_a_partner(value, funders, others):
    parsed = parse_partners(value, default_role="funding")
    assert sorted(p.acronym or p.name for p in parsed if p.role == "funding") == sorted(
        f if len(f) < 6 else next(p.acronym or p.name for p in parsed if p.name == f or p.text == f) for f in funders)
    assert sorted(p.acronym or p.name for p in parsed if p.role != "funding") == others


def test_a_funding_prefix_in_french_and_spanish_keeps_the_funding_role():
    parsed = parse_partners("ENAM ; financé par l'Union européenne", default_role="cooperating")
    assert [(p.acronym or p.name, p.role) for p in parsed] == [("ENAM", "cooperating"), ("EU", "funding")]
    parsed = parse_partners("INAP; con fondos del BID", default_role="cooperating")
    assert [(p.acronym or p.name, p.role) for p in parsed] == [("INAP", "cooperating"), ("IDB", "funding")]


def test_the_donor_government_of_a_funding_value_is_no_country_served():
    records = parse_text("Titre : Projet d'appui à l'éthique dans l'administration\nPériode : 2027-2029\n"
                         "Pays : Côte d'Ivoire\nFinancement : Royaume des Pays-Bas, 650 000 USD ; mise en œuvre avec "
                         "le PNUD\n")
    rec = records[0]
    assert rec.countries == ["CIV"]
    assert [(p.acronym, p.role) for p in rec.partners if p.acronym] == [("UNDP", "implementing")]


@pytest.mark.parametrize("text, partners", [
    ("The implementing agencies are the Kenya School of Government (KSG) and the Council of Governors.",
     ["the Kenya School of Government (KSG) and the Council of Governors"]),
    ("Les agences d'exécution sont l'ENAM et le ministère de la Fonction publique.",
     ["l'ENAM et le ministère de la Fonction publique"]),
    ("Las entidades ejecutoras son el INAP y la Oficina Nacional de Servicio Civil.",
     ["el INAP y la Oficina Nacional de Servicio Civil"]),
])
def test_the_implementing_agencies_named_as_a_group_are_partners(text, partners):
    assert read_prose(text).partners == partners


def test_the_author_named_as_implementing_agency_is_no_partner():
    facts = read_prose("The implementing agency is UN DESA.")
    assert facts.partners == [] and facts.lead_unit == "UNDESA"


@pytest.mark.parametrize("name, why", [
    ("DKK", "a currency, not a body"),
    ("January 2022", "a date, not a body"),
    ("January", "a date, not a body"),
    ("programme runs for 36 months, from March 2025 to February 2028", "a date, not a body"),
    ("implementation November 2019 - December 2024", "a date, not a body"),
    ("ODD 4 et 16", "goals, not a body"),
    ("SDGs 11 & 16", "goals, not a body"),
    ("SDG Fund", ""),
    ("Ministry of Finance (since 2020)", ""),
    ("Movimiento 26 de Julio", ""),
    ("SEP", ""),
    ("Banque mondiale", ""),
])
def test_pieces_that_name_no_body(name, why):
    assert not_a_body(name) == why


def test_a_funders_list_that_ran_on_keeps_only_its_funder():
    kept, left = checked_partners("Danida, DKK, January 2022", "funding")
    assert [p.acronym or p.name for p in kept] == ["Danida"]
    assert len(left) == 2 and all("not a body" in why for why in left)


def test_where_payers_differ_the_one_on_the_records_first_lines_is_its_own():
    text = ("│ 4  │ Escuela de Gobierno Digital   │ KOICA        │ USD 3,0 M    │ En negociación │\n"
            "│    │ Cód. KOICA-DR-2027            │              │ (indicativo) │                │\n"
            "├────┼───────────────────────────────┼──────────────┼──────────────┼────────────────┤\n"
            "│ -  │ Apoyo presupuestario UE       │ Unión Europea│ EUR 8 M      │ (no es proyecto)│\n")
    assert suggest_payer(text)[0] == "KOICA"
    # two payers on the first lines: split evidence still
    assert suggest_payer("│ 1 │ Programa X │ KOICA │ USD 3,0 M │ Unión Europea │ EUR 8 M │\n") is None
