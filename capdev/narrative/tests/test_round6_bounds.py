"""Round 6: where a record of prose begins and ends, in report-like genres, in English, French and Spanish (records
written for these tests, tests/files/round6/bounds/): a donor's boxed sections, a management report's numbered
sections, web result cards, an evaluation summary, a committee's minutes, a newsletter's headlines, an annual report.
One record per project; never a record cut out of ONE project's document (its usual sections, the code above
them), never a record of a cover page; a text that names projects but gives no record is not refused: one record
per project, marked as guessed. Every character of a text is in some record's spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.named_projects import BOUNDS_FLAG, names_in
from capdev.narrative.record_evidence import has_own_evidence, is_project_section, is_section_name

FILES = Path(__file__).parent / "files" / "round6" / "bounds"

# Per file, per record: (code, budget (amount, currency) or None, countries served). The codes and amounts are
# each record's own: a neighbour's never comes into it.
MANY: dict[str, list[tuple[str | None, tuple[int, str] | None, set[str]]]] = {
    # A donor's results report, one box per project.
    "en_boxes.txt": [("RWA/21/003", (480000, "USD"), {"RWA"}), ("MDA/22/007", (275000, "USD"), {"MDA"}),
                     ("LSO/23/001", (190000, "USD"), {"LSO"})],
    "fr_encadres.txt": [("CMR/20/011", (350000, "EUR"), {"CMR"}), ("CIV/21/004", (210000, "EUR"), {"CIV"}),
                        ("NER/22/002", (160000, "EUR"), {"NER"})],
    "es_recuadros.txt": [("PRY/21/006", (320000, "USD"), {"PRY"}), ("GTM/22/002", (145000, "USD"), {"GTM"}),
                         ("HND/23/004", (260000, "USD"), {"HND"})],
    # A management report, a numbered section per project.
    "en_management_report.txt": [(None, (520000, "USD"), {"UKR"}), (None, (300000, "USD"), {"ARM"}),
                                 (None, (260000, "USD"), {"GEO"})],
    "fr_rapport_gestion.txt": [("BEN/21/002", (400000, "EUR"), {"BEN"}), ("TGO/22/005", (240000, "EUR"), {"TGO"}),
                               ("MRT/23/001", (190000, "EUR"), {"MRT"})],
    "es_informe_gestion.txt": [("BOL/20/015", (410000, "USD"), {"BOL"}), ("ECU/22/003", (230000, "USD"), {"ECU"}),
                               ("PER/23/008", (180000, "USD"), {"PER"})],
    # Web result cards: a title line, a sentence, a line of facts.
    "en_cards.txt": [(None, (140000, "USD"), {"TON"}), (None, (95000, "USD"), {"WSM"}),
                     (None, (120000, "USD"), {"VUT"})],
    "fr_cartes.txt": [(None, (180000, "EUR"), {"TGO"}), (None, (150000, "EUR"), {"TCD"}),
                      (None, (110000, "EUR"), {"BDI"})],
    "es_tarjetas.txt": [(None, (200000, "USD"), {"HND"}), (None, (170000, "USD"), {"PAN"}),
                        (None, (90000, "USD"), {"BOL"})],
    # An evaluation summary, a paragraph or a row per project; a project mentioned in passing opens no record.
    "en_evaluation_summary.txt": [(None, (500000, "USD"), {"GEO"}), (None, (350000, "EUR"), {"ARM"})],
    "fr_synthese_evaluations.txt": [(None, (450000, "EUR"), {"MDG"}), (None, (200000, "EUR"), {"COM"})],
    "es_resumen_evaluaciones.txt": [(None, (380000, "USD"), {"ECU"}), (None, (210000, "USD"), {"COL"})],
    # A committee's minutes: the agenda's items that discuss a project; "Any other business" is none.
    "en_minutes.txt": [(None, (200000, "USD"), {"BTN"}), (None, (350000, "USD"), {"NPL"})],
    # round 11: the one country each record names ("pour la fonction publique du Burkina Faso", "les archives du
    # Gabon", "la Cour des comptes du Congo")
    "fr_proces_verbal.txt": [(None, (420000, "EUR"), {"NER"}), (None, (260000, "EUR"), {"BFA"})],
    "es_acta.txt": [(None, (310000, "USD"), {"SLV"}), (None, (190000, "USD"), {"CRI"})],
    # A newsletter's headlines in capitals.
    "en_newsletter.txt": [("JAM/22/006", (230000, "USD"), {"JAM"}), ("BLZ/23/001", (120000, "USD"), set())],
    "fr_lettre.txt": [("GAB/22/003", (310000, "EUR"), {"GAB"}), ("COG/23/002", (150000, "EUR"), {"COG"})],
    "es_boletin.txt": [("PAN/22/005", (260000, "USD"), {"PAN"}), ("NIC/23/001", (140000, "USD"), {"NIC"})],
    # An annual report's numbered sections under its chapters.
    "en_annual_report.txt": [("MWI/21/005", (330000, "USD"), {"MWI"}), ("UGA/22/009", (270000, "USD"), {"UGA"})],
    "fr_rapport_annuel.txt": [("MRT/21/006", (380000, "EUR"), {"MRT"}), ("MLI/22/008", (220000, "EUR"), {"MLI"})],
    "es_memoria_anual.txt": [("URY/21/003", (290000, "USD"), {"URY"}), ("PRY/22/007", (160000, "USD"), {"PRY"})],
}

# ONE project's document, its sections numbered or headed: one record, whatever its sections say.
ONE: dict[str, str | None] = {
    "en_one_project_sections.txt": None, "fr_un_projet_sections.txt": None, "es_un_proyecto_secciones.txt": None,
    "en_one_project_newsletter.txt": "GHA/21/009", "fr_pv_un_projet.txt": "MLI/21/004",
    "es_informe_anual_un_proyecto.txt": "COL/22/011", "en_components_coded.txt": "KEN/22/005",
    # A cover page above a labelled record: the agency's name and one fact, no record of their own.
    "en_cover_page.txt": "MON/22/014", "fr_page_de_garde.txt": "MDG/21/003", "es_portada.txt": "GTM/22/010",
}

# Texts that give no record but name projects: one record per project, marked as guessed.
NAMED = {"en_no_record_named.txt": 2, "fr_aucun_releve.txt": 2, "es_ningun_registro.txt": 2}
GUESSED = {"en_cards.txt", "fr_cartes.txt", "es_tarjetas.txt", "en_evaluation_summary.txt",
           "fr_synthese_evaluations.txt", "es_resumen_evaluaciones.txt", *NAMED}


def _text(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8")


def _records(name: str):
    return parse_text(_text(name), source_file=name)


@pytest.mark.parametrize("name", sorted(MANY))
def test_one_record_per_project(name):
    records = _records(name)
    expected = MANY[name]
    assert len(records) == len(expected), [r.title for r in records]
    for rec, (code, budget, countries) in zip(records, expected):
        if code is not None:
            assert rec.code == code
        assert [(int(b.amount), b.currency) for b in rec.budgets] == [budget], rec.title
        if countries is not None:
            assert set(rec.countries) == countries, (rec.title, rec.countries)


@pytest.mark.parametrize("name", sorted(ONE))
def test_one_projects_document_stays_one_record(name):
    records = _records(name)
    assert len(records) == 1, [r.title for r in records]
    if ONE[name]:
        assert records[0].code == ONE[name]


@pytest.mark.parametrize("name", sorted(NAMED))
def test_a_text_that_names_projects_is_not_refused(name):
    records = _records(name)
    assert len(records) == NAMED[name]
    for rec in records:
        assert any((f.field, f.reason) == BOUNDS_FLAG for f in rec.flags)


@pytest.mark.parametrize("name", sorted(MANY) + sorted(ONE) + sorted(NAMED))
def test_every_character_is_in_some_record(name):
    text = _text(name)
    covered = sorted((s.start, s.end) for r in _records(name) for s in r.spans)
    assert covered[0][0] == 0 and covered[-1][1] == len(text)
    assert all(a[1] >= b[0] for a, b in zip(covered, covered[1:])), "a gap between spans"


@pytest.mark.parametrize("name", sorted(MANY))
def test_only_guessed_bounds_are_flagged_so(name):
    flagged = [any((f.field, f.reason) == BOUNDS_FLAG for f in r.flags) for r in _records(name)]
    assert all(flagged) if name in GUESSED else not any(flagged)


def test_a_mention_in_passing_is_kept_unplaced_not_read_as_the_record_before():
    """"The evaluation of the Azerbaijan Civil Service Project was postponed": no record of its own (no fact), and
    never its country on the record before it."""
    records = _records("en_evaluation_summary.txt")
    assert "AZE" not in records[-1].countries
    assert any(s.field == "unparsed" and "Azerbaijan" in _text("en_evaluation_summary.txt")[s.start:s.end]
               for s in records[-1].spans)


@pytest.mark.parametrize("title", ["Background", "2. Objectives of the project", "III. Résultats attendus",
                                   "Componente 1", "Exécution du budget", "Antecedentes", "Plan de travail 2024",
                                   "Resultados alcanzados", "Contexte et justification"])
def test_usual_sections_of_one_project(title):
    assert is_project_section(title)


@pytest.mark.parametrize("title", ["Budget transparency toolkit reaches Mongolia", "Open contracting in Ukraine",
                                   "Activities in Ghana and Togo", "Registre foncier du Togo", "Bhutan e-procurement"])
def test_headings_that_are_no_usual_section(title):
    assert not is_section_name(title)


def test_minutes_items_that_are_no_project():
    assert is_section_name("Adoption of the agenda") and is_section_name("Questions diverses")
    assert is_section_name("Asuntos varios") and not is_project_section("Asuntos varios")


def test_evidence_of_a_project_of_its_own():
    assert has_own_evidence("Project GHA/21/009 trained judges.")
    assert has_own_evidence('The project "Open Courts for Ghana" runs from 2021 to 2024.')
    assert not has_own_evidence("The project trained 25 judges in Kumasi in May 2023 for USD 15,000.")
    assert has_own_evidence("The project trained 25 judges in May 2023.", named=True)  # a section's title names it
    assert not has_own_evidence("The committee met in May 2023 with USD 15,000 spent.", named=True)


def test_names_of_projects():
    assert names_in("the Samoa Payroll Audit Project serves the Audit Office") == ["samoa payroll audit"]
    assert names_in("El proyecto Catastro Abierto recibió a la misión") == ["catastro abierto"]
    assert names_in("funded by the Regular Programme of Technical Cooperation") == []
    assert names_in("The Project Manager met the team") == []


@pytest.mark.parametrize("text", [
    "Ghana Digital Identity\nCountry: Ghana\nDescription: Supports the National Identification Authority.\n\n"
    "Kenya Open Courts\nCountry: Kenya\nDescription: Supports the Judiciary of Kenya.\n",
    "Identité numérique du Ghana\nPays : Ghana\nDescription : Appui à l'Autorité nationale d'identification.\n\n"
    "Justice ouverte au Kenya\nPays : Kenya\nDescription : Appui au pouvoir judiciaire du Kenya.\n",
    "Identidad digital de Ghana\nPaís: Ghana\nDescripción: Apoyo a la Autoridad Nacional de Identificación.\n\n"
    "Justicia abierta en Kenia\nPaís: Kenia\nDescripción: Apoyo al Poder Judicial de Kenia.\n",
])
def test_a_card_with_a_title_a_fact_and_a_description_is_a_record(text):
    """Cover pages join their neighbour, a project's card does not: its title, a fact and what it tells."""
    assert [r.countries for r in parse_text(text)] == [["GHA"], ["KEN"]]


@pytest.mark.parametrize("text", [
    'Dakar, 4 May 2023 - Court clerks of Senegal learn to scan case files under the project "Digital Justice for '
    'Senegal", which runs from 2022 to 2025 with EUR 900,000 from Belgium.\n\nIt builds on the earlier Court Records '
    "Project, which ran from 2015 to 2018 and was funded by the World Bank.\n",
    "Le projet « Justice numérique au Sénégal » forme depuis 2022 les greffiers du Sénégal, avec 900 000 euros de "
    "la Belgique pour 2022-2025.\n\nIl prolonge le projet Archives Judiciaires Sénégalaises, mené de 2015 à 2018 et "
    "financé par la Banque mondiale.\n",
    "El proyecto «Justicia digital en el Senegal» capacita desde 2022 a los secretarios judiciales, con EUR 900.000 "
    "de Bélgica para 2022-2025.\n\nContinúa el proyecto Archivos Judiciales Senegaleses, ejecutado de 2015 a 2018 "
    "y financiado por el Banco Mundial.\n",
])
def test_a_story_of_one_project_that_recalls_another_stays_one_record(text):
    """A paragraph that tells of a project is read as such: an earlier project it recalls is no record of its own."""
    records = parse_text(text)
    assert len(records) == 1
    assert not any((f.field, f.reason) == BOUNDS_FLAG for f in records[0].flags)
