"""Round 11: where each project record begins and ends (rows of a sheet under its projects, cards, sections)."""
from __future__ import annotations

from capdev.narrative import parse_file
from capdev.narrative.tests._shared import FILES

DIR = FILES / "round11" / "records"


def _records(name: str):
    return parse_file(DIR / name)


def _codes(name: str) -> list[str | None]:
    return [r.code for r in _records(name)]


# --- rows under a sheet's projects: an empty row, totals, a note (structured/trailer_rows.py) -----------------------
def test_sheet_empty_row_grand_total_and_prepared_by_are_no_projects_en():
    assert _codes("sheet_trailer_en.csv") == ["PX-101", "PX-117"]


def test_sheet_sous_total_and_source_note_are_no_projects_fr():
    assert _codes("feuille_sous_total_fr.csv") == ["BF-2022-3", "NE-2024-1"]


def test_tab_sheet_totales_and_fuente_are_no_projects_es():
    assert _codes("hoja_totales_es.tsv") == ["GT-31", "SV-07"]


def test_guard_titles_opening_with_total_or_note_words_stay_projects():
    assert [r.title for r in _records("guard_title_total_en.csv")] == [
        "Total quality management in the revenue service", "Note-taking and minutes for cabinet secretariats"]


def test_guard_empty_row_between_projects_and_a_row_without_title_keep_their_projects():
    assert _codes("guard_empty_row_between_en.csv") == ["ZZ-1", "ZZ-2", "ZZ-3"]
