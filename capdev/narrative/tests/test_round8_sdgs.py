"""Goals written with their names or themes in brackets (issue #16, round 8): "SDGs: 4 (Quality education) and 16
(...)", "ODD ..... 8 (travail décent) ; 16 (...)", "ODS vinculados: 10 (Reducción ...), 16 (...)": the numbers are
the goals, the words in brackets only name them (tests/files/round8/sdgs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values.sdgs import parse_sdgs

FILES = Path(__file__).parent / "files" / "round8" / "sdgs"


@pytest.mark.parametrize("name, goals", [
    ("en_goals_with_names.txt", [4, 16]), ("fr_odd_avec_themes.txt", [8, 16]), ("es_ods_con_nombres.txt", [10, 16]),
])
def test_goals_named_in_brackets(name: str, goals: list[int]) -> None:
    (record,) = parse_file(FILES / name)
    assert record.sdgs == goals
    assert not any(f.field == "sdgs" for f in record.flags)


@pytest.mark.parametrize("text, goals", [
    ("5 (égalité entre les sexes) et 16 (institutions efficaces)", [5, 16]),
    ("16 (Paz, justicia e instituciones sólidas), 5 (Igualdad de género)", [16, 5]),
    ("3 (Good health) / 17 (Partnerships)", [3, 17]),
])
def test_a_goal_number_before_its_name(text: str, goals: list[int]) -> None:
    assert parse_sdgs(text)[0] == goals


@pytest.mark.parametrize("text", ["Gender (5)", "Gobernanza (ver anexo 2)", "voir le cadre logique (partie 3)"])
def test_a_number_inside_brackets_or_words_only_is_no_goal(text: str) -> None:
    assert parse_sdgs(text)[0] == []
