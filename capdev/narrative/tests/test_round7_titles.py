"""Round 7, titles and codes: what a writer glues to a title (a label without its colon, a form's fill-in dots, a
project's code), the lines that look like a title and are none (a labelled fact, a listing's or a page's heading, a
phase and its status), an event's name (proposed only), and the numbers that are no project code (an agreement's
number beside the project's code, an amount or a date under a code label, a letter's reference, an earlier
project's code). English, French and Spanish, each in its own wording."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.code_choice import another_code, not_a_code
from capdev.narrative.title_choice import rejection
from capdev.narrative.title_glue import unglue

FILES = Path(__file__).parent / "files" / "round7" / "titles"

# file, the title ("" = none given), is it proposed? (None: no title), the code (None = none), what must never be
# the sure title or the code
CASES = [
    # A title label written without its colon: cut off, the rest is the title.
    ("glued_label_en.txt", "e-Procurement Readiness in Small Island Developing States", False, "2231P", ["Title"]),
    ("glued_label_fr.txt", "Dématérialisation des marchés publics en Afrique centrale", False, "2233Q", ["Intitulé"]),
    ("glued_label_es.txt", "Compras públicas abiertas en los municipios andinos", False, "2235R", ["Título"]),
    # A labelled fact on the first line ("Resource requirements: $610,000", "Modalidad: virtual |"): no title.
    ("fact_line_en.txt", "", None, "00118342", ["Resource requirements", "Atlas", "$610,000"]),
    ("fact_line_fr.txt", "", None, None, ["Modalité", "en ligne"]),
    ("fact_line_es.txt", "", None, None, ["Detalle", "Modalidad", "donación"]),
    # A form's fill-in dots: the title label's value is the title; an agreement's reference is neither title nor code.
    ("dotted_en.txt", "Modernising Land Registries in the Caucasus", False, "2241S", ["EU/2022/318-204"]),
    ("dotted_fr.txt", "Appui à la gestion des archives publiques au Burundi", False, "2243T", ["FED/2023/447-118"]),
    ("dotted_es.txt", "Modernización del registro civil en Centroamérica", False, "2245U", ["DCI/2021/422-907"]),
    # A code glued in front of the title: the code to code, the rest the title; a code alone is no title.
    ("codefront_en.txt", "Open Data for Local Budgets in the Western Balkans", False, "2251V", ["Project 2251V"]),
    ("codefront2_fr.txt", "Statistiques de l'état civil dans les pays du Sahel", False, "1819R", ["Projet 1819R"]),
    ("codefront_fr.txt", "Appui à la réforme de la fonction publique en Mauritanie", False, "MRT/19/002", ["MRT/"]),
    ("codefront_es.txt", "", None, "BOL/20/003", ["Proyecto", "BOL/20/003"]),
    # A listing's or a page's heading, a phase and its status: never a project's title.
    ("listing_en.txt", "Digital Skills for Civil Servants in the Caribbean", False, "2261W", ["under implementation"]),
    ("listing_fr.txt", "", None, "2263X", ["Phase 1", "Projets de renforcement"]),
    ("listing_es.txt", "", None, "2265Y", ["Actividades en las noticias"]),
    ("listing_page_en.txt", "", None, "2261W", ["project pages"]),
    ("listing_year_fr.txt", "", None, "2262W", ["en cours"]),
    ("listing_year_es.txt", "", None, "2264W", ["en ejecución"]),
    # An event's name over the record's facts: proposed, not sure.
    ("event_en.txt", "Regional Workshop on Open Contracting Data Standards", True, "2281C", []),
    ("event_fr.txt", "Atelier régional sur la gestion axée sur les résultats", True, "2283D", []),
    ("event_es.txt", "Taller nacional sobre presupuestos participativos", True, "2285E", []),
    # A title wrapped over two lines (under a heading, a label or a code header): one title.
    ("wrapped_head_en.txt", "Digital Public Services for Migrants and Refugees in Eastern Europe and the South "
     "Caucasus", False, "2271Z", []),
    ("wrapped_head_fr.txt", "Services publics numériques pour les personnes migrantes au Sénégal et en Côte "
     "d'Ivoire", False, "2273A", []),
    ("wrapped_head_es.txt", "Servicios públicos digitales para personas migrantes en México y Centroamérica", False,
     "2275B", []),
    ("wrapped_en.txt", "Digital Public Services for Migrants and Refugees in Eastern Europe and Central Asia",
     False, "2277H", ["Project 2277H"]),
    ("wrapped_fr.txt", "Services publics numériques pour les personnes migrantes au Sénégal et en Côte d'Ivoire",
     False, "2279J", []),
    ("wrapped_es.txt", "Servicios públicos digitales para personas migrantes en México y Centroamérica", False,
     "2275K", []),
    # An agreement's number and the project's code, in either order: one record, the project's code.
    ("agreement_first_en.txt", "Strengthening Audit Institutions in the Pacific", False, "2291F", ["PRJ-AGR"]),
    ("agreement_after_fr.txt", "Renforcement des cours des comptes en Afrique de l'Ouest", False, "2293G",
     ["CONV-2022/118"]),
    ("agreement_only_es.txt", "Fortalecimiento de las contralorías municipales en Centroamérica", False,
     "CV-2022-0311", []),
    # An amount or a date under a code label: no code.
    ("code_amount_en.txt", "Civil Service Performance Management in Southern Africa", False, None, ["USD"]),
    ("code_date_fr.txt", "Gestion de la performance de la fonction publique en Afrique australe", False, None,
     ["12/03/2023"]),
    ("code_amount_es.txt", "Gestión del desempeño en la función pública del Cono Sur", False, None, ["250.000"]),
    # A note verbale's or a letter's reference, an earlier project's code: not the record's code.
    ("letter_en.txt", "Digital Identity for Public Services in South Asia", False, None, ["1819R", "DESA/DPIDG"]),
    ("letter_fr.txt", "Identité numérique pour les services publics au Sahel", False, None, ["1819S", "DAES/"]),
    ("letter_es.txt", "Identidad digital para los servicios públicos en los Andes", False, None, ["1819T", "DAES/"]),
    ("letter_ref_en.txt", "Open Budget Data for Parliaments in West Africa", False, None, ["DESA/"]),
    ("letter_ref_fr.txt", "Données budgétaires ouvertes pour les parlements d'Afrique de l'Ouest", False, None,
     ["DAES/"]),
    ("letter_ref_es.txt", "Datos presupuestarios abiertos para los parlamentos de Centroamérica", False, None,
     ["DAES/"]),
]


@pytest.mark.parametrize("name, title, proposed, code, never", CASES, ids=[c[0] for c in CASES])
def test_title_and_code(name: str, title: str, proposed: bool | None, code: str | None, never: list[str]) -> None:
    records = parse_file(FILES / name)
    assert len(records) == 1, [r.title for r in records]
    rec = records[0]
    if title:
        assert rec.title == title
        assert rec.title_is_proposed is proposed
    else:
        assert not rec.title or rec.title_is_proposed, rec.title
    assert rec.code == code
    for bad in never:
        assert bad not in rec.title or rec.title_is_proposed, f"{bad!r} given as sure in {rec.title!r}"
        if code is None or bad not in code:  # "MRT/" is no title, and is in the expected code
            assert bad not in (rec.code or ""), f"{bad!r} in the code {rec.code!r}"


@pytest.mark.parametrize("line, title, code", [
    ("Title e-Government Readiness in Central Asia", "e-Government Readiness in Central Asia", ""),
    ("Titre du projet Appui à la décentralisation au Bénin", "Appui à la décentralisation au Bénin", ""),
    ("Nombre del proyecto Catastro multipropósito en los Andes", "Catastro multipropósito en los Andes", ""),
    ("Project Title ........ Local Revenue in East Africa", "Local Revenue in East Africa", ""),
    ("Intitulé ______ Gestion des archives au Burundi", "Gestion des archives au Burundi", ""),
    ("Project No. 2124M - Open Budget Data for Parliaments", "Open Budget Data for Parliaments", "2124M"),
    ("Projet 1617B : Gouvernance locale au Sahel", "Gouvernance locale au Sahel", "1617B"),
    ("HND/21/004 — Gobierno abierto en Honduras", "Gobierno abierto en Honduras", "HND/21/004"),
    ("Proyecto BOL/20/003 ·", "", "BOL/20/003"),
    ("Project 2231K", "", "2231K"),
    ("Project 2030: Agenda for Public Service Reform", "Project 2030: Agenda for Public Service Reform", ""),
    ("Programa 2021-2023: gobierno digital en Paraguay", "Programa 2021-2023: gobierno digital en Paraguay", ""),
    ("Projet 00118342 : Gouvernance locale au Niger", "Gouvernance locale au Niger", "00118342"),
])
def test_unglue(line: str, title: str, code: str) -> None:
    got = unglue(line)
    assert (got.title, got.code) == (title, code)


@pytest.mark.parametrize("line", [
    "Atlas Project Number: 00118342",
    "Resource requirements: $610,000",
    "Detalle: donación de equipos a las alcaldías",
    "Modalidad: virtual (plataforma) |",
    "Modalité : présentiel et en ligne",
    "Référence de la convention ........ FED/2023/447-118",
    "Grant reference ........ EU/2022/318-204",
    "Número de expediente ........ EXP-2021-77",
    "Capacity development projects under implementation in 2021",
    "Projets en cours d'exécution en 2022",
    "Proyectos en ejecución por país",
    "Activities in the news",
    "Public Service Innovation cluster - project pages",
    "Nos activités dans l'actualité",
    "Phase 1 — projet terminé",
    "Phase II: completed",
    "Fase 2: finalizada",
    "Grant approved: USD 250,000",
    "Date de signature : 3 mai 2022",
    "Número asignado: 00118342",
])
def test_never_a_title(line: str) -> None:
    got = unglue(line)
    assert got.title == "" or rejection(got.title) != "", got


@pytest.mark.parametrize("line", [
    "E-Government: Building Capacity for Digital Public Services in Africa",
    "Gouvernance numérique : renforcer les capacités des collectivités",
    "Gobierno abierto: datos para la rendición de cuentas en Honduras",
    "Strengthening Public Procurement in the Western Balkans",
    "Phase 2 of the Local Governance Programme in the Sahel",
    "Title Deeds and Land Registration in Rural Ghana",
    "Titre foncier et cadastre numérique au Cameroun",
    "Título de propiedad y catastro rural en Honduras",
    "Programme Management in the Public Sector of Angola",
    "Localizing the 2030 Agenda through local initiatives in Africa",
    "Strengthening the monitoring of ongoing public investment projects",
])
def test_titles_kept(line: str) -> None:
    got = unglue(line)
    assert (got.title, got.reason, got.code) == (line, "", "")
    assert rejection(got.title) == "", got


@pytest.mark.parametrize("value, why", [
    ("USD 450,000", "an amount"), ("250.000 USD", "an amount"), ("€ 1,200,000", "an amount"),
    ("12/03/2023", "a date"), ("15 de marzo de 2023", "a date"), ("3 mars 2023", "a date"), ("2021", "a date"),
    ("2231K", ""), ("MRT/19/002", ""), ("MAR/22/001", ""), ("DEC-2023-04", ""), ("JUN 2023 A", ""),
    ("00118342", ""), ("PRJ-AGR-2022-0457", ""),
])
def test_not_a_code(value: str, why: str) -> None:
    assert not_a_code(value) == why


@pytest.mark.parametrize("text, word, other", [
    ("Our ref. DESA/DPIDG/2023/117", "ref", True),
    ("Note verbale No. DESA/DPIDG/2023/45", "No.", True),
    ("This project builds on project 1819R", "project 1819R", True),
    ("Il fait suite au projet 1819R", "projet", True),
    ("Es la continuación del proyecto 1819T", "proyecto", True),
    ("The Division runs project 2231K", "project", False),
    ("Le projet 2231K démarre en mai", "projet", False),
    ("En el marco del proyecto 2231K", "proyecto", False),
    ("Ref. DESA/2023/117. Dear Minister, I write about project 2231K.", "Ref", True),
    ("Réf. : DAES/2023/204 ; j'ai l'honneur de vous informer", "Réf", True),
    ("Réf. : DAES/2023/204 sur le projet 2231K", "Réf", False),
])
def test_another_projects_code(text: str, word: str, other: bool) -> None:
    assert another_code(text, text.index(word)) is other
