"""The countries a project serves, named in ways round 10 reads (records in English, French and Spanish, in
tests/files/round10/places/): a country's name written with or without its accents ("Túnez", "Níger"), the
Democratic Republic of the Congo in its French and Spanish short forms (never read as the Republic of the Congo),
"eSwatini"; a national adjective in the title ("cadres tunisiens"); the country a project's name ends with in the
head of minutes ("... Project in Lesotho (LS-PFM-2021-07)"), or its legislature, presidency or gazette heading
the page ("SENADO DE LA REPÚBLICA DE CHILE"); a country heading above the records under it, also
where the segmenter leaves it at the end of the record before; countries labels in the singular and the plural."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import page_head, parse_file, parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.places import find_countries, resolve_country

FILES = Path(__file__).parent / "files" / "round10" / "places"


@pytest.mark.parametrize("text, iso3", [
    ("en Túnez y Níger", ["TUN", "NER"]),
    ("la República Democrática del Congo", ["COD"]),
    ("la RD du Congo et le Congo", ["COD", "COG"]),
    ("Rép. dém. du Congo", ["COD"]),
    ("the Government of eSwatini", ["SWZ"]),
    ("Congo (Brazzaville)", ["COG"]),
])
def test_names_in_prose(text, iso3):
    assert [c.iso3 for c in find_countries(text)] == iso3


@pytest.mark.parametrize("name, iso3", [("RD Congo", "COD"), ("R.D. Congo", "COD"), ("RD del Congo", "COD"),
                                        ("Congo (Kinshasa)", "COD"), ("Túnez", "TUN")])
def test_single_names(name, iso3):
    assert resolve_country(name) == iso3


@pytest.mark.parametrize("name, countries", [
    ("es_ficha_tunez.txt", ["TUN"]),
    ("fr_liste_rdc.txt", ["COD"]),
    ("en_table_congo.md", ["COD"]),
    ("en_prose_eswatini.txt", ["SWZ"]),
    ("fr_titre_cadres.txt", ["NER"]),
    ("es_titre_servidores.txt", ["HND"]),
    ("en_title_officials.txt", ["MDA"]),
    ("es_acta_proyecto.txt", ["GTM"]),
    ("fr_compte_rendu_projet.txt", ["TCD"]),
    ("en_minutes_project.txt", ["LSO"]),
])
def test_one_record(name, countries):
    assert only_record(FILES / name).countries == countries


def test_title_demonym_in_a_later_record():
    # The second record's title says whom it serves; the page's head says nothing.
    text = ("Projets de la direction\n\n## Maroc\nIntitulé : Gestion des ressources humaines de l'État marocain\n"
            "Période : 2022-2024\nBudget : 1 500 000 €\n\n---\n\n## Formation\n\n"
            "**Programme de formation des cadres tunisiens en évaluation des politiques publiques**\n\n"
            "- Montant : 320 000 €\n- Durée : janvier 2024 → décembre 2025\n")
    records = parse_text(text)
    assert records[-1].countries == ["TUN"]


@pytest.mark.parametrize("line, iso3", [
    ("Programa de Modernización del Servicio Civil en Paraguay (PY-SC-2022-04)", "PRY"),
    ("Public Financial Management Reform Project in Lesotho (LS-PFM-2021-07)", "LSO"),
    ("Projet d'appui à l'état civil au Tchad", "TCD"),
    ("Study visit programme held in Estonia", None),
    ("Project funded by Norway", None),
    ("Project in Kenya and Uganda", None),
])
def test_named_project_country(line, iso3):
    assert getattr(page_head, "named_project_country", lambda _: "none")(line) == iso3


@pytest.mark.parametrize("name, countries", [
    ("es_version_taquigrafica.txt", ["PRY"]),
    ("fr_compte_rendu_assemblee.txt", ["BEN"]),
    ("en_hansard_extract.txt", ["ZMB"]),
    ("en_donor_ministry_head.txt", []),  # a donor's ministry heads the page: no country of its own served
])
def test_national_body_heads_the_page(name, countries):
    assert only_record(FILES / name).countries == countries


@pytest.mark.parametrize("line, iso3", [
    ("SENADO DE LA REPÚBLICA DE CHILE", "CHL"),
    ("Assemblée nationale du Bénin", "BEN"),
    ("Journal officiel de la République du Sénégal", "SEN"),
    ("Presidencia de la República Dominicana", "DOM"),
    ("GOVERNMENT OF NORWAY", None),
    ("Ministry of Foreign Affairs of Denmark", None),
    ("National Assembly of Kenya and Uganda", None),
])
def test_national_body_country(line, iso3):
    assert getattr(page_head, "national_body_country", lambda _: "none")(line) == iso3


@pytest.mark.parametrize("name, countries", [
    ("en_grouped_by_country.txt", [["KEN"], ["UGA"]]),
    ("fr_fiches_par_pays.txt", [["SEN"], ["NER"]]),
    ("es_listado_por_pais.md", [["BOL"], ["PRY"]]),
])
def test_country_headings(name, countries):
    records = parse_file(FILES / name)
    assert [r.countries for r in records] == countries
    assert all(any(f.field == "countries" for f in r.flags) for r in records)


@pytest.mark.parametrize("label", ["Pays cible", "Pays concerné", "Countries concerned", "Beneficiary Member States",
                                   "États membres bénéficiaires", "Estados miembros beneficiarios", "País destinatario",
                                   "Países objetivo"])
def test_countries_labels(label):
    text = f"Project title: Budget transparency\n{label}: Burkina Faso, Togo\nPeriod: 2023-2025\nBudget: USD 300,000\n"
    (record,) = parse_text(text)
    assert record.countries == ["BFA", "TGO"]


def test_donor_is_no_country_served():
    for name in ("fr_fiches_par_pays.txt", "es_listado_por_pais.md"):
        for record in parse_file(FILES / name):
            assert "CHE" not in record.countries and "ESP" not in record.countries


@pytest.mark.parametrize("name, countries", [
    ("fr_siege_ministere.txt", ["NER"]),
    ("en_seat_ministry.txt", ["UGA"]),
    ("es_sede_secretaria.md", ["HND"]),
    ("en_venue_ministry.txt", []),  # the venue of a workshop for five countries: no country served
])
def test_national_body_seat(name, countries):
    record = only_record(FILES / name)
    assert record.countries == countries
    assert not countries or any(f.field == "countries" for f in record.flags)


def test_heading_that_pays_is_not_lent():
    # "NORWAY" heads the records it funds: a funder is never a country served.
    assert only_record(FILES / "en_grouped_donor_heading.txt").countries == []


@pytest.mark.parametrize("name, countries", [
    ("en_national_schools.txt", ["KGZ", "UKR"]),  # "the Ukrainian school of public administration"
    ("fr_ecoles_nationales.txt", ["MLI", "NER"]),
    ("es_escuelas_nacionales.txt", ["HND", "GTM"]),
])
def test_national_schools_and_servants(name, countries):
    assert only_record(FILES / name).countries == countries
