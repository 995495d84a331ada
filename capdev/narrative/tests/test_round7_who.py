"""Who is who written in prose (round 7): donors after the many ways a writer says who pays ("with the financial
assistance of", "avec le concours financier de", "gracias al aporte de", a word of funding with its amount before
the funder), partners named as the national counterpart or before the words of their role ("with the CTU as
partner", "con SERVIR como contraparte nacional"), a ministry's portfolio kept in its name, and the countries listed
after "beneficiary countries / pays bénéficiaires / países beneficiarios". Records in English, French and Spanish
(tests/files/round7/who/); each case asserts the right values and that the wrong ones are not produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.partners import split_partners
from capdev.narrative.values.prose_names import name_extent
from capdev.narrative.values.role_statements import funder_gap_ends, named_as_partners

FILES = Path(__file__).parent / "files" / "round7" / "who"


def _names(rec, role: str | None = None) -> set[str]:
    return {p.name for p in rec.partners if role is None or p.role == role}


@pytest.mark.parametrize("name, funder, served, payer", [
    ("donor_contribution_en.txt", "Government of Finland", ["KEN", "TZA"], "FIN"),
    ("donor_concours_fr.txt", "Gouvernement du Luxembourg", ["BFA", "NER"], "LUX"),
    ("donor_recursos_es.txt", "Swiss Agency for Development and Cooperation", ["BOL", "ECU"], "CHE"),
])
def test_a_donor_named_after_a_cue_of_paying(name: str, funder: str, served: list[str], payer: str) -> None:
    rec = only_record(FILES / name)
    assert funder in _names(rec, "funding")
    assert rec.countries == served
    assert payer not in rec.countries
    assert not _names(rec, "cooperating") & {funder}  # never misfiled as a partner of another role


@pytest.mark.parametrize("name, funder, wrong", [
    ("donor_amount_en.txt", "Government of Ireland", "USD 640"),
    ("donor_amount_fr.txt", "African Development Bank", "480 000 euros"),
    ("donor_amount_es.txt", "Inter-American Development Bank", "USD 350"),
])
def test_a_donor_after_a_word_of_funding_and_its_amount(name: str, funder: str, wrong: str) -> None:
    rec = only_record(FILES / name)
    funders = _names(rec, "funding")
    assert funder in funders
    assert not any(wrong in f or f[:3] in ("USD", "EUR") for f in funders)  # an amount is no funder


@pytest.mark.parametrize("text, start", [
    ("The project was implemented with funding of $1.2 million from the Government of the Republic of Korea.",
     "the Government of the Republic of Korea"),
    ("Le projet est conduit grâce à une contribution de 500 000 euros du Luxembourg.", "Luxembourg"),
    ("El proyecto cuenta con un aporte de USD 300.000 del BID para la capacitación.", "BID"),
])
def test_the_gapped_funder_cue_ends_before_the_funder(text: str, start: str) -> None:
    ends = funder_gap_ends(text)
    assert [text[e : e + len(start)] for e in ends] == [start]


@pytest.mark.parametrize("text", [
    "The project was implemented with funding from 2020 onwards from many sources.",
    "With support of the ministries from the region, the Division trained officials.",
    "Avec un financement de la Banque mondiale, le projet a démarré.",  # no amount: the plain cue reads it
])
def test_no_gapped_funder_without_an_amount(text: str) -> None:
    assert funder_gap_ends(text) == []


@pytest.mark.parametrize("name, partners, not_partners", [
    ("counterpart_en.txt", ["Ministry of Public Service, Labour and Employment"],
     ["Labour and Employment", "Botswana"]),
    ("counterpart_fr.txt", ["Ministère de la Fonction publique, du Travail et de la Réforme administrative"],
     ["Ministère de la Fonction publique", "Travail"]),
    ("counterpart_es.txt", ["Secretaría de Planificación y Programación de la Presidencia",
                            "Instituto Nacional de Administración Pública"], ["Guatemala"]),
])
def test_the_national_counterpart_is_a_partner(name: str, partners: list[str], not_partners: list[str]) -> None:
    rec = only_record(FILES / name)
    cooperating = _names(rec, "cooperating")
    for partner in partners:
        assert partner in cooperating
    assert not cooperating & set(not_partners)
    assert not (_names(rec, "funding") & set(partners))


@pytest.mark.parametrize("name, partner, acronym, served", [
    ("as_partner_en.txt", "Caribbean Telecommunications Union", "CTU", ["BLZ", "GUY", "JAM"]),
    ("as_partner_fr.txt", "École nationale d'administration", "ENA", ["SEN"]),
    ("as_partner_es.txt", "Autoridad Nacional del Servicio Civil", "SERVIR", ["PER"]),
])
def test_a_partner_named_before_its_role(name: str, partner: str, acronym: str, served: list[str]) -> None:
    rec = only_record(FILES / name)
    found = [p for p in rec.partners if p.name == partner]
    assert found and found[0].acronym == acronym and found[0].role == "cooperating"
    assert rec.countries == served
    assert not _names(rec, "funding")  # a fund (the Development Account) is a source, not a donor


@pytest.mark.parametrize("text, expected", [
    ("It supports Belize, with the Caribbean Telecommunications Union (CTU) as partner.",
     ["the Caribbean Telecommunications Union (CTU)"]),
    ("Il appuie le Sénégal avec l'ENA comme partenaire technique.", ["l'ENA"]),
    ("Apoya al Perú con el INAP y la CEPAL como socios.", ["el INAP y la CEPAL"]),
])
def test_named_as_partners(text: str, expected: list[str]) -> None:
    assert named_as_partners(text) == expected


@pytest.mark.parametrize("text", [
    "The Division works with Kenya as partner country for the pilot.",  # a country, and "partner country"
    "The project works with Ghana as partner.",  # a country alone is the country served
    "The team worked with funds it raised as partner of the network.",  # no name before the role
    "El proyecto trabaja con los municipios como socios locales.",  # no proper name
])
def test_no_partner_named_before_a_role_when_no_body_is_named(text: str) -> None:
    assert named_as_partners(text) == []


def test_a_ministry_portfolio_after_a_comma_stays_in_its_name() -> None:
    assert split_partners("the Ministry of Interior, Federal Affairs and Reconciliation and the Pakistan "
                          "Administrative Service Academy") == [
        "Ministry of Interior, Federal Affairs and Reconciliation", "Pakistan Administrative Service Academy"]
    # A body that opens with an adjective head and holds a noun head is a body of its own.
    assert split_partners("the Ministry of Health, National Statistics Office and UNICEF") == [
        "Ministry of Health", "National Statistics Office", "UNICEF"]
    assert name_extent("le Ministère de l'Économie, des Finances et du Plan et l'Institut national de la "
                       "statistique (INS)") == (
        "le Ministère de l'Économie, des Finances et du Plan et l'Institut national de la statistique (INS)")


@pytest.mark.parametrize("phrase, expected", [
    ("the Korea International Cooperation Agency (KOICA), the Division worked with the ministry",
     "the Korea International Cooperation Agency (KOICA)"),
    ("la Agencia Española de Cooperación (AECID), el Ministerio organizó los talleres",
     "la Agencia Española de Cooperación (AECID)"),
    ("UNDP, UNICEF, WHO in 2020", "UNDP, UNICEF, WHO"),  # a list without "and" stays a list
    ("UNODC and the OSCE Programme Office in Dushanbe", "UNODC and the OSCE Programme Office in Dushanbe"),
])
def test_a_funder_name_ends_before_the_subject_of_the_main_clause(phrase: str, expected: str) -> None:
    assert name_extent(phrase) == expected


@pytest.mark.parametrize("name, served, not_served, funder", [
    ("served_list_en.txt", ["KEN", "RWA", "UGA"], ["EST", "FIN", "SWE"], "Swedish International Development "
                                                                        "Cooperation Agency"),
    ("served_list_fr.txt", ["JOR", "MAR", "TUN"], ["JPN"], "Gouvernement du Japon"),
    ("served_list_es.txt", ["GTM", "SLV", "HND"], ["CRI", "NOR"], "Gobierno de Noruega"),
])
def test_countries_listed_after_beneficiary_countries(name: str, served: list[str], not_served: list[str],
                                                      funder: str) -> None:
    rec = only_record(FILES / name)
    assert rec.countries == served
    assert not set(rec.countries) & set(not_served)
    assert funder in _names(rec, "funding")


@pytest.mark.parametrize("name, funder, source, served, payer", [
    ("funding_label_en.txt", "Government of Japan", "UN DESA Trust Fund", ["FJI", "WSM", "TON"], "JPN"),
    ("funding_label_fr.txt", "Gouvernement du Luxembourg", "fonds extrabudgétaires", ["BFA", "SEN"], "LUX"),
    ("funding_label_es.txt", "Inter-American Development Bank", "fondos extrapresupuestarios", ["DOM"], None),
])
def test_a_funding_value_names_who_pays_then_through_what(name: str, funder: str, source: str, served: list[str],
                                                          payer: str | None) -> None:
    rec = only_record(FILES / name)
    assert funder in _names(rec, "funding")
    assert rec.funding_source == source  # the mechanism alone, not the payer's name with it
    assert rec.countries == served
    assert payer not in rec.countries


def test_a_funding_value_without_a_payer_stays_a_source() -> None:
    from capdev.narrative.values.funding import read_funding

    read = read_funding("Development Account, through the 14th tranche")
    assert read.funders == [] and read.source == "Development Account, through the 14th tranche"
    read = read_funding("Trust fund via the Government of Norway")
    assert read.funders == []  # a mechanism first: the payer-first reading does not apply
