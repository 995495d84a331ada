"""Where a project works and what it is called, in layouts the parser had not seen (round 8): a one-line heading
above a record's prose is its title (not the first words of its summary) and its countries count; countries after
the bodies served ("les administrations du Tchad") and in lists with articles ("du Niger et de la Guinée"); French
and Spanish names with their articles ("les Comores", "el Perú"); labels such as "Countries served" / "País de
ejecución"; a card's line of facts ("Sénégal · En cours · 2021–2024") giving the countries and never the title; a
code in brackets after a title ("... (2223M)"); a title in two languages keeping the text's one, flagged. Records in
English, French and Spanish (tests/files/round8/places/); each case also asserts the wrong values are not produced
(a donor, an event's venue abroad, a section heading)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.tests._shared import only_record
from capdev.narrative.title_glue import unglue
from capdev.narrative.title_languages import in_text_language
from capdev.narrative.values.fact_lines import fact_line
from capdev.narrative.values.places import resolve_country
from capdev.narrative.values.prose_facts import read_served

FILES = Path(__file__).parent / "files" / "round8" / "places"


def _records(name: str):
    return parse_file(FILES / name)


def _flags(rec, field: str) -> list[str]:
    return [f.reason for f in rec.flags if f.field == field]


@pytest.mark.parametrize("name, title, countries", [
    ("demonym_en.txt", "Digital skills for public servants", ["KEN"]),
    ("demonym_fr.txt", "Compétences numériques pour l'administration", ["SEN"]),
    ("demonym_es.txt", "Habilidades digitales para la gestión pública", ["HND"]),
    ("beneficiaries_fr.txt", "Modernisation de l'état civil", ["BEN", "TGO", "GNB"]),
    ("beneficiaries_es.txt", "Modernización del registro civil", ["ECU", "BOL", "PRY"]),
])
def test_a_heading_above_the_prose_is_the_title_not_the_summarys_start(name, title, countries):
    rec = only_record(FILES / name)
    assert rec.title == title
    assert rec.title_is_proposed and _flags(rec, "title")  # no label says so: proposed, flagged
    assert not rec.summary.startswith(title)
    assert rec.countries == countries


@pytest.mark.parametrize("name, title", [
    ("heading_glued_en.txt", "Payroll integrity in the public service of Zambia"),
    ("heading_glued_fr.txt", "Intégrité de la paie dans la fonction publique du Congo"),
    ("heading_glued_es.txt", "Integridad de la nómina en el servicio civil de Panamá"),
])
def test_a_heading_right_above_the_first_sentence(name, title):
    rec = only_record(FILES / name)
    assert rec.title == title
    assert len(rec.countries) == 1 and rec.countries[0] in {"ZMB", "COG", "PAN"}


@pytest.mark.parametrize("name, countries, never", [
    # a donor and an event's venue abroad are named; only the countries served are kept
    ("prose_served_en.txt", ["KEN", "UGA"], {"NOR", "CHE"}),
    ("prose_served_fr.txt", ["SEN", "MLI"], {"CHE", "MAR"}),
    ("prose_served_es.txt", ["HND", "GTM"], {"ESP"}),
    ("quoted_fr.txt", ["TCD", "GAB"], set()),
    ("bilingual_fr.txt", ["NER", "GIN"], set()),
    ("bilingual_es.txt", ["ECU", "COL"], set()),
])
def test_countries_served_in_prose(name, countries, never):
    rec = only_record(FILES / name)
    assert rec.countries == countries
    assert not set(rec.countries) & never


@pytest.mark.parametrize("name", ["prose_served_en.txt", "prose_served_fr.txt", "prose_served_es.txt"])
def test_a_section_heading_is_never_the_title(name):
    rec = only_record(FILES / name)
    assert rec.title.upper() not in {"PROJECT SUMMARY", "RÉSUMÉ DU PROJET", "RESUMEN DEL PROYECTO"}
    assert rec.title_is_proposed


@pytest.mark.parametrize("text, served", [
    ("Le projet appuie les administrations du Tchad et du Gabon dans la réforme budgétaire.", ["TCD", "GAB"]),
    ("Il accompagne les gouvernements du Niger et de la Guinée.", ["NER", "GIN"]),
    ("The project supports the ministries of Kenya and of Uganda.", ["KEN", "UGA"]),
    ("El proyecto apoya a las instituciones del Perú y de Bolivia.", ["PER", "BOL"]),
])
def test_serve_cue_reaches_the_countries_after_the_bodies_served(text, served):
    assert read_served(text) == served


@pytest.mark.parametrize("name, titles, countries", [
    ("card_en.txt", ["Integrated payroll systems for the public service", "Open contracting for local governments"],
     [["KEN", "UGA"], ["NPL"]]),
    ("card_fr.txt", ["Systèmes intégrés de paie pour la fonction publique", "Contrats ouverts pour les collectivités"],
     [["BFA", "NER"], ["COM"]]),
    ("card_es.txt", ["Sistemas integrados de nómina para el servicio civil",
                     "Contratación abierta para gobiernos locales"], [["HND", "GTM"], ["PER"]]),
])
def test_a_cards_line_of_facts_gives_countries_never_the_title(name, titles, countries):
    records = _records(name)
    assert [r.title for r in records] == titles
    assert [r.countries for r in records] == countries
    for rec in records:
        assert any("line of facts" in reason for reason in _flags(rec, "countries"))
        assert not set(rec.countries) & {"NOR", "CHE", "ESP"}  # the donors


@pytest.mark.parametrize("line, countries", [
    ("Sénégal · En cours · 2021–2024", ["SEN"]),
    ("Kenya, Uganda | Ongoing | 2022-2025", ["KEN", "UGA"]),
    ("el Perú • Finalizado • 2018–2021", ["PER"]),
    ("Afrique de l'Ouest · Terminé · 2017–2020", []),
])
def test_fact_line(line, countries):
    assert fact_line(line) == countries


@pytest.mark.parametrize("line", [
    "Switzerland · 12 March 2024",  # an event's venue and date
    "Accueil | Projets | Sénégal",  # a breadcrumb
    "Digital Government in Africa | UN DESA",  # a web page's title
    "FR | EN | ES",
])
def test_not_a_fact_line(line):
    assert fact_line(line) is None


@pytest.mark.parametrize("name, countries", [
    ("label_en.txt", ["CIV", "COM"]),
    ("label_fr.txt", ["CIV", "COM"]),
    ("label_es.txt", ["PER", "DOM"]),
    ("served_label_en.txt", ["GHA", "SLE"]),
    ("served_label_fr.txt", ["MLI", "NER"]),
    ("served_label_es.txt", ["BOL", "PRY"]),
])
def test_labelled_countries(name, countries):
    rec = only_record(FILES / name)
    assert rec.countries == countries
    assert "ITA" not in rec.countries  # the donor


@pytest.mark.parametrize("name, countries", [
    ("les Comores", "COM"), ("la Côte d'Ivoire", "CIV"), ("el Perú", "PER"), ("los Países Bajos", "NLD"),
    ("la République dominicaine", "DOM"), ("El Salvador", "SLV"), ("La Paz", None), ("Los Angeles", None),
])
def test_country_names_with_articles(name, countries):
    assert resolve_country(name) == countries


@pytest.mark.parametrize("name, title, code", [
    ("code_behind_en.txt", "Strengthening civil registration and vital statistics in the Pacific", "2219P"),
    ("code_behind_fr.txt", "Appui à la réforme de l'état civil en Afrique centrale", "2231C"),
    ("code_behind_es.txt", "Fortalecimiento del registro civil en los Andes", "2240A"),
    ("code_en.txt", "Strengthening institutional capacities for SDG-based planning", "1819K"),
    ("code_fr.txt", "Renforcement des capacités de planification fondée sur les ODD", "2023Q"),
    ("code_es.txt", "Fortalecimiento de capacidades para la planificación basada en los ODS", "2021X"),
])
def test_a_code_beside_the_title_is_the_code(name, title, code):
    rec = only_record(FILES / name)
    assert (rec.title, rec.code) == (title, code)


@pytest.mark.parametrize("title", [
    "Programme d'appui à la décentralisation (PADDL II)",  # an acronym
    "Digital Government in Africa (2021-2024)",  # a period
    "Public finance reform (COVID-19)",  # a name with a number
])
def test_brackets_that_are_no_code_stay(title):
    assert unglue(title).title == title and not unglue(title).code


@pytest.mark.parametrize("name, title, other", [
    ("bilingual_en.txt", "Strengthening e-government in West Africa", "Renforcement"),
    ("bilingual_fr.txt", "Renforcement de l'administration électronique en Afrique de l'Ouest", "Strengthening"),
    ("bilingual_es.txt", "Gobierno electrónico en los Andes", "E-government"),
])
def test_a_title_in_two_languages_keeps_the_texts(name, title, other):
    rec = only_record(FILES / name)
    assert rec.title == title
    assert any("two languages" in reason and other in reason for reason in _flags(rec, "title"))


@pytest.mark.parametrize("name, title", [
    ("quoted_en.txt", "Strengthening Public Financial Management in Small Island States"),
    ("quoted_fr.txt", "Renforcer la gestion des finances publiques en Afrique centrale"),
    ("quoted_es.txt", "Fortalecimiento de la gestión financiera pública en Centroamérica"),
])
def test_a_title_in_quotes_in_the_first_sentence(name, title):
    assert only_record(FILES / name).title == title


def test_one_language_title_is_left_whole():
    assert in_text_language("Planning and budgeting - Kenya and Uganda", "The project ...") == (
        "Planning and budgeting - Kenya and Uganda", "")
    assert in_text_language("Gestion des finances / budget et trésorerie", "Le projet appuie ...")[1] == ""


@pytest.mark.parametrize("name, title, countries, never", [
    ("narrative_served_en.txt", "Open Budget Practices for Local Governments in East Africa", ["RWA", "BDI", "UGA"],
     {"KEN", "NOR"}),
    ("narrative_served_fr.txt", "Budgets ouverts pour les collectivités d'Afrique de l'Ouest", ["BEN", "TGO", "GIN"],
     {"CIV", "CHE"}),
    ("narrative_served_es.txt", "Presupuestos abiertos para gobiernos locales de Centroamérica",
     ["HND", "GTM", "NIC"], {"PAN", "ESP"}),
])
def test_a_table_head_read_as_a_countries_label_says_nothing(name, title, countries, never):
    """'Country  Women  Men  Total' over a table of participants is no list of countries: the narrative says whom
    the project serves; the workshop's venue and the donor are not among them."""
    rec = only_record(FILES / name)
    assert rec.title == title
    assert rec.countries == countries
    assert not set(rec.countries) & never
    assert _flags(rec, "countries")


@pytest.mark.parametrize("text, served", [
    ("It trains public procurement officers from Albania, North Macedonia and Serbia.", ["ALB", "MKD", "SRB"]),
    ("Il forme les agents des finances locales du Bénin et du Togo.", ["BEN", "TGO"]),
    ("Apoya a las oficinas nacionales de servicio civil de Guatemala y Honduras.", ["GTM", "HND"]),
])
def test_a_few_words_naming_the_bodies_served_before_the_countries(text, served):
    assert read_served(text) == served


@pytest.mark.parametrize("line, title", [
    ("Spotlight: Procurement Integrity Academy for the Western Balkans",
     "Procurement Integrity Academy for the Western Balkans"),
    ("Zoom sur : Budgets ouverts pour les collectivités", "Budgets ouverts pour les collectivités"),
    ("Destacado: Gobierno abierto local en la región andina", "Gobierno abierto local en la región andina"),
    ("Spotlight on governance", "Spotlight on governance"),  # no separator: the word is the title's
])
def test_a_newsletters_kicker_is_cut_off_the_title(line, title):
    from capdev.narrative.title_choice import clean

    assert clean(line) == title


@pytest.mark.parametrize("line", ["Hora: 9:00 a 12:15", "Heure : 14 h 30", "Time: 10:00-12:30"])
def test_a_time_is_no_title(line):
    from capdev.narrative.title_choice import rejection

    assert rejection(line)


@pytest.mark.parametrize("line, title", [
    ("Gestion municipale transfrontalière Haïti – République dominicaine",
     "Gestion municipale transfrontalière Haïti – République dominicaine"),
    ("Public service reform in East Africa – Kenya", "Public service reform in East Africa – Kenya"),
    ("Gobierno abierto municipal – Centroamérica", "Gobierno abierto municipal – Centroamérica"),
    ("Gobierno abierto en Honduras | CEPAL", "Gobierno abierto en Honduras"),  # a site's name still goes
])
def test_a_country_after_a_dash_is_the_titles_not_a_site(line, title):
    from capdev.narrative.title_choice import clean

    assert clean(line) == title
