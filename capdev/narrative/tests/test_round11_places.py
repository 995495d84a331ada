"""Countries served and SDGs read in round 11 (records in English, French and Spanish in
tests/files/round11/places/): a list after a count and a group noun that holds as many countries as the count
says ("the five Central Asian republics — ...", "les trois pays de ... (la Guinée, ...)", "cuatro países andinos:
..."); a proposed title that is the record's first line ("Ficha: Catastro ... en Ecuador"); French and Spanish
adjectives of nationality after the State or the civil service ("l'État nigérien", "servicio civil paraguayo"),
never in a comparison ("se inspira en la experiencia del servicio civil chileno"); serve cues "s'adresse aux",
"capacitó a"; a capital's own bodies ("las alcaldías ... de Tegucigalpa", "the municipal council of Lusaka"), never
a workshop's venue; a national event's venue ("un atelier national ... à Antananarivo"); the one country a
record names other than as a funder, a venue, a comparison or a study visit; SDGs written "n.º 16", as icons'
alternative texts, or as a list whose numbers carry their
theme in brackets ("ODS 11 (ciudades ...) y 16 (...)")."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values.cities import seat_countries
from capdev.narrative.values.counted_lists import counted_members
from capdev.narrative.values.sdgs import find_record_sdgs, find_sdg_mentions, parse_sdgs
from capdev.narrative.values.served import opens_record
from capdev.narrative.values.who_is_served import unserved

FILES = Path(__file__).parent / "files" / "round11" / "places"


def _one(name: str):
    records = parse_file(FILES / name)
    assert len(records) == 1, [r.title for r in records]
    return records[0]


@pytest.mark.parametrize("name, countries", [
    ("en_counted_republics.txt", ["KAZ", "KGZ", "TJK", "TKM", "UZB"]),
    ("fr_counted_pays.txt", ["GIN", "LBR", "SLE"]),
    ("es_counted_paises.md", ["BOL", "COL", "ECU", "PER"]),
    ("es_ficha_titulo.txt", ["ECU"]),
    ("fr_titre_etat.txt", ["NER"]),
    ("es_servicio_civil.txt", ["PRY"]),
    ("fr_s_adresse.txt", ["CIV", "TGO", "SEN"]),
    ("es_capacito.txt", ["BOL", "ECU", "PER"]),
    ("es_alcaldias_capital.txt", ["HND"]),
    ("en_municipal_council.txt", ["ZMB"]),
    ("fr_communes_capitale.txt", ["BFA"]),
    # the one country a record names, not as a funder, a venue, a comparison or a study visit
    ("en_only_country_background.txt", ["GHA"]),
    ("es_only_country_city_venue.txt", ["CRI"]),  # "Ciudad de Panamá" is a seminar's venue
    ("en_implemented_in.txt", ["UGA"]),
    ("es_ejecutado_en.txt", ["DOM"]),
    # "mis en œuvre au ... et au ...", "se ejecuta en ...": where the project is carried out
    ("fr_mis_en_oeuvre.txt", ["BEN", "TGO"]),
    ("es_se_ejecuta.txt", ["HND", "GTM", "SLV"]),
    # a national event's venue
    ("fr_atelier_national.txt", ["MDG"]),
])
def test_countries_served(name, countries):
    assert _one(name).countries == countries


@pytest.mark.parametrize("name", [
    "en_counted_mismatch.txt",  # three island states, four named: the count and the list disagree
    "en_guard_counted_funders.txt",  # three countries that fund, four whose participants came
    "es_guard_experiencia.txt",  # a civil service compared, a workshop's venue, experts' countries
    "fr_guard_instar.txt",  # "à l'instar de la fonction publique canadienne", "financé par l'État luxembourgeois"
    "en_guard_city_workshop.txt",  # a workshop for municipal officers held in Nairobi
    "en_guard_only_venue.txt",  # an international conference's venue, the only country named
    "fr_guard_only_study_visit.txt",  # a study visit, the only country named
    "es_taller_regional.txt",  # a regional workshop's venue
    "fr_guard_modele.txt",  # "le modèle utilisé au Maroc", the one country named, is compared
    "es_guard_gobierno_aporta.txt",  # "El Gobierno de España aporta 300.000 euros": a government that pays
    "en_guard_agencies.txt",  # countries in the names of cooperation agencies
])
def test_no_country_served(name):
    assert _one(name).countries == []


@pytest.mark.parametrize("text, iso3", [
    ("supports the academies of the five Central Asian republics — Kazakhstan, Kyrgyzstan, Tajikistan, "
     "Turkmenistan and Uzbekistan — from 2024", ["KAZ", "KGZ", "TJK", "TKM", "UZB"]),
    ("appuie les trois pays du Sahel : le Niger, le Mali et le Tchad", ["NER", "MLI", "TCD"]),
    ("en los tres países (El Salvador, Honduras y Guatemala).", ["SLV", "HND", "GTM"]),
    ("the two island states: the Bahamas and Barbados", ["BHS", "BRB"]),
    # guards: those who pay, who came, a comparison, a count the list does not match
    ("funded by three countries: Norway, Sweden and Denmark", []),
    ("participants from four countries: Kenya, Uganda, Rwanda and Burundi", []),
    ("cuatro países, como Chile, Perú, Colombia y México", []),
    ("the two countries, Kenya, Uganda and Rwanda", []),
])
def test_counted_members(text, iso3):
    assert [m.iso3 for m in counted_members(text)] == iso3


@pytest.mark.parametrize("title, text, expected", [
    ("Catastro multipropósito en Ecuador", "Ficha: Catastro multipropósito en Ecuador\nVigencia: 2023", True),
    ("Open data in Moldova", "# Open data in Moldova\n\nText", True),
    ("Open data in Moldova", "Newsletter\nOpen data in Moldova\n", False),  # not the first line
    ("Open data in Moldova", "The programme of the city: Open data in Moldova", False),  # a sentence's head
])
def test_opens_record(title, text, expected):
    assert opens_record(title, text) is expected


@pytest.mark.parametrize("text, iso3", [
    ("El programa trabaja con los gobiernos municipales del área metropolitana de Tegucigalpa.", ["HND"]),
    ("The municipal government of Kampala leads the work.", ["UGA"]),
    ("Le projet appuie les communes de Ouagadougou dans la tenue du fichier foncier.", ["BFA"]),
    ("A workshop for municipalities was held in Nairobi.", []),
    ("Un taller para municipios se celebró en Lima.", []),
    ("The City Hall of Madrid funded the study.", []),
    ("A national validation workshop took place in Tamale in March 2024.", ["GHA"]),
    ("El taller nacional se realizó en Tegucigalpa.", ["HND"]),
    ("Un atelier régional a réuni les ateliers nationaux à Dakar.", []),
    ("The national team attended a workshop in Accra.", []),
])
def test_seat_of_a_city_body(text, iso3):
    assert seat_countries(text) == iso3


@pytest.mark.parametrize("text, why", [
    ("El proyecto se inspira en la experiencia del servicio civil chileno.", {"CHL": "a comparison or an example"}),
    ("Le projet s'inspire de l'expérience de la fonction publique rwandaise.", {"RWA": "a comparison or an example"}),
    ("El proyecto apoya al servicio civil chileno.", {}),
])
def test_adjective_after_its_noun_compared(text, why):
    assert unserved(text, list(why) or ["CHL"]) == why


@pytest.mark.parametrize("text, goals", [
    ("El proyecto contribuye a los ODS 11 (ciudades y comunidades sostenibles) y 16 (instituciones\nsólidas).",
     [11, 16]),
    ("Le projet contribue aux Objectifs de développement durable 16 (institutions\nefficaces) et 5 (égalité : 38 % "
     "des agents formés sont des femmes).", [16, 5]),
    ("The project contributes to SDG 5 (gender equality), 10 (reduced inequalities) and 16 (peace).", [5, 10, 16]),
    ("Contribuye al Objetivo de Desarrollo Sostenible n.º 16 y al ODS 5.", [16, 5]),
    ("Il contribue à l'Objectif de développement durable numéro 17.", [17]),
    ("SDG icons: [Goal 16 icon] [Goal 10 icon]", [16, 10]),
    ("![ODS 4](img/ods4.png) [SDG 5: Gender equality]", [4, 5]),
    ("The project is aligned with Goal 16: Peace, Justice and Strong Institutions.", [16]),
    ("It advances Goal 5 (Gender Equality) and SDG 10.", [5, 10]),
    # guards: a project's own goal, a goal number with another goal's name
    ("Goal 3 of the project is to train staff.", []),
    ("Goal 2: Quality Education for all civil servants", []),
    # guards: a page or an annex in brackets, the count of workshops, a bracketed link to a project's own goal
    ("It supports SDG 16 (see page 12) and 5 workshops were held.", [16]),
    ("It supports SDG 16 (see annex 2) and 4 regional workshops.", [16]),
    ("See [Goal 2 of the strategy](link).", []),
])
def test_sdgs_in_prose(text, goals):
    assert find_sdg_mentions(text)[0] == goals


def test_sdg_field_with_numero():
    assert parse_sdgs("ODS n.º 16; ODS n.º 5") == ([16, 5], [])


def test_record_sdgs_whole_text_when_the_narrative_names_none():
    assert find_record_sdgs("The project trains officials.", "... - to design services, in support of SDG targets "
                            "16.6 and 16.7 and SDG 11.") == ([16, 11], ["16.6", "16.7"])
    assert find_record_sdgs("It contributes to SDG 5.", "SDG 16") == ([5], [])  # the narrative's goals win


@pytest.mark.parametrize("name, goals", [
    ("en_icon_goals.txt", [16, 10]),
    ("es_alcaldias_capital.txt", [16, 5]),
])
def test_sdgs_of_a_record(name, goals):
    assert _one(name).sdgs == goals
