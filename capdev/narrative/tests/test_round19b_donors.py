"""Round 19b: the payer written after a labelled amount ("Budget: USD 2.5 million from the Government of Canada"),
offered as the donor (flagged), the name ending at the line that opens the next label or at the bracket that closes
around the amount; never a country served."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text

_RECORD = """Project: Digital Records for Local Councils
Code: DRLC-22
Period: 2022-2025
{budget}
Partner: National School of Local Government
"""


@pytest.mark.parametrize("budget, donor", [
    ("Budget: USD 2.5 million from the Government of Canada", "Government of Canada"),
    ("Budget : 2,5 millions EUR du Gouvernement du Canada", "Gouvernement du Canada"),
    ("Presupuesto: USD 2,5 millones del Gobierno de Canadá", "Gobierno de Canadá"),
])
def test_the_payer_after_a_labelled_amount_is_the_suggested_donor(budget, donor):
    (record,) = parse_text(_RECORD.format(budget=budget))
    assert [p.name for p in record.partners if p.role == "funding"] == [donor]
    assert any(f.field == "funding_source" and f.reason.startswith("suggested") for f in record.flags)
    assert "CAN" not in record.countries


def test_the_payers_name_ends_where_the_bracket_closes():
    text = _RECORD.format(budget="The project (USD 2.5 million from the Government of Canada) supports councils in "
                                 "Ghana.")
    (record,) = parse_text(text)
    assert [p.name for p in record.partners if p.role == "funding"] == ["Government of Canada"]
    assert record.countries == ["GHA"]
