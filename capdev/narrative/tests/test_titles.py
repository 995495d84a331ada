"""Proposed titles: short, capitalised, no end punctuation, from the record's purpose; flagged for review."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.titles import MAX_WORDS, propose_title


def _ok(title: str) -> None:
    assert title, "no title"
    assert len(title.split()) <= MAX_WORDS
    assert title[0].isupper()
    assert title[-1] not in ".,;:!?-"


@pytest.mark.parametrize(
    "summary, objective, expectations, title",
    [
        ("", "To provide advisory services to the Ministry of Finance.", [],
         "Provide advisory services to the Ministry of Finance"),
        ("This project aims to strengthen local governance in Nepal by training officials.", "", [],
         "Strengthen local governance in Nepal"),
        ("", "The overall objective of the proposed action is to promote good governance in the Caribbean nations of "
         "the ACP Group of States by empowering the Parliaments.", [],
         "Promote good governance in the Caribbean nations of the ACP Group"),
        ("", "Making the law more appropriate to Human Rights.", ["Revising the Civil code of laws in Djibouti;"],
         "Revising the Civil code of laws in Djibouti"),
        ("", "", ["Pursuant to the Tunis Agenda, among others: build on the existing structures of Internet "
                  "governance, with special emphasis on stakeholders."],
         "Build on the existing structures of Internet governance"),
    ],
)
def test_proposed_titles(summary: str, objective: str, expectations: list[str], title: str) -> None:
    got = propose_title(summary, objective, expectations, [])
    assert got == title
    _ok(got)


def test_long_purpose_is_cut_at_a_word_boundary_without_a_dangling_word() -> None:
    got = propose_title("", "To support " + " ".join(f"word{i}" for i in range(30)) + " and the end.", [], [])
    _ok(got)
    assert got.split()[-1] not in ("and", "the", "of")


def test_nothing_to_propose_from() -> None:
    assert propose_title("", "", [], []) == ""


def test_records_without_title_get_a_flagged_proposal() -> None:
    rec = parse_text("Objective: To build a national e-government strategy.\nDivision: DMB\n")[0]
    assert rec.title == "Build a national e-government strategy"
    assert rec.title_is_proposed
    assert ("title", "proposed from text") in [(f.field, f.reason) for f in rec.flags]


def test_records_with_a_title_keep_it() -> None:
    for text in ("Title: Open Data\nObjective: To help.\n", "ZAI/08/001: Open Data\nObjective: To help.\n"):
        rec = parse_text(text)[0]
        assert rec.title == "Open Data"
        assert not rec.title_is_proposed
        assert all(f.field != "title" for f in rec.flags)
