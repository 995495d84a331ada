"""Classes of failure found on records in layouts the parser had never seen (issue #16, round 3): each rule on
small records of our own (tests/files/classes), in English, French and Spanish, worded apart from one another."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.labels import match_label

CLASSES = Path(__file__).parent / "files" / "classes"


def _names(rec, role=None):
    return [p.name for p in rec.partners if role is None or p.role == role]


# --- a plural mark in brackets after a singular: "Partenaire(s)", "Socio(s)", "Country(ies)" -----------------------

@pytest.mark.parametrize("line, field", [
    ("PARTENAIRE(S)", "partners"), ("Partenaire(s) :", "partners"), ("Socio(s)", "partners"),
    ("Country(ies):", "countries"), ("Activity(ies)", "planned_activities"), ("País(es)", "countries"),
    ("Bénéficiaire(s) :", "beneficiaries"),
])
def test_a_singular_with_a_plural_mark_is_the_plural_label(line: str, field: str) -> None:
    m = match_label(line)
    assert m is not None and m.field == field


@pytest.mark.parametrize("line", ["Date: ______", "Activity: launch workshop", "Partenaire de la semaine"])
def test_a_bare_singular_is_no_plural_label(line: str) -> None:
    """Only the bracketed mark makes a singular the plural's label: "Date:" in a signature block is no time frame."""
    assert match_label(line) is None


@pytest.mark.parametrize("name, partners, countries", [
    ("plural_marks_en.txt", ["Public Procurement Advisory Division", "Ministry of Finance and Development Planning"],
     ["LSO"]),
    ("plural_marks_fr.txt", ["Ministère de l'Administration du territoire", "Agence nationale des titres sécurisés"],
     ["TCD"]),
    ("plural_marks_es.txt", ["Tribunal Superior de Cuentas", "Instituto de Acceso a la Información Pública"], ["HND"]),
])
def test_values_under_a_label_with_a_plural_mark(name: str, partners: list[str], countries: list[str]) -> None:
    records = parse_file(CLASSES / name)
    assert len(records) == 1
    rec = records[0]
    assert _names(rec, "cooperating") == partners
    assert rec.countries == countries


def test_a_name_between_two_labels_of_one_field_is_more_of_the_list() -> None:
    """'Socio(s)' / two names / 'Donante(s)': the second name is no title of a next record."""
    rec, = parse_file(CLASSES / "plural_marks_es.txt")
    assert _names(rec, "funding") == ["Gobierno de Suiza"]
    assert rec.title == "Transparencia fiscal en Honduras"
