"""Train the learned check of where a project record begins (capdev/narrative/record_starts.py), and say whether it
beats the parser's own rules, leave-one-corpus-out.

    PYTHONPATH=$PWD .venv/bin/python bench/train_record_starts.py            # figures, and the weights written
    PYTHONPATH=$PWD .venv/bin/python bench/train_record_starts.py --no-write # figures only

Examples: every non-blank line of every dev file (bench/narrative_corpora/corpus{8,9,11,12,13,14,15}/dev, but XML
feeds; never a holdout), labelled 1 when a record of gold.json begins on it. Where a record begins (the locating
rule, checked by hand on a dozen files): the first place, after the previous record's, where its title is written
(folded, spaces and punctuation as one space; the whole title, else its first 40 characters, else its first five
words) or its code; from that line up to the first line of its paragraph (at most six lines up, never across a blank
line, a rule, a table row or the previous record's first line); then across one blank line to a short heading
standing alone above it (numbered, in capitals or marked up: "## 2.", "PROJET 3"). A record whose title and code are
nowhere is left out (its file's lines are still examples, none of them labelled 1 for it).

Model: logistic regression by batch gradient descent with an L2 penalty (plain Python), positives weighted by the
ratio of negatives to positives; a line is a start when its score is at least the threshold that gives the best F1
on the training files, and no nearby line (two non-blank lines either side) scores higher.

Figures, for each held-out dev corpus (the model trained on the six others): the boundaries between records (each
record's first line but the file's first record's; a predicted one within two non-blank lines of a gold one counts,
one to one) as precision and recall, and the files whose record count is exactly right, for
- the model alone (its starts), and the model as the parser uses it: checking the rules (record_starts.check_starts,
  as start_checks.check_pieces does), never alone;
- the parser's rules now (its records' first lines, Record.offset, with the check left out): fitted to every dev part
  by earlier rounds, so no measure of unseen text;
- the rules unseen: the parser as it was at the commit that added the corpus (rules_then), before any rule was
  fitted to it: what the rules do on text no one had read, the figure the model must beat; and those rules checked.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import capdev.narrative as narrative  # noqa: E402
from capdev.narrative import iter_file  # noqa: E402
from capdev.narrative.decode import TextFile  # noqa: E402
from capdev.narrative.folding import fold  # noqa: E402
from capdev.narrative.page_lines import is_rule, match_heading  # noqa: E402
from capdev.narrative.record_starts import check_starts, line_features  # noqa: E402

CORPORA = ("corpus8", "corpus9", "corpus11", "corpus12", "corpus13", "corpus14", "corpus15")
OUT = ROOT / "capdev" / "narrative" / "data" / "record_starts.json"
NEAR = 2  # non-blank lines: how far a predicted start may be from the gold one
_HEAD = re.compile(r"^\s*(?:#{1,6}\s|\*\*|\d{1,2}(?:\.\d{1,2})*[.)]?\s|[IVX]{1,4}[.)]\s)")


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text folded, lower case, every run of non-alphanumerics as one space; with each character's offset."""
    out, where, space = [], [], True
    for i, c in enumerate(fold(text).lower()):
        if c.isalnum():
            out.append(c)
            where.append(i)
            space = False
        elif not space:
            out.append(" ")
            where.append(i)
            space = True
    return "".join(out), where


def _key(s: str) -> str:
    return _normalised(s)[0].strip()


def _anchors(gold: dict) -> list[str]:
    title = _key(gold.get("title") or "")
    keys = []
    if title:
        keys += [title, title[:40].rsplit(" ", 1)[0] if len(title) > 40 else title, " ".join(title.split()[:5])]
    code = _key(gold.get("code") or "")
    if len(code) >= 3:
        keys.append(code)
    return [k for k in keys if len(k) >= 8 or k == code]


_GAPS = re.compile(r"\S {3,}\S")


def _is_row(s: str) -> bool:
    """A row of a table or an export: cells cut by bars, tabs, runs of spaces, semicolons or commas."""
    s = s.strip()
    return ("|" in s or "\u2502" in s or "\t" in s or len(_GAPS.findall(s)) >= 2 or s.count(";") >= 3
            or s.count(",") >= 4)


def locate(text: str, golds: list[dict]) -> list[int | None]:
    """Each gold record's first line (0-based line number in text split at '\\n'), None when not found."""
    norm, where = _normalised(text)
    lines = text.split("\n")
    line_at = []
    for k, ln in enumerate(lines):
        line_at.extend([k] * (len(ln) + 1))
    out: list[int | None] = []
    floor_pos, floor_line = 0, -1
    for gold in golds:
        hit = None
        for key in _anchors(gold):
            i = norm.find(key, floor_pos)
            if i < 0:
                continue
            if hit is None or i < hit:
                hit = i
        if hit is None:
            out.append(None)
            continue
        k = line_at[where[hit]]
        up = k
        while up - 1 > floor_line and k - up < 6:
            above = lines[up - 1].strip()
            if not above or is_rule(above) or _is_row(above) or _is_row(lines[k]):
                break
            up -= 1
        if (up - 2 > floor_line and not lines[up - 1].strip() and lines[up - 2].strip()
                and len(lines[up - 2].strip()) < 60 and (up - 3 < 0 or not lines[up - 3].strip())):
            head = lines[up - 2].strip()
            letters = [c for c in head if c.isalpha()]
            if _HEAD.match(head) or match_heading(head) or (letters and all(c.isupper() for c in letters)):
                up -= 2
        out.append(up)
        floor_pos = where[hit] + 1
        floor_pos = next((j for j, w in enumerate(where) if w >= len("\n".join(lines[: k + 1]))), len(norm))
        floor_line = up
    return out


def _rules_alone(pieces, *_args, **_kw):
    return ((raw, text, False) for raw, text in pieces)


def load(corpus: str) -> list[dict]:
    """The dev files of a corpus: name, text, gold starts, features, the rules' starts (the parser's records with the
    learned check left out: the rules alone)."""
    narrative.check_pieces = _rules_alone
    folder = ROOT / "bench" / "narrative_corpora" / corpus / "dev"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    files = []
    for name, info in sorted(gold["files"].items()):
        if name.endswith(".xml"):
            continue  # a feed: read entry by entry (feeds.py), no line of it opens a record
        path = folder / name
        text = "".join(TextFile(path).chunks())
        golds = [r for r in gold["records"] if r["file"] == name]
        starts = locate(text, golds)
        feats = line_features(text)
        try:
            offsets = [r.offset for r in iter_file(path)]
        except Exception:  # noqa: BLE001 - a file the parser refuses has no rule starts
            offsets = []
        line_of = _line_of(text)
        files.append({"corpus": corpus, "name": name, "records": info["records"], "gold": starts,
                      "lines": text.split("\n"),
                      "feats": feats, "rules": sorted({line_of(o) for o in offsets})})
    return files


_DRIVER = r"""
import json, sys
from capdev.narrative import iter_file
out = {}
for path in sys.argv[1:]:
    try:
        out[path] = [r.offset for r in iter_file(path)]
    except Exception:
        out[path] = []
print(json.dumps(out))
"""


def rules_then(corpus: str, files: list[dict]) -> None:
    """Each file's rule starts as the parser read it when the corpus was added (the commit that added its
    gold.json), before any rule was fitted to it: the rules on text unseen, as the model is in leave-one-out."""
    folder = ROOT / "bench" / "narrative_corpora" / corpus / "dev"
    log = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", str(folder / "gold.json")],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", log[-1], "capdev/__init__.py", "capdev/narrative"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        paths = [str(folder / f["name"]) for f in files]
        done = subprocess.run([sys.executable, "-c", _DRIVER, *paths], cwd=tmp, env=dict(os.environ, PYTHONPATH=tmp),
                              capture_output=True, text=True, check=True)
    offsets = json.loads(done.stdout)
    for f, path in zip(files, paths):
        line_of = _line_of("\n".join(f["lines"]))
        f["rules_then"] = sorted({line_of(o) for o in offsets[path]})


def _line_of(text: str):
    breaks = [i for i, c in enumerate(text) if c == "\n"]

    def line(offset: int) -> int:
        lo, hi = 0, len(breaks)
        while lo < hi:
            mid = (lo + hi) // 2
            if breaks[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        k = lo  # the line holding offset; a record's offset at the break before its line is read as the next line
        return k
    return line


def examples(files: list[dict]) -> list[tuple[dict[str, float], int]]:
    out = []
    for f in files:
        starts = {g for g in f["gold"] if g is not None}
        for _at, k, feats in f["feats"]:
            out.append(({n: v for n, v in feats.items() if v}, int(k in starts)))
    return out


def train(data: list[tuple[dict[str, float], int]], rounds: int = 400, rate: float = 0.5, l2: float = 1e-3
          ) -> dict[str, float]:
    pos = sum(y for _, y in data) or 1
    neg = len(data) - pos or 1
    weight_pos = neg / pos
    w: dict[str, float] = {}
    total = weight_pos * pos + neg
    for _ in range(rounds):
        grad: dict[str, float] = {}
        for x, y in data:
            z = sum(w.get(k, 0.0) * v for k, v in x.items())
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * (weight_pos if y else 1.0)
            for k, v in x.items():
                grad[k] = grad.get(k, 0.0) + g * v
        for k, g in grad.items():
            w[k] = w.get(k, 0.0) - rate * (g / total + l2 * w.get(k, 0.0))
    return w


def _prob(w: dict[str, float], x: dict[str, float]) -> float:
    z = sum(w.get(k, 0.0) * v for k, v in x.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def predict(f: dict, w: dict[str, float], threshold: float) -> list[int]:
    scored = [(k, _prob(w, feats)) for _at, k, feats in f["feats"]]
    out = []
    for i, (k, p) in enumerate(scored):
        if p < threshold:
            continue
        near = scored[max(0, i - NEAR) : i + NEAR + 1]
        if all(p > q or (p == q and k <= j) for j, q in near if j != k):
            out.append(k)
    return out


def match(f: dict, predicted: list[int], gold_lines: list[int]) -> tuple[int, int, int]:
    """(predicted starts that match a gold one, one to one; predicted; gold)."""
    order = {k: i for i, (_at, k, _x) in enumerate(f["feats"])}

    def pos(k: int) -> int:
        if k in order:
            return order[k]
        return min(order.values(), key=lambda i: abs(f["feats"][i][1] - k)) if order else 0

    gold = [pos(g) for g in gold_lines]
    used: set[int] = set()
    hits = 0
    for p in sorted(pos(k) for k in predicted):
        best = min((abs(p - g), i) for i, g in enumerate(gold) if i not in used) if len(used) < len(gold) else None
        if best is not None and best[0] <= NEAR:
            used.add(best[1])
            hits += 1
    return hits, len(predicted), len(gold)


def figures(files: list[dict], starts_of) -> dict[str, float]:
    """Boundaries between records (every record's first line but the first record's: the text above a file's first
    record goes with it, whoever reads it) and files whose record count is exactly right."""
    hits = predicted = gold = exact = 0
    for f in files:
        starts = sorted(starts_of(f))
        h, p, g = match(f, starts[1:], [s for s in f["gold"] if s is not None][1:])
        hits, predicted, gold = hits + h, predicted + p, gold + g
        exact += int(max(1, len(starts)) == f["records"])
    return {"precision": hits / predicted if predicted else 1.0, "recall": hits / gold if gold else 1.0,
            "exact_files": exact, "files": len(files), "hits": hits, "predicted": predicted, "gold": gold}


def checked(f: dict, w: dict[str, float]) -> list[int]:
    """The rules' starts checked by the model (record_starts.check_starts, as start_checks does in the parser)."""
    return check_starts(f["lines"], f["rules"], w)


def best_threshold(files: list[dict], w: dict[str, float]) -> float:
    best = (-1.0, 0.5)
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99):
        fig = figures(files, lambda f: predict(f, w, t))
        p, r = fig["precision"], fig["recall"]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        best = max(best, (f1, t))
    return best[1]


def _row(label: str, fig: dict) -> str:
    return (f"{label:<22} boundaries P {fig['hits']}/{fig['predicted']}  R {fig['hits']}/{fig['gold']}  "
            f"exact count {fig['exact_files']}/{fig['files']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-write", action="store_true", help="print the figures, do not write the weights")
    ap.add_argument("--show", action="store_true", help="print each file's gold, rule and model starts")
    ap.add_argument("--corpora", nargs="*", default=list(CORPORA))
    args = ap.parse_args()
    data = {c: load(c) for c in args.corpora}
    for c in args.corpora:
        rules_then(c, data[c])
    lost = sum(g is None for fs in data.values() for f in fs for g in f["gold"])
    print(f"{sum(len(fs) for fs in data.values())} files, "
          f"{sum(len(f['gold']) for fs in data.values() for f in fs)} records, {lost} not located")
    totals: dict[str, list] = {"model": [], "rules": [], "checked": [], "rules_then": [], "then_checked": []}
    for held in args.corpora:
        rest = [f for c in args.corpora if c != held for f in data[c]]
        w = train(examples(rest))
        t = best_threshold(rest, w)
        model = figures(data[held], lambda f, w=w, t=t: predict(f, w, t))
        rules = figures(data[held], lambda f: f["rules"])
        then = figures(data[held], lambda f: f["rules_then"])
        then_checked = figures(data[held], lambda f, w=w: check_starts(f["lines"], f["rules_then"], w))
        both = figures(data[held], lambda f, w=w: checked(f, w))
        totals["model"].append(model)
        totals["rules"].append(rules)
        totals["checked"].append(both)
        totals["rules_then"].append(then)
        totals["then_checked"].append(then_checked)
        print(f"{held:<9} (threshold {t:.2f})")
        for label, fig in (("model alone", model), ("rules now", rules), ("rules now, checked", both),
                           ("rules unseen", then), ("rules unseen, checked", then_checked)):
            print(f"    {_row(label, fig)}")
        if args.show:
            for f in data[held]:
                print(f"   {f['name'][:40]:<40} gold {f['gold']} rules {f['rules']} then {f['rules_then']} "
                      f"model {predict(f, w, t)} "
                      f"checked {checked(f, w)}")
    for name, figs in totals.items():
        s = {k: sum(f[k] for f in figs) for k in ("exact_files", "files", "hits", "predicted", "gold")}
        print(f"all {name:<13} boundaries P {s['hits']}/{s['predicted']}  R {s['hits']}/{s['gold']}  "
              f"exact count {s['exact_files']}/{s['files']}")
    if args.no_write:
        return
    everything = [f for fs in data.values() for f in fs]
    w = train(examples(everything))
    t = best_threshold(everything, w)
    OUT.write_text(json.dumps({
        "_doc": (f"Learned check of where a project record begins (record_starts.py), written by "
                 f"bench/train_record_starts.py on {dt.date.today().isoformat()}: logistic regression over each "
                 f"non-blank line's features, trained on every line of the dev parts of {', '.join(args.corpora)} "
                 f"({len(everything)} files), a line labelled 1 where a gold record begins. threshold: the score "
                 f"from which a line is read as a start (best F1 on those files)."),
        "threshold": t,
        "weights": {k: round(v, 4) for k, v in sorted(w.items())},
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {OUT.relative_to(ROOT)} (threshold {t:.2f})")


if __name__ == "__main__":
    main()
