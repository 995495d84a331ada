"""Round 6, titles: how sure a title is. A title is given as sure only on strong evidence (a title label, a heading
that the record's own labelled facts follow, a heading that names itself a project, a name the text gives its
project); a document's first line, an e-mail's subject or a phrase quoted in prose is at most PROPOSED; a cookie
notice, a breadcrumb, an e-mail's header or a page number is never a title. English, French and Spanish."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.prose_titles import prose_names
from capdev.narrative.title_choice import choose, clean, quoted_names, rejection
from capdev.narrative.title_evidence import never_reason, self_named, subject_line, subject_rest

FILES = Path(__file__).parent / "files" / "round6" / "titles"

# file, the title ("" = none), is it proposed?, what must never be the sure title
CASES = [
    # A document's first line, no label and no facts under it: proposed.
    ("firstline_en.txt", "Water Utilities Regulation in the Mekong Basin", True, []),
    ("firstline_fr.txt", "Concertation nationale sur la fonction publique territoriale au Sénégal", True, []),
    ("firstline_es.txt", "Catastro y finanzas municipales en la región de los Andes", True, []),
    # The same line with the record's labelled facts right under it: sure.
    ("facts_en.txt", "Water Utilities Regulation in the Mekong Basin", False, []),
    ("facts_fr.txt", "Concertation nationale sur la fonction publique territoriale au Sénégal", False, []),
    ("facts_es.txt", "Catastro y finanzas municipales en la región de los Andes", False, []),
    # An e-mail: the subject without "Subject: RE: FW:", proposed; the headers never.
    ("subject_en.txt", "Civil Registration Reform in the Pacific Islands", True, ["From:", "Subject", "RE:"]),
    ("subject_fr.txt", "Dématérialisation des marchés publics en Afrique de l'Ouest", True, ["De :", "Objet", "TR:"]),
    ("subject_es.txt", "Compras públicas electrónicas en Centroamérica", True, ["De:", "Asunto", "RV:"]),
    # A saved web page: the cookie notice and the breadcrumb are no title.
    ("cookie_en.txt", "", None, ["cookies", "Home >"]),
    ("cookie_fr.txt", "", None, ["cookies", "Accueil"]),
    ("cookie_es.txt", "", None, ["cookies", "Inicio /"]),
    # A phrase in quotes (a guide's, a report's name) the text does not say is the project's: proposed.
    ("quote_en.txt", "Regulating Water Services for the Poor", True, []),
    ("quote_fr.txt", "Dix leçons sur la gestion des carrières communales", True, []),
    ("quote_es.txt", "Buenas prácticas de catastro multifinalitario", True, []),
    # "the project of the same name", "le projet du même nom", "el proyecto homónimo": the quoted name is sure.
    ("samename_en.txt", "Gender-Responsive Budgeting for Local Governments", False, []),
    ("samename_fr.txt", "Budgétisation sensible au genre dans les communes", False, []),
    ("samename_es.txt", "Presupuestos sensibles al género en municipios", False, []),
    # No title line: the name a sentence gives the project ("under project X", "dans le cadre du projet X"), proposed.
    ("framed_en.txt", "Local Revenue Mobilisation in East African Cities", True, ["In 2023"]),
    ("framed_fr.txt", "Gestion des archives publiques au Burundi", True, ["En 2023", "financé"]),
    ("framed_es.txt", "Registro social de hogares en Guatemala y Honduras", True, ["Durante 2023", "que se"]),
    # A first line that a sentence names as the project: sure; a relative clause is never part of the title.
    ("confirmed_en.txt", "Local Revenue Mobilisation in East African Cities", False, ["which"]),
    ("confirmed_fr.txt", "Gestion des archives publiques au Burundi", False, []),
    ("confirmed_es.txt", "Registro social de hogares en Guatemala y Honduras", False, ["que se ejecuta"]),
    # Committee minutes (PV, acta): the minutes' own title is no project name, even with facts under it.
    ("minutes_en.txt", "Local Revenue Mobilisation in East African Cities", True, ["Minutes of"]),
    ("minutes_fr.txt", "Gestion des archives publiques au Burundi", True, ["Procès-verbal"]),
    ("minutes_es.txt", "Registro social de hogares en Guatemala y Honduras", True, ["Acta de"]),
    # A mission report's title: never the project's.
    ("mission_en.txt", "", None, ["Report of the mission"]),
    ("mission_fr.txt", "", None, ["Rapport de mission"]),
    ("mission_es.txt", "", None, ["Informe de la misión"]),
    # A press release: its type, 'for immediate release' and the headline (a sentence) are no title; the name the
    # body gives the project is proposed.
    ("press_en.txt", "Local Revenue Mobilisation in East African Cities", True,
     ["PRESS RELEASE", "IMMEDIATE", "Kenya strengthens"]),
    ("press_fr.txt", "Gestion des archives publiques au Burundi", True,
     ["COMMUNIQUÉ", "diffusion", "se dote"]),
    ("press_es.txt", "Registro social de hogares en Guatemala y Honduras", True,
     ["NOTA DE PRENSA", "difusión", "avanzan"]),
    # An evaluation's own title names the project: the name proposed, the evaluation's title never sure.
    ("evaluation_en.txt", "Local Revenue Mobilisation in East African Cities", True, ["Evaluation summary", "Final"]),
    ("evaluation_fr.txt", "Gestion des archives publiques au Burundi", True, ["Évaluation finale"]),
    ("evaluation_es.txt", "Registro social de hogares en Guatemala y Honduras", True, ["Evaluación final"]),
    # A title label that holds a code, a placeholder or one word: never the sure title.
    ("placeholder_en.txt", None, True, ["ROA 2231"]),
    ("placeholder_fr.txt", None, True, ["déterminer"]),
    ("placeholder_es.txt", "Honduras", True, ["Honduras"]),
    # A saved page's title ("... | Site"): the site's name cut off, the rest proposed (a <title> is no label).
    ("webpage_en.txt", "Open Budget Data for Parliaments", True, ["Department of Economic", "cookies", "Home >"]),
    ("webpage_fr.txt", "Administration électronique au Sahel", True, ["Nations Unies", "cookies", "Accueil"]),
    ("webpage_es.txt", "Gobierno abierto en los municipios de Honduras", True, ["CEPAL", "cookies", "Inicio"]),
]


@pytest.mark.parametrize("name, title, proposed, never", CASES, ids=[c[0] for c in CASES])
def test_title_and_how_sure(name: str, title: str, proposed: bool | None, never: list[str]) -> None:
    records = parse_file(FILES / name)
    assert len(records) == 1
    rec = records[0]
    if title is None:
        assert not rec.title or rec.title_is_proposed  # proposed from the text's own words, if anything
    elif title:
        assert rec.title == title
        assert rec.title_is_proposed is proposed
    else:
        assert not rec.title or rec.title_is_proposed
    for bad in never:
        assert bad not in rec.title or rec.title_is_proposed, f"{bad!r} given as sure in {rec.title!r}"


@pytest.mark.parametrize("line, why", [
    ("This website uses cookies to improve your experience", "a cookie notice or a navigation link"),
    ("Ce site utilise des cookies pour mesurer l'audience", "a cookie notice or a navigation link"),
    ("Utilizamos cookies para mejorar la navegación", "a cookie notice or a navigation link"),
    ("You are here: Home / Projects", "a cookie notice or a navigation link"),
    ("Our work > Projects > Digital government", "a breadcrumb or a menu"),
    ("Nos actions › Projets › Gouvernance numérique", "a breadcrumb or a menu"),
    ("Nuestro trabajo | Proyectos | Gobierno digital", "a breadcrumb or a menu"),
    ("From: Programme Officer", "an e-mail's header"),
    ("Envoyé : mardi 3 mai", "an e-mail's header"),
    ("Para: Equipo regional", "an e-mail's header"),
    ("Page 3 of 12", "a page number"),
    ("Page 2 sur 5", "a page number"),
    ("Página 4 de 9", "a page number"),
    ("- 7 -", "a page number"),
    ("ROA 2124", "a code or a placeholder"),
    ("BEN/19/01", "a code or a placeholder"),
    ("N/A", "a code or a placeholder"),
    ("To be determined", "a code or a placeholder"),
    ("Sans objet", "a code or a placeholder"),
    ("Por definir", "a code or a placeholder"),
    ("Ver anexo 2", "a code or a placeholder"),
])
def test_never_a_title(line: str, why: str) -> None:
    assert never_reason(line) == why
    assert rejection(clean(line)) != ""


@pytest.mark.parametrize("line", [
    "Strengthening Public Procurement in the Western Balkans",
    "Renforcement de la gestion des finances publiques au Mali",
    "Fortalecimiento de la gestión pública en Paraguay",
    "Home-Grown Solutions for Local Revenue in Eastern Africa",
    "Vision 2030 for Public Service Reform",
    "E-Government 2.0 in the Pacific",
])
def test_titles_are_not_chrome(line: str) -> None:
    assert never_reason(line) == ""


@pytest.mark.parametrize("line, rest", [
    ("Subject: RE: FW: Open Contracting in Ukraine", "Open Contracting in Ukraine"),
    ("Objet : TR : Gouvernance locale au Niger", "Gouvernance locale au Niger"),
    ("Asunto: RV: RE: Gobierno abierto en Honduras", "Gobierno abierto en Honduras"),
    ("RE: Budget transparency in Nepal", "Budget transparency in Nepal"),
])
def test_subject_prefixes_stripped(line: str, rest: str) -> None:
    assert subject_rest(line) == (True, rest)
    assert subject_line(f"From: someone\n{line}\n\nDear all,") == rest


def test_subject_is_proposed_not_sure() -> None:
    for line in ("Subject: RE: Open Contracting in Ukraine", "Objet : TR: Gouvernance locale au Niger",
                 "Asunto: RV: Gobierno abierto en Honduras"):
        got = choose(line, "heading", [], [], facts=True)
        assert not got.sure and not got.title.lower().startswith(("subject", "objet", "asunto", "re:", "tr:", "rv:"))


@pytest.mark.parametrize("heading", [
    "Digital Government Readiness in Small Island States",
    "Gouvernance numérique au service des citoyens en Afrique centrale",
    "Gobierno abierto en los municipios de la Amazonía",
])
def test_heading_sure_only_with_facts(heading: str) -> None:
    assert choose(heading, "heading", [], [], facts=True).sure
    got = choose(heading, "heading", [], [], facts=False)
    assert got.title == heading and not got.sure


@pytest.mark.parametrize("heading, named", [
    ("Project on Open Budget Data for Parliaments", True),
    ("Projet de renforcement des capacités des communes du Bénin", True),
    ("Proyecto de modernización del catastro en Bolivia", True),
    ("Projects in the Pacific region", False),
    ("Open Budget Data for Parliaments", False),
    ("Programme for the day of the workshop", False),
    ("Programme de la journée du 3 mai", False),
    ("Programa del taller regional de Lima", False),
])
def test_self_named_heading(heading: str, named: bool) -> None:
    assert self_named(heading) is named
    assert choose(heading, "heading", [], [], facts=False).sure is named


@pytest.mark.parametrize("text, name", [
    ('The team concluded "Local Revenue Systems in Eastern Africa" (code 2031E) in 2022.',
     "Local Revenue Systems in Eastern Africa"),
    ("L'équipe a achevé « Systèmes fiscaux locaux en Afrique de l'Est » (RAF/20/03) en 2022.",
     "Systèmes fiscaux locaux en Afrique de l'Est"),
    ("El curso «Presupuestos locales con enfoque de género» cerró en 2022; es la actividad del proyecto del mismo "
     "nombre.", "Presupuestos locales con enfoque de género"),
])
def test_quoted_name_tied_to_the_project(text: str, name: str) -> None:
    assert quoted_names(text) == [name]


def test_quoted_year_is_no_code() -> None:
    assert quoted_names('The report "Lessons from a Decade of Reform" (2021) was published.') == []


@pytest.mark.parametrize("text, names", [
    ("Officials were trained under the project Open Contracting for Municipal Services, which ends in 2024.",
     ["Open Contracting for Municipal Services"]),
    ("The Civil Service Pay Reform in the Pacific project (2119P) closed in 2023.",
     ["Civil Service Pay Reform in the Pacific"]),
    ("Dans le cadre du programme intitulé Administration électronique au Sahel, qui s'achève en 2024.",
     ["Administration électronique au Sahel"]),
    ("En el marco del proyecto ROA 2231 – Catastro multifinalitario en los Andes, financiado por España.",
     ["Catastro multifinalitario en los Andes"]),
    # who pays, a lower-case description, an organisation: no name
    ("con el apoyo del Programa Ordinario de Cooperación Técnica de la CEPAL", []),
    ("dans le cadre du projet de renforcement des capacités des communes", []),
    ("The United Nations Development Programme supported the work.", []),
])
def test_names_in_sentences(text: str, names: list[str]) -> None:
    assert prose_names(text) == names


@pytest.mark.parametrize("line", [
    "Minutes of the third meeting of the Project Board",
    "Summary record of the 5th meeting",
    "Written question E-001234/2022 to the Commission",
    "Compte rendu de la réunion du 3 mai",
    "Question écrite n° 12345 de M. le député",
    "Rapport d'achèvement du projet",
    "Acta de la sesión del comité directivo",
    "Respuesta escrita a la pregunta 4512",
    "Informe de cierre del proyecto",
    "Final evaluation of the project",
    "Évaluation à mi-parcours du programme",
    "Evaluación intermedia del proyecto",
])
def test_document_titles_are_not_project_names(line: str) -> None:
    assert rejection(clean(line)) == "a document's type or part"


@pytest.mark.parametrize("line", [
    "Distribution of Social Benefits through Digital Platforms",
    "Agenda 2030 en los gobiernos locales de Colombia",
    "Carta de servicios en los municipios de Chile",
    "Lettre de la gouvernance numérique en Afrique",
    "Evaluación de políticas públicas en el Mercosur",
    "Evaluation Capacity Development in Francophone Africa",
])
def test_titles_that_begin_like_documents(line: str) -> None:
    assert rejection(clean(line)) == ""


@pytest.mark.parametrize("line, title", [
    ("Digital Government in Africa | Department of Economic and Social Affairs", "Digital Government in Africa"),
    ("Gouvernance numérique au Sahel – Nations Unies", "Gouvernance numérique au Sahel"),
    ("Gobierno abierto en Honduras | CEPAL", "Gobierno abierto en Honduras"),
    # not a site's name: kept
    ("Support to Civil Service Reform in Liberia – Phase II", "Support to Civil Service Reform in Liberia – Phase II"),
    ("Programme d'appui à la réforme de l'administration – Tunisie 2030",
     "Programme d'appui à la réforme de l'administration – Tunisie 2030"),
])
def test_site_name_cut_off(line: str, title: str) -> None:
    assert clean(line) == title
    got = choose(line, "heading", [], [], facts=True)
    assert got.title == title and got.sure is (line == title)
