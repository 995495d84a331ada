"""The one definition of similarity: text Jaccard over content words, the weighted likeness, near-duplicates."""
from __future__ import annotations

import subprocess
import sys

import pytest

from capdev.core import similarity as sim
from capdev.core.similarity import Profile, compare

LONG = "national statistical offices measure access to justice and the quality of public services"


def test_tokens_drop_stopwords_case_and_punctuation():
    assert sim.text_tokens("The Capacity, of the STATE; e-government!") == {"capacity", "state", "e", "government"}


def test_text_similarity_is_the_jaccard_index_and_zero_for_short_texts():
    a = sim.text_tokens(LONG)
    b = sim.text_tokens(LONG + " in rural areas")
    assert sim.text_similarity(a, b) == pytest.approx(len(a) / len(a | b))
    assert sim.text_similarity(sim.text_tokens("To help."), sim.text_tokens("To help.")) == 0.0
    assert sim.is_near_duplicate(a, b)
    assert not sim.is_near_duplicate(a, sim.text_tokens("parliaments adopt a strategic plan for ICT with donors "
                                                        "and a vision owned by each parliament"))


def test_likeness_weights_each_aspect_and_names_what_is_shared():
    a = Profile(tokens=sim.text_tokens(LONG), targets=frozenset({"16.6", "16.7"}), goals=frozenset({16, 17}),
                countries=frozenset({"LCA", "BRB"}), partners=frozenset({7}), unit=3)
    b = Profile(tokens=sim.text_tokens(LONG), targets=frozenset({"16.10", "16.6", "16.7"}), goals=frozenset({16}),
                countries=frozenset({"LCA"}), partners=frozenset({7, 8}), unit=4)
    like = compare(a, b)
    assert like.parts == {"text": 1.0, "targets": pytest.approx(2 / 3), "goals": 0.5, "countries": 0.5,
                          "partners": 0.5, "unit": 0.0}
    expected = 0.4 * 1 + 0.2 * 2 / 3 + 0.1 * 0.5 + 0.15 * 0.5 + 0.1 * 0.5
    assert like.score == pytest.approx(expected)
    assert like.shared == {"targets": ("16.6", "16.7"), "goals": (16,), "countries": ("LCA",), "partners": (7,)}
    assert like.near_duplicate and like.similar_text
    assert compare(b, a).score == pytest.approx(like.score)  # symmetric


def test_shared_targets_sort_naturally_and_the_same_unit_counts():
    a = Profile(targets=frozenset({"16.10", "16.9", "16.a"}), unit=5)
    like = compare(a, a)
    assert like.shared["targets"] == ("16.9", "16.10", "16.a")
    assert like.parts["unit"] == 1.0 and like.shared["unit"] == (5,)
    assert compare(Profile(), Profile()).score == 0.0  # nothing known, nothing alike


def test_weights_add_up_to_one():
    assert sum(sim.WEIGHTS.values()) == pytest.approx(1.0)
    assert set(sim.WEIGHTS) == {"text", "unit", *sim.SET_ASPECTS}


def test_the_definition_imports_no_django():
    code = ("import sys, capdev.core.similarity as s; s.compare(s.Profile(), s.Profile());"
            "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_parser_links_records_by_this_definition():
    from capdev.narrative import relate

    assert relate.THRESHOLD == sim.NEAR_DUPLICATE
    assert relate.similarity is not None and relate.similarity(sim.text_tokens(LONG), sim.text_tokens(LONG)) == 1.0
