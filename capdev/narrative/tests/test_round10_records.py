"""Round 10: where each project record begins, in lists of cards set apart by rules and after a page's intro."""
from __future__ import annotations

from capdev.narrative import parse_file
from capdev.narrative.tests._shared import FILES, only_record

DIR = FILES / "round10" / "records"


def _records(name: str):
    return parse_file(DIR / name)


def _titles(name: str) -> list[str]:
    return [r.title for r in _records(name)]


def test_map_popups_between_rules_each_card_is_a_record_with_its_title():
    recs = _records("map_popups_en.txt")
    assert [r.title for r in recs] == ["Civil service performance management reform",
                                       "Provincial public finance training programme"]
    assert recs[0].start.year == 2021 and recs[0].status == "Completed"
    assert recs[1].start.year == 2023 and recs[1].status == "Ongoing"
    assert "Project map" not in recs[0].title and "[Pin" not in recs[1].title


def test_map_cards_between_double_rules_es_first_card_leaves_the_page_head():
    recs = _records("mapa_fichas_es.txt")
    assert len(recs) == 2
    assert recs[0].title == "Fortalecimiento de la carrera pública meritocrática"
    assert recs[0].start.year == 2022 and recs[1].start.year == 2019
    assert "Mapa de proyectos" not in recs[1].title


def test_cards_between_star_rules_fr_intro_paragraph_is_no_title():
    assert _titles("fiches_separees_fr.txt") == ["Appui à la déconcentration des services de l'État",
                                                 "Formation des cadres des collectivités territoriales"]


def test_intro_paragraph_over_capitals_titles_en():
    recs = _records("intro_capitals_en.txt")
    assert [r.title for r in recs] == ["PUBLIC FINANCIAL MANAGEMENT TRAINING FOR SMALL ISLAND STATES",
                                       "DIGITAL RECORDS FOR THE SAMOA PUBLIC SERVICE COMMISSION"]
    assert recs[0].countries == ["FJI", "TON"] and recs[1].countries == ["WSM"]


def test_intro_paragraph_over_capitals_titles_fr():
    assert _titles("intro_majuscules_fr.txt")[0] == "MODERNISATION DE LA GESTION DES ARCHIVES PUBLIQUES"


def test_intro_paragraph_over_capitals_titles_es():
    recs = _records("intro_mayusculas_es.txt")
    assert [r.title for r in recs] == ["PROFESIONALIZACIÓN DEL SERVICIO CIVIL EN GUATEMALA",
                                       "GOBIERNO ABIERTO EN MUNICIPIOS DE EL SALVADOR"]
    assert recs[0].end.year == 2024 and recs[1].end.year == 2026


def test_rule_right_above_labels_stays_inside_one_record():
    rec = only_record(DIR / "one_record_with_rule_en.txt")
    assert rec.title == "Strengthening municipal procurement systems in Moldova"
    assert rec.status == "Ongoing"
    rec = only_record(DIR / "ficha_con_separadores_es.txt")
    assert rec.title.startswith("Modernización de la gestión documental")
    assert rec.status == "Finalizado" and rec.end.year == 2024


def test_json_export_with_several_keys_on_a_line_es():
    recs = _records("export_json_es.txt")
    assert [r.code for r in recs] == ["EC-GOB-2022-03", "PE-GOB-2020-07"]
    assert recs[0].title == "Formación en gestión de riesgos para gobiernos locales"
    assert recs[0].countries == ["ECU"] and recs[1].countries == ["PER"]
    assert str(recs[1].end) == "2022-12-31"


def test_json_export_on_one_line_en():
    recs = _records("export_json_minified_en.txt")
    assert [r.title for r in recs] == ["Civil service performance contracts", "Local government service training"]
    assert [(b.amount, b.currency) for b in recs[1].budgets] == [(2000000, "USD")]


def test_json_export_under_a_key_with_nested_partners_fr():
    recs = _records("export_json_fr.txt")
    assert [r.code for r in recs] == ["SN-FP-2022-04", "CI-FP-2019-01"]
    assert recs[0].title == "Appui à la gestion prévisionnelle des emplois"
    names = [p.name for p in recs[0].partners]
    assert "ENA Sénégal" in names and not any("{" in n for n in names)


def test_json_list_of_events_is_no_list_of_projects():
    rec = only_record(DIR / "events_json_en.txt")
    assert rec.title == "Regional Public Finance Programme"


def test_json_reading_stops_at_its_depth_and_on_text_that_is_no_json():
    from capdev.narrative.labels import default_table
    from capdev.narrative.structured import json_objects

    table = default_table()
    assert json_objects.detect("[" * 100_000, 0, 50_000, table) is None
    assert json_objects.detect("[Marker - Benin]\nBENIN\n", 0, 50_000, table) is None
    assert json_objects.detect('{"a": ' * 50 + "1" + "}" * 50, 0, 50_000, table) is None


def test_layouts_already_read_stay_read():
    # Guards: paragraphs naming a project by its quoted title and code, a record told in two languages, a report's
    # chapters, a YAML-like export: one record each, as before this round.
    for name in ("quoted_paragraphs_en.txt", "paragraphes_guillemets_fr.txt", "parrafos_comillas_es.txt"):
        assert len(_records(name)) == 3, name
    assert only_record(DIR / "bilingue_fr_en.txt").code == "KM-FP-2022-01"
    assert [r.countries for r in _records("capitulos_informe_es.txt")] == [["CHL"], ["URY"]]
    assert [r.code for r in _records("export_yaml_en.txt")] == ["PA-2021-011", "PA-2023-004"]
