"""Lines of several labelled facts cut by '|' or '·' (round 8b): every pair is a label and its value, also when the
label carries a word saying the figure is an estimate or a plan ("Budget prévisionnel", "Presupuesto previsto",
"Projected budget": data/labels.json 'qualifiers' and 'qualifiers_before'); counterparts under their own labels
("Homologues", "Institución contraparte", "Counterpart institutions"); a summary's sentence told across a line
break still read (tests/files/round8b/layout)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.layout import lay_out

FILES = Path(__file__).parent / "files" / "round8b" / "layout"

CASES = [
    # file, code, budget, funder, counterpart, end
    ("fr_fiche_barres.txt", "MDG-24-ECV", (Decimal("2800000"), "EUR"), "Agence Française de Développement",
     "Ministère de l'Intérieur et de la Décentralisation", "2026-12"),
    ("en_sheet_dots.txt", "GHA-23-PM", (Decimal("640000"), "USD"), "Government of Canada",
     "Office of the Head of the Civil Service", "2025-06"),
    ("es_ficha_barras.txt", "ECU-22-TH", (Decimal("410000"), "USD"),
     "Spanish Agency for International Development Cooperation", "Asociación de Municipalidades Ecuatorianas",
     "2025-12"),
]


@pytest.mark.parametrize("name, code, budget, funder, counterpart, end", CASES)
def test_every_pair_on_a_line_of_labels(name, code, budget, funder, counterpart, end) -> None:
    (record,) = parse_file(FILES / name)
    assert record.code == code  # the line's first label keeps only its own value
    assert [(b.amount, b.currency) for b in record.budgets] == [budget]
    roles = {(p.name, p.role) for p in record.partners}
    assert (funder, "funding") in roles
    assert (counterpart, "cooperating") in roles


@pytest.mark.parametrize("name, code, budget, funder, counterpart, end", CASES)
def test_a_sentence_across_a_line_break(name, code, budget, funder, counterpart, end) -> None:
    (record,) = parse_file(FILES / name)
    assert record.status == "active"
    assert str(record.end) == end
    # Spans still point into the text: the summary's span holds its wrapped lines as written.
    text = (FILES / name).read_text(encoding="utf-8")
    (span,) = [s for s in record.spans if s.field == "summary"]
    assert record.summary.strip() in text[span.start : span.end]


@pytest.mark.parametrize("line, fields", [
    ("Réf. : X-1   |   Budget prévisionnel : 3,1 M€   |   Bailleur : AFD", ["code", "budget", "partners"]),
    ("Código: X-1 · Presupuesto estimado: USD 300.000 · Donante: Japón", ["code", "budget", "partners"]),
    ("Ref.: X-2 | Indicative budget: EUR 2 million | Main donor: Japan", ["code", "budget", "partners"]),
    ("Code: X-3 · Estimated cost: USD 3 million · National counterpart: Ministry of Finance",
     ["code", "budget", "partners"]),
])
def test_each_piece_of_the_line_is_a_label(line: str, fields: list[str]) -> None:
    pieces = lay_out(line)
    assert [p.label.field if p.label else None for p in pieces] == fields
    assert "".join(p.text for p in pieces) == line  # the pieces cover the line, every character once


@pytest.mark.parametrize("line, field", [
    ("Homologues : Ministère de la Fonction publique", "partners"),
    ("Institutions homologues : ENA", "partners"),
    ("Counterpart agency: Public Service Commission", "partners"),
    ("Entidades contrapartes: Secretaría de Finanzas", "partners"),
    ("Planned activities:", "planned_activities"),  # a label of its own wins over a qualified one
    ("Expected accomplishments:", "expected_accomplishments"),
    # A plan of achievements is what is expected, never what was achieved (no qualifier on "achievements").
    ("Expected achievements: 40 officers certified", "expected_accomplishments"),
    ("Réalisations prévues : 12 ateliers", "expected_accomplishments"),
    ("Logros previstos: 3 leyes aprobadas", "expected_accomplishments"),
    ("Début prévu : mars 2024", "time_frame"),
])
def test_counterpart_labels(line: str, field: str) -> None:
    (piece,) = lay_out(line)
    assert piece.label is not None and piece.label.field == field


def test_a_qualifier_in_a_sentence_makes_no_label() -> None:
    (record,) = parse_file(FILES / "en_guard_prose_colon.txt")
    assert record.budgets == []
    assert record.summary.startswith("The council approved the expected budget: the planned figures")
    assert record.planned_activities
    for line in ("The planned budget: USD 5 million was approved.", "Le budget prévu par la loi : voir annexe."):
        assert all(p.label is None for p in lay_out(line))
