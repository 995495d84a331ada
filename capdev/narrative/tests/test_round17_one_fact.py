"""A stretch stating one fact at most is no project's record when others in the file state more (issue #16, round
17, one_fact_records.py): a workbook's notes sheet, a memo's head with only its reference, a storyboard's last row.
Each was one more record (counted wrong). Its text stays, unplaced and flagged, with a neighbouring record; nothing
it left in the source only (a contact's e-mail) is copied out. A file whose records all state one fact keeps them."""
from __future__ import annotations

import pytest

from capdev.narrative import iter_records, parse_file, parse_text
from capdev.narrative.one_fact_records import facts

from ._shared import FILES, assert_no_text_lost

DIR = FILES / "round17"


@pytest.mark.parametrize("name, codes, note", [
    ("workbook_en.txt", ["SADC-04", "SADC-07"], "Budgets are in the donor's currency"),
    ("classeur_fr.txt", ["AO-11", "AO-12"], "Montants dans la devise du bailleur"),
    ("libro_es.txt", ["AND-21", "AND-22"], "Montos en la moneda del donante"),
])
def test_a_notes_sheet_below_the_projects_is_no_record(name, codes, note):
    records = parse_file(DIR / name)
    assert [r.code for r in records] == codes
    last = records[-1]
    assert any(note in piece for piece in last.unparsed)
    assert any(f.field == "unparsed" and "one fact" in f.reason for f in last.flags)
    assert not any("@" in piece for piece in last.unparsed)  # the contact's e-mail stays in the source only
    assert [r.index for r in records] == list(range(len(records)))


def test_the_stray_s_text_keeps_its_spans():
    text = (DIR / "workbook_en.txt").read_text(encoding="utf-8")
    records = parse_file(DIR / "workbook_en.txt")
    assert_no_text_lost(text, records)


def test_a_one_fact_record_alone_in_its_file_stays():
    records = parse_text("Project: Civil service induction course\n")
    assert len(records) == 1 and "induction" in records[0].title


def test_records_stating_more_are_never_folded():
    text = ("Project: Open budget portals\nCode: OB-01\nCountry: Ghana\n\n"
            "Project: Municipal records\nCode: MR-02\nCountry: Kenya\n")
    records = list(iter_records([text]))
    assert [r.code for r in records] == ["OB-01", "MR-02"]
    assert all(facts(r) >= 2 for r in records)
