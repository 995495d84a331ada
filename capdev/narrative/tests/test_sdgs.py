"""SDGs: goal numbers, target codes and goal names in SDG fields and in prose."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.narrative.values.sdgs import find_sdg_mentions, goal_name, is_valid_target, parse_sdgs


@pytest.mark.parametrize(
    "text, goals, targets",
    [
        ("SDG 1, SDG 10, SDG 11, SDG 16, SDG 17", [1, 10, 11, 16, 17], []),
        ("SDG 17, SDG 1", [17, 1], []),
        ("Goal 17: Partnerships for the Goals", [17], []),
        ("Goal 5", [5], []),
        ("Goals 1 and 2", [1, 2], []),
        ("1\n10\n16", [1, 10, 16], []),
        ("16\n", [16], []),
        ("5, 16", [5, 16], []),
        ("- 16\n- 17", [16, 17], []),
        ("• 4\n• 5", [4, 5], []),
        ("SDGs 5 and 16", [5, 16], []),
        ("SDGs 5, 10 and 16", [5, 10, 16], []),
        ("SDG 5 & SDG 16", [5, 16], []),
        ("SDG16", [16], []),
        ("SDG-16", [16], []),
        ("SDG #16", [16], []),
        ("ODS 16", [16], []),
        ("ODD 5 et ODD 16", [5, 16], []),
        ("16.6", [16], ["16.6"]),
        ("16.a, 16.7", [16], ["16.a", "16.7"]),
        ("16.A", [16], ["16.a"]),
        ("Target 16.7", [16], ["16.7"]),
        ("Targets 16.6 and 16.7", [16], ["16.6", "16.7"]),
        ("SDG 16.6 and 16.10", [16], ["16.6", "16.10"]),
        ("SDG target 5.5; SDG 16", [5, 16], ["5.5"]),
        ("17.19", [17], ["17.19"]),
        ("Peace, Justice and Strong Institutions", [16], []),
        ("Peace, justice & strong institutions; gender equality", [16, 5], []),
        ("Gender Equality", [5], []),
        ("Good Health and Well-being", [3], []),
        ("good health and wellbeing", [3], []),
        ("Industry, Innovation and Infrastructure", [9], []),
        ("Reduced Inequalities", [10], []),
        ("Partnerships for the Goals", [17], []),
        ("SDG 5: Gender Equality\nSDG 16: Peace, Justice and Strong Institutions", [5, 16], []),
        ("1. No Poverty\n16. Peace, Justice and Strong Institutions", [1, 16], []),
        ("16) Peace\n4) Quality Education", [16, 4], []),
        ("Goal 5 - Gender equality; Goal 16", [5, 16], []),
        ("SDG 16, 16.6, SDG 16", [16], ["16.6"]),
        ("Climate Action and Life Below Water", [13, 14], []),
        ("Thematic Area: SDG 1, SDG 10", [1, 10], []),
    ],
)
def test_parse_sdgs(text: str, goals: list[int], targets: list[str]) -> None:
    assert parse_sdgs(text) == (goals, targets)


@pytest.mark.parametrize(
    "text",
    ["", "  ", "the SDGs", "SDG 18", "Goal 0", "SDG 99", "16.11", "17.a", "1.c", "18.1", "3 targets are met",
     "12 months", "Governance"],
)
def test_parse_sdgs_gives_nothing(text: str) -> None:
    assert parse_sdgs(text) == ([], [])


def test_target_implies_goal_in_order() -> None:
    assert parse_sdgs("5.5, SDG 16, 1.b") == ([5, 16, 1], ["5.5", "1.b"])


@pytest.mark.parametrize(
    "text, goals, targets",
    [
        ("support the implementation of the SDGs", [], []),
        ("the Sustainable Development Goals (SDGs)", [], []),
        ("contributes to SDG 16 and SDG target 16.6", [16], ["16.6"]),
        ("aligned with SDGs 5 and 16 by 2030", [5, 16], []),
        ("Sustainable Development Goal 16 on peace", [16], []),
        ("Goal 3 of the project is training", [], []),
        ("a 16.6 percent increase", [], []),
        ("in paragraph 72, SDG16 matters", [16], []),
        ("targets 16.6 and 16.7 of the 2030 Agenda", [16], ["16.6", "16.7"]),
    ],
)
def test_find_sdg_mentions(text: str, goals: list[int], targets: list[str]) -> None:
    assert find_sdg_mentions(text) == (goals, targets)


@pytest.mark.parametrize(
    "code, valid",
    [("16.6", True), ("16.10", True), ("16.a", True), ("16.b", True), ("16.c", False), ("16.11", False),
     ("17.19", True), ("17.20", False), ("17.a", False), ("3.d", True), ("0.1", False), ("18.1", False),
     ("1.5", True), ("1.6", False), ("x", False)],
)
def test_is_valid_target(code: str, valid: bool) -> None:
    assert is_valid_target(code) is valid


def test_goal_names() -> None:
    assert goal_name(5) == "Gender Equality"
    assert goal_name(16) == "Peace, Justice and Strong Institutions"
    assert all(goal_name(n) for n in range(1, 18))
    assert goal_name(0) is None and goal_name(18) is None


def test_every_goal_name_parses_to_its_number() -> None:
    for n in range(1, 18):
        assert parse_sdgs(goal_name(n)) == ([n], []), goal_name(n)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    goals, targets = parse_sdgs(text)
    assert all(1 <= g <= 17 for g in goals)
    assert len(goals) == len(set(goals)) and len(targets) == len(set(targets))
    assert all(is_valid_target(t) and int(t.split(".")[0]) in goals for t in targets)
    find_sdg_mentions(text)
