"""Round 12: where records begin, read from repetition whatever the container (a second code of the same shape, a
second amount and period, a second project's name), and the parts of one project that are no records."""
from __future__ import annotations

from capdev.narrative import parse_file
from capdev.narrative.part_pieces import is_part_heading
from capdev.narrative.repeat_cuts import stretch_starts
from capdev.narrative.repeated_facts import codes, repeated_records
from capdev.narrative.tests._shared import FILES

DIR = FILES / "round12" / "records"


def _records(name: str):
    return parse_file(DIR / name)


def _titles(name: str) -> list[str]:
    return [r.title for r in _records(name)]


# --- a part of one project is no record (part_pieces.py, segment_merge.py) -------------------------------------------
def test_components_with_their_own_budget_and_period_join_the_project_en():
    recs = _records("one_project_components_en.txt")
    assert [(r.code, r.budgets[0].amount) for r in recs] == [("PFM-2201", 900000)]
    assert recs[0].start.year == 2022 and recs[0].end.year == 2025


def test_phases_with_their_amount_join_the_project_fr():
    recs = _records("projet_phases_fr.txt")
    assert [(r.code, r.budgets[0].amount) for r in recs] == [("PADF-19", 1200000)]


def test_specific_objectives_with_their_budget_join_the_project_es():
    recs = _records("proyecto_objetivos_es.txt")
    assert [(r.code, r.budgets[0].amount) for r in recs] == [("MGA-24", 480000)]


def test_part_headings_in_three_languages():
    for head in ("Component 1 – Budget preparation", "Phase II (2022-2024)", "Objetivo específico 1", "Fase 2",
                 "Deuxième phase", "Résultat 1", "Sous-composante 1.2", "Specific objective 3"):
        assert is_part_heading(head), head


def test_guard_headings_that_are_no_parts():
    for head in ("Court Case Management", "Phase-out of paper archives in the courts", "Component analysis",
                 "Projet d'appui à la justice", "Results-based budgeting for municipalities"):
        assert not is_part_heading(head), head


def test_guard_a_phase_with_its_own_code_stays_a_record_fr():
    assert [r.code for r in _records("guard_phase_own_code_fr.txt")] == ["JP-2018-01", "JP-2022-02"]


# --- stretches under codes of one shape (repeated_facts.py) ----------------------------------------------------------
def test_title_lines_over_grant_paragraphs_en():
    recs = _records("cinq_projets_titres_en.txt")
    assert [r.title for r in recs] == ["Court Case Management", "Prison Health Records", "Juvenile Justice Mediation",
                                       "Legal Aid Hotline", "Police Complaints Portal"]
    assert all(any(f.field == "record" for f in r.flags) for r in recs)  # the bounds are guessed


def test_chat_lines_each_a_project_es():
    recs = _records("hilo_chat_es.txt")
    assert [r.code for r in recs] == ["TFS-5", "FAI-8"]
    assert recs[1].start.year == 2023 and recs[1].end.year == 2024


def test_bullets_with_codes_in_brackets_es():
    recs = _records("vinetas_cuatro_es.txt")
    assert [r.title for r in recs] == ["Catastro multipropósito rural", "Justicia itinerante en zonas rurales",
                                       "Estadísticas de género para ministerios", "Presupuestos participativos locales"]


def test_guard_lettered_sections_opening_on_ce_projet_under_their_title_stay_two_fr():
    recs = _records("memo_sections_lettres_fr.txt")
    assert len(recs) == 2 and recs[1].start.year == 2022


def test_codes_are_capitals_and_digits_never_an_amount_or_a_disease():
    assert codes("ref. WUB-0417 and GHA/20/002") == ["WUB-0417", "GHA/20/002"]
    assert codes("COVID-19, CHF 1.9M, ISO-9001, 2021-2023") == []


def test_guard_a_second_code_in_a_paragraph_about_the_programme_en():
    recs = _records("guard_one_project_paragraphs_en.txt")
    assert [r.code for r in recs] == ["RSM-2020-01"]


def test_guard_one_project_told_twice_summary_then_details_en():
    assert [r.code for r in _records("summary_then_details_en.txt")] == ["DISP-77"]


def test_guard_covid_and_iso_are_no_codes_fr():
    assert [r.code for r in _records("guard_covid_iso_fr.txt")] == ["CSP-2020-02"]


def test_guard_one_code_shape_once_is_no_list():
    text = ("The project (AB-12) runs 2021-2023 with USD 10,000.\n\n"
            "It trained 40 people from CD-1 in 2022 for USD 5,000.\n")
    assert repeated_records(text) == []


# --- list items and named paragraphs without codes (repeated_facts.py) ----------------------------------------------
def test_numbered_items_each_with_amount_and_period_es():
    recs = _records("lista_seis_sin_codigo_es.txt")
    assert len(recs) == 6
    assert recs[0].title == "Registro social de hogares"
    assert [r.end.year for r in recs] == [2023, 2024, 2022, 2024, 2025, 2026]


def test_minutes_paragraphs_each_naming_a_programme_en():
    recs = _records("minutes_two_programmes_en.txt")
    assert [r.title for r in recs] == ["Programme for Local Revenue Mobilisation",
                                       "Programme for Court Records Modernisation"]
    assert recs[0].start.year == 2022 and recs[1].start.year == 2023


def test_guard_activities_listed_under_a_head_with_total_fr():
    assert len(_records("guard_activites_listees_fr.txt")) == 1


def test_guard_items_under_a_head_with_total_es():
    assert len(_records("guard_cabecera_con_total_es.txt")) == 1


def test_guard_previous_phase_named_with_its_amount_en():
    assert _titles("guard_previous_phase_named_en.txt") == ["Public Investment Management Strengthening"]


# --- a record read as one, cut at its repeated codes (repeat_cuts.py) ------------------------------------------------
def test_rows_of_two_projects_each_with_a_code_and_facts_are_cut_at_their_rows_en():
    text = (DIR / "roadmap_rows_en.txt").read_text(encoding="utf-8")
    starts = stretch_starts(text, 0)
    assert [text[at : at + 9] for at in starts] == ["1   [PRJ]", "4   [PRJ]"]


def test_guard_a_second_id_label_and_the_same_sums_again_cut_nothing_en():
    text = (DIR / "guard_two_ids_one_record_en.txt").read_text(encoding="utf-8")
    assert stretch_starts(text, 0) == []


def test_guard_two_ids_of_one_labelled_record_en():
    recs = _records("guard_two_ids_one_record_en.txt")
    assert [r.code for r in recs] == ["TAX-2021-04"]
