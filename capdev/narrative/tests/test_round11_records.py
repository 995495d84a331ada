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


# --- a page of cards with a contact at its foot (card_pages.py, parallel_blocks.py) -----------------------------
def test_country_page_cards_with_code_meta_line_and_contact_foot_en():
    recs = _records("donor_country_page_en.txt")
    assert [(r.code, r.title) for r in recs] == [("MWI/112", "Local Government Accountability Programme"),
                                                 ("MWI/098", "Judicial Records Digitisation")]
    assert recs[0].start.year == 2021 and recs[1].end.year == 2020
    assert "Embassy" not in (recs[1].summary or "")


def test_country_page_cards_with_dot_meta_line_and_contact_foot_fr():
    recs = _records("fiches_pays_fr.txt")
    assert [r.title for r in recs] == ["Appui à la chaîne pénale", "Réforme de la gestion des archives publiques"]
    assert recs[0].start.year == 2023 and recs[1].start.year == 2018


def test_country_page_cards_with_bar_meta_line_and_contacto_foot_es():
    recs = _records("fichas_pais_es.txt")
    assert [r.code for r in recs] == ["PRY-21-004", "PRY-23-011"]
    assert recs[1].title == "Estadísticas municipales para la planificación"


def test_guard_one_card_with_contact_stays_one_record():
    assert [r.title for r in _records("guard_one_project_contact_en.txt")] == ["Community Policing Training Programme"]


def test_guard_labelled_title_over_component_cards_stays_one_record():
    recs = _records("guard_labelled_title_cards_en.txt")
    assert [r.title for r in recs] == ["Regional programme for tax administration reform in West Africa"]


# --- a newsletter whose links under "References" read as a code's label (card_pages.py) ----------------------------
def test_bulletin_items_under_capitals_with_references_links_en():
    recs = _records("bulletin_links_en.txt")
    assert len(recs) == 2
    assert recs[0].code == "KE-2201" and recs[0].start.year == 2022
    assert recs[1].code is None and recs[1].end.year == 2028


def test_lettre_items_with_references_links_fr():
    recs = _records("lettre_liens_fr.txt")
    assert [r.code for r in recs] == ["MR-301", None]
    assert recs[1].start.year == 2025


def test_boletin_items_with_referencias_links_es():
    recs = _records("boletin_enlaces_es.txt")
    assert [r.code for r in recs] == ["BO-778", None]
    assert recs[1].start.year == 2026


def test_guard_one_project_sections_with_references_links_stays_one_record_and_links_give_no_code():
    recs = _records("guard_one_project_links_en.txt")
    assert len(recs) == 1
    assert recs[0].code == "KE-2201"


# --- another project told in a paragraph of a labelled record (told_projects.py) ----------------------------------
def test_successor_project_paragraph_in_a_progress_report_is_its_own_record_en():
    recs = _records("progress_next_phase_en.txt")
    assert [r.code for r in recs] == ["TZA-MRA-21", "TZA-DPR-25"]
    assert recs[1].title == "Digital property rating for Tanzanian cities"
    assert recs[1].start.year == 2026 and recs[0].start.year == 2021


def test_future_project_item_in_minutes_is_its_own_record_fr():
    recs = _records("compte_rendu_suite_fr.txt")
    assert [r.code for r in recs] == ["CMR-EC-2020", "CMR-NUM-26"]
    assert recs[1].title.startswith("Numérisation des registres")


def test_new_project_paragraph_in_a_report_is_its_own_record_es():
    recs = _records("informe_nuevo_proyecto_es.txt")
    assert [r.code for r in recs] == ["HND-CJ-2022", "HND-DP-2026"]
    assert recs[1].start.year == 2026


def test_guard_earlier_project_named_without_an_amount_is_no_record():
    assert [r.code for r in _records("guard_previous_project_no_amount_en.txt")] == ["ZMB-PPR-23"]


def test_guard_call_for_proposals_names_the_project_it_serves_no_second_record():
    assert len(_records("guard_call_for_proposals_en.txt")) == 1


def test_guard_the_records_own_code_again_with_an_amendment_is_no_record():
    assert [r.code for r in _records("guard_own_code_again_fr.txt")] == ["NER-FL-22"]


# --- the next phase announced by its quoted name at the end of one project's prose (told_projects.split_prose) ----
def _amounts(rec) -> list[int]:
    return [int(b.amount) for b in rec.budgets]


def test_about_page_second_phase_titled_is_its_own_record_en():
    recs = _records("about_next_phase_en.txt")
    assert len(recs) == 2
    assert recs[1].title == "Open contracting for Pacific municipalities"
    assert _amounts(recs[0]) == [2500000] and _amounts(recs[1]) == [1800000]


def test_faq_deuxieme_phase_baptisee_is_its_own_record_fr():
    recs = _records("faq_nouvelle_phase_fr.txt")
    assert len(recs) == 2
    assert recs[1].title == "Audit des collectivités territoriales en Afrique de l'Ouest"
    assert _amounts(recs[0]) == [5000000]


def test_pagina_segunda_fase_denominada_is_its_own_record_es():
    recs = _records("pagina_fase_siguiente_es.txt")
    assert len(recs) == 2
    assert recs[1].title == "Ventanilla única municipal en Centroamérica"
    assert _amounts(recs[0]) == [3200000]


def test_guard_prose_same_project_quoted_again_stays_one_record():
    assert len(_records("guard_prose_same_project_en.txt")) == 1


def test_guard_prose_earlier_project_after_text_without_an_amount_stays_one_record():
    assert len(_records("guard_prose_no_amount_before_fr.txt")) == 1


def test_guard_predecessor_told_with_its_years_and_amount_is_no_record_en():
    assert [r.code for r in _records("guard_predecessor_with_amount_en.txt")] == ["ARM-CAR-24"]


def test_guard_fase_anterior_told_with_its_years_and_amount_is_no_record_es():
    assert len(_records("guard_fase_anterior_es.txt")) == 1


def test_guard_the_records_own_title_quoted_with_a_word_more_is_no_record():
    assert [r.code for r in _records("guard_own_title_quoted_en.txt")] == ["LSO-OC-22"]


def test_guard_a_wrapped_labelled_cell_under_a_later_column_keeps_the_table_going():
    assert _codes("guard_wrapped_label_cell_es.md") == ["GT-11", "GT-12"]
