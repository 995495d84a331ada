"""Round 14: a learned check of where a project record begins (record_starts.py, start_checks.py), trained by
bench/train_record_starts.py; it cuts the rules' records, never reads a text alone, and flags what it moves."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import capdev.narrative as narrative
from capdev.narrative import parse_file, parse_text
from capdev.narrative.blocks import Block, RawRecord
from capdev.narrative.lines import Excerpt
from capdev.narrative.record_starts import cut_offsets, line_features, start_scores, weights
from capdev.narrative.start_checks import BOUNDS_FLAG, check_pieces
from capdev.narrative.tests._shared import FILES

DIR = FILES / "round14" / "bounds"
ROOT = Path(__file__).resolve().parents[3]


def _moved(record) -> bool:
    return any(f.get("field") == "record" and f.get("reason") == BOUNDS_FLAG[1] for f in record.to_json()["flags"])


# ---------------------------------------------------------------- features


def test_features_read_the_layout_of_each_line():
    text = "REPORT\n\n1. Digital government in Samoa\nCode: WSM-22-DG\nPeriod: 2022-2024\n\n" \
           "2. E-services in Tonga\nCode: TON-23-ES\nPeriod: 2023-2025\n"
    feats = {text[at:].split("\n", 1)[0]: f for at, _k, f in line_features(text)}
    item = feats["1. Digital government in Samoa"]
    assert item["numbered"] == 1 and item["blank_before"] == 1 and item["label"] == 0
    assert item["shape_repeats"] == 1 and item["period_below"] == 1 and item["code_shape"] == 0
    assert item["card_repeats"] == 1  # an item over "Code:" and "Period:", twice in the text
    code = feats["Code: WSM-22-DG"]
    assert code["label"] == 1 and code["label_code"] == 1 and code["code_shape"] == 1
    assert feats["REPORT"]["caps"] == 1 and feats["REPORT"]["first_line"] == 1
    assert len(feats) == 7  # every non-blank line is a candidate


def test_a_rule_line_is_no_candidate():
    text = "Project: A\n----------\nProject: B\n"
    assert [text[at:].split("\n", 1)[0] for at, _k, _f in line_features(text)] == ["Project: A", "Project: B"]


def test_weights_load_and_name_the_features():
    w = weights()
    assert w and "bias" in w
    names = set(line_features("Project: A\nBudget: USD 5\n")[0][2])
    assert set(w) <= names
    assert all(0.0 <= s <= 1.0 for _at, s in start_scores("Project: A\nBudget: USD 5\n"))


def _trainer():
    spec = importlib.util.spec_from_file_location("train_record_starts", ROOT / "bench" / "train_record_starts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_record_starts", module)
    spec.loader.exec_module(module)
    return module


def test_the_training_script_locates_records_and_trains_on_the_parsers_features():
    train = _trainer()
    text = ("Portfolio\n\n1. Digital government in Samoa\nPeriod: 2022-2024\nBudget: USD 300,000\n\n"
            "2. E-services in Tonga\nPeriod: 2023-2025\nBudget: USD 200,000\n")
    golds = [{"title": "Digital government in Samoa"}, {"title": "E-services in Tonga"}]
    assert train.locate(text, golds) == [2, 6]
    f = {"feats": line_features(text), "gold": [2, 6], "records": 2, "rules": [0, 6], "lines": text.split("\n")}
    w = train.train(train.examples([f]), rounds=50)
    assert train._prob(w, f["feats"][1][2]) > train._prob(w, f["feats"][2][2])  # the item over its label line
    assert train.figures([f], lambda g: g["rules"])["exact_files"] == 1


# ---------------------------------------------------------------- a cut


def test_a_note_listing_three_operations_is_cut_where_the_model_sees_them_begin(monkeypatch):
    recs = parse_file(DIR / "note_operations_fr.txt")
    assert [r.title for r in recs] == ["Appui à la réforme de la fonction publique territoriale",
                                       "Modernisation de l'état civil dans les communes",
                                       "Gestion des ressources humaines des collectivités"]
    assert [r.start.year for r in recs] == [2021, 2022, 2023]
    assert [str(r.budgets[0].amount) for r in recs] == ["1200000", "850000", "600000"]
    assert all(_moved(r) for r in recs)  # cut by the model: flagged for a reviewer
    monkeypatch.setattr(narrative, "check_pieces", lambda pieces, *a, **k: ((r, t, False) for r, t in pieces))
    assert len(parse_file(DIR / "note_operations_fr.txt")) == 1  # the rules alone read one record


@pytest.mark.parametrize("name", ["components_en.txt", "actividades_es.txt", "passing_fr.txt"])
def test_one_project_with_components_activities_or_projects_told_in_passing_is_not_cut(name):
    text = (DIR / name).read_text(encoding="utf-8")
    assert cut_offsets(text) == []
    recs = parse_file(DIR / name)
    assert len(recs) == 1 and not _moved(recs[0])


def test_label_cards_without_a_project_word_are_read_as_before():
    recs = parse_file(FILES / "label_families.txt")
    assert len(recs) == 3 and not any(_moved(r) for r in recs)


def test_a_record_is_handed_on_as_soon_as_it_is_read():
    """The check holds nothing back: each record comes out of check_pieces before the next one goes in."""
    seen = []

    def pieces():
        for i in range(3):
            text = f"Title: Project {i}\n"
            seen.append(i)
            yield RawRecord([Block("title", "label", 20 * i, 20 * i + len(text), 20 * i + 7)]), Excerpt(text, 20 * i)

    for n, (_raw, _text, moved) in enumerate(check_pieces(pieces())):
        assert seen[-1] == n and not moved


def test_a_short_text_is_read_as_before():
    recs = parse_text("Title: Digital government in Samoa\nBudget: USD 300,000\n")
    assert len(recs) == 1 and not _moved(recs[0])
