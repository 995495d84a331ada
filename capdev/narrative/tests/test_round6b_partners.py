"""Partners (round 6b): the national counterpart a project supports, named in prose after a verb of supporting
("the Division advised the Public Service Commission of Malawi", "a accompagné l'École nationale ...", "brindó
asistencia técnica a la Secretaría de la Función Pública ..."), is a partner, its name whole and nothing after it;
the funder stays a funder; a passive "supported by", a government or a common noun gives no counterpart. Records in
English, French and Spanish (tests/files/round6b/partners/)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values.counterparts import supported_institutions

FILES = Path(__file__).parent / "files" / "round6b" / "partners"


@pytest.mark.parametrize("name, counterpart, funder", [
    ("counterpart_en.txt", "Public Service Commission", "Government of Ireland"),
    ("counterpart_fr.txt", "École nationale d'administration publique", "Royaume de Belgique"),
    ("counterpart_es.txt", "Secretaría de la Función Pública", "Gobierno de España"),
])
def test_the_counterpart_a_project_supports_is_a_partner(name: str, counterpart: str, funder: str) -> None:
    records = parse_file(FILES / name)
    assert len(records) == 1
    partners = {p.name: p.role for p in records[0].partners}
    assert partners.get(counterpart) == "cooperating"
    assert partners.get(funder) == "funding"  # the funder is not filed as the counterpart, nor the other way
    # Nothing cut from the name but the country served ("... of Malawi": the record's country), nothing of the
    # sentence after it, no project code, no lead unit.
    for p in partners:
        assert p == counterpart or p == funder, p


@pytest.mark.parametrize("text, expected", [
    # a date between the verb and the body; a bracket that is no acronym ends the name
    ("La Division a appuyé de mars à décembre 2021 le Ministère du Travail du Togo (projet TOG/21/001) dans la "
     "révision du code.", ["Ministère du Travail"]),
    ("Il conseillera le ministère de l'Économie et des Finances\ndans la préparation du budget.",
     ["ministère de l'Économie et des Finances"]),
    ("Se asesoró a la Dirección General de Servicio Civil (DGSC) entre mayo y julio.",
     ["Dirección General de Servicio Civil (DGSC)"]),
    # a list of portfolios after a comma is one name
    ("In 2022 the project assisted the Ministry of Labour, Employment and Social Protection of Zambia on pensions.",
     ["Ministry of Labour, Employment and Social Protection"]),
    # capitalised words before the head belong to the name, not a gap; a country that is no name's end stays
    ("Apoyó a la Oficina Nacional de Estadística en 2021.", ["Oficina Nacional de Estadística"]),
    ("The Division advised the Civil Service Commission of Lesotho in 2023.", ["Civil Service Commission"]),
])
def test_a_supported_institution_is_read_whole(text: str, expected: list[str]) -> None:
    assert supported_institutions(text) == expected


@pytest.mark.parametrize("text", [
    "The project was supported by the Ministry of Finance of Ghana.",  # a funder's cue, not a counterpart
    "Le projet est appuyé par le ministère des Finances.",
    "El proyecto apoyó al Gobierno de Honduras en la reforma.",  # a government is the country served
    "The team supported the direction of the National Reform Plan.",  # a common noun
    "It advised the Office.",  # a head with no proper name
    "La Division soutient la Commission.",
])
def test_no_counterpart_where_none_is_named(text: str) -> None:
    assert supported_institutions(text) == []


@pytest.mark.parametrize("name, partner, funder", [
    ("coworking_en.txt", "Pacific Islands Forum Secretariat", "Government of New Zealand"),
    ("coworking_fr.txt", "École nationale d'administration et de magistrature", "Grand-Duché de Luxembourg"),
    ("coworking_es.txt", "Escuela de Gestión Pública Plurinacional", "Gobierno de Suiza"),
])
def test_a_body_that_co_organised_the_activity_is_a_partner(name: str, partner: str, funder: str) -> None:
    records = parse_file(FILES / name)
    assert len(records) == 1
    partners = {p.name: p.role for p in records[0].partners}
    assert partners.get(partner) == "cooperating"
    assert partners.get(funder) == "funding"
    assert set(partners) == {partner, funder}  # no fragment of the sentence, no treasury or town hall as a name


@pytest.mark.parametrize("text, expected", [
    ("The workshop closed on Friday. The National School of Government (NSG) co-organised it.",
     ["National School of Government (NSG)"]),
    ("Les ateliers ont eu lieu à Rabat. L'Institut supérieur de l'administration a co-organisé les sessions.",
     ["Institut supérieur de l'administration"]),
    ("El foro reunió a 80 personas. El Centro Latinoamericano de Administración para el Desarrollo cofacilitó el "
     "debate.", ["Centro Latinoamericano de Administración para el Desarrollo"]),
])
def test_the_subject_of_a_co_working_verb_is_read_whole(text: str, expected: list[str]) -> None:
    from capdev.narrative.values.counterparts import co_working_subjects

    assert co_working_subjects(text) == expected


@pytest.mark.parametrize("text", [
    "The Division co-organised the event with the region.",  # our own unit leads, it is no partner
    "Experts from the region co-facilitated the sessions.",  # people, not a body
    "La Division a coanimé les séances.",
    "El proyecto coorganizó el taller.",
    "The sessions were co-facilitated by trainers.",  # no subject body
])
def test_no_co_working_partner_where_none_is_named(text: str) -> None:
    from capdev.narrative.values.counterparts import co_working_subjects

    assert co_working_subjects(text) == []
