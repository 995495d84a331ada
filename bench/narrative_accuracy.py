"""Benchmark: how many hand-labelled fields the narrative parser reads right on corpora it was not written for.

Each corpus directory (bench/narrative_corpora/<corpus>/{dev,holdout}/) holds text files as organisations publish
them and a gold.json: {"files": {name: {"records": n}}, "records": [{"file": name, key: value, ...}]}, keys as in
bench/narrative_corpora/README.md. Every labelled field gets one verdict:
- right: the parsed value is the labelled one;
- wrong: a value given as sure that is not the labelled one (a defect: wrong data on a public page);
- flagged: a value that is not the labelled one but the parser flagged as unsure, or a right value only in part
  (fewer countries, a date at another precision), which a reviewer completes;
- missed: no value (or no record at all for the labelled one).
A parsed record beyond a file's labelled count is one more wrong field ("extra records"). A labelled donor is found
among the record's funding partners or in its funding source (a mechanism such as the UN Development Account is
held there, not as a partner).

The baseline is another revision of the parser scored in the same run (`--against REV`, e.g. main): it is checked
out in a temporary git worktree and read by the same code.

Usage: bench/narrative_accuracy.py [DIR ...] [--against REV] [-v] [--keys]
(no DIR: every holdout set under bench/narrative_corpora/)
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "bench" / "narrative_corpora"
SCORED = ("title", "code", "status", "start", "end", "budget", "countries", "donors", "partners", "events",
          "participants", "sdgs")
# Run in the checkout being measured (PYTHONPATH), so that two revisions are read by the same scoring code.
DRIVER = r"""
import json, os, sys
from capdev.narrative import iter_file
from capdev.narrative.values.status import status_category
out = {}
for path in sys.argv[1:]:
    try:
        records = []
        for record in iter_file(path):
            data = record.to_json()
            data["_status_category"] = status_category(data.get("status"))
            records.append(data)
    except Exception as exc:
        records = {"error": f"{type(exc).__name__}: {exc}"}
    out[os.path.basename(path)] = records
print(json.dumps(out, ensure_ascii=False))
"""


def norm(text) -> str:
    """Compared forms: no accents, case, quotes, brackets or edge punctuation."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[\"'“”«»‘’`*_#()\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;-–—|")


def _titles(text: str) -> set[str]:
    """A title's compared forms: as written, and without the project's acronym in brackets at its end ("...
    de l'État (PRC-IGE)"): the gold files keep it or leave it out, and the acronym is the project's either way."""
    return {norm(text), norm(re.sub(r"\s*\([A-Z][A-Za-z0-9.&/-]{1,15}\)\s*$", "", str(text or "")))}


def _tokens(text) -> set[str]:
    return {t for t in re.findall(r"\w+", norm(text)) if len(t) > 2}


def _is_flagged(record: dict, key: str) -> bool:
    if key == "title" and record.get("title_is_proposed"):
        return True
    return any(flag.get("field") in _FLAG_FIELDS.get(key, {key}) for flag in record.get("flags") or [])


# The record's fields whose flags say a key's value is unsure: the parser flags a period as "time_frame" and a budget
# as "budgets" (before round 11 the scorer looked for "start", "end" and "budget", and so counted a flagged period or
# budget as sure: wrong rather than flagged).
_FLAG_FIELDS = {"donors": {"donors", "partners", "funding_source"}, "participants": {"participants", "activities"},
                "events": {"events", "activities"}, "budget": {"budget", "budgets"},
                "start": {"start", "time_frame"}, "end": {"end", "time_frame"}}


def _forms(*names: str) -> set[str]:
    """An organisation's compared forms: each name as written, without its brackets, and what its brackets hold."""
    forms = set()
    for name in filter(None, names):
        forms |= {norm(name), norm(re.sub(r"\([^)]*\)", "", name))}
        forms |= {norm(inner) for inner in re.findall(r"\(([^)]*)\)", name)}
    return {f for f in forms if f}


def _organisations(record: dict, funding: bool) -> list[set[str]]:
    """Each funder's (or other partner's) forms: name, acronym, words as written, with and without brackets."""
    out = [_forms(p.get("name"), p.get("acronym"), p.get("text")) for p in record.get("partners") or []
           if (p.get("role") == "funding") == funding]
    if funding and record.get("funding_source"):
        # A funding mechanism ("UN Development Account", "DA") is where Capdev holds that funder, not a partner.
        out.append(_forms(record["funding_source"]))
    return out


def _known_bodies() -> dict[str, frozenset[str]]:
    """Each compared form of a body in Capdev's reference list -> all the forms of that body (its name, acronym and
    aliases in three languages): read from this checkout, so that both revisions are judged by one list."""
    path = ROOT / "capdev" / "narrative" / "data" / "organisations.json"
    bodies: dict[str, frozenset[str]] = {}
    for body in json.loads(path.read_text(encoding="utf-8"))["organisations"]:
        forms = frozenset(_forms(body["name"], body.get("acronym"), *body.get("aliases", [])))
        for form in forms:
            bodies.setdefault(form, forms)
    return bodies


_BODIES = _known_bodies()


def _same_organisation(label: str, forms: set[str]) -> bool:
    """A labelled name and a parsed body are one: the same words (or one most of the other), what the label's
    brackets hold ("Banco Interamericano de Desarrollo (BID)" and "BID"), or two names of one body in the reference
    list ("Unión Europea" and "European Union")."""
    labelled = _forms(label)
    g = norm(label)
    if any(g == f or (min(len(g), len(f)) > 3 and (g in f or f in g) and min(len(g), len(f)) / max(len(g), len(f))
                      > 0.5) for f in forms):
        return True
    if labelled & forms:
        return True
    return any(_BODIES.get(form, frozenset()) & forms for form in labelled)


def _sets(gold: set, got: set, sure: bool) -> str:
    if gold == got:
        return "right"
    if not got:
        return "missed"
    if got <= gold:
        return "flagged"  # right in part, nothing else
    return "wrong" if sure else "flagged"


def _unsure(sure: bool) -> str:
    return "wrong" if sure else "flagged"


def _event_rows(record: dict) -> list[tuple]:
    return [((a.get("start") or "")[:7] or None, a.get("country"), a.get("participants"))
            for a in record.get("activities") or [] if not a.get("recalled")]


def judge(key: str, gold, record: dict) -> tuple[str, object]:
    """The verdict on one labelled field, and the value parsed for it."""
    sure = not _is_flagged(record, key)
    if key == "title":
        got = record.get(key)
        return ("missed" if not got else "right" if _titles(got) & _titles(gold) else _unsure(sure)), got
    if key == "code":
        got = record.get(key)
        squeeze = lambda s: norm(s).replace(" ", "")  # noqa: E731
        return ("missed" if not got else "right" if squeeze(got) == squeeze(gold) else _unsure(sure)), got
    if key == "status":
        got, category = record.get("status"), record.get("_status_category")
        if not category:
            return ("flagged" if got else "missed"), got
        return ("right" if category == gold else _unsure(sure)), got
    if key in ("start", "end"):
        got = record.get(key)
        if not got:
            return "missed", None
        if got == gold:
            return "right", got
        return ("flagged" if gold.startswith(got) or got.startswith(gold) else _unsure(sure)), got
    if key == "budget":
        got = [(float(b["amount"]), b["currency"]) for b in record.get("budgets") or []]
        return ("missed" if not got else "right" if (float(gold[0]), gold[1]) in got else _unsure(sure)), got
    if key in ("countries", "sdgs"):
        got = set(record.get(key) or [])
        return _sets(set(gold), got, sure), sorted(got)
    if key in ("donors", "partners"):
        organisations = _organisations(record, key == "donors")
        if not organisations:
            return "missed", None
        shown = sorted(min(forms, key=len) for forms in organisations if forms)
        found = all(any(_same_organisation(g, forms) for forms in organisations) for g in gold)
        extra = [forms for forms in organisations if not any(_same_organisation(g, forms) for g in gold)]
        return ("right" if found and not extra else "flagged" if not extra else _unsure(sure)), shown
    if key == "events":
        got = {(month, country) for month, country, _ in _event_rows(record)}
        return _sets({tuple(e) for e in gold}, got, sure), sorted(got, key=str)
    if key == "participants":
        got = {n for _, _, n in _event_rows(record) if n is not None}
        return _sets(set(gold), got, sure), sorted(got)
    raise ValueError(f"no verdict for key {key!r}")


def _likeness(gold: dict, record: dict) -> float:
    score = 0.0
    if gold.get("code") and record.get("code") and norm(gold["code"]) == norm(record["code"]):
        score += 4
    a, b = _tokens(gold.get("title")), _tokens(record.get("title"))
    if a and b:
        score += 4 * len(a & b) / len(a | b)
    score += sum(1 for k in ("start", "end") if gold.get(k) and gold.get(k) == record.get(k))
    if gold.get("budget") and any(float(b["amount"]) == float(gold["budget"][0]) for b in record.get("budgets") or []):
        score += 1
    return score


def pair(golds: list[dict], records: list[dict]) -> dict[int, int]:
    """Labelled record -> parsed record: the likeliest pairs first, then what is left in text order."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    ranked = sorted(((_likeness(g, r), i, j) for i, g in enumerate(golds) for j, r in enumerate(records)), reverse=True)
    for score, i, j in ranked:
        if score >= 1 and i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    left = [j for j in range(len(records)) if j not in taken]
    for i in range(len(golds)):
        if i not in pairs and left:
            pairs[i] = left.pop(0)
    return pairs


def parse(directory: Path, checkout: Path) -> dict:
    names = sorted(p.name for p in directory.iterdir() if p.is_file() and p.name != "gold.json")
    env = dict(os.environ, PYTHONPATH=str(checkout))
    done = subprocess.run([sys.executable, "-c", DRIVER, *(str(directory / n) for n in names)], cwd=checkout,
                          env=env, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode:
        sys.exit(f"the parser of {checkout} failed on {directory}:\n{done.stderr}")
    return json.loads(done.stdout)


def score(directory: Path, checkout: Path, lines: list[str]) -> dict[str, Counter]:
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    parsed = parse(directory, checkout)
    tally: dict[str, Counter] = defaultdict(Counter)
    for name, info in sorted(gold["files"].items()):
        records = parsed.get(name, [])
        if isinstance(records, dict):
            lines.append(f"{name}: ERROR {records['error']}")
            records = []
        golds = [g for g in gold["records"] if g["file"] == name]
        pairs = pair(golds, records)
        labelled = info["records"] if isinstance(info, dict) else int(info)  # {"records": n}, or n
        tally["_extra_record"]["wrong"] += max(0, len(records) - labelled)
        lines.append(f"== {directory.name}/{name}: {len(golds)} labelled, {len(records)} parsed")
        for i, g in enumerate(golds):
            record = records[pairs[i]] if i in pairs else None
            tally["_lost_record"]["missed"] += record is None
            # What a lost record costs: its fields, counted apart so that a round sees which share of the missed
            # fields is the segmenter's (records not found) and which the extractors' (fields not read).
            tally["_lost_record"]["fields"] += 0 if record else sum(1 for k in SCORED if k in g)
            lines.append(f"  [{i + 1}] {str(g.get('title', g.get('code', '')))[:60]!r} -> "
                         f"{str((record or {}).get('title', 'NO RECORD'))[:60]!r}")
            for key in (k for k in SCORED if k in g):
                verdict, got = judge(key, g[key], record) if record else ("missed", None)
                tally[key][verdict] += 1
                if verdict != "right":
                    lines.append(f"      {verdict:7} {key}: labelled {g[key]!r}, parsed {got!r}")
    return tally


def summary(tally: dict[str, Counter]) -> dict[str, int]:
    fields = Counter()
    for key, counts in tally.items():
        if not key.startswith("_"):
            fields.update(counts)
    total = sum(fields.values())
    return {"fields": total, "right": fields["right"], "wrong": fields["wrong"] + tally["_extra_record"]["wrong"],
            "extra_records": tally["_extra_record"]["wrong"], "flagged": fields["flagged"],
            "missed": fields["missed"], "lost_records": tally["_lost_record"]["missed"],
            "lost_fields": tally["_lost_record"]["fields"]}


def line(label: str, s: dict[str, int]) -> str:
    share = 100 * s["right"] / max(s["fields"], 1)
    return (f"{label:34} {s['fields']:4} fields  right {s['right']:4} ({share:5.1f}%)  wrong {s['wrong']:3} "
            f"(extra records {s['extra_records']})  flagged {s['flagged']:3}  missed {s['missed']:4} "
            f"(records not found {s['lost_records']}, their fields {s['lost_fields']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--against", metavar="REV", help="also score this git revision, in the same run")
    parser.add_argument("-v", "--verbose", action="store_true", help="each field that is not right")
    parser.add_argument("--keys", action="store_true", help="verdicts per key, summed over the corpora")
    args = parser.parse_args()
    dirs = args.dirs or sorted(CORPORA.glob("*/holdout"))
    checkouts = [("this checkout", ROOT)]
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            other = Path(tmp) / "against"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(other), args.against],
                           check=True)
            checkouts.insert(0, (args.against, other))
        try:
            for label, checkout in checkouts:
                print(f"# {label}")
                every: dict[str, Counter] = defaultdict(Counter)
                for directory in dirs:
                    lines: list[str] = []
                    tally = score(directory.resolve(), checkout, lines)
                    if args.verbose:
                        print("\n".join(lines))
                    print(line(f"{directory.parent.name}/{directory.name}", summary(tally)))
                    for key, counts in tally.items():
                        every[key].update(counts)
                print(line("all", summary(every)))
                if args.keys:
                    for key in sorted(every):
                        c = every[key]
                        print(f"  {key:14} right {c['right']:4}  wrong {c['wrong']:3}  flagged {c['flagged']:3}  "
                              f"missed {c['missed']:4}")
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)


if __name__ == "__main__":
    main()
