"""The codelist checks of `codelists.check_activity`, run in one walk over the activity instead of one XPath each.

The importer checks every activity against about a hundred mapping.xml entries; evaluating each entry's XPath
separately cost more than reading the activity. Here the entries are grouped by the element path they name,
the activity's elements are walked once (only down paths some entry names), and each element meets the entries
of its path. The findings are the same, in the same order (entry by entry, each in document order).
"""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from . import codelists
from .findings import ERROR, WARNING, Finding


class _Entry:
    """One mapping entry: where its value is (an attribute, or the element's text), its codelist and condition."""

    def __init__(self, check: codelists._Check):
        self.path, self.codelist, self.condition = check.path, check.codelist, check.condition
        self.attr = check.attr
        self.known = codelists.codes(check.codelist)
        self.withdrawn = codelists.withdrawn(check.codelist)
        self.lower = check.codelist == "Language"

    def check(self, el: etree._Element, identifier: str, out: list[Finding]) -> None:
        value = el.get(self.attr) if self.attr else (el.text or "").strip()
        if value is None or value == "":
            return
        if self.condition is not None and not self.condition(el):
            return
        if self.lower:
            value = value.lower()
        if value not in self.known:
            out.append(Finding(ERROR, f"unknown {self.codelist} code {value!r} at {self.path}",
                               el.sourceline, identifier, rule="codelist"))
        elif value in self.withdrawn:
            out.append(Finding(WARNING, f"withdrawn {self.codelist} code {value!r} at {self.path}",
                               el.sourceline, identifier, rule="codelist"))


def _segments(path: str) -> tuple[str, ...]:
    """The element steps below iati-activity of a mapping path ("transaction/sector/@code" -> both tags)."""
    rel = path[len("//iati-activity/"):]
    steps = [s for s in rel.split("/") if s]
    if steps and (steps[-1].startswith("@") or steps[-1] == "text()"):
        steps.pop()
    return tuple(steps)


@lru_cache(maxsize=1)
def _plan() -> tuple[dict[tuple[str, ...], list[tuple[int, _Entry]]], frozenset[tuple[str, ...]], int]:
    """Entries by element path, every path prefix worth walking down, and how many entries there are."""
    checks = codelists._checks()
    by_path: dict[tuple[str, ...], list[tuple[int, _Entry]]] = {}
    prefixes = set()
    for i, check in enumerate(checks):
        steps = _segments(check.path)
        if any(not s.replace("-", "").isalnum() for s in steps):
            raise ValueError(f"mapping path {check.path!r} is not a plain element path")
        by_path.setdefault(steps, []).append((i, _Entry(check)))
        prefixes.update(steps[:n] for n in range(len(steps) + 1))
    return by_path, frozenset(prefixes), len(checks)


def check_activity(activity: etree._Element, identifier: str = "") -> list[Finding]:
    """Every code in an activity that is not in the codelist mapping.xml assigns to it (as codelists does)."""
    by_path, prefixes, count = _plan()
    found: list[list[Finding] | None] = [None] * count

    def visit(el: etree._Element, path: tuple[str, ...]) -> None:
        for i, entry in by_path.get(path, ()):
            out = found[i]
            if out is None:
                out = found[i] = []
            entry.check(el, identifier, out)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                sub = (*path, tag)
                if sub in prefixes:
                    visit(child, sub)

    visit(activity, ())
    return [f for out in found if out for f in out]
