"""A database dump pasted as text (issue #16, round 16): mysqldump's CREATE TABLE and INSERT ... VALUES, pg_dump's
COPY ... FROM stdin, one INSERT per row with its column list. The projects are the rows of the table whose columns
name a project's fields; a column pointing at another table ("cooperante_id") is read as that row's name; a table
of two columns pointing at the projects adds to a field (their countries); a table of dated rows pointing at them
gives their events. The rest of the dump is kept, placed nowhere (tests/files/round16)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.errors import InputError

from ._shared import assert_no_text_lost

FILES = Path(__file__).parent / "files" / "round16"


def _read(name):
    return parse_file(FILES / name)


def test_a_mysql_dump_s_projects_with_their_funder_countries_and_events():
    records = _read("es_mysqldump.sql.txt")
    assert [r.code for r in records] == ["SERVIR-21-03", "SERVIR-24-11"]
    first, second = records
    assert first.title == "Gestión del rendimiento en gobiernos regionales"
    assert (first.start.iso(), first.end.iso()) == ("2021-09-01", "2024-08-31")
    assert [(b.amount, b.currency) for b in first.budgets] == [(Decimal("950000"), "EUR")]
    # cooperante_id 10 -> the row of table cooperante: who pays
    assert [p.text for p in first.partners if p.role == "funding"] == [
        "Agencia Española de Cooperación Internacional para el Desarrollo (AECID)"]
    assert [p.text for p in second.partners if p.role == "funding"] == ["Banco Mundial"]
    assert first.countries == ["PER"] and second.countries == ["PER"]
    assert [(e.start.iso(), e.participants) for e in first.activities] == [("2022-05-17", 45)]
    assert [(e.start.iso(), e.participants) for e in second.activities] == [("2025-02-10", 60)]


def test_a_pg_dump_s_copy_rows_and_their_countries():
    records = _read("en_pg_dump.sql.txt")
    assert [r.title for r in records] == ["Open data for local councils", "Civil service e-learning academy"]
    assert records[0].countries == ["GHA", "KEN"] and records[1].countries == ["RWA"]
    assert [p.text for p in records[0].partners if p.role == "funding"] == ["Government of Norway"]
    assert not any(p.role == "funding" for p in records[1].partners)  # \N: no donor
    assert records[1].end.iso() == "2028-06-30"


def test_one_insert_per_row_with_its_column_list():
    records = _read("fr_inserts.sql.txt")
    assert [r.code for r in records] == ["BF-FP-07", "BF-FP-09", "BF-FP-12"]
    assert records[1].title == "Formation continue des cadres de l'administration territoriale"  # '' is a quote
    assert records[2].end is None  # NULL
    assert [(b.amount, b.currency) for b in records[0].budgets] == [(Decimal("1800000"), "EUR")]


def test_nothing_of_the_dump_is_lost():
    text = (FILES / "es_mysqldump.sql.txt").read_text(encoding="utf-8")
    records = _read("es_mysqldump.sql.txt")
    assert_no_text_lost(text, records)


def test_a_dump_whose_tables_name_no_project_gives_none():
    with pytest.raises(InputError):
        _read("en_users_dump.sql.txt")
