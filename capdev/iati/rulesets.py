"""The IATI Standard ruleset (checks beyond the XSD), interpreted in Python.

The rules are IATI's own `standard.json` (version-2.03), kept for activities in data/ruleset.json by
`capdev iati build-data`, so the product does not need shared/ at run time. Every rule type the
specification defines is implemented generically on lxml XPath 1.0 (IATI writes its paths in XPath 1.0):
atleast_one, no_more_than_one, only_one_of, one_or_all, dependent, sum, strict_sum, range, date_order,
date_now, time_limit, between_dates, regex_matches, regex_no_matches, startswith, unique, if_then, loop,
no_spaces. Contexts are made relative to one activity, so that a file is checked one activity at a time.

`idCondition` (NOT_EXISTING_ORG_ID...) needs the IATI Registry's publisher list, which Capdev does not
fetch: the rule is applied unless the value is a known publisher identifier (the reporting organisation of
this deployment and the setting CAPDEV_IATI_KNOWN_ORG_IDS).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Callable

from django.conf import settings
from lxml import etree

from .codelists import XML_LANG, org_id_prefixes
from .conf import DATA_DIR, reporting_org
from .dates import parse_date, parse_datetime
from .findings import ERROR, Finding

ACTIVITY = "/iati-activities/iati-activity"
LOOP_CACHE = 4096  # loop cases made for one value, kept for the next activity with the same value


@lru_cache(maxsize=1)
def ruleset() -> dict:
    """The activity rules of IATI's standard ruleset (data/ruleset.json)."""
    return json.loads((DATA_DIR / "ruleset.json").read_text(encoding="utf-8"))["rules"]


def relative_context(context: str) -> str:
    """An absolute ruleset context made relative to an iati-activity element."""
    parts = []
    for part in context.split("|"):
        part = part.strip()
        if part == ACTIVITY:
            parts.append("self::iati-activity")
        elif part.startswith(ACTIVITY + "/"):
            parts.append(part[len(ACTIVITY) + 1:])
        elif part.startswith("//"):
            parts.append("descendant-or-self::" + part[2:])
        else:
            return ""
    return " | ".join(parts)


@lru_cache(maxsize=4096)  # bounded: a loop rule puts the file's own values into its paths
def _xpath(expr: str) -> etree.XPath:
    return etree.XPath(expr)


def _eval(node, expr: str):
    return _xpath(expr)(node)


def _compiled_condition(condition: str | None):
    """A case's condition as a compiled boolean XPath (None: no condition; one that does not compile never holds)."""
    if not condition:
        return None
    try:
        return _xpath(f"boolean({condition})")
    except etree.XPathError:
        return lambda node: False


def _starts_with_one_of(text: str, prefixes: frozenset[str], sep: str) -> bool:
    """True when text is one of prefixes followed by sep (and anything after)."""
    if not prefixes:
        return False
    if not sep:
        return any(text[:i] in prefixes for i in range(1, len(text) + 1))
    at = text.find(sep)
    while at > 0:
        if text[:at] in prefixes:
            return True
        at = text.find(sep, at + 1)
    return False


def _bool(node, expr: str) -> bool:
    return bool(_xpath(f"boolean({expr})")(node))


def _nodes(node, paths) -> list:
    out = []
    for p in paths:
        result = _xpath(p)(node)
        if isinstance(result, list):
            out.extend(result)
        elif result not in (None, False, ""):
            out.append(result)
    return out


def _text(item) -> str:
    if isinstance(item, etree._Element):
        return item.text or ""
    return str(item)


def _line(item, default: int | None) -> int | None:
    if isinstance(item, etree._Element):
        return item.sourceline
    parent = getattr(item, "getparent", None)
    if parent is not None:
        p = parent()
        if p is not None:
            return p.sourceline
    return default


def _path(item) -> str:
    """Where a failing item is, below its activity: "sector/@percentage", "transaction/value"."""
    if isinstance(item, etree._Element):
        element, attr = item, ""
    else:
        getparent = getattr(item, "getparent", None)
        element = getparent() if getparent is not None else None
        attr = "/@" + item.attrname if getattr(item, "is_attribute", False) else ""
    steps = []
    while isinstance(element, etree._Element) and element.tag != "iati-activity":
        steps.append(element.tag if isinstance(element.tag, str) else "")
        element = element.getparent()
    return "/".join(reversed(steps)) + attr if steps else ("iati-activity" + attr)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None



def known_org_ids() -> frozenset[str]:
    """Publisher identifiers treated as existing (idCondition): this deployment's and the configured ones."""
    known = set(getattr(settings, "CAPDEV_IATI_KNOWN_ORG_IDS", []) or [])
    if reporting_org()["ref"]:
        known.add(reporting_org()["ref"])
    return frozenset(known)


class Checker:
    """Runs the ruleset on one activity element and collects Findings."""

    def __init__(self, today: dt.date | None = None, now: dt.datetime | None = None):
        self.now = now or dt.datetime.now(dt.timezone.utc)
        self.today = today or self.now.date()
        self.known = known_org_ids()
        self._loops: dict[tuple, list] = {}  # see _loop_cases
        # Each context's cases with their handler and condition compiled once: the importer checks every activity
        # of a file, and looking them up again for each activity and case cost a fifth of the check.
        self.plan = []
        for ctx, rules in ruleset().items():
            context = relative_context(ctx)
            if not context:
                continue
            cases = []
            for name, body in rules.items():
                handler: Callable | None = getattr(self, "rule_" + name, None)
                if handler is None:
                    continue
                for case in body.get("cases", []):
                    cases.append((handler, case, _compiled_condition(case.get("condition"))))
            self.plan.append((_xpath(context), cases))

    def check(self, activity: etree._Element, identifier: str = "") -> list[Finding]:
        """The ruleset's findings for one iati-activity element."""
        self.identifier = identifier
        self.findings: list[Finding] = []
        self._found: dict[tuple, list] = {}
        for context, cases in self.plan:
            for node in context(activity):
                if not isinstance(node, etree._Element):
                    continue
                for handler, case, condition in cases:
                    try:
                        if condition is not None and not condition(node):
                            continue
                        handler(case, node)
                    except etree.XPathError:
                        continue  # a path this XPath engine cannot evaluate: skip the case rather than report nonsense
        return self.findings

    # -- plumbing
    def _nodes(self, node, paths) -> list:
        """What the paths select from node, each path evaluated once per node and activity (rules share paths)."""
        out = []
        found = self._found
        for p in paths:
            key = (node, p)
            result = found.get(key)
            if result is None:
                result = found[key] = _nodes(node, [p])
            out.extend(result)
        return out

    def run(self, name: str, case: dict, node) -> None:
        """Run one case of a rule type on a context node."""
        handler: Callable | None = getattr(self, "rule_" + name, None)
        if handler is None:
            return
        try:
            if case.get("condition") and not _bool(node, case["condition"]):
                return
            handler(case, node)
        except etree.XPathError:
            return  # a path this XPath engine cannot evaluate: skip the case rather than report nonsense

    def fail(self, case: dict, node, item=None, detail: str = "") -> None:
        info = case.get("ruleInfo", {})
        message = info.get("message", "rule failed") + (f" ({detail})" if detail else "")
        self.findings.append(Finding(info.get("severity", ERROR), message,
                                     _line(item, node.sourceline) if item is not None else node.sourceline,
                                     self.identifier, rule=info.get("id", ""),
                                     value=_text(item)[:500] if item is not None else "",
                                     path=_path(item if item is not None else node)))

    def _applies(self, case: dict, text: str) -> bool:
        cond = case.get("idCondition")
        if cond == "NOT_EXISTING_ORG_ID":
            return text not in self.known
        if cond == "NOT_EXISTING_ORG_ID_PREFIX":
            return not any(text.startswith(k + "-") for k in self.known)
        return True

    # -- rule types (https://github.com/IATI/IATI-Rulesets SPEC.rst)
    def rule_atleast_one(self, case, node):
        if not self._nodes(node, case["paths"]):
            self.fail(case, node)

    def rule_no_more_than_one(self, case, node):
        found = self._nodes(node, case["paths"])
        if len(found) > 1:
            self.fail(case, node, found[1])

    def rule_only_one_of(self, case, node):
        found = self._nodes(node, case["paths"])
        if self._nodes(node, case.get("excluded", [])):
            if found:
                self.fail(case, node, found[0])
        elif len(found) != 1:
            self.fail(case, node)

    def rule_one_or_all(self, case, node):
        if self._nodes(node, [case["one"]]):
            return
        kind = case["all"]
        if kind == "lang":
            missing = [n for n in node.iter("narrative") if not n.get(XML_LANG)]
        elif kind == "currency":
            missing = [n for n in node.iter("value") if not n.get("currency")]
        elif kind == "sector":
            transactions = node.findall("transaction")
            with_sector = [t for t in transactions if t.find("sector") is not None]
            missing = [t for t in transactions if t.find("sector") is None] if with_sector else []
        else:
            missing = [n for n in node.iter() if isinstance(n.tag, str) and n.tag == kind and not len(n)]
        if missing:
            self.fail(case, node, missing[0])

    def rule_dependent(self, case, node):
        present = [bool(self._nodes(node, [p])) for p in case["paths"]]
        if any(present) and not all(present):
            self.fail(case, node)

    def _sum(self, case, node, strict: bool):
        values = self._nodes(node, case["paths"])
        if not values:
            return
        total = Decimal(0)
        for v in values:
            n = _number(_text(v))
            if n is None:
                self.fail(case, node, v, f"{_text(v)!r} is not a number")
                return
            total += n
        expected = Decimal(str(case["sum"]))
        if total != expected:
            self.fail(case, node, values[0], f"the sum is {total.normalize():f}")

    def rule_sum(self, case, node):
        self._sum(case, node, strict=False)

    def rule_strict_sum(self, case, node):
        self._sum(case, node, strict=True)

    def rule_range(self, case, node):
        low = Decimal(str(case["min"])) if "min" in case else None
        high = Decimal(str(case["max"])) if "max" in case else None
        for v in self._nodes(node, case["paths"]):
            n = _number(_text(v))
            if n is None or (low is not None and n < low) or (high is not None and n > high):
                self.fail(case, node, v, f"{_text(v)!r}")

    def _dates(self, node, expr: str) -> list[tuple[dt.date, Any]]:
        if expr == "NOW":
            return [(self.today, None)]
        out = []
        for item in self._nodes(node, [expr]):
            d = parse_date(_text(item))
            if d is not None:
                out.append((d, item))
        return out

    def rule_date_order(self, case, node):
        more = self._dates(node, case["more"])
        if not more:
            return
        latest_bound = min(d for d, _ in more)
        for d, item in self._dates(node, case["less"]):
            if d > latest_bound:
                self.fail(case, node, item, f"{d.isoformat()} is after {latest_bound.isoformat()}")
                return

    def rule_date_now(self, case, node):
        for item in self._nodes(node, [case["date"]]):
            when = parse_datetime(_text(item))
            if when is not None and when > self.now:
                self.fail(case, node, item, _text(item))

    def rule_time_limit(self, case, node):
        starts, ends = self._dates(node, case["start"]), self._dates(node, case["end"])
        if starts and ends and (ends[0][0] - starts[0][0]).days > 365:
            self.fail(case, node, ends[0][1], f"{starts[0][0].isoformat()} to {ends[0][0].isoformat()}")

    def rule_between_dates(self, case, node):
        starts, ends = self._dates(node, case["start"]), self._dates(node, case["end"])
        if not starts or not ends:
            return
        for d, item in self._dates(node, case["date"]):
            if not starts[0][0] <= d <= ends[0][0]:
                self.fail(case, node, item, d.isoformat())

    def rule_regex_matches(self, case, node):
        regex = re.compile(case["regex"])
        for item in self._nodes(node, case["paths"]):
            text = _text(item)
            if self._applies(case, text) and not regex.search(text):
                self.fail(case, node, item, repr(text))

    def rule_regex_no_matches(self, case, node):
        regex = re.compile(case["regex"])
        for item in self._nodes(node, case["paths"]):
            text = _text(item)
            if self._applies(case, text) and regex.search(text):
                self.fail(case, node, item, repr(text))

    def rule_startswith(self, case, node):
        # The registration agencies (~1,000) are looked up by each prefix of the text, not scanned one by one.
        agencies = org_id_prefixes() if "ORG-ID-PREFIX" in case["prefix"] else frozenset()
        prefixes: set[str] = set()
        for p in case["prefix"]:
            if p != "ORG-ID-PREFIX":
                prefixes |= {_text(i).strip() for i in self._nodes(node, [p]) if _text(i).strip()}
        if not prefixes and not agencies:
            return
        sep = case.get("separator", "")
        for item in self._nodes(node, case["paths"]):
            text = _text(item)
            if not self._applies(case, text):
                continue
            if not any(text.startswith(prefix + sep) for prefix in prefixes) and \
                    not _starts_with_one_of(text, agencies, sep):
                self.fail(case, node, item, repr(text))

    def rule_unique(self, case, node):
        seen: set[str] = set()
        for item in self._nodes(node, case["paths"]):
            text = _text(item).strip()
            if text in seen:
                self.fail(case, node, item, repr(text))
                return
            seen.add(text)

    def rule_if_then(self, case, node):
        if _bool(node, case["if"]) and not _bool(node, case["then"]):
            found = self._nodes(node, case.get("paths", [])[:1])
            self.fail(case, node, found[0] if found else None)

    def rule_no_spaces(self, case, node):
        for item in self._nodes(node, case["paths"]):
            text = _text(item)
            if text != text.strip():
                self.fail(case, node, item, repr(text))

    def rule_loop(self, case, node):
        values = []
        for item in self._nodes(node, [case["foreach"]]):
            text = _text(item)
            if text not in values:
                values.append(text)
        for value in values:
            for handler, concrete, condition in self._loop_cases(case, value):
                try:
                    if condition is not None and not condition(node):
                        continue
                    handler(concrete, node)
                except etree.XPathError:
                    continue

    def _loop_cases(self, case: dict, value: str) -> list:
        """The cases of a loop for one value, "$1" replaced, ready to run (made once per loop and value)."""
        key = (id(case), value)
        found = self._loops.get(key)
        if found is not None:
            return found
        if len(self._loops) >= LOOP_CACHE:
            self._loops.clear()  # bounded: the values are the file's own
        quoted = value.replace("'", "")
        subs = case.get("subs", [])
        found = []
        for name, body in case["do"].items():
            handler: Callable | None = getattr(self, "rule_" + name, None)
            if handler is None:
                continue
            for inner in body.get("cases", []):
                concrete = dict(inner)
                for sub in subs:
                    if sub not in concrete:
                        continue
                    if isinstance(concrete[sub], list):
                        concrete[sub] = [p.replace("$1", quoted) for p in concrete[sub]]
                    else:
                        concrete[sub] = concrete[sub].replace("$1", quoted)
                found.append((handler, concrete, _compiled_condition(concrete.get("condition"))))
        self._loops[key] = found
        return found


def check_activity(activity: etree._Element, identifier: str = "", today: dt.date | None = None) -> list[Finding]:
    """The ruleset's findings for one iati-activity element."""
    return Checker(today=today).check(activity, identifier)
