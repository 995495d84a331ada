"""Round 7: documents that tell of several projects in parallel blocks without labels, in English, French and
Spanish (records written for these tests, tests/files/round7/blocks/): a portal's search-result cards (title line,
meta line, summary, "Read more"), cards cut only by their "Read more" links, a results report's boxes between
editorial paragraphs, an annual report telling its projects in consecutive paragraphs ("The second project, X, ...").
One record per project, each with its own facts, no record of a page's heading, footer or editorial note; every
character of the text in some record's spans."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.named_projects import BOUNDS_FLAG, names_in
from capdev.narrative.parallel_blocks import box_heading, is_meta_line, is_navigation, phase_of

FILES = Path(__file__).parent / "files" / "round7" / "blocks"

# Per file, per record: (title or None when not asserted, start year, end year, budget, currency, countries, status).
CASES: dict[str, list[tuple]] = {
    "cards_en.txt": [("Digital Land Registry for Kenya", 2021, 2024, 1200000, "USD", ["KEN"], "Ongoing"),
                     ("Civil Service Academy Strengthening", 2018, 2020, 350000, "EUR", ["GHA"], "Completed"),
                     ("Open Budget Portal for Nepal", 2025, 2027, 600000, "USD", ["NPL"], "Pipeline")],
    "cards_fr.txt": [("Modernisation de l'état civil au Niger", 2022, 2025, 900000, "EUR", ["NER"], "En cours"),
                     ("Réforme de la fonction publique territoriale", 2017, 2020, 1500000, "USD", ["SEN"], "Terminé"),
                     ("Observatoire des marchés publics", 2025, 2026, 300000, "EUR", ["BEN"], "En préparation")],
    "cards_es.txt": [("Catastro municipal abierto en Bolivia", 2022, 2025, 450000, "USD", ["BOL"], "En ejecución"),
                     ("Escuela de Gobierno Digital", 2019, 2021, 280000, "USD", ["PRY"], "Finalizado"),
                     ("Ventanilla Única de Inversiones", None, None, 1100000, "USD", ["HND"], "En formulación")],
    "navcards_en.txt": [("Tax administration reform in Liberia", 2021, 2023, 700000, "USD", ["LBR"], None),
                        ("Judicial case tracking in Sierra Leone", 2022, 2024, 420000, "EUR", ["SLE"], None)],
    "navcards_fr.txt": [("Dématérialisation des marchés publics à Madagascar", 2021, 2024, 560000, "EUR", ["MDG"],
                         None),
                        ("Formation des greffiers en Guinée", 2022, 2023, 210000, "EUR", ["GIN"], None)],
    "navcards_es.txt": [("Interoperabilidad de datos en Costa Rica", 2020, 2023, 530000, "USD", ["CRI"], None),
                        ("Justicia itinerante en Nicaragua", 2021, 2024, 310000, "USD", ["NIC"], None)],
    # "Results Report 2023", "Rapport sur les résultats 2022", "Informe de resultados 2023" date the report (round 16,
    # values.head_dates): a period wholly before or across its year gives a status, flagged as inferred.
    "boxes_en.txt": [("Digital payroll for Samoa", 2021, 2023, 520000, "USD", ["WSM"], None),
                     ("E-procurement in Fiji", 2022, 2024, 740000, "USD", ["FJI"], "active"),
                     ("Records Management in Tonga", 2020, 2022, 310000, "USD", ["TON"], "completed")],
    "boxes_fr.txt": [("Justice numérique au Burkina Faso", 2020, 2023, 610000, "EUR", ["BFA"], "active"),
                     ("Formation des maires au Mali", 2021, 2022, 280000, "EUR", ["MLI"], None),
                     ("Cadastre fiscal au Togo", 2019, 2021, 430000, "EUR", ["TGO"], "completed")],
    "boxes_es.txt": [("Gobierno abierto municipal en Guatemala", 2021, 2023, 390000, "USD", ["GTM"], None),
                     ("Servicio civil meritocrático en Ecuador", 2022, 2024, 650000, "USD", ["ECU"], "active"),
                     ("Firma electrónica en Perú", 2020, 2022, 275000, "USD", None, "completed")],
    # A news archive's briefs about ONE project: one record, not one per brief.
    # "started this month ... It will run until February 2026": active, suggested and flagged (round 15)
    "archive_en.txt": [("Open Courts for Mongolia", 2023, 2026, 650000, "USD", ["MNG"], "active")],
    "archive_fr.txt": [("Mairies connectées", 2022, 2025, 480000, "EUR", ["GAB"], None)],
    "archive_es.txt": [("Aduana Digital", 2021, 2024, 520000, "USD", ["PAN"], None)],
    # Press releases on successive phases of one programme: a phase with its own period and budget is its own record.
    "phases_en.txt": [(None, 2020, 2022, 400000, "USD", None, None), (None, 2022, 2024, 750000, "USD", None, None)],
    "phases_fr.txt": [("Villes numériques", 2019, 2020, 300000, "EUR", None, None),
                      ("Villes numériques", 2021, 2024, 520000, "EUR", None, None)],
    "phases_es.txt": [("Salud Digital Rural", 2018, 2020, 350000, "USD", None, None),
                      ("Salud Digital Rural", 2020, 2023, 610000, "USD", None, None)],
    # Titles of prose paragraphs are the titles area's: the counts and each paragraph's own facts are asserted.
    # An annual report's year dates it (round 9): a period running past that year is of an active project.
    "annual_en.txt": [(None, 2020, 2023, 480000, "USD", ["LSO"], "active"),
                      (None, 2021, 2023, 360000, "USD", ["MWI"], "active"),
                      (None, 2022, 2024, 290000, "USD", ["ZMB"], "active")],
    "annual_fr.txt": [("Archives nationales numériques", 2019, 2021, 520000, "EUR", ["CMR"], None),
                      (None, 2020, 2022, 750000, "EUR", ["CIV"], "active"),
                      ("Police de proximité", 2021, 2024, 410000, "EUR", None, None)],
    "annual_es.txt": [(None, 2020, 2023, 610000, "USD", ["COL"], "active"),
                      (None, 2021, 2023, 340000, "USD", None, "active"),
                      (None, 2019, 2022, 275000, "USD", None, None)],
}
GUESSED = {"navcards_en.txt", "navcards_fr.txt", "navcards_es.txt", "annual_en.txt", "annual_fr.txt", "annual_es.txt"}


def _parse(name: str):
    text = (FILES / name).read_text(encoding="utf-8")
    return text, parse_text(text, name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_record_per_block_with_its_own_facts(name: str) -> None:
    text, records = _parse(name)
    expected = CASES[name]
    assert len(records) == len(expected), [r.title for r in records]
    for rec, (title, start, end, amount, currency, countries, status) in zip(records, expected):
        if title is not None:
            assert rec.title == title
        assert (rec.start.year if rec.start else None) == start, rec.title
        assert (rec.end.year if rec.end else None) == end, rec.title
        # Its own amount only: never a neighbour's.
        assert [(b.amount, b.currency) for b in rec.budgets] == [(Decimal(amount), currency)], rec.title
        if countries is not None:
            assert rec.countries == countries, rec.title
        assert rec.status == status
        assert (BOUNDS_FLAG in [(f.field, f.reason) for f in rec.flags]) == (name in GUESSED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_character_in_one_record(name: str) -> None:
    text, records = _parse(name)
    assert records[0].offset == 0
    assert sum(len(r.text) for r in records) == len(text)
    assert "".join(r.text for r in records) == text


@pytest.mark.parametrize(("name", "refused"), [
    ("cards_en.txt", ("Search results", "Showing 1")), ("cards_fr.txt", ("Nos projets",)),
    ("cards_es.txt", ("Resultados de la",)), ("navcards_en.txt", ("Subscribe", "Latest from")),
    ("navcards_fr.txt", ("Abonnez-vous", "Actualités")), ("navcards_es.txt", ("Suscríbase", "Historias")),
    ("boxes_en.txt", ("Lessons learned", "Results Report")), ("boxes_fr.txt", ("La revue", "Rapport sur")),
    ("boxes_es.txt", ("Las lecciones", "Informe de")),
])
def test_page_heading_footer_and_editorial_note_are_no_record(name: str, refused: tuple[str, ...]) -> None:
    """A page's heading, its footer, an editorial paragraph between boxes: kept in a neighbour's text, never a
    record's title nor a fact of it (the editorial "du Fonds recommande" is no funder)."""
    _text, records = _parse(name)
    for rec in records:
        assert not any(rec.title.startswith(r) for r in refused)
        assert "recommande" not in (rec.funding_source or "")


def test_shape_words() -> None:
    assert is_meta_line("Kenya · Ongoing · 2021–2024")
    assert is_meta_line("Bolivia | En ejecución | USD 450 000")
    assert is_meta_line("Niger — En cours — 2022-2025")
    assert not is_meta_line("Governance — a report on the year")
    assert not is_meta_line("The project ran from 2020 to 2022 in Kenya and Uganda with partners.")
    for nav in ("Read more", "Read more »", "Lire la suite", "Ver más", "[Learn more]", "En savoir plus"):
        assert is_navigation(nav), nav
    assert not is_navigation("Read more about the project in our annual report.")
    assert box_heading("Box 3: Records management in Tonga") is not None
    assert box_heading("Encadré 2 – Formation des maires au Mali") is not None
    assert box_heading("Recuadro 1. Gobierno abierto en Guatemala") is not None
    assert box_heading("Boxes of files were moved to the new archive.") is None
    assert box_heading("Focus on results") is None  # no number, no separator: a heading's words, no box


def test_phase_words() -> None:
    assert phase_of("Phase II, project GAM/22/004, extends the work") == 2
    assert phase_of("La phase 1 du programme") == 1
    assert phase_of("Deuxième phase pour le programme") == 2
    assert phase_of("El programa inicia su segunda fase") == 2
    assert phase_of("Comienza la primera fase del programa") == 1
    assert phase_of("The project phased out paper forms") is None


def test_names_set_between_commas() -> None:
    assert names_in("The second project, Local Budget Transparency in Malawi, helped 12 councils.") == [
        "local budget transparency in malawi"]
    assert names_in("Le deuxième projet, Guichet unique des entreprises, a été conduit.") == [
        "guichet unique des entreprises"]
    assert "court records digitisation" in names_in("The Court Records Digitisation project in Lesotho ran.")




def test_one_project_document_stays_one_record() -> None:
    """One project's page with a meta line and one "Read more" is ONE record, not cut."""
    text = ("Digital Land Registry for Kenya\nKenya · Ongoing · 2021–2024\n\nThe project supports the Ministry of "
            "Lands with USD 1.2 million from Japan.\nRead more\n\nResults so far\nThe registry went live in 2023.\n")
    records = parse_text(text)
    assert len(records) == 1
