"""The accuracy benchmark's judgement of donors and partners (bench/narrative_accuracy.py): a labelled name and a
parsed body are one body when their words are, when the label's brackets hold the parsed name, or when the reference
list of bodies knows both names as one body's, whatever the language each is written in."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "narrative_accuracy.py"
_spec = importlib.util.spec_from_file_location("narrative_accuracy", _SCRIPT)
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)


def _funder(name: str, acronym: str, text: str) -> dict:
    return {"partners": [{"name": name, "acronym": acronym, "text": text, "role": "funding"}], "flags": []}


@pytest.mark.parametrize("labelled, parsed", [
    (["Unión Europea"], ("European Union", "EU", "UE")),  # the label in Spanish, the body by its English name
    (["Banco Interamericano de Desarrollo (BID)"], ("Inter-American Development Bank", "IDB", "BID")),
    (["Union européenne"], ("European Union", "EU", "Union européenne")),
])
def test_one_body_named_in_two_languages_is_right(labelled, parsed):
    assert scorer.judge("donors", labelled, _funder(*parsed))[0] == "right"


@pytest.mark.parametrize("labelled, parsed", [
    (["Banco Mundial"], ("European Union", "EU", "UE")),  # two bodies the list keeps apart
    (["Agence française de développement (AFD)"], ("Inter-American Development Bank", "IDB", "BID")),
])
def test_two_bodies_stay_two(labelled, parsed):
    assert scorer.judge("donors", labelled, _funder(*parsed))[0] == "wrong"
