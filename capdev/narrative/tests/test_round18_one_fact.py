"""Round 18: a value only suggested (flagged "suggested", from weaker evidence) is no fact of a record's own, so a
stray stretch with a stray amount is still folded into its neighbour (one_fact_records.facts)."""
from capdev.narrative import parse_text

from ._shared import FILES

_WORKBOOK = (FILES / "round17" / "workbook_en.txt").read_text(encoding="utf-8")


def test_a_notes_sheet_with_a_stray_amount_is_still_no_record():
    text = _WORKBOOK.replace("- Budgets are in the donor's currency.",
                             "- Budgets are in the donor's currency; printing of the report cost USD 4,500.")
    records = parse_text(text)
    assert [r.code for r in records] == ["SADC-04", "SADC-07"]
    assert any("USD 4,500" in piece for piece in records[-1].unparsed)


def test_a_stated_amount_still_counts():
    text = _WORKBOOK.replace("- Budgets are in the donor's currency.", "Budget: USD 4,500")
    records = parse_text(text)
    assert any(b.amount == 4500 for r in records for b in r.budgets)
