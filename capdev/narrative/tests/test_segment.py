"""segment: record boundaries, label values over lines, narrative, and blocks that cover every character."""
from __future__ import annotations

from capdev.narrative.segment import block_value, segment, split_lines
from capdev.narrative.tests._shared import FILES as FILES_DIR

OLD = (
    "Main Expectations: 1. first;\n2. second.\n"
    "Objective/Purpose of Project: Overall objective: To do things.\n"
    "Cooperation Partners: UNDP\n"
    "Time Frame: June 2009 - December 2011\n"
    "Funding: XBTC\n"
    "Proposed Budget: US$79,568\n"
    "Division: PACB\n"
)


def fields(text: str) -> list[list[str]]:
    return [[b.field for b in r.blocks] for r in segment(text)]


def values(text: str, field: str) -> list[str]:
    return [block_value(text, b) for r in segment(text) for b in r.blocks if b.field == field]


def covers(text: str) -> None:
    recs = segment(text)
    pos = 0
    for r in recs:
        for b in r.blocks:
            assert b.start == pos, (b, pos)
            assert b.end > b.start
            pos = b.end
    assert pos == len(text)


def test_split_lines_keeps_every_line_break() -> None:
    text = "a\r\nb\rc\n\nd"
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["a", "b", "c", "", "d"]
    assert "".join(text[ln.start : ln.stop] for ln in lines) == text


def test_opening_label_after_closing_fields_starts_a_record() -> None:
    text = OLD + OLD.replace("PACB", "DMB")
    recs = segment(text)
    assert len(recs) == 2
    assert recs[1].start == len(OLD)
    covers(text)


def test_nested_objective_label_is_left_out_of_the_value() -> None:
    assert values(OLD, "objective") == ["To do things."]
    text = "Objective/Purpose of Project:\nOverall objective: To do more.\nDivision: DMB\n"
    assert values(text, "objective") == ["To do more."]
    assert fields(text) == [["objective", "lead_unit"]]


def test_value_on_following_lines_and_label_without_colon() -> None:
    text = "Objective\nTo improve services\nacross two lines.\nBudget:\n$5\n"
    assert values(text, "objective") == ["To improve services\nacross two lines."]
    assert values(text, "budget") == ["$5"]


def test_label_without_space_after_colon() -> None:
    assert values("Cooperation Partners:DRC Government\nDivision: PACB\n", "partners") == ["DRC Government"]


def test_narrative_after_closing_field_starts_a_record_when_labels_follow() -> None:
    text = OLD + ("Implemented by UN DESA, this project aims to help.\nMore "
                  "narrative.\nObjective:\nTo help.\nBudget: $1\n")
    recs = segment(text)
    assert len(recs) == 2
    assert [b.field for b in recs[1].blocks] == ["summary", "summary", "objective", "budget"]


def test_narrative_after_closing_field_stays_when_no_record_follows() -> None:
    text = OLD + "The project was extended by a year.\n"
    recs = segment(text)
    assert len(recs) == 1
    assert recs[0].blocks[-1].field == "narrative"


def test_short_field_value_does_not_swallow_the_narrative_after_it() -> None:
    text = ("Objective: x\nRegion: Americas\nOutcome 1: By 2026, y.\nOutcome 2: By 2026, z.\nA workshop "
            "was held in May 2025.\n")
    assert fields(text) == [["objective", "region", "outcomes", "outcomes", "narrative"]]


def test_short_field_with_value_on_following_lines() -> None:
    text = ("Objective: x\nSDG:\n1\n10\n16\nThe project has held many workshops in many places over the years, "
            "and it will continue.\n")
    assert values(text, "sdgs") == ["1\n10\n16"]
    assert fields(text)[0][-1] == "narrative"


def test_short_field_broken_off_with_a_comma_continues() -> None:
    text = "Objective: x\nPartners: UNDP, UNICEF,\nWHO\nDivision: DMB\n"
    assert values(text, "partners") == ["UNDP, UNICEF,\nWHO"]


def test_title_label_and_code_header_start_records() -> None:
    text = (
        "Title: One\nProject Code: 1415AB\nObjective: a\n"
        "Title: Two\nObjective: b\n"
        "ZAI/08/001: Three\nObjective: c\n"
        "DA1617B:\nFour\nObjective: d\n"
    )
    recs = fields(text)
    assert recs == [["title", "code", "objective"], ["title", "objective"], ["code", "objective"],
                    ["code", "title", "objective"]]


def test_repeated_objective_starts_a_record_but_numbered_outcomes_do_not() -> None:
    text = "Objective: a\nOutcome 1: x\nOutcome 2: y\nObjective: b\nPartners: UNDP\nDonors: EU\n"
    assert fields(text) == [["objective", "outcomes", "outcomes"], ["objective", "partners", "partners"]]


def test_first_short_line_of_a_page_is_its_title() -> None:
    text = "Digital Government in the Pacific\n\nThe project helps.\nObjective: x\n"
    assert fields(text) == [["title", "summary", "objective"]]
    assert fields("The project helps a lot.\nObjective: x\n") == [["summary", "objective"]]


def test_preamble_before_the_first_record_is_kept_as_unparsed() -> None:
    text = "Projects of the branch\nPage 1\nZAI/08/001: One\nObjective: a\n"
    recs = segment(text)
    assert len(recs) == 1
    assert [b.field for b in recs[0].blocks] == ["unparsed", "unparsed", "code", "objective"]
    covers(text)


def test_no_label_no_record() -> None:
    assert segment("Just some prose.\nAnd more prose.\n") == []
    assert segment("Objective:\n\n") == []
    assert segment("") == []


def test_blank_lines_and_crlf_are_covered() -> None:
    for text in ("\n\n" + OLD + "\n\n", OLD.replace("\n", "\r\n"), OLD.replace("\n", "\r"), OLD.rstrip("\n")):
        covers(text)
        assert len(segment(text)) == 1


def test_a_stray_repeated_label_in_closing_narrative_is_narrative() -> None:
    text = "Objective: x\nBudget: $5\nOutcome 1: y\nA workshop was held.\nObjective: the workshop aimed to train.\n"
    assert fields(text) == [["objective", "budget", "outcomes", "narrative", "narrative"]]
    # ... but when labels follow, it is a second record.
    assert len(segment(text + "Budget: $6\n")) == 2


def test_title_line_between_records() -> None:
    text = OLD + "Support to Parliaments in the Caribbean\n" + OLD
    recs = segment(text)
    assert [b.field for b in recs[1].blocks][:2] == ["title", "expected_accomplishments"]


def test_bare_label_word_amid_closing_narrative_is_a_heading() -> None:
    text = "Objective: x\nBudget: $5\nOutcome 1: y\nThe project held workshops.\nActivities\nA workshop in May 2025.\n"
    assert fields(text) == [["objective", "budget", "outcomes", "narrative", "narrative", "narrative"]]
    # With a colon it is still a label.
    assert fields(text.replace("Activities\n", "Activities:\n"))[0][-2:] == ["narrative", "planned_activities"]


def test_a_description_after_the_facts_stays_in_its_record():
    """Pages that list the facts first and describe the project after them are one record each."""
    from capdev.narrative import parse_file

    records = parse_file(FILES_DIR / "facts_before_description.txt")
    assert [r.code for r in records] == ["1819C", "ZAI/08/001"]
    first = records[0]
    assert first.summary.startswith("The project aims to strengthen")
    assert len(first.planned_activities) == 3
    assert first.status == "Completed" and first.countries == ["GHA", "CIV", "SEN", "SLE"]
