"""Round 16: how many records a file holds, read by the structure of the text. A record never begins inside a
sentence (inner_cuts.py); a cover that names the project below is that project's document
(cover_pieces.py); a Roman chapter's numbered sections ("II-1.", "II-2.") divide a report's prose (headed_records);
a sibling numbered section with a project of its own is the next record (sibling_cuts.py). Guards: one project's
document with sections, components and phases stays one record; two sheets each with its own code stay two."""
from __future__ import annotations

from capdev.narrative import parse_file
from capdev.narrative.sibling_cuts import sibling_starts
from capdev.narrative.tests._shared import FILES

DIR = FILES / "round16" / "records"


def _records(name: str):
    return parse_file(DIR / name)


# --- a record never begins in the middle of a sentence (inner_cuts.py) -------------------------------------------
def test_a_code_named_mid_sentence_opens_no_record_en():
    recs = _records("notes_en.txt")
    assert len(recs) == 3
    assert recs[1].title.startswith("Regional Tax Administration Training")
    assert recs[1].code != "RCSF-3"  # a fund's code, named mid-sentence
    assert (recs[1].start.year, recs[1].end.year, recs[1].budgets[0].amount) == (2019, 2023, 2200000)


# --- a cover that names the project below is that project's document (cover_pieces.py) ----------------------------
def test_a_letter_over_the_projects_data_is_one_record_with_the_projects_reference_fr():
    recs = _records("lettre_fr.txt")
    assert [(r.code, r.title) for r in recs] == [
        ("NER/2023/118-04", "Projet d'appui à la réforme de l'administration publique (PARAP)")]
    assert recs[0].budgets[0].amount == 4200000


# --- Roman chapters' numbered sections divide minutes (headed_records) ---------------------------------------------
def test_council_minutes_with_two_projects_in_roman_numbered_sections_fr():
    recs = _records("conseil_fr.txt")
    assert len(recs) == 2
    assert [(r.start.year, r.end.year) for r in recs] == [(2027, 2031), (2022, 2026)]
    assert recs[1].budgets[0].amount == 4000000
    assert all(r.code is None for r in recs)  # "II-2." is a section's number, never a code


# --- a sibling numbered section with a project of its own (sibling_cuts.py) ----------------------------------------
def test_a_pipeline_section_after_two_labelled_projects_is_a_third_record_en():
    recs = _records("sitrep_en.txt")
    assert len(recs) == 3
    assert "Performance Budgeting" in recs[2].title and recs[2].start.year == 2027
    assert recs[2].budgets[0].amount == 900000
    assert "Performance Budgeting" not in recs[1].title


# --- guards ------------------------------------------------------------------------------------------------------
def test_guard_one_programme_with_numbered_objectives_components_and_phases_stays_one_es():
    recs = _records("guard_sections_es.txt")
    assert [r.code for r in recs] == ["PFCA-2024-01"]


def test_guard_one_project_report_with_phases_in_numbered_sections_stays_one_en():
    recs = _records("guard_phases_en.txt")
    assert [r.code for r in recs] == ["MFSP-2022-07"]
    text = (DIR / "guard_phases_en.txt").read_text(encoding="utf-8")
    body = text[text.index("2.1 Phase"):]
    assert sibling_starts(body, 0) == []  # its phases are no records
    plain = body.replace("Phase I - pilot municipalities", "Pilot municipalities").replace(
        "Phase II - national roll-out", "National roll-out")
    assert sibling_starts(plain, 0) == []  # the same project named again: one project's parts


def test_guard_two_sheets_each_with_its_code_stay_two_with_indented_labels_en():
    recs = _records("guard_two_sheets_en.txt")
    assert [r.code for r in recs] == ["PSR-2024-02", "EGV-2025-04"]


# --- items that each name a project and carry its facts (item_cuts.py) --------------------------------------------
def test_an_organisation_charts_project_items_are_one_record_each_es():
    recs = _records("organigrama_es.txt")
    assert len(recs) == 3
    assert "Proyecto de presupuesto por resultados en gobiernos locales" in recs[0].title
    assert recs[1].title.startswith("Programa de modernización del sistema contable")
    assert recs[2].title == "Proyecto de formación de auditores internos"
    assert recs[2].budgets[0].amount == 600000


def test_guard_a_projects_components_listed_with_amounts_and_years_stay_one_record_en():
    recs = _records("guard_components_en.txt")
    assert [r.code for r in recs] == ["TAMP-2025-03"]


# --- a later sheet's row with a code read before is that project again (structured/rows_again.py) ------------------
def test_a_projects_row_in_a_second_sheet_adds_its_events_to_its_record_en():
    path = DIR / "two_sheets_export_en.csv"
    recs = parse_file(path)
    assert [r.code for r in recs] == ["PS-HR-2022-01", "PS-EG-2025-03", "PS-PC-2024-02", "PS-CC-2027-01"]
    assert [r.index for r in recs] == [0, 1, 2, 3]
    assert [(e.start.year, e.country, e.participants) for e in recs[0].activities] == [(2024, "KEN", 40)]
    text = path.read_text(encoding="utf-8")
    # Nothing lost: the records' spans still cover the text, every character once, in order.
    assert "".join(text[s.start : s.end] for r in recs for s in r.spans) == text
