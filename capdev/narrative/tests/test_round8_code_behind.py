"""A code in brackets closing the title line (issue #16, round 8): "Project: Results-Based Management ...
(2021-RBM-11)", "Projet : ... [MLI-DEP/2022]", "Proyecto: ... (2319K)" give the title without it and, when the
record has no code, the code (flagged: read after the title). A name with a number ("(COVID-19)", "(G20)"), a period
or an acronym in brackets stays in the title (tests/files/round8/code_behind)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.title_glue import unglue

FILES = Path(__file__).parent / "files" / "round8" / "code_behind"


@pytest.mark.parametrize("name, title, code", [
    ("en_report_header.txt", "Results-Based Management for Provincial Planning Offices", "2021-RBM-11"),
    ("fr_compte_rendu.txt", "Modernisation du circuit de la dépense publique locale", "MLI-DEP/2022"),
    ("es_informe.txt", "Integridad en las compras públicas municipales", "GTM-CP/23-04"),
])
def test_a_code_after_the_title(name: str, title: str, code: str) -> None:
    (record,) = parse_file(FILES / name)
    assert (record.title, record.code) == (title, code)
    assert any(f.field == "code" and f.reason == "read after the title" for f in record.flags)


def test_a_name_with_a_number_stays_in_the_title() -> None:
    (record,) = parse_file(FILES / "en_guard_names_in_brackets.txt")
    assert record.title == "Continuity of Public Services during Emergencies (COVID-19)"
    assert record.code is None


@pytest.mark.parametrize("line", [
    "Health systems strengthening in the Sahel (G20)", "Gobierno digital municipal (2020-2023)",
    "Programme d'appui à la décentralisation (PADDL II)", "Escuela de verano de innovación (ODS-16)", "(2319K)",
])
def test_no_code_behind(line: str) -> None:
    assert unglue(line).code == ""
