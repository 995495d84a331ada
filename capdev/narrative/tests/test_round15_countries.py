"""Suggested countries served (round 15, values/suggest_countries.py): for a found record no rule gave a country, the
country its own text names where no rule reads (a State's letterhead, the title, the beneficiary institution's
name, where the work is done, the national civil servants, a countries label in ISO codes, a national body's
dateline or address), placed and FLAGGED with what it was read from. In English, French and Spanish; with the
guards: a donor's letterhead, a funder, a venue abroad, a comparison, a UN body's office, a list of member states, a
study visit, a host, an offer of another country, split evidence, a rule's value (untouched), a rule's refusal."""
from __future__ import annotations

import pytest

from capdev.narrative.tests._shared import only_record_in, suggested
from capdev.narrative.types import Record
from capdev.narrative.values.suggest_countries import (
    document_place,
    first_sentence,
    head_state,
    label_codes,
    seats,
    suggested_countries,
    work_places,
)

_one = only_record_in


def _suggested(rec: Record) -> list[str]:
    return suggested(rec, "countries")


# ---------------------------------------------------------------- a record's own country, suggested and flagged

@pytest.mark.parametrize("text,iso3", [
    ("RÉPUBLIQUE DE GUINÉE                                  Travail - Justice - Solidarité\n"
     "MINISTÈRE DE LA FONCTION PUBLIQUE ET DE LA MODERNISATION DE L'ADMINISTRATION\nCellule de coordination\n\n"
     "PROJET DE MODERNISATION DE LA GESTION DES CARRIÈRES (PMGC)\nConvention de financement n° 2024-117\n\n"
     "RAPPORT SEMESTRIEL D'AVANCEMENT\n\n"
     "Durée ............................ 30 mois (janvier 2025 - juin 2027)\n"
     "Coût total ....................... 6 500 000 EUR\n"
     "Financement ...................... Banque mondiale, don IDA\n"
     "Partenaires ...................... École nationale d'administration (ENA)\n\n"
     "Réalisations : voyage d'étude à Dakar (Sénégal) en mai 2026, 10 cadres ; atelier de lancement à Conakry.\n",
     "GIN"),
    ("MINISTRY OF PUBLIC SERVICE AND ADMINISTRATION                 REPUBLIC OF ZAMBIA\n"
     "Human Resource Management Reform Programme\n\nQuarterly progress note\nDuration: 2024-2027\n"
     "Budget: USD 3.2 million\nFunding: European Union\n"
     "Note: a study tour to Kigali (Rwanda) took place in March 2026.\n",
     "ZMB"),
])
def test_a_states_letterhead_gives_the_record_its_country_flagged(text, iso3) -> None:
    rec = _one(text)
    assert rec.countries == [iso3]
    assert _suggested(rec) and iso3 in _suggested(rec)[0] and "letterhead" in _suggested(rec)[0]


def test_a_national_bodys_letter_gives_the_country_of_its_dateline() -> None:
    rec = _one("INSTITUTO NACIONAL DE ADMINISTRACIÓN PÚBLICA\nEscuela de Gobierno del Estado\n"
               "Quito, 26 de noviembre de 2026\n\nOficio Nro. INAP-SG-2026-0101-O\n\n"
               "Asunto: Respuesta a la solicitud de información pública\n\n"
               "1. El programa \"Formación en gobierno abierto para gobiernos locales\" fue financiado por la Unión "
               "Europea con EUR 2.500.000. Se ejecutó entre marzo de 2022 y septiembre de 2025 y se encuentra "
               "cerrado.\n")
    assert rec.countries == ["ECU"] and "dateline" in _suggested(rec)[0]


def test_a_countries_label_in_iso_codes_is_read_when_no_rule_reads_it() -> None:
    assert label_codes(["JO + TN"]) == ["JOR", "TUN"]
    assert label_codes(["KE/UG/TZ"]) == ["KEN", "UGA", "TZA"]
    assert label_codes(["TBD"]) == [] and label_codes(["Jordan"]) == [] and label_codes(["to be confirmed"]) == []
    rec = _one("Project: Curriculum on governance - Arabic roll-out\nCountries: JO + TN\n"
               "Donor: Swiss Confederation - CHF 300k\nDates: May 2023 - 31 Oct 2025 (closed)\n")
    assert sorted(rec.countries) == ["JOR", "TUN"] and _suggested(rec)


@pytest.mark.parametrize("text,iso3", [
    ("Counterpart: the Ministry of Finance and Economic Planning of Ghana and its payroll directorate.", ["GHA"]),
    ("Bénéficiaire : Ministère de la Fonction publique et de la Réforme administrative du Bénin", ["BEN"]),
    ("Beneficiario: el Ministerio de Hacienda y Finanzas Públicas de Bolivia", ["BOL"]),
    ("JOURNAL OFFICIEL DE LA RÉPUBLIQUE DU SÉNÉGAL\nparaissant le samedi", ["SEN"]),
])
def test_the_beneficiary_institutions_country(text, iso3) -> None:
    assert seats(text) == iso3
    found = suggested_countries(text)
    assert found and found[0] == iso3 and "beneficiary institution" in found[1]


@pytest.mark.parametrize("text,iso3", [
    ("Notes: the project is implemented in Jordan and Tunisia with the national schools.", ["JOR", "TUN"]),
    ("Le programme intervient au Niger et au Tchad depuis 2024.", ["NER", "TCD"]),
    ("El proyecto se ejecuta en Honduras con la Secretaría de Transparencia.", ["HND"]),
])
def test_where_the_work_is_done(text, iso3) -> None:
    assert work_places(text) == iso3
    assert suggested_countries(text)[0] == iso3


def test_the_first_sentence_and_a_national_bodys_dateline() -> None:
    text = ("Projet PAGPEC\n\nLe projet appuie la gestion prévisionnelle des emplois en Côte d'Ivoire depuis octobre "
            "2024, avec l'ENA.")
    assert first_sentence(text) == ["CIV"]
    assert suggested_countries(text)[0] == ["CIV"]
    letter = ("INSTITUTO NACIONAL DE ADMINISTRACIÓN PÚBLICA\nQuito, 26 de noviembre de 2026\n\nAsunto: respuesta\n"
              "El programa de formación fue financiado por la Unión Europea.")
    assert document_place(letter) == ["ECU"]
    assert suggested_countries(letter)[0] == ["ECU"]


def test_a_title_names_the_country() -> None:
    found = suggested_countries("Durée : 2024-2026", "Appui à la réforme de la fonction publique au Burundi")
    assert found and found[0] == ["BDI"] and "title" in found[1]


# ---------------------------------------------------------------- guards: nothing suggested

@pytest.mark.parametrize("text", [
    # a donor's letterhead
    "RÉPUBLIQUE FRANÇAISE\nMINISTÈRE DE L'EUROPE ET DES AFFAIRES ÉTRANGÈRES\nFonds de solidarité - gouvernance\n"
    "Durée : 2025-2027",
    # a funder, named with its ministry or its government
    "The Ministry of Finance of Japan funds the project with USD 2 million.",
    "Funded by the Government of Norway. The programme is implemented in Norway's partner schools.",
    "Financé par le Gouvernement du Luxembourg, le projet est mis en œuvre au Luxembourg et ailleurs.",
    # a venue abroad, a study visit, a host
    "Notes: the launch workshop was held in Nairobi, Kenya, in March 2024.",
    "The project works with a study visit in Estonia for 12 officials.",
    "The forum (organised by ESCAP and the Government of Thailand) took place in Bangkok.",
    # a comparison or an example
    "Note : le dispositif s'inspire du modèle mis en œuvre au Rwanda.",
    "El proyecto trabaja como en Uruguay, con ventanillas únicas.",
    # a UN body's office
    "UNDP KYRGYZ REPUBLIC - COUNTRY OFFICE\nWeekly situation report\nProject: Local e-services",
    # the members of a region, as context
    "Le programme est ouvert aux États membres de la CEMAC (Cameroun, Congo, Gabon, Tchad).",
    # another country's offer
    "La Conférence encourage les écoles d'administration publique et prend note de l'offre de l'Angola de partager "
    "son expérience.",
    # a UN headquarters' or a donor's dateline
    "UNITED NATIONS\nDepartment of Economic and Social Affairs\nNew York, 3 March 2026\n\nDear Minister,",
    "AGENCE FRANÇAISE DE DÉVELOPPEMENT\nDirection régionale\nParis, le 3 mars 2026",
])
def test_no_country_in_a_role_of_no_service(text) -> None:
    assert suggested_countries(text) is None


@pytest.mark.parametrize("title", ["Study visit to Estonia on e-government", "Lessons from Rwanda for civil service",
                                   "Hermanamiento con Uruguay en gobierno digital"])
def test_a_title_that_names_another_countrys_help(title) -> None:
    assert suggested_countries("Budget: USD 100,000", title) is None


def test_split_evidence_gives_nothing() -> None:
    text = ("RÉPUBLIQUE DE GUINÉE        Travail - Justice - Solidarité\nProjet : Jumelage\n"
            "Partenaire : Ministère de la Fonction publique du Sénégal")
    assert head_state(text) == ["GIN"] and seats(text) == ["SEN"]
    assert suggested_countries(text) is None


def test_a_country_a_rule_refused_is_never_suggested() -> None:
    text = "RÉPUBLIQUE DU BÉNIN\nSECRÉTARIAT GÉNÉRAL DU GOUVERNEMENT\nCompte rendu"
    assert suggested_countries(text)[0] == ["BEN"]
    assert suggested_countries(text, refused={"BEN"}) is None


def test_a_rules_country_is_left_as_it_is() -> None:
    rec = _one("REPUBLIC OF UGANDA\nProject: Payroll audit support\nCountries: Kenya\nPeriod: 2024-2026\n")
    assert rec.countries == ["KEN"] and not _suggested(rec)


def test_a_record_naming_no_country_gets_none() -> None:
    rec = _one("Project: Leadership academy\nPeriod: 2024-2026\nBudget: USD 900,000\n"
               "Notes: the launch workshop was held in Nairobi, Kenya, in March 2024. Funded by the Government of "
               "Norway.\n")
    assert rec.countries == [] and not _suggested(rec)


def test_a_suggested_country_gives_way_to_a_pages_head_and_a_rules_country_does_not() -> None:
    from capdev.narrative.page_head import REASON, lend_country

    rec = Record(index=0, text="Projet : Appui\nRÉPUBLIQUE DU TOGO")
    rec.countries = ["TGO"]
    rec.flag("countries", "suggested: TGO, the State's letterhead on the record's first lines")
    lend_country(rec, "BEN")
    assert rec.countries == ["BEN"] and [f.reason for f in rec.flags if f.field == "countries"] == [REASON]
    ruled = Record(index=0, text="Projet : Appui au Togo")
    ruled.countries = ["TGO"]
    ruled.flag("countries", "inferred from text")
    lend_country(ruled, "BEN")
    assert ruled.countries == ["TGO"]


@pytest.mark.parametrize("title", ["Regional Forum on Digital Government in Seoul, Republic of Korea",
                                   "Conférence régionale à Dakar (Sénégal) sur la gestion axée sur les résultats",
                                   "Japan-Philippines Cooperation on civil service training"])
def test_a_title_that_names_a_meetings_venue_or_two_sides_of_a_cooperation(title) -> None:
    assert suggested_countries("Budget: USD 100,000", title) is None
