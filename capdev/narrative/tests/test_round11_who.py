"""Who pays, in wordings no list of phrases holds (round 11): a participle of paying whose payer comes after a short
gap ("funded during its first phase by", "financé à hauteur de 1,2 million d'euros par", "cofinanciada en partes
iguales por"), and the budget mechanism a participle of paying names after a link, with the tranche that opens its
name ("funded under the 11th tranche of the United Nations Development Account", "financé au titre de la 13e
tranche du Compte de l'ONU pour le développement", "financiado con cargo al 14.º tramo de la Cuenta para el
Desarrollo"): the mechanism is the funding source, never a funder. Records in English, French and Spanish, in
several layouts (tests/files/round11/who/); guards where the rule must not fire: a gap that holds another verb
("funded in 2022 and delivered by"), a link to no mechanism ("funded under the leadership of the Ministry")."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record

FILES = Path(__file__).parent / "files" / "round11" / "who"


def _names(rec, role: str | None = None) -> set[str]:
    return {p.name for p in rec.partners if role is None or p.role == role}


@pytest.mark.parametrize("name, funder, served", [
    ("gapped_en.txt", "Kingdom of the Netherlands", "LSO"),     # funded during its first phase by
    ("gapped_fr.txt", "African Development Bank", "BEN"),       # financé à hauteur de 1,2 million d'euros par
    ("gapped_es.txt", "Gobierno de Suiza", "NIC"),              # cofinanciada en partes iguales por
])
def test_a_payer_after_a_gap_between_the_participle_and_by(name: str, funder: str, served: str) -> None:
    rec = only_record(FILES / name)
    assert funder in _names(rec, "funding")
    assert _names(rec) == {funder}
    assert rec.countries == [served]  # the payer's country is not served


@pytest.mark.parametrize("name", ["gapped_guard_en.txt", "gapped_guard_fr.txt", "gapped_guard_es.txt"])
def test_a_gap_holding_another_verb_names_no_payer(name: str) -> None:
    rec = only_record(FILES / name)
    assert not _names(rec, "funding")


@pytest.mark.parametrize("name, source", [
    ("tranche_en.txt", "United Nations Development Account"),
    ("tranche_fr.txt", "Compte de l'ONU pour le développement"),
    ("tranche_es.txt", "Cuenta para el Desarrollo de las Naciones Unidas"),
])
def test_the_mechanism_a_participle_of_paying_names_is_the_funding_source(name: str, source: str) -> None:
    rec = only_record(FILES / name)
    assert rec.funding_source == source  # the tranche that opened its name is left out
    assert not _names(rec)  # a mechanism is no funder, no partner


def test_a_link_to_no_mechanism_names_no_source() -> None:
    rec = only_record(FILES / "tranche_guard_en.txt")
    assert rec.funding_source is None
    assert not _names(rec, "funding")


@pytest.mark.parametrize("name, partners", [
    ("labels_en.txt", {"Ministry of Lands, Housing and Urban Development"}),   # Participating institutions:
    ("labels_fr.txt", {"Direction de l'état civil", "Agence Togo Digital"}),     # Organismes partenaires :
    ("labels_es.txt", {"Registro Mercantil General de la República"}),          # Entidades participantes:
])
def test_a_label_of_participating_bodies_names_partners(name: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == partners
    assert not _names(rec, "funding") & partners


def test_the_partner_that_implements_with_the_lead_is_an_implementing_partner() -> None:
    rec = only_record(FILES / "implementing_es.txt")  # "Asociado en la implementación:"
    assert _names(rec, "implementing") == {"Asociación de Municipios de Honduras"}
    assert _names(rec, "funding") == {"Gobierno de Corea"}


@pytest.mark.parametrize("phrase, name", [
    # a fact sheet's lines joined: the name after a cue runs into the next line's label
    ("el Banco Centroamericano de Entidades co-participantes: Registro Mercantil (RM) y Dirección",
     "el Banco Centroamericano"),
    ("the Nordic Development Fund Participating institutions: Ministry of Lands", "the Nordic Development Fund"),
    ("la Banque ouest-africaine de développement Organismes partenaires : Direction de l'état civil",
     "la Banque ouest-africaine de développement"),
    ("the Government of Japan Donor: Japan", "the Government of Japan"),   # a one-word label the table knows
    ("le Gouvernement du Canada Durée : 3 ans", "le Gouvernement du Canada"),
])
def test_a_name_ends_where_a_label_begins(phrase: str, name: str) -> None:
    from capdev.narrative.values.prose_names import name_extent

    assert name_extent(phrase) == name


@pytest.mark.parametrize("phrase, name", [
    ("the Ministry of Finance: Budget Department", "the Ministry of Finance"),  # no label: the name ends at the colon
    ("UNDP at 10:30 in Geneva", "UNDP"),                                        # a time's colon is no label's
    ("la Agencia Española de Cooperación Internacional para el Desarrollo (AECID)",
     "la Agencia Española de Cooperación Internacional para el Desarrollo (AECID)"),
])
def test_a_colon_that_closes_no_label_leaves_the_name_whole(phrase: str, name: str) -> None:
    from capdev.narrative.values.prose_names import name_extent

    assert name_extent(phrase) == name


@pytest.mark.parametrize("name, partners", [
    ("kind_list_en.txt", {"Inter-Parliamentary Union", "CABRI", "Asia-Pacific Parliamentary Forum"}),
    ("kind_list_fr.txt", {"ARCOP", "ARCOM", "ARCAS"}),   # les associations régionales de communes : ...
    ("kind_list_es.txt", {"Superintendencia de Catastro", "Instituto Geográfico Nacional",
                          "Red de Municipios Rurales"}),
])
def test_the_bodies_listed_after_a_kind_of_bodies_and_its_colon_are_partners(name: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == partners


def test_what_follows_a_colon_after_common_nouns_is_no_partner_unless_it_names_a_body() -> None:
    rec = only_record(FILES / "kind_list_guard_en.txt")  # "... and local schools: Training sessions ... are held"
    assert _names(rec) == {"Ministry of Education"}


@pytest.mark.parametrize("phrase, name", [
    ("the Institute (ICAP) and the national associations of municipalities: ANAM (Guatemala), AMHON (Hon- duras)",
     "the Institute (ICAP) and ANAM (Guatemala), AMHON (Honduras)"),   # a word broken at a line's end, joined
    ("the European Union under two windows: Window A", "the European Union"),  # a clause's colon: no list
])
def test_a_kind_of_bodies_gives_way_to_the_names_it_lists(phrase: str, name: str) -> None:
    from capdev.narrative.values.prose_names import name_extent

    assert name_extent(phrase) == name


@pytest.mark.parametrize("name, implementer", [
    ("executing_known_es.txt", "Economic Commission for Latin America and the Caribbean"),    # Entidad ejecutora: CEPAL
    ("executing_known_fr.txt", "Organisation for Economic Co-operation and Development"),  # Entité d'exécution : OCDE
])
def test_a_known_body_under_an_executing_label_is_an_implementing_partner_not_our_unit(name: str,
                                                                                      implementer: str) -> None:
    rec = only_record(FILES / name)
    assert rec.lead_unit is None
    assert _names(rec, "implementing") == {implementer}


@pytest.mark.parametrize("name, unit", [
    ("executing_unit_es.txt", "DPIDG"),   # our own unit leads
    ("executing_code_fr.txt", "DRAPN"),   # a code the table does not know: kept as the lead, flagged
])
def test_our_unit_or_an_unknown_code_under_an_executing_label_stays_the_lead(name: str, unit: str) -> None:
    rec = only_record(FILES / name)
    assert rec.lead_unit == unit
    assert not _names(rec, "implementing")


@pytest.mark.parametrize("name, body, written", [
    ("office_en.txt", "United Nations Development Programme", "UNDP Zambia Country Office"),
    ("office_fr.txt", "United Nations Development Programme", "Bureau pays du PNUD au Mali"),
    ("office_es.txt", "United Nations Children's Fund", "Oficina del UNICEF en Panamá"),
])
def test_a_known_bodys_country_office_is_that_body(name: str, body: str, written: str) -> None:
    rec = only_record(FILES / name)
    office = next(p for p in rec.partners if p.name == body)
    assert office.text == written  # the office as written stays with it
    assert len(rec.partners) == 2


def test_an_office_named_for_a_programme_in_a_city_stays_as_written() -> None:
    rec = only_record(FILES / "office_guard_en.txt")
    assert _names(rec) == {"OSCE Programme Office in Dushanbe", "Customs Service of Tajikistan"}


@pytest.mark.parametrize("name, partner", [
    ("cut_wrap_en.txt", "Institute of Development Management and Public Administration"),
    ("cut_wrap2_en.txt", "Graduate School of Governance and Economic Policy"),   # a bullet's value, indented
])
def test_a_name_cut_after_and_an_adjective_goes_on_onto_the_next_line(name: str, partner: str) -> None:
    rec = only_record(FILES / name)
    assert partner in _names(rec)
    assert not any(f.reason.startswith("the name may be cut short") for f in rec.flags)
    assert not {"Administration", "Policy"} & _names(rec)


def test_a_name_ending_with_an_adjective_after_no_connector_is_whole() -> None:
    rec = only_record(FILES / "cut_wrap_guard_fr.txt")  # "Ministère du Service public" / "Formation des ..."
    assert _names(rec) == {"Ministère du Service public"}


@pytest.mark.parametrize("name, country, partners", [
    ("country_partner_en.txt", "Lesotho", {"Government of Lesotho"}),   # "... together with the Lesotho" (cut)
    ("country_partner_fr.txt", "Sénégal", {"United Nations Development Programme"}),
])
def test_a_bare_country_among_partners_is_no_partner(name: str, country: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == partners
    assert any(f.field == "partners" and country in f.reason for f in rec.flags)  # flagged for a reviewer


@pytest.mark.parametrize("name, funder", [
    ("country_partner_fr.txt", "Luxembourg"),   # a country named as a donor pays
    ("country_partner_es.txt", "Noruega"),
])
def test_a_country_named_as_a_donor_stays_a_funder(name: str, funder: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}


@pytest.mark.parametrize("name, funder, served", [
    ("receive_en.txt", "Government of Ireland", "MWI"),             # receives funding from
    ("receive_fr.txt", "Agence Française de Développement", "CMR"),  # bénéficie d'un financement de
    ("receive_es.txt", "Gobierno de Suiza", "HND"),                 # recibe fondos del
])
def test_a_payer_after_a_verb_of_receiving_and_a_noun_of_money(name: str, funder: str, served: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec) == {funder}
    assert _names(rec, "funding") == {funder}
    assert rec.countries == [served]


def test_who_receives_money_from_a_body_that_does_not_surely_pay_names_no_funder() -> None:
    rec = only_record(FILES / "receive_guard_en.txt")  # "The ministry received resources from the Treasury"
    assert not _names(rec)
