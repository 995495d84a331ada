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
