"""Who is who (round 6): countries served are never a funder's country, nor one only compared, visited for study or
whose participants came; "implemented by / mis en œuvre par / ejecutado por" names an implementing partner; a
partners' list in prose splits into its organisations. Records in English, French and Spanish
(tests/files/round6/roles/); each case asserts the right values and that the wrong ones are not produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.funding import read_funding
from capdev.narrative.values.roles import read_lead

FILES = Path(__file__).parent / "files" / "round6" / "roles"


@pytest.mark.parametrize("name, served, funder, payer_iso3", [
    ("funder_en.txt", ["MWI", "ZMB"], "Government of Norway", "NOR"),
    ("funder_fr.txt", ["BDI", "RWA"], "Royaume de Belgique", "BEL"),
    ("funder_es.txt", ["ECU", "PER"], "Gobierno de Italia", "ITA"),
])
def test_a_funder_country_is_never_served(name: str, served: list[str], funder: str, payer_iso3: str) -> None:
    rec = only_record(FILES / name)
    assert rec.countries == served
    assert payer_iso3 not in rec.countries
    assert funder in {p.name for p in rec.partners if p.role == "funding"}
    assert not any(p.role == "funding" and p.name in ("Malawian", "Malawi") for p in rec.partners)


@pytest.mark.parametrize("text, iso3", [
    ("Norwegian funding covers the training of treasurers.", "NOR"),
    ("La coopération suisse suit les travaux.", "CHE"),
    ("La financiación española cubre la formación.", "ESP"),
    ("Les fonds japonais couvrent la formation.", "JPN"),
])
def test_a_country_named_by_its_adjective_beside_funding_pays(text: str, iso3: str) -> None:
    from capdev.narrative.values.who_is_served import funder_countries

    assert funder_countries([], text) == [iso3]


def test_a_funder_name_gives_its_country_but_a_un_body_does_not() -> None:
    from capdev.narrative.values.who_is_served import funder_countries

    assert funder_countries(["Swiss Agency for Development and Cooperation"], "") == ["CHE"]
    assert funder_countries(["Gobierno de Italia", "Royaume de Belgique"], "") == ["ITA", "BEL"]


@pytest.mark.parametrize("name, served, not_served", [
    ("notserved_en.txt", ["GHA", "SLE"], ["EST", "FIN", "NGA", "SGP"]),
    ("notserved_fr.txt", ["BEN", "TGO"], ["EST", "NER", "RWA"]),
    ("notserved_es.txt", ["HND", "GTM"], ["URY", "CRI", "CHL"]),
])
def test_a_country_compared_visited_or_of_participants_is_not_served(name, served, not_served) -> None:
    rec = only_record(FILES / name)
    assert rec.countries == served
    assert not set(not_served) & set(rec.countries)


@pytest.mark.parametrize("name, served, not_served", [
    ("notserved_labelled_en.txt", ["GHA", "SLE"], ["EST", "SGP", "NGA"]),
    ("notserved_labelled_fr.txt", ["BEN", "TGO"], ["EST", "RWA", "NER"]),
    ("notserved_labelled_es.txt", ["HND", "GTM"], ["URY", "CRI", "CHL"]),
])
def test_in_a_labelled_record_a_country_compared_visited_or_of_participants_is_flagged(name, served, not_served):
    rec = only_record(FILES / name)
    assert rec.countries == served
    assert not set(not_served) & set(rec.countries)
    flagged = " ".join(f.reason for f in rec.flags if f.field == "countries")
    assert all(iso3 in flagged for iso3 in set(not_served) - {"NGA", "NER"})  # never placed: nothing to flag


@pytest.mark.parametrize("text, dropped", [
    ("The project assists Ghana and Kenya, as in Estonia and Finland.", ["EST", "FIN"]),
    ("Le projet appuie le Bénin, à l'instar du Rwanda; un partenaire basé à Dakar, Sénégal, forme les cadres.",
     ["RWA", "SEN"]),
    ("El proyecto apoya a Honduras; participantes de Costa Rica asistieron; una visita de estudio a Chile.",
     ["CRI", "CHL"]),
])
def test_contexts_of_no_service_are_flagged(text: str, dropped: list[str]) -> None:
    from capdev.narrative.values.places import find_countries
    from capdev.narrative.values.who_is_served import kept_served

    named = list(dict.fromkeys(c.iso3 for c in find_countries(text)))
    kept, why = kept_served(named, [], text)
    assert set(kept) == set(named) - set(dropped)
    assert all(any(d in w for w in why) for d in dropped)


def test_a_venue_alone_is_uncertain_flagged_and_not_placed() -> None:
    from capdev.narrative.values.who_is_served import kept_served

    kept, why = kept_served(["KEN", "UGA"], [], "The project supports Kenya. A workshop was held in Kampala, Uganda.")
    assert kept == ["KEN"]
    assert any("UGA" in w and "uncertain" in w for w in why)


@pytest.mark.parametrize("name, implementer, partner", [
    ("implementer_en.txt", "UNDP", "EAC"),
    ("implementer_fr.txt", "UNDP", "WAEMU"),
    ("implementer_es.txt", "UNDP", "CAN"),
])
def test_implemented_by_names_an_implementing_partner(name: str, implementer: str, partner: str) -> None:
    roles = {p.acronym: p.role for p in only_record(FILES / name).partners}
    assert roles[implementer] == "implementing"
    assert roles[partner] == "cooperating"


@pytest.mark.parametrize("value, lead, implementer", [
    ("UN DESA/DPIDG, implemented by UNDP Kenya", "UN DESA/DPIDG", "UNDP Kenya"),
    ("DPIDG ; mis en œuvre par le PNUD", "DPIDG", "PNUD"),
    ("DAES/DPIDG, ejecutado por el PNUD", "DAES/DPIDG", "PNUD"),
])
def test_a_lead_value_with_an_implementer(value: str, lead: str, implementer: str) -> None:
    read = read_lead(value)
    assert (read.lead, getattr(read, "implementers", None), read.partners) == (lead, [implementer], [])


@pytest.mark.parametrize("name, partners", [
    ("partners_en.txt", ["UNICEF", "ILO", "WHO"]),
    ("partners_fr.txt", ["ILO", "WHO"]),
    ("partners_es.txt", ["OPS", "UNFPA", None]),  # the third, CEPAL, loses its closing bracket: see the report
])
def test_a_partners_list_in_prose_splits_into_organisations(name: str, partners: list[str]) -> None:
    rec = only_record(FILES / name)
    acronyms = [p.acronym for p in rec.partners]
    assert all(a in acronyms for a in partners if a)
    assert len(rec.partners) == len(partners)  # no list kept whole, nothing after the list taken for a partner


@pytest.mark.parametrize("value, source, funders", [
    ("Funded by the Development Account", "Development Account", []),
    ("Financé par le Compte de l'ONU pour le développement (13e tranche), le projet est exécuté de 2021 à 2023",
     "Compte de l'ONU pour le développement", []),
    ("grâce au financement de la Suisse", "", ["la Suisse"]),
    ("Con el apoyo financiero del Gobierno de España", "", ["Gobierno de España"]),
])
def test_a_funding_cue_before_a_mechanism_gives_a_source(value: str, source: str, funders: list[str]) -> None:
    read = read_funding(value)
    assert (read.source, read.funders) == (source, funders)


@pytest.mark.parametrize("name, cooperating, implementing", [
    ("labelled_en.txt", ["ITU", "ODI", "WB"], "UNDP"),
    ("labelled_fr.txt", ["ITU", "OECD"], "UNDP"),
    ("labelled_es.txt", ["ITU", "IDB", "ECLAC"], "UNDP"),
])
def test_a_labelled_record_reads_its_partners_from_its_summary(name, cooperating, implementing) -> None:
    rec = only_record(FILES / name)
    roles = {p.acronym: p.role for p in rec.partners}
    assert roles == {**{a: "cooperating" for a in cooperating}, implementing: "implementing"}
    assert any(f.field == "partners" and f.reason == "read from prose" for f in rec.flags)


@pytest.mark.parametrize("phrase, name", [
    ("la Unión Europea en el marco del programa Eurosocial+, y que", "la Unión Europea"),
    ("l'Union européenne dans le cadre du programme Team Europe", "l'Union européenne"),
    ("the European Union under the EU4Capacity programme and UNDP", "the European Union"),
    ("el Gobierno de España a través de la Agencia Española de Cooperación", "el Gobierno de España"),
])
def test_a_funders_name_ends_where_the_frame_it_gives_under_begins(phrase: str, name: str) -> None:
    """A name after a cue ends before "under the ... programme", "dans le cadre du ...", "en el marco del ...",
    "a través de ...": the programme or channel is no part of the funder's name (data/prose_cues.json name_ends)."""
    from capdev.narrative.values.prose_names import name_extent

    assert name_extent(phrase) == name
