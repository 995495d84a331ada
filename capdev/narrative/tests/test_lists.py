"""split_items: numbered, lettered, roman, bulleted, inline and ';'-separated lists; lead-ins are not items."""
from __future__ import annotations

import pytest

from capdev.narrative.lists import split_items


@pytest.mark.parametrize(
    "text, items",
    [
        ("1. alpha;\n2. beta;\n3. gamma.", ["alpha", "beta", "gamma."]),
        ("1) alpha\n2) beta", ["alpha", "beta"]),
        ("(1) alpha\n(2) beta", ["alpha", "beta"]),
        ("(a) alpha;\n(b) beta; and (c) gamma.", ["alpha", "beta", "gamma."]),
        ("a) alpha\nb) beta\nc) gamma", ["alpha", "beta", "gamma"]),
        ("a. alpha\nb. beta", ["alpha", "beta"]),
        ("i. alpha\nii. beta\niii. gamma\niv. delta", ["alpha", "beta", "gamma", "delta"]),
        ("(i) alpha; (ii) beta", ["alpha", "beta"]),
        ("• alpha\n• beta\n• gamma", ["alpha", "beta", "gamma"]),
        ("- alpha\n- beta", ["alpha", "beta"]),
        ("* alpha\n* beta", ["alpha", "beta"]),
        ("– alpha\n– beta", ["alpha", "beta"]),
        ("1. alpha 2. beta 3. gamma", ["alpha", "beta", "gamma"]),
        ("Revising the civil code; training judges; and publishing reports", [
            "Revising the civil code", "training judges", "publishing reports"]),
        ("One paragraph that says what the project expects, with commas, and no list.", [
            "One paragraph that says what the project expects, with commas, and no list."]),
        ("The project has just started and will be implemented through 2010.", [
            "The project has just started and will be implemented through 2010."]),
        ("First paragraph.\nSecond paragraph.", ["First paragraph.", "Second paragraph."]),
        ("1. item that goes on\n   over two lines\n2. second", ["item that goes on over two lines", "second"]),
        ("1. alpha\r\n2. beta\r\n", ["alpha", "beta"]),
        ("1. Support reports: Human Development Report; MDG Reports, etc.;\n2. Training.", [
            "Support reports: Human Development Report; MDG Reports, etc.", "Training."]),
    ],
)
def test_items(text: str, items: list[str]) -> None:
    assert split_items(text).items == items
    assert split_items(text.replace("\n", "\r\n")).items == items
    assert split_items(text.replace("\n", "\r")).items == items


@pytest.mark.parametrize(
    "text, lead_in, count",
    [
        ("Seven areas have been targeted in DRC:\n1. one\n2. two\n3. three",
         "Seven areas have been targeted in DRC:", 3),
        ("As for December 2009 two key accomplishments can be underscored:\n1. one\n2. two",
         "As for December 2009 two key accomplishments can be underscored:", 2),
        ("The following activities are envisaged:\n- one\n- two", "The following activities are envisaged:", 2),
        ("The project will (a) build; (b) train; and (c) publish.", "The project will", 3),
        ("Results so far:\nA workshop was held.\nA guide was drafted.", "Results so far:", 2),
    ],
)
def test_lead_in_is_not_an_item(text: str, lead_in: str, count: int) -> None:
    split = split_items(text)
    assert split.lead_in == lead_in
    assert len(split.items) == count


def test_prose_with_sentences_is_not_split_on_semicolons() -> None:
    text = "A workshop was held in April 2009. Other results are: studies; reports; surveys."
    assert split_items(text).items == [text]


def test_numbers_in_prose_are_not_markers() -> None:
    text = "In 2009, 2. 000 people and e.g. a. b. notes were counted"
    assert len(split_items(text).items) == 1


def test_out_of_sequence_markers_do_not_split() -> None:
    assert len(split_items("1. alpha mentions 3. something").items) == 1


def test_item_starts_point_at_their_markers() -> None:
    text = "Intro:\n1. alpha\n2. beta"
    split = split_items(text)
    assert [text[s : s + 2] for s in split.starts] == ["1.", "2."]


def test_empty() -> None:
    assert split_items("  \n ").items == []
