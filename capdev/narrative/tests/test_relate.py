"""Related records: nearly the same texts are linked both ways, never merged; different ones are not."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.relate import record_tokens, similarity

from ._shared import SEED

RECORD = (
    "Main Expectations: Strengthened capacities of national statistical offices to collect governance data.\n"
    "Objective: To support national statistical offices in measuring access to justice and public service quality.\n"
    "Time Frame: {when}\nProposed Budget: {budget}\nDivision: {division}\n"
)
OTHER = (
    "Main Expectations: A national e-government strategy adopted by the Cabinet of Ministers.\n"
    "Objective: To help the Government of Nepal draft and adopt a national e-government strategy.\n"
    "Time Frame: 2010\nProposed Budget: $5\nDivision: EGB\n"
)


def test_same_text_other_year_budget_division_is_related_both_ways() -> None:
    text = (
        RECORD.format(when="2009", budget="US$100,000", division="DMB")
        + OTHER
        + RECORD.format(when="2010", budget="US$120,000", division="EGB")
    )
    recs = parse_text(text)
    assert len(recs) == 3
    assert recs[0].related_to == [2]
    assert recs[2].related_to == [0]
    assert recs[1].related_to == []
    assert recs[0].budgets != recs[2].budgets  # linked, never merged


def test_small_edits_still_relate() -> None:
    a = RECORD.format(when="2009", budget="$1", division="DMB")
    b = a.replace("access to justice", "access to justice and security")
    recs = parse_text(a + b)
    assert recs[0].related_to == [1]


def test_codes_are_used_when_records_have_them() -> None:
    body = RECORD.format(when="2009", budget="$1", division="DMB")
    recs = parse_text("ZAI/08/001: One\n" + body + "ZAI/09/001: Two\n" + body)
    assert recs[0].related_to == ["ZAI/09/001"]
    assert recs[1].related_to == ["ZAI/08/001"]


def test_short_texts_are_not_judged() -> None:
    recs = parse_text("Objective: To help.\nDivision: DMB\nObjective: To help.\nDivision: DMB\n")
    assert len(recs) == 2 and recs[0].related_to == [] and recs[1].related_to == []
    assert similarity(record_tokens(recs[0]), record_tokens(recs[1])) == 0.0


@pytest.mark.skipif(not SEED.exists(), reason=f"shared seed not found at {SEED}")
def test_seed_links_only_the_two_igf_records() -> None:
    recs = parse_file(SEED)
    links = {(r.index, other) for r in recs for other in r.related_to}
    assert links == {(1, 6), (6, 1)}
