"""Round 9: a record's labels of one field in two roles ("Donor" then "Partners") are one record's, even with an
unknown label between them that reads like a title line; the same role labelled again after a title line is the
next record's."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.tests._shared import only_record

FILES = Path(__file__).parent / "files" / "round9" / "bounds"


@pytest.mark.parametrize("name, code, budget, funder, partner", [
    ("en_sheet_two_roles.txt", "MW-PROC-2023-11", 1200000, "Irish Aid", "Local Government Service Commission"),
    ("fr_fiche_deux_roles.txt", "BJ-DEC-2022-04", 2300000, "Coopération suisse",
     "Association nationale des communes du Bénin"),
    ("es_ficha_dos_roles.txt", "PY-GPR-2021-07", 850000, "Unión Europea", "Consejo de Gobernadores"),
])
def test_funders_then_partners_under_their_own_labels_are_one_record(name, code, budget, funder, partner):
    rec = only_record(FILES / name)
    assert rec.code == code
    assert [int(m.amount) for m in rec.budgets] == [budget]
    assert rec.status  # the facts after the partners stay with the record
    texts = [p.text for p in rec.partners]
    assert any(funder in t for t in texts) and any(partner in t for t in texts)


@pytest.mark.parametrize("name, titles", [
    ("en_listing_two_projects.txt", ["Civil registration modernisation in Lesotho",
                                     "Digital skills for district councils in Eswatini"]),
    ("es_listado_dos_proyectos.txt", ["Modernización del registro civil en Honduras",
                                      "Competencias digitales para alcaldías en El Salvador"]),
    ("fr_liste_deux_projets.txt", ["Modernisation de l'état civil au Togo",
                                   "Compétences numériques des mairies au Niger"]),
])
def test_the_same_role_labelled_again_under_a_title_line_is_the_next_record(name, titles):
    assert [r.title for r in parse_file(FILES / name)] == titles


@pytest.mark.parametrize("name, rows", [
    ("en_aid_statistics.txt", [("TZA-20/0415", "Local government revenue administration in Tanzania", "2020-09-01",
                                18000000),
                               ("UGA-22/0078", "Digital records management for Uganda's public service", "2022-03-01",
                                9500000)]),
    ("fr_conventions.txt", [("SEN-22/0451", "Dématérialisation des procédures de la fonction publique sénégalaise",
                             "2022-01", 1200000),
                            ("MLI-19/0212", "Formation continue des agents des collectivités territoriales maliennes",
                             "2019-03", 650000)]),
    ("es_convenios.txt", [("COL-23/0112", "Fortalecimiento de la carrera administrativa en Colombia", "2023-02",
                           780000),
                          ("PER-21/0340", "Gestión por resultados en gobiernos regionales del Perú", "2021-07",
                           560000)]),
])
def test_a_country_year_number_code_heads_each_agreement(name, rows):
    """"TZA-20/0415   Title": a donor's agreement list, each agreement a record under its code and title, with the
    labels aid statistics use ("Agreement period", "Agreement total (commitment)")."""
    got = [(r.code, r.title, r.start.iso() if r.start else None, [int(m.amount) for m in r.budgets])
           for r in parse_file(FILES / name)]
    assert got == [(code, title, start, [amount]) for code, title, start, amount in rows]
