"""Who pays and who works with a project, in wordings and layouts no earlier round was written for (round 10):
funder cues built from their parts ("thanks to a grant from", "grâce à une subvention de", "con recursos de"), a
grant letter's "The Government of X is pleased to award", auspices as a cue of support, partners after "avec le
concours de" and "de la mano de", lists split into bodies ("... et l'École ...", "... y del INAP") while a ministry's
portfolio stays whole, a bare "Partners" label below a label the table does not know, a partner written acronym
first, a person with a title of address never a partner and the country served never a funder. Records in English,
French and Spanish, in several layouts (tests/files/round10/who/); each case asserts the right values and that the
wrong ones are not produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record

FILES = Path(__file__).parent / "files" / "round10" / "who"


def _names(rec, role: str | None = None) -> set[str]:
    return {p.name for p in rec.partners if role is None or p.role == role}


@pytest.mark.parametrize("name, funder", [
    ("grant_prose_en.txt", "Government of Finland"),            # thanks to a grant from
    ("resources_email_en.txt", "Swedish International Development Cooperation Agency"),  # with resources from
    ("bullets_en.txt", "Inter-American Development Bank"),      # Funding: thanks to a grant from ...
    ("served_not_donor_en.txt", "Government of Japan"),
    ("served_not_donor_fr.txt", "Danemark"),                     # grâce à une subvention du
    ("bullets_fr.txt", "World Bank"),                            # grâce à une subvention de la
])
def test_a_funder_after_a_cue_built_from_its_parts(name: str, funder: str) -> None:
    rec = only_record(FILES / name)
    assert funder in _names(rec, "funding")
    assert funder not in _names(rec, "cooperating")


@pytest.mark.parametrize("name, funder, served, not_served", [
    ("letter_en.txt", "Government of the Netherlands", "KEN", "NLD"),
    ("letter_fr.txt", "Gouvernement de la Suisse", "BFA", "CHE"),
    ("letter_es.txt", "Gobierno de España", "SLV", "ESP"),
])
def test_a_letter_that_awards_a_grant_names_its_funder(name: str, funder: str, served: str, not_served: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert served in rec.countries
    assert not_served not in rec.countries  # who pays is no country served


def test_a_body_under_whose_auspices_a_project_runs_pays_when_it_surely_pays() -> None:
    rec = only_record(FILES / "auspices_email_es.txt")
    assert _names(rec, "funding") == {"Korea International Cooperation Agency"}
    assert _names(rec, "cooperating") == {"Asociación Nacional de Municipalidades",
                                          "Instituto Nacional de Administración Pública"}


@pytest.mark.parametrize("name, partners", [
    ("grant_prose_fr.txt", {"Agence de l'informatique de l'État", "École nationale d'administration"}),
    ("resources_email_fr.txt", {"Ministère de la Fonction publique", "École nationale d'administration"}),
    ("letter_fr.txt", {"Association des municipalités du Burkina Faso",
                       "École nationale d'administration et de magistrature"}),
    ("split_list_fr.txt", {"Ministère du Plan et du Développement", "Cour des comptes",
                           "École nationale d'administration"}),
    ("split_list_en.txt", {"Ministry of Planning and Finance", "Tanzania Public Service College",
                           "President's Office for Public Service Management"}),
    ("split_list_es.txt", {"Ministerio de Planificación Nacional y Política Económica", "Contraloría General",
                           "Tribunal Supremo de Elecciones"}),
])
def test_a_list_of_partners_is_split_into_bodies_and_a_portfolio_kept_whole(name: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == partners


@pytest.mark.parametrize("text, start", [
    ("del Instituto Nacional de Administración Pública", 4),
    ("de l'ENA", 5),
    ("de la Cour des comptes", 6),
    ("des Finances", 0),  # a ministry's portfolio
    ("de la Seguridad Social", 0),
    ("de Desarrollo", 0),
])
def test_where_a_second_body_begins_after_a_small_de(text: str, start: int) -> None:
    from capdev.narrative.values.partner_starts import of_body_start  # new in round 10

    assert of_body_start(text) == start


def test_a_bare_partners_label_below_an_unknown_label_heads_its_list() -> None:
    rec = only_record(FILES / "source_label_en.txt")
    assert _names(rec, "funding") == {"Government of Australia"}
    assert _names(rec, "cooperating") == {"Department of Budget and Management",
                                          "Union of Local Authorities of the Philippines",
                                          "Development Academy of the Philippines"}


@pytest.mark.parametrize("name, partners", [
    ("bullets_en.txt", {("Planning Institute of Jamaica", "PIOJ"), ("Management Institute for National Development",
                                                                    "MIND"), ("eGov Jamaica Limited", None)}),
    ("bullets_fr.txt", {("École nationale d'administration", "ENA"),
                        ("Agence nationale de la sécurité des systèmes d'information", "ANSSI"),
                        ("Ministère de l'Économie numérique et de la Transformation digitale", None)}),
    ("bullets_es.txt", {("Oficina Gubernamental de Tecnologías de la Información y Comunicación", "OGTIC"),
                        ("Ministerio de Administración Pública", "MAP"),
                        ("Instituto Nacional de Administración Pública", "INAP")}),
])
def test_a_partner_written_acronym_first(name: str, partners: set[tuple[str, str | None]]) -> None:
    rec = only_record(FILES / name)
    assert {(p.name, p.acronym) for p in rec.partners if p.role == "cooperating"} == partners


@pytest.mark.parametrize("text", ["UNDP (Ghana)", "DPIDG (UN DESA)", "Enabel (Belgian agency)"])
def test_brackets_that_do_not_spell_the_acronym_stay_as_written(text: str) -> None:
    from capdev.narrative.values.acronym_first import turned_round  # new in round 10

    assert turned_round(text) == text


@pytest.mark.parametrize("name, person, body, served, funder_country", [
    ("served_not_donor_en.txt", "Sophea Chan", "General Department of Identification", "KHM", "JPN"),
    ("served_not_donor_fr.txt", "Amadou Keita", "Direction nationale de l'état civil", None, "DNK"),
    ("served_not_donor_es.txt", "Ana Ruiz", "Consejo Supremo Electoral", "NIC", "CHE"),
])
def test_a_person_is_no_partner_and_the_country_served_no_funder(name: str, person: str, body: str,
                                                                 served: str | None, funder_country: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == {body}
    assert not any(person in p.name or p.name in ("Ms", "M", "Sra") for p in rec.partners)
    assert any(f.field == "partners" and "a person" in f.reason for f in rec.flags)
    assert funder_country not in rec.countries
    assert served is None or served in rec.countries
    assert not any(p.name in ("Cambodia", "Mali", "Nicaragua") for p in rec.partners)


@pytest.mark.parametrize("name, funder, partners", [
    ("tabs_en.txt", "Government of Japan", {"Ministry of Public Administration and Home Affairs",
                                            "Sri Lanka Institute of Development Administration"}),
    ("tabs_fr.txt", "Coopération suisse", {"Association nationale des communes du Bénin", "Cour des comptes"}),
    ("tabs_es.txt", "Spanish Agency for International Development Cooperation",
     {"Asociación de Municipalidades Ecuatorianas", "Contraloría General del Estado"}),
    ("table_en.txt", "Irish Aid", {"Ministry of Local Government", "Uganda Management Institute"}),
    ("table_fr.txt", "Belgian Development Agency",
     {"Ministère de l'Intérieur", "Association des municipalités du Niger"}),
    ("table_es.txt", "Agencia Italiana de Cooperación para el Desarrollo",
     {"Asociación de Municipios de Honduras", "Secretaría de Gobernación"}),
    ("source_label_fr.txt", "Agence Française de Développement",
     {"Ministère de l'Économie et des Finances", "Association des régions de Madagascar",
      "École nationale d'administration de Madagascar"}),
    ("source_label_es.txt", "European Union", {"Ministerio de Economía y Finanzas", "Consejo de Gobernadores",
                                               "Instituto Nacional de Administración Pública"}),
])
def test_funders_and_partners_in_labels_and_columns_stay_apart(name: str, funder: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert _names(rec, "cooperating") == partners


@pytest.mark.parametrize("name, funder, partner", [
    ("paid_by_en.txt", "Government of New Zealand", "Department of Treasury"),
    ("paid_by_fr.txt", "Banque islamique de développement", "Direction générale du budget"),
    ("paid_by_es.txt", "Corporación Andina de Fomento", "Dirección General de Presupuesto Público"),
])
def test_a_sum_paid_by_a_body_names_it_a_funder(name: str, funder: str, partner: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert _names(rec, "cooperating") == {partner}


@pytest.mark.parametrize("text", ["Training provided by the Ministry of Finance.",
                                  "Les salles sont fournies par la mairie de Nouakchott.",
                                  "Los materiales fueron aportados por la Universidad Nacional."])
def test_a_participle_of_paying_with_no_sum_before_it_names_no_funder(text: str) -> None:
    from capdev.narrative.values.grant_cues import paid_by_ends  # new in round 10

    assert paid_by_ends(text) == []


@pytest.mark.parametrize("name, funders, not_served", [
    ("donor_list_en.txt", {"European Union", "Kingdom of the Netherlands", "Irish Aid"}, "NLD"),
    ("donor_list_fr.txt", {"European Union", "Royaume de Belgique", "World Bank"}, "BEL"),
    ("donor_list_es.txt", {"European Union", "Reino de los Países Bajos", "Inter-American Development Bank"}, "NLD"),
])
def test_a_country_in_a_list_of_donors_pays_too(name: str, funders: set[str], not_served: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == funders
    assert not_served not in rec.countries
    assert len(_names(rec, "cooperating")) == 3


def test_a_second_funder_after_y_de_la_loses_its_small_words() -> None:
    rec = only_record(FILES / "cofunded_es.txt")
    assert _names(rec, "funding") == {"European Union", "Cooperación Suiza"}
    assert _names(rec, "cooperating") == {"Asociación de Municipios de Honduras", "Tribunal Superior de Cuentas"}


@pytest.mark.parametrize("name, funder, partners", [
    ("partners_include_en.txt", "Bill & Melinda Gates Foundation",
     {"Zambia Revenue Authority", "Public Service Management Division"}),
    ("partners_include_fr.txt", "Banque ouest-africaine de développement",
     {"Direction générale des impôts et des domaines", "Union des associations d'élus locaux"}),
    ("partners_include_es.txt", "European Union",
     {"Servicio de Impuestos Nacionales", "Federación de Asociaciones Municipales"}),
])
def test_partners_listed_after_the_noun_that_opens_a_sentence(name: str, funder: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert _names(rec, "cooperating") == partners


@pytest.mark.parametrize("name, funder", [
    ("donor_where_en.txt", "Swiss Agency for Development and Cooperation"),
    ("donor_where_fr.txt", "Agence Française de Développement"),
    ("donor_where_es.txt", "Swedish International Development Cooperation Agency"),
])
def test_a_bare_country_after_a_donor_says_where_it_is(name: str, funder: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}  # not "Switzerland", "France", "Suecia" as a second funder
