"""Where a project record begins: features of each line of a text and a small learned score over them.

Every non-blank line of a text is a candidate first line of a record. Its features are read from the line itself and
its neighbours by the parser's own layout words (labels.py, page_lines.py): a label line and the label's field, a
heading shape, a numbered or bulleted item, a blank line or a rule above, its length and capitals, a code shape, a
project word, facts in the lines below (a period, an amount, a country), and above all how often the line's shape
repeats in the text: a container of records repeats its opening line whatever its genre.

The weights are learned (bench/train_record_starts.py, logistic regression by plain Python) and stored in
data/record_starts.json; `start_scores` gives each line the probability that a record begins on it. The training
script imports `line_features` from here, so training and parsing read the same features.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .folding import fold
from .labels import match_label
from .named_projects import fact_kinds
from .page_lines import is_rule, match_heading
from .record_evidence import has_own_evidence
from .reference_labels import without_references
from .values.money import parse_money

_DATA = Path(__file__).resolve().parent / "data" / "record_starts.json"
CUT_FROM = 0.9  # check_starts: lines of one shape scoring this or more, two at least, may be cut at...
CUT_ALSO = 0.7  # ... and the other lines of that shape scoring this or more
_BELOW = 6  # the lines below a candidate where a project's facts are looked for
_SPAN = 40  # the lines read after a cut for its project's facts, and before the first for sums stated already
_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,2})*[.)]?\s|\(?[a-hA-H][.)]\s|[IVX]{1,4}[.)]\s)")
_BULLET = re.compile(r"^\s*[\u2022\u00b7\u25aa\u25ba\u2023\u25e6*\u2013\u2014+-]\s")
_MARKUP_HEAD = re.compile(r"^\s*(?:#{1,6}\s|\*\*|__|=+\s|\[)")
_CODE = re.compile(r"\b(?=[A-Z0-9/._-]*\d)(?=[A-Z0-9/._-]*[A-Z])[A-Z0-9]+(?:[-/._][A-Z0-9]+)+\b|\b\d{4}[A-Z]{1,2}\b")
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")
_PERIOD = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\s*(?:[-\u2013\u2014/]|to|au|a|al|\u00e0|hasta|until)\s*"
                     r"(?:\d{1,2}[./-])*(?:19[89]\d|20[0-4]\d)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"(?:US\$|\$|\u20ac|\u00a3|\b(?:USD|EUR|CHF|GBP|XOF|XAF|FCFA|CAD)\b)\s?\d|"
                     r"\d[\d,.\s\u00a0\u202f]*\s?(?:USD|EUR|CHF|GBP|XOF|XAF|FCFA|\u20ac|\$|million|millions|"
                     r"millones|M\b|k\b)", re.IGNORECASE)
_PROJECT = re.compile(r"\b(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)s?\b",
                      re.IGNORECASE)
_ROW = re.compile(r"[|\u2502\t]|\S {3,}\S.* {3,}|(?:[;,][^;,]*){3,}")
_SENTENCE_END = re.compile(r"[.;:,]\s*$")
_WORDS = re.compile(r"[^\W\d_]+")
_TITLE_FIELDS = frozenset({"title", "code"})


def _shape(line: str, label: str | None) -> str:
    """The shape a container's opening lines share: how the line opens (its numbering, bullet or markup, the label
    it names), whether it is written in capitals, and its length in a coarse bucket."""
    s = line.strip()
    if label:
        return "label:" + label
    lead = "num" if _NUMBERED.match(s) else "bul" if _BULLET.match(s) else "mk" if _MARKUP_HEAD.match(s) else ""
    if lead == "mk":
        lead += s[:2]
    if "|" in s or "\t" in line.strip("\t"):
        lead += "|row"
    letters = [c for c in s if c.isalpha()]
    caps = "C" if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters) else ""
    size = "s" if len(s) < 40 else "m" if len(s) < 100 else "l"
    return f"{lead}/{caps}/{size}"


_COUNTRY_WORDS = (  # the countries most often served, as texts write them in English, French and Spanish
    "afghanistan albania algeria angola argentina armenia bangladesh benin bhutan bolivia botswana "
    "brazil burkina burundi cambodia cameroon cameroun chad tchad chile colombia comoros congo costa "
    "cuba djibouti ecuador egypt egypte ethiopia ethiopie fiji gabon gambia ghana guatemala guinea "
    "guinee haiti honduras india indonesia jamaica jordan kenya lebanon liban lesotho liberia "
    "madagascar malawi mali mauritania mauritanie mexico mexique moldova mongolia morocco maroc "
    "mozambique myanmar namibia nepal nicaragua niger nigeria pakistan panama paraguay peru perou "
    "philippines rwanda samoa senegal sierra somalia sudan soudan tanzania togo tonga tunisia tunisie "
    "uganda ukraine uruguay vanuatu vietnam yemen zambia zambie zimbabwe espana spain francia brasil "
    "mexique marruecos argelia tunez tanzanie ouganda kenia etiopia").split()


def _has_country(folded: str) -> bool:
    words = set(_WORDS.findall(folded))
    return bool(words & _COUNTRY_SET)


_COUNTRY_SET = frozenset(_COUNTRY_WORDS)


def _line_offsets(lines: list[str]) -> list[int]:
    """Where each of the lines of a text split at its line breaks begins."""
    offsets, at = [], 0
    for ln in lines:
        offsets.append(at)
        at += len(ln) + 1
    return offsets


def line_features(text: str) -> list[tuple[int, int, dict[str, float]]]:
    """Each non-blank line of text as (its start offset, its line number, its features)."""
    raw = text.split("\n")
    offsets = _line_offsets(raw)
    n = len(raw)
    labels: list[str | None] = []
    shapes: list[str] = []
    for ln in raw:
        lab = match_label(ln) if ln.strip() and len(ln) < 400 else None
        labels.append(lab.field if lab else None)
        shapes.append(_shape(ln, labels[-1]) if ln.strip() else "")
    counts = Counter(s for s in shapes if s)
    label_counts = Counter(f for f in labels if f)
    nonblank = [k for k in range(n) if raw[k].strip()]
    # What follows each line: the fields labelled in the rest of its paragraph (a card's make-up), and how often a
    # line of the same shape is followed by the same make-up (a container of cards repeats both).
    cards = {k: (shapes[k], _make_up(labels, raw, k)) for k in nonblank}
    card_counts = Counter(c for c in cards.values() if c[1])
    out: list[tuple[int, int, dict[str, float]]] = []
    first = nonblank[0] if nonblank else 0
    for idx, k in enumerate(nonblank):
        ln = raw[k].rstrip("\r")
        s = ln.strip()
        if is_rule(s):
            continue  # a rule separates records; the line below it is the candidate
        prev = raw[k - 1].strip() if k else ""
        nxt = raw[k + 1].strip() if k + 1 < n else ""
        below = "\n".join(raw[j] for j in nonblank[idx + 1 : idx + 1 + _BELOW])
        folded_below = fold(below).lower()
        letters = [c for c in s if c.isalpha()]
        caps = bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)
        label = labels[k]
        # The nearest line above with a label (the same label above, not far: a card goes on).
        same_above = any(labels[j] == label for j in nonblank[max(0, idx - 8) : idx]) if label else False
        f: dict[str, float] = {
            "bias": 1.0,
            "first_line": float(k == first),
            "blank_before": float(not prev),
            "blank_after": float(not nxt),
            "rule_before": float(bool(prev) and is_rule(prev)),
            "two_blank_before": float(k >= 2 and not prev and not raw[k - 2].strip()),
            "label": float(label is not None),
            "label_title": float(label == "title"),
            "label_code": float(label == "code"),
            "label_other": float(label is not None and label not in _TITLE_FIELDS),
            "label_repeats_below": float(label is not None and label_counts[label] >= 2),
            "label_seen_above": float(same_above),
            "heading": float(match_heading(s)),
            "numbered": float(bool(_NUMBERED.match(s))),
            "bulleted": float(bool(_BULLET.match(s))),
            "markup_head": float(bool(_MARKUP_HEAD.match(s))),
            "table_row": float("|" in s or "\t" in s),
            "short": float(len(s) < 40),
            "long": float(len(s) >= 120),
            "caps": float(caps),
            "sentence_end": float(bool(_SENTENCE_END.search(s))),
            "code_shape": float(bool(_CODE.search(s))),
            "project_word": float(bool(_PROJECT.search(s))),
            "year_in_line": float(bool(_YEAR.search(s))),
            "period_below": float(bool(_PERIOD.search(below))),
            "amount_below": float(bool(_AMOUNT.search(below))),
            "country_below": float(_has_country(folded_below)),
            "labels_below": min(sum(1 for j in nonblank[idx + 1 : idx + 1 + _BELOW] if labels[j]), 4) / 4,
            "shape_repeats": float(counts[shapes[k]] >= 2),
            "shape_count": min(math.log2(counts[shapes[k]]), 4.0) / 4 if counts[shapes[k]] else 0.0,
            "shape_rare": float(2 <= counts[shapes[k]] <= 12),
        }
        f["card_repeats"] = float(card_counts[cards[k]] >= 2)
        f["near_top"] = float(idx < 5)
        f["title_like"] = float(15 <= len(s) <= 150 and not f["sentence_end"] and len(_WORDS.findall(s)) >= 3
                                and not label)
        f["repeat_and_blank"] = f["shape_repeats"] * f["blank_before"]
        f["repeat_and_facts"] = f["shape_repeats"] * min(f["period_below"] + f["amount_below"], 1.0)
        f["numbered_project"] = f["numbered"] * f["project_word"]
        f["heading_facts"] = (f["markup_head"] or f["caps"] or f["numbered"]) * f["short"] * f["labels_below"]
        out.append((offsets[k], k, f))
    return out


def _make_up(labels: list[str | None], raw: list[str], k: int) -> tuple[str, ...]:
    """The fields labelled in the lines below line k, to the end of its paragraph (at most _BELOW lines)."""
    out = []
    for j in range(k + 1, min(len(raw), k + 1 + _BELOW)):
        if not raw[j].strip():
            break
        if labels[j]:
            out.append(labels[j])
    return tuple(out)


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The learned weights (data/record_starts.json), or none when the file is missing."""
    try:
        data = json.loads(_DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in data.get("weights", {}).items()}


def score(features: dict[str, float], w: dict[str, float] | None = None) -> float:
    """The probability that a record begins on a line with these features."""
    w = weights() if w is None else w
    z = sum(w.get(k, 0.0) * v for k, v in features.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def start_scores(text: str, w: dict[str, float] | None = None) -> list[tuple[int, float]]:
    """Each non-blank line's start offset in text with the probability that a record begins on it."""
    return [(at, score(f, w)) for at, _k, f in line_features(text)]


def cut_offsets(text: str, w: dict[str, float] | None = None) -> list[int]:
    """Offsets in a record's text where a record of its own begins by the model: lines of one shape, two of them at
    least scoring CUT_FROM or more and the others CUT_ALSO or more, each followed by a project's own facts (two
    kinds) and not by the sums stated before it (the same project told again), cut at the top of their paragraph or
    the heading just above it; the text above the first cut goes with it when it holds no project of its own. []
    when there is none."""
    lines = text.split("\n")
    offsets = _line_offsets(lines)
    feats = line_features(text)
    scores = {k: score(f, w) for _off, k, f in feats}
    cuts = _inner_cuts(lines, scores)
    if cuts and not has_own_evidence(without_references("\n".join(lines[: cuts[0]]))):
        cuts = cuts[1:]
    return [offsets[k] for k in cuts]


def _inner_cuts(lines: list[str], scores: dict[int, float]) -> list[int]:
    inner = sorted(scores)
    by_shape: dict[str, list[int]] = {}
    for k in inner[3:]:
        shape = _shape(lines[k], None)
        if scores[k] >= CUT_ALSO and shape != "//l":  # a long plain line is a paragraph's prose: no opening alike
            by_shape.setdefault(shape + _first_token(lines[k]), []).append(k)
    cuts: set[int] = set()
    for ks in by_shape.values():
        if sum(scores[k] >= CUT_FROM for k in ks) < 2:
            continue
        # Each line of the shape that opens a project's own facts (two kinds, sums not stated before it) is cut at;
        # the group is left alone when fewer than two do.
        ends = ks[1:] + [len(lines)]
        stated: set = {(m.amount, m.currency) for m in parse_money("\n".join(lines[max(0, ks[0] - _SPAN) : ks[0]]))}
        chosen = []
        for k, e in zip(ks, ends):
            body = "\n".join(lines[k : min(e, k + _SPAN)])
            amounts = {(m.amount, m.currency) for m in parse_money(body)}
            if fact_kinds(body) >= 2 and not (amounts and amounts <= stated):
                chosen.append(k)
            stated |= amounts
        if len(chosen) >= 2:
            floor = 0
            for k in chosen:
                cuts.add(_top(lines, k, floor + 1))
                floor = k
    return sorted(c for c in cuts if c > 0)


def check_starts(lines: list[str], starts: list[int], w: dict[str, float] | None = None) -> list[int]:
    """The rules' record starts (line numbers in lines, in order) checked as the parser checks them
    (start_checks.check_pieces): each record cut at `cut_offsets`. For the training script's figures."""
    out: list[int] = []
    bounds = sorted(set(starts)) + [len(lines)]
    for a, b in zip(bounds, bounds[1:]):
        text = "\n".join(lines[a:b])
        out.append(a)
        out.extend(a + text.count("\n", 0, off) for off in cut_offsets(text, w))
    return out


def _first_token(line: str) -> str:
    """The make of a line's first word: capitals A, small letters a, digits 9, each run as one ("COL-23-003": A-9-9,
    "Mediante": Aa)."""
    token = line.split()[0] if line.split() else ""
    out = re.sub(r"[^\W\d_]", lambda m: "A" if m.group().isupper() else "a", token)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"\d", "9", out))


def _top(lines: list[str], k: int, floor: int) -> int:
    """The first line of k's paragraph (at most six lines up, never above floor, never across a rule or from a row
    of a table), or the short heading standing alone one blank line above it."""
    up = k
    if not _ROW.search(lines[k]):
        while up - 1 >= floor and k - up < 6 and lines[up - 1].strip() and not is_rule(lines[up - 1].strip()):
            up -= 1
    if up - 2 >= floor and not lines[up - 1].strip() and lines[up - 2].strip() and len(lines[up - 2].strip()) < 100:
        head = lines[up - 2].strip()
        if (up - 3 < 0 or not lines[up - 3].strip()) and (_NUMBERED.match(head) or _MARKUP_HEAD.match(head)
                                                         or match_heading(head) or head.isupper()):
            up -= 2
    return up
