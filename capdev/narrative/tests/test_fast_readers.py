"""The readers made fast give what the plain regexes gave: the same spans, the same results, from a cache
bounded in memory (capdev/narrative/alternation.py, text_cache.py)."""
from __future__ import annotations

import random
import re

import pytest

from capdev.narrative import text_cache
from capdev.narrative.alternation import Alternation
from capdev.narrative.values import dates, money, places

NAMES = ["Guinea", "Guinea-Bissau", "Papua New Guinea", "Niger", "Nigeria", "Bahamas", "U.S.", "Côte d'Ivoire",
         "Mali", "Oman", "USA", "Kenya"]
LEFT = r"(?<![\w@/.-])|(?<=/)"
TAIL = r"(?![\w$€£¥])"
WORDS = ["the", "The", "in", "Papua", "New", "Guinea", "guinea", "-Bissau", "Niger", "ia", "Bahamas", "U.S.",
         "US", "Mali", "UNDP/Mali", "e-Mali", "info@mali", "Oman", "Romania", "Kenyan", "Kenya,", "  ", "\n",
         "d'Ivoire", "Côte", "Cote", "USA", "usa", "$", "2020", "Τhe"]


def _plain(branches: list[str], lead: str = "", flags: int = re.IGNORECASE) -> re.Pattern[str]:
    lead_part = f"(?:{lead})?" if lead else ""
    return re.compile(rf"(?:{LEFT}){lead_part}(?:{'|'.join(branches)}){TAIL}", flags)


@pytest.mark.parametrize("lead", ["", r"the\s+"])
@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
def test_the_alternation_matches_as_the_one_regex_does(lead: str, flags: int) -> None:
    ordered = sorted(NAMES, key=lambda s: (-len(s), s))
    branches = [re.escape(name).replace(r"\ ", r"\s+") for name in ordered]
    plain = _plain(branches, lead, flags)
    fast = Alternation([(name[0], b) for name, b in zip(ordered, branches)], left=LEFT, lead=lead, tail=TAIL,
                       flags=flags)
    rng = random.Random(16)
    for _ in range(400):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))
        assert list(fast.spans(text)) == [m.span() for m in plain.finditer(text)], text


def test_the_first_branch_in_order_wins_and_matches_do_not_overlap() -> None:
    fast = Alternation([("G", "Guinea-Bissau"), ("G", "Guinea"), ("B", "Bissau")], left=LEFT, tail=TAIL)
    assert list(fast.spans("Guinea-Bissau and Guinea, Bissau")) == [(0, 13), (18, 24), (26, 32)]


def test_a_branch_must_begin_with_its_first_character() -> None:
    with pytest.raises(ValueError):
        Alternation([("Gu", "Guinea")])


def test_every_written_form_of_a_country_begins_with_the_letter_its_branch_is_filed_under() -> None:
    alternation, _, _ = places._country_scanner()
    assert all(first.isalnum() and fragment.startswith(first) for first, fragment in alternation._branches)


@pytest.mark.parametrize("text", [
    "Projects in the Bahamas, Papua New Guinea and Guinea-Bissau; UNDP/Mali but not e-Mali or info@mali.",
    "En Côte d’Ivoire, au Niger et en République centrafricaine; Türkiye, the Niger Delta, turkey.",
    "PRC-IGE with China; the Republic of Korea and DPRK; Lake Chad; USA and U.S.A.",
])
def test_countries_are_found_as_the_one_regex_found_them(text: str) -> None:
    alternation, _, _ = places._country_scanner()
    plain = re.compile(rf"(?:{places._LEFT})(?:the\s+)?(?:{'|'.join(f for _, f in alternation._branches)})"
                       r"(?![\w$€£¥])", re.IGNORECASE)
    bare = places._bare(text)
    assert list(alternation.spans(bare)) == [m.span() for m in plain.finditer(bare)]
    assert places.find_countries(text)  # and the mentions are read from them


def test_a_date_piece_begins_only_where_the_short_pattern_lets_it() -> None:
    text = "From 3 to 5 March 2021, Q3 2022, the first semester of 2023, 12/05/2024 and in enero de 2020."
    pieces = [(p.start, p.end, p.kind) for p in dates._pieces(text)]
    plain = re.compile(dates._PIECE_BRANCHES, re.IGNORECASE | re.VERBOSE)
    assert len(pieces) == 5
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in dates._PIECE.finditer(text)]


def test_a_prefixed_amount_is_found_wherever_the_plain_pattern_finds_it() -> None:
    text = "A budget of US$ 1.2 million, EUR 300,000, € 45 000, dólares 20 000, Bs 350.000 and francs CFA 3 000 000."
    found = [m.span() for m in money._PREFIXED.finditer(text)]
    assert found == [m.span() for m in re.finditer(money._PREFIXED_BODY, text)]
    assert len(found) == 6


def test_a_text_is_read_once_while_it_is_kept() -> None:
    calls = []

    @text_cache.per_text(budget=40)
    def read(text: str) -> tuple[str, ...]:
        calls.append(text)
        return tuple(text.split())

    assert read("one two") == read("one two") == ("one", "two")
    assert calls == ["one two"]
    text_cache.clear()
    read("one two")
    assert calls == ["one two", "one two"]


def test_what_is_kept_stays_within_its_budget_of_characters() -> None:
    calls = []

    @text_cache.per_text(budget=40)
    def read(text: str) -> int:
        calls.append(text)
        return len(text)

    for word in ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc", "dddddddddd", "eeeeeeeeee"]:
        read(word)
    read("aaaaaaaaaa")  # the oldest went when the fifth came: read again
    read("eeeeeeeeee")  # the newest is still kept
    assert calls.count("aaaaaaaaaa") == 2 and calls.count("eeeeeeeeee") == 1
    read("x" * 11)  # longer than a quarter of the budget: never kept
    read("x" * 11)
    assert calls.count("x" * 11) == 2
