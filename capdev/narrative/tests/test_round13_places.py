"""Countries served read in round 13, on records written for it in layouts and words unlike the corpora's
(tests/files/round13/places/, expected values in expected.json): a list of countries whose members repeat a
preposition and an article ("en Bolivia y en el Perú", "au Mali et dans le Niger"); a national adjective before the
capitalised name of one of the country's own public bodies ("the Ghanaian Public Procurement Authority"); a national
body's seat after a comma, as an address writes it ("Secretaría de Gobernación, Tegucigalpa"), or a city right after
a cue of service ("works in Nairobi"), when nothing else gives a country; a State's or a domestic ministry's top line
with its units after it, a spreadsheet's first cell too; the labels of one
beneficiary and of the requesting institution ("Bénéficiaire :", "Institución solicitante:")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values.cities import seat_countries
from capdev.narrative.values.prose_facts import read_served
from capdev.narrative.values.sdgs import find_sdg_mentions, parse_sdgs
from capdev.narrative.values.served import served_countries
from capdev.narrative.values.state_heads import country as state_head_country

FILES = Path(__file__).parent / "files" / "round13" / "places"
EXPECTED = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))


def _one(name: str):
    records = parse_file(FILES / name)
    assert len(records) == 1, [r.title for r in records]
    return records[0]


@pytest.mark.parametrize("name, countries", [
    ("es_acta_en_bolivia.txt", ["BOL", "PER"]),  # "se ejecuta en Bolivia y en el Perú"
    ("en_email_ministry.txt", ["GHA"]),  # "The Ghanaian Public Procurement Authority remains our main beneficiary"
    ("fr_beneficiaire_gouvernement.txt", ["TCD"]),  # "Bénéficiaire : Gouvernement de la République du Tchad"
    ("es_formulario_secretaria.txt", ["HND"]),  # "Institución solicitante: Secretaría de Gobernación, Tegucigalpa"
    # guards: a region the text does not expand, a donor, a venue abroad
    ("en_guard_region.txt", []),
    ("fr_guard_afrique_centrale.txt", []),
    ("es_guard_centroamerica.txt", []),
])
def test_countries_served(name, countries):
    assert _one(name).countries == countries


@pytest.mark.parametrize("text, iso3", [
    ("Se informó que el proyecto se ejecuta en Bolivia y en el Perú.", ["BOL", "PER"]),
    ("The project works in Kenya and in the Gambia.", ["KEN", "GMB"]),  # read before ("the Gambia" is its name)
    ("Le projet intervient au Mali et dans le Niger.", ["MLI", "NER"]),
    ("The project supports Kenya (Nairobi), Uganda (Kampala) and Rwanda (Kigali).", ["KEN", "UGA", "RWA"]),
    ("The project covers the following countries: Kenya, Uganda, Rwanda.", ["KEN", "UGA", "RWA"]),
    ("El proyecto abarca los siguientes países: Bolivia, Perú y Chile.", ["BOL", "PER", "CHL"]),
    ("The project works in Kenya/Uganda.", ["KEN", "UGA"]),
    ("The project serves Kenya & Uganda.", ["KEN", "UGA"]),
    # guards: a venue after the list, a sentence that leaves the list, a funder in the aside
    ("The project supports Kenya (funded by Japan) and Uganda.", ["KEN"]),
    ("The project supports Kenya (Nairobi); a workshop took place in Rwanda.", ["KEN"]),
    ("The project supports Kenya and the workshop in Rwanda.", ["KEN"]),
    ("The project supports Kenya, and as in the past Rwanda.", []),
])
def test_list_repeating_preposition_and_article(text, iso3):
    assert read_served(text) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("The Ghanaian Public Procurement Authority is the main beneficiary.", ["GHA"]),
    ("Support goes to the Zambian Office of the Auditor General.", ["ZMB"]),
    # guards: an aid agency, a body that gives the help, a second country served otherwise
    ("The Korean International Cooperation Agency funds the training in Ghana.", ["GHA"]),
    ("The Swedish Tax Agency advises the Zambia Revenue Authority on audits.", ["ZMB"]),
    ("The Norwegian Tax Administration supports the project for the Government of Malawi.", ["MWI"]),
])
def test_national_body_named_in_capitals(text, iso3):
    assert served_countries({"summary": text}) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("Le projet appuie le ministère de la Fonction publique du Sénégal et la Primature du Mali.", ["SEN", "MLI"]),
    ("El proyecto, financiado por el Gobierno de España, apoya a la Presidencia de la República de Guatemala.",
     ["GTM"]),
    ("Apoyo al Gobierno de Honduras y al Gobierno de Guatemala.", ["HND", "GTM"]),  # this and the above read before
    # a ministry that looks abroad is not read (on main: nothing), a funder
    ("Le projet appuie le ministère de la Fonction publique du Sénégal, avec un financement du ministère des "
     "Affaires étrangères du Luxembourg.", ["SEN"]),
    ("Le projet est financé par le Gouvernement du Japon au profit du Niger.", ["NER"]),
])
def test_national_bodies_in_french_and_spanish(text, iso3):
    assert served_countries({"summary": text}) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("The project helps Kenyan and Ugandan civil servants.", ["KEN", "UGA"]),
    ("The project trains Kenyan, Rwandan and Ugandan officials.", ["KEN", "RWA", "UGA"]),
    # guards: an adjective with a noun of its own, the experts who train
    ("The project helps Kenyan farmers and Ugandan civil servants.", ["UGA"]),
    ("Japanese and Korean experts train Ghanaian civil servants.", ["GHA"]),
])
def test_national_adjectives_sharing_their_noun(text, iso3):
    assert served_countries({"summary": text}) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("Institución solicitante: Secretaría de Gobernación, Tegucigalpa", ["HND"]),
    ("Beneficiary institution: Office of the Prime Minister, Kampala", ["UGA"]),
    ("la Commune de Ziguinchor, dans le cadre de la coopération décentralisée", ["SEN"]),
    # guards: a ministry that looks abroad, an event in the clause
    ("Contact: Ministry of Foreign Affairs, Oslo", []),
    ("Ministerio de Relaciones Exteriores, Santiago", []),
    ("A workshop with the ministries, Nairobi, in May", []),
])
def test_seat_after_a_comma(text, iso3):
    assert seat_countries(text) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("The project works in Nairobi.", ["KEN"]),
    ("El proyecto se ejecuta en Tegucigalpa.", ["HND"]),
    ("Le projet a bénéficié à Dakar et à Bamako.", ["SEN", "MLI"]),
    ("The project operates in Lusaka and Harare.", ["ZMB", "ZWE"]),
    # guards: an event in the clause, a seat, participants' origin
    ("The project works in Nairobi, where a workshop was held.", []),
    ("The project, based in Dakar, supports West Africa.", []),
    ("Trainees came from Nairobi.", []),
])
def test_city_a_cue_of_service_names(text, iso3):
    assert seat_countries(text) == iso3


@pytest.mark.parametrize("line, iso3", [
    ('"MINISTERIO DE PLANIFICACIÓN NACIONAL (MIDEPLAN) - COSTA RICA - ÁREA DE COOPERACIÓN INTERNACIONAL",,,,,', "CRI"),
    ("RÉPUBLIQUE DE MADAGASCAR - PRÉSIDENCE - INSPECTION GÉNÉRALE DE L'ÉTAT", "MDG"),
    ("REPUBLIC OF KENYA - MINISTRY OF PUBLIC SERVICE", "KEN"),
    # guards: a foreign ministry, an embassy, a UN body's office, a list of countries, a donors' path
    ("RÉPUBLIQUE DU SÉNÉGAL - MINISTÈRE DES AFFAIRES ÉTRANGÈRES", None),
    ("MINISTRY OF FOREIGN AFFAIRS - NORWAY - SECTION FOR DEVELOPMENT", None),
    ("EMBASSY OF JAPAN - KENYA - ECONOMIC SECTION", None),
    ("UNDP - Kenya - Governance Unit", None),
    ("Kenya - Uganda - Tanzania", None),
    ("Donors - Norway - Kenya programme", None),
])
def test_state_head_with_units_after_it(line, iso3):
    assert state_head_country(line) == iso3


@pytest.mark.parametrize("text, goals", [
    ("ODS Nro. 16", [16]),
    ("ODS Nro 16 y Nro. 5", [16, 5]),
])
def test_goal_numbered_with_nro(text, goals):
    assert parse_sdgs(text)[0] == goals
    assert find_sdg_mentions(f"El proyecto aporta al {text}.")[0] == goals


def test_goal_of_a_national_plan_is_no_sdg():  # guard
    assert find_sdg_mentions("Objetivo Nro. 16 del plan nacional.")[0] == []


def test_sample_figure():
    """The round's own unseen measure: fields right of fields labelled (22 of 30 before the round, two records of
    which the parser finds none; 26 after)."""
    right = 0
    for name, fields in EXPECTED.items():
        try:
            records = parse_file(FILES / name)
        except Exception:  # noqa: BLE001 - a record not found counts as missed
            records = []
        for key, want in fields.items():
            right += len(records) == 1 and sorted(getattr(records[0], key) or []) == sorted(want)
    assert right >= 26, right
