"""Round 19: a form's responses exported as a table (Google Forms, Microsoft Forms, KoboToolbox, LimeSurvey).

A form's column names are its questions, and a question may name years or hold digits in brackets ("Main event held in
2025-2026 (date, place, number of participants)"); such a column is no value, so the header still heads a table of
projects, one per response. A short name with digits ("2024", "1920Z") still marks a row of labels and values."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.structured.cells import Column, column_label, names_projects

_FORM_EN = "\n".join([
    '"Timestamp","Email address","Project title","Project code","Status","Start (MM/YYYY)","Total budget",'
    '"Countries served","Anything held in 2024-2025? (date, number of people)"',
    '"2026/10/01 10:02:11","a@example.org","Records Management Reform","RMR-04","Active","02/2024","USD 300,000",'
    '"Ghana","Workshop in Accra, 40 people"',
    '"2026/10/02 16:40:09","b@example.org","Open Budget Portal for Districts","OBP-11","Completed","05/2021",'
    '"EUR 125,000","Zambia",""',
    "",
])

_FORM_FR = "\n".join([
    "Horodateur;Adresse e-mail;Intitulé du projet;Statut;Budget total;Pays;"
    "Activités menées en 2025 (date, lieu, nombre de participants)",
    "12/11/2026 09:14;x@example.org;Appui à la gestion des archives publiques;En cours;EUR 410 000;Sénégal;"
    "atelier à Thiès, 25 personnes",
    "13/11/2026 10:20;y@example.org;Formation des greffiers municipaux;Terminé;XOF 90 000 000;Bénin;",
    "",
])

_FORM_ES = "\n".join([
    "Marca temporal,Dirección de correo,Título del proyecto,Estado,Presupuesto,País,"
    "Principales eventos del período 2024-2026 (fecha y lugar)",
    "5/11/2026 8:01:00,z@example.org,Escuela de Gobierno Municipal,Activo,USD 250.000,Honduras,",
    "6/11/2026 9:15:00,w@example.org,Compras públicas abiertas,Finalizado,USD 180.000,Paraguay,"
    "Taller en Asunción (mayo de 2025)",
    "",
])


@pytest.mark.parametrize("text, titles", [
    (_FORM_EN, ["Records Management Reform", "Open Budget Portal for Districts"]),
    (_FORM_FR, ["Appui à la gestion des archives publiques", "Formation des greffiers municipaux"]),
    (_FORM_ES, ["Escuela de Gobierno Municipal", "Compras públicas abiertas"]),
])
def test_a_form_question_with_years_still_heads_a_table_of_projects(text, titles):
    records = parse_text(text, "responses.csv")
    assert [r.title for r in records] == titles
    assert all(r.status for r in records)
    assert all(r.countries for r in records)


def test_the_forms_values_are_read_per_response():
    first, second = parse_text(_FORM_EN, "responses.csv")
    assert (first.code, str(first.start), first.countries) == ("RMR-04", "2024-02", ["GHA"])
    assert (second.code, second.countries) == ("OBP-11", ["ZMB"])
    assert [(int(b.amount), b.currency) for b in second.budgets] == [(125000, "EUR")]


@pytest.mark.parametrize("names", [
    ["Title", "2024"],                       # a record's label and a year: a row of labels and values
    ["Project title", "Status", "Code 1920Z"],  # a short name with a code in it: a value
])
def test_a_short_name_with_digits_is_still_a_value(names):
    columns = [Column(n, column_label(n)) for n in names]
    assert not names_projects(columns)


def test_a_test_response_is_no_project_but_is_kept_and_flagged():
    text = _FORM_EN.replace('"2026/10/01', '"2026/09/30 08:00:00","qa@example.org","TEST - please ignore","","Active",'
                            '"01/2026","","1","Testland",""\n"2026/10/01', 1)
    records = parse_text(text, "responses.csv")
    assert [r.title for r in records] == ["Records Management Reform", "Open Budget Portal for Districts"]
    first = records[0]
    assert any("test entry" in f.reason for f in first.flags if f.field == "record")
    assert any("2026/09/30 08:00:00" in f.reason for f in first.flags if f.field == "unparsed")


@pytest.mark.parametrize("title, is_test", [
    ("TEST - please ignore", True), ("Prueba, no tomar en cuenta", True), ("essai", True),
    ("Test and evaluation framework for civil servants", False), ("Pruebas de oposición", False),
    ("Demo", True), ("Democracy and governance", False),
])
def test_what_a_test_entry_is(title, is_test):
    from capdev.narrative.structured.column_names import is_test_entry

    assert is_test_entry(title) is is_test


def test_a_forms_own_columns_give_the_project_no_date():
    first = parse_text(_FORM_FR, "responses.csv")[0]
    assert first.start is None  # "12/11/2026 09:14" is when the form was answered
    assert all(a.start is None or a.start.year != 2026 for a in first.activities) or not first.activities
