"""Records written as prose (round 5): annual reports, press releases, decrees, minutes, FAQs, newsletters, mission
reports, calls for applications and stories, in English, French and Spanish (tests/files/round5/prose/). Each file
gives its facts in sentences, not under labels; the tests say what must be read and what must NOT be (a funder's
country as served, a venue, a recalled past, a verb phrase as an organisation, the front matter as a record)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.front_matter import is_front_matter
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values import prose_facts
from capdev.narrative.values.dates import parse_date

FILES = Path(__file__).parent / "files" / "round5" / "prose"


def _d(text: str):
    return parse_date(text) if text else None


def _funders(rec) -> set[str]:
    return {p.name for p in rec.partners if p.role == "funding"}


def _others(rec) -> set[str]:
    return {p.name for p in rec.partners if p.role != "funding"}


# file, title, start, end, status, countries (exact, in order), funders (each among the funding partners),
# partners (each among the others), countries that must not be served
CASES = [
    ("annual_report_en.txt", "Evidence-based Planning for County Governments", "2021-03-01", "2024-06-30", "active",
     ["KEN", "UGA"], {"Government of Finland"}, {"Council of Governors"}, ["FIN"]),
    ("annual_report_fr.txt", "Modernisation de la gestion des ressources humaines de l'État", None, "2023-03",
     "completed", ["BEN", "TGO"], {"European Union", "Coopération suisse"}, set(), ["CHE"]),
    ("annual_report_es.txt", "Gestión pública por resultados en municipios andinos", "2020-01", "2022-12",
     "completed", ["BOL", "PER"], set(), {"Asociación de Municipalidades"}, []),
    ("press_release_en.txt", "Digital Records for Resilient Courts", "2024-02-01", "2026-01-31", None, ["MWI", "ZMB"],
     {"Government of Ireland"}, {"Southern African Judges Association"}, ["IRL", "CHE"]),
    ("press_release_fr.txt", "Cap sur la transparence budgétaire", "2024-05-01", None, None, ["SEN", "MRT"],
     {"Grand-Duché de Luxembourg"}, {"Cour des comptes du Sénégal"}, ["LUX"]),
    # "se ejecuta de marzo de 2023 a febrero de 2026": active, suggested and flagged (round 15)
    ("press_release_es.txt", "Servicio civil meritocrático", "2023-03", "2026-02", "active", ["PRY"],
     {"European Union"}, {"Secretaría de la Función Pública"}, []),
    ("decree_en.txt", "Performance Contracts in the Civil Service", None, "2025-12-31", None, ["GHA"],
     {"World Bank"}, {"Office of the Head of Civil Service"}, []),
    ("decree_fr.txt", "Gestion prévisionnelle des effectifs de l'État", None, "2025-06-30", None, ["NER"],
     {"African Development Bank"}, {"Direction générale de la fonction publique"}, []),
    ("decree_es.txt", "Gobierno abierto municipal", None, "2025-03-31", None, ["HND"],
     {"Inter-American Development Bank"}, {"Asociación de Municipios de Honduras"}, []),
    ("minutes_en.txt", "Integrity Systems for Local Governments in the Mekong", None, "2025-03-31", "active",
     ["KHM", "LAO", "VNM"], {"Government of Australia"}, set(), ["THA", "AUS"]),
    ("minutes_fr.txt", "Administration numérique au Sahel", None, "2024-12-31", "active", ["MLI", "BFA", "NER"],
     {"Agence Française de Développement"}, set(), ["FRA"]),
    ("minutes_es.txt", "Evaluación de políticas públicas en Centroamérica", None, "2024-06-30", "active",
     ["GTM", "HND", "NIC"], {"Spanish Agency for International Development Cooperation"}, set(), ["ESP"]),
    ("faq_en.txt", "Open Budgets for Island States", "2022-07", "2025-06", None, ["FJI", "WSM", "TON"],
     {"Government of New Zealand"}, {"Pacific Islands Forum Secretariat"}, ["NZL"]),
    ("faq_fr.txt", "Écoles de l'administration en ligne", "2023-01-01", "2025-12-31", None, ["MDG", "COM"],
     {"Organisation internationale de la Francophonie"}, {"École nationale d'administration de Madagascar"}, []),
    ("faq_es.txt", "Compras públicas sostenibles", "2021-01", "2023-12", None, ["ECU", "COL"],
     {"Gobierno de Alemania"}, {"Red Interamericana de Compras Gubernamentales"}, ["DEU"]),
    ("newsletter_en.txt", "Service Charters for Federal Agencies", None, "2023-06", "completed", ["ETH"],
     {"Government of Sweden"}, set(), ["SWE"]),
    ("newsletter_fr.txt", "Budgets sensibles au genre", None, "2022-12", "completed", ["TCD", "CMR"],
     {"Belgique"}, set(), ["BEL"]),
    ("newsletter_es.txt", "Innovación en servicios municipales", None, "2023-11", "completed", ["GTM", "HND"],
     {"Gobierno de Corea"}, set(), ["KOR"]),
    ("mission_report_en.txt", "Statistics for Local Planning", "2021", "2023", None, ["RWA", "BDI"],
     {"Government of Japan"}, set(), ["KEN", "TZA", "JPN"]),
    ("mission_report_fr.txt", "Audit interne des collectivités", "2021", "2024", None, ["BFA", "MLI"],
     {"European Union"}, set(), ["CIV", "NER"]),
    ("mission_report_es.txt", "Catastro multipropósito", "2022", "2025", None, ["BOL", "ECU"],
     {"World Bank"}, set(), ["PER", "COL"]),
    ("call_en.txt", "Young Leaders in Public Service", "2024-09-01", None, None, ["GHA", "NGA"],
     {"Government of Canada"}, set(), ["CAN"]),
    ("call_fr.txt", "Jeunes cadres de l'administration", "2024-10-01", "2025-07-31", None, ["SEN", "CIV"],
     {"Wallonie-Bruxelles International"}, {"École nationale d'administration"}, ["BEL"]),
    ("call_es.txt", "Liderazgo público con enfoque de género", "2024-08-01", "2025-04-30", None, ["PER", "BOL"],
     {"Agencia Chilena de Cooperación Internacional"}, set(), ["CHL"]),
    ("story_en.txt", "Digital Land Administration", None, None, None, ["KEN"],
     {"Government of Norway"}, {"Kenya School of Government"}, ["NOR"]),
    ("story_fr.txt", "État civil numérique", None, None, None, ["MLI"],
     {"Agence Française de Développement"}, {"Association des municipalités du Mali"}, ["FRA"]),
    ("story_es.txt", "Ventanilla única municipal", None, None, None, ["PER"],
     {"European Union"}, {"Contraloría General de la República"}, []),
]


@pytest.mark.parametrize("name,title,start,end,status,countries,funders,partners,not_served", CASES,
                         ids=[c[0] for c in CASES])
def test_prose_record(name, title, start, end, status, countries, funders, partners, not_served):
    rec = only_record(FILES / name)
    assert rec.title == title
    assert rec.start == _d(start) and rec.end == _d(end)
    assert (rec.status or None) == status
    assert rec.countries == countries
    for iso3 in not_served:
        assert iso3 not in rec.countries
    assert funders <= _funders(rec), _funders(rec)
    assert partners <= _others(rec), _others(rec)
    # Nothing that runs on past a name: every organisation read is a name, not the rest of its sentence.
    for p in rec.partners:
        assert len(p.name.split()) <= 12 and p.name[:1].isupper(), p.name
    if countries:
        assert any(f.field == "countries" and f.reason == "read from prose" for f in rec.flags)


def test_prose_budgets():
    """An amount in a sentence ("por un monto de 680 mil dólares", "pour un montant de 1,2 million d'euros")."""
    got = {name: [(int(b.amount), b.currency) for b in only_record(FILES / name).budgets]
           for name in ("annual_report_es.txt", "press_release_fr.txt", "press_release_es.txt")}
    assert got == {"annual_report_es.txt": [(680000, "USD")], "press_release_fr.txt": [(1200000, "EUR")],
                   "press_release_es.txt": [(450000, "EUR")]}


def test_front_matter_is_no_record_and_no_title():
    """A report's letterhead, "Distr.", date and "Original:" lines are kept unplaced, never a record or a title."""
    for name in ("annual_report_en.txt", "annual_report_fr.txt", "annual_report_es.txt"):
        rec = only_record(FILES / name)
        for word in ("Distr", "Original", "United Nations", "NATIONS UNIES", "NACIONES UNIDAS"):
            assert word not in rec.title
        assert any("Distr" in u for u in rec.unparsed)


@pytest.mark.parametrize("text", [
    "United Nations                         A/78/120\nGeneral Assembly            Distr.: General\n   3 July 2023",
    "NATIONS UNIES\nDistr. générale\n12 avril 2023\nOriginal : français",
    "Table of contents\nI. Introduction ........ 3\nII. Projects ........ 5\nIII. Lessons ........ 9",
    "NACIONES UNIDAS\nDistr. general\n20 de marzo de 2023\nOriginal: español",
])
def test_front_matter(text):
    assert is_front_matter(text)


@pytest.mark.parametrize("text", [
    'The project "Open Budgets" (2021-2023), funded by Norway, supports Ghana.',
    "Le projet « Budgets ouverts » appuie le Bénin depuis 2021.",
    "Distr.: General was the heading, but this paragraph tells of a project that supports Ghana in full sentences.",
])
def test_not_front_matter(text):
    assert not is_front_matter(text)


@pytest.mark.parametrize("text,start,end", [
    ("The project runs for 24 months starting 1 April 2023.", "2023-04-01", None),
    ("Le projet, pour une durée de 18 mois à compter du 1er juillet 2022, débute.", "2022-07-01", None),
    ("El proyecto, por un período de 30 meses a partir del 1 de enero de 2024, empieza.", "2024-01-01", None),
    ("It was then granted a no-cost extension until 31 March 2024.", None, "2024-03-31"),
    ("Il a été prorogé jusqu'au 30 septembre 2025.", None, "2025-09-30"),
    ("La fecha de cierre fue prorrogada hasta el 31 de julio de 2023.", None, "2023-07-31"),
])
def test_period_cues(text, start, end):
    s, e = prose_facts.period_cues(text)
    assert (s, e) == (_d(start), _d(end))


def test_a_date_after_starting_without_a_duration_is_no_start():
    # "starting 3 May" with no duration or project said: a meeting's day, perhaps; not placed.
    assert prose_facts.period_cues("Registration opens starting 3 May 2024.")[0] is None


@pytest.mark.parametrize("text,category", [
    ("The project was completed in June 2021.", "completed"),
    ("Le projet a pris fin en 2020.", "completed"),
    ("El proyecto, que apoyó a Chile, finalizó en 2019.", "completed"),
    ("The project is ongoing.", "active"),
    ("Ce projet est en cours d'exécution depuis 2022.", "active"),
    ("El proyecto se encuentra en ejecución.", "active"),
    ("The first workshop of the project was completed in May.", None),
    ("The project concluded an agreement with the ministry.", None),
    ("El taller del proyecto concluyó ayer.", None),
])
def test_status_from_prose(text, category):
    assert prose_facts.read_status(text) == category


@pytest.mark.parametrize("text,served", [
    ("The programme helps Nepal and Bhutan.", ["NPL", "BTN"]),
    ("Le projet, au profit du Cameroun et du Gabon, démarre.", ["CMR", "GAB"]),
    ("El programa beneficia a Chile, Perú y Bolivia.", ["CHL", "PER", "BOL"]),
    ("It trained 40 Rwandan district officials.", ["RWA"]),
    ("Il a formé 25 élus locaux maliens et nigériens.", ["MLI", "NER"]),
    ("Capacitó a 30 servidores públicos ecuatorianos.", ["ECU"]),
    ("The workshop was held in Nairobi, Kenya.", []),
    ("A previous project had supported Mali in 2015.", []),
    ("Mexican experts shared their experience.", []),
    ("Un atelier s'est tenu à Dakar, Sénégal.", []),
    ('The project "Budgeting in Local Governments of Indonesia" was launched.', []),
    ("Les fonctionnaires d'Argentina et d'India.", []),
])
def test_served_from_prose(text, served):
    assert prose_facts.read_served(text) == served


@pytest.mark.parametrize("text,served", [
    ("Le gouvernement marocain finance le projet, qui forme des fonctionnaires sénégalais.", ["SEN"]),
    ("With funding from the Kenyan government, it trains Ugandan civil servants.", ["UGA"]),
    ("Con el apoyo financiero del gobierno mexicano, capacita a funcionarios hondureños.", ["HND"]),
])
def test_a_paying_government_named_by_its_adjective_is_not_served(text, served):
    assert prose_facts.read_served(text) == served


def test_a_funding_government_is_not_served():
    text = "With the financial support of the Government of Norway, the project supports Ghana."
    assert prose_facts.read_served(text, ["the Government of Norway"]) == ["GHA"]


@pytest.mark.parametrize("phrase,name", [
    ("the Government of Canada, invites applications from Ghanaian public servants", "the Government of Canada"),
    ("l'Union européenne, appuie le Bénin et le Togo", "l'Union européenne"),
    ("el Banco Interamericano de Desarrollo apoya", "el Banco Interamericano de Desarrollo"),
    ("la Commission économique et sociale pour l'Asie occidentale (CESAO) jusqu'en",
     "la Commission économique et sociale pour l'Asie occidentale (CESAO)"),
    ("ESCAP, UNDP and the Civil Service Training Centre", "ESCAP, UNDP and the Civil Service Training Centre"),
    ("proyecto «Servicio civil» capacitará a 300 funcionarios", ""),
])
def test_name_extent(phrase, name):
    assert prose_facts.name_extent(phrase) == name


@pytest.mark.parametrize("text,served", [
    ('The project "Open Data for Cities", funded by the Government of Japan, assists Peru and Chile.',
     ["PER", "CHL"]),
    ("Le projet « Villes ouvertes », financé par la Suisse, appuie le Bénin.", ["BEN"]),
    ("El proyecto «Ciudades abiertas», financiado por el Gobierno de España, apoya a Paraguay.", ["PRY"]),
])
def test_a_story_without_period_or_amount_is_a_record(text, served):
    records = parse_text(text)
    assert len(records) == 1 and records[0].countries == served


@pytest.mark.parametrize("text,funder,served", [
    ('The course is the first step of the project "Open Courts for Southern Africa", which covers Malawi and is\n'
     "funded by the Government of Ireland (EUR 500,000, 2023-2025). The Judges Association hosted it.\n",
     "Government of Ireland", ["MWI"]),
    ("Lancé en 2022, le projet « Villes numériques du Sahel » appuie le Niger. Il est\n"
     "financé par la Coopération suisse à hauteur de 700 000 euros pour la période 2022-2024.\n",
     "Coopération suisse", ["NER"]),
    ("Financiado por la Unión Europea con 900 mil euros para el período 2021-2024,\n"
     "el proyecto «Municipios abiertos» apoya a Guatemala y Honduras.\n",
     "European Union", ["GTM", "HND"]),
])
def test_a_funder_cue_inside_a_sentence_is_no_label(text, funder, served):
    """A line that opens with "funded by" in the middle of a sentence, or a sentence that opens with "Financiado
    por" and runs on over the next line, is prose: its funder is read as a name, never the rest of the sentence."""
    rec = parse_text(text)[0]
    assert funder in _funders(rec)
    assert rec.countries == served
    for p in rec.partners:
        assert len(p.name.split()) <= 8 and "(" not in p.name.split()[-1], p.name
