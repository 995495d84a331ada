"""A fixed-width table of projects whose title cell wraps onto the lines below and holds labelled lines of other
facts ("Partner: Kenya School of Government", "Entidad beneficiaria: ...") under a compound column name ("Project
title / Lead applicant / Partner"), and whose column names sit anywhere above the dashes that draw each column
(issue #16, round 8; tests/files/round8/wrapped_cells, in English, French and Spanish). Each project keeps its
title whole, without the labelled lines, and each labelled line gives its own fact."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file

FILES = Path(__file__).parent / "files" / "round8" / "wrapped_cells"

# file -> per project: code, title, country, amount, start, end, partners (name, role)
EXPECTED = {
    "en_grants_awarded.txt": [
        ("KE-24-017", "Digital records for county assemblies", "KEN", 180000, "2024-03", "2026-02",
         [("Kenya School of Government", "cooperating")]),
        ("GH-24-009", "Citizen feedback in district health services", "GHA", 95500, "2024-05", "2025-04",
         [("Ghana Health Service", "cooperating")]),
    ],
    "fr_subventions.txt": [
        ("SN-24-004", "Dématérialisation de l'état civil dans les communes rurales", "SEN", 150000, "2024-01",
         "2025-12", [("Agence de l'informatique de l'État", "cooperating")]),
        ("CM-24-011", "Formation des agents fiscaux municipaux", "CMR", 88000, "2024-04", "2025-03",
         [("École nationale d'administration et de magistrature", "cooperating")]),
    ],
    "es_resolucion.txt": [
        ("ECU-24-002", "Gestión por resultados en gobiernos provinciales", "ECU", 120000, "2024-02", "2026-01",
         [("Consorcio de Gobiernos Provinciales", "beneficiary"), ("Universidad de Salamanca", "cooperating")]),
        ("URY-24-006", "Datos abiertos para la transparencia departamental", "URY", 64000, "2024-06", "2025-05",
         [("Intendencia de Canelones", "beneficiary")]),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_project_of_the_table(name: str) -> None:
    records = parse_file(FILES / name)
    assert len(records) == len(EXPECTED[name])
    for record, (code, title, country, amount, start, end, partners) in zip(records, EXPECTED[name]):
        assert (record.code, record.title, record.countries) == (code, title, [country])
        assert [b.amount for b in record.budgets] == [Decimal(amount)]
        assert (record.start.iso(), record.end.iso()) == (start, end)
        assert [(p.name, p.role) for p in record.partners] == partners
        assert not any(f.field == "title" for f in record.flags)
