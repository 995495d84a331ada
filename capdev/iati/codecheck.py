"""The codelist checks of `codelists.check_activity`, run in one walk over the activity instead of one XPath each.

The importer checks every activity against about a hundred mapping.xml entries; evaluating each entry's XPath
separately cost more than reading the activity. Here the entries are grouped by the element path they name,
the activity's elements are walked once (only down paths some entry names), and each element meets the entries
of its path. `check_activity` finds what the validator finds, in the same order (entry by entry, each in document
order). `review_activity` is the importer's: it first corrects what is obviously meant (`normalise.correct`),
in the element itself, and reports each correction and each code still unknown, with the value as written.
"""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from . import codelists, normalise
from .findings import ERROR, INFO, WARNING, Finding


class _Entry:
    """One mapping entry: where its value is (an attribute, or the element's text), its codelist and condition."""

    def __init__(self, check: codelists._Check):
        self.path, self.codelist, self.condition = check.path, check.codelist, check.condition
        self.attr = check.attr
        self.known = codelists.codes(check.codelist)
        self.withdrawn = codelists.withdrawn(check.codelist)
        self.lower = check.codelist == "Language"
        self.where = check.path[len("//iati-activity/"):].replace("/text()", "")  # "recipient-country/@code"

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
                               el.sourceline, identifier, rule="codelist", value=value, path=self.where))
        elif value in self.withdrawn:
            out.append(Finding(WARNING, f"withdrawn {self.codelist} code {value!r} at {self.path}",
                               el.sourceline, identifier, rule="codelist", value=value, path=self.where))

    def review(self, el: etree._Element, identifier: str, out: list[Finding]) -> None:
        """As check, but a code obviously meant is put in its place (and reported); the rest as check does."""
        written = el.get(self.attr) if self.attr else el.text
        if written is None or written.strip() == "":
            return
        if self.condition is not None and not self.condition(el):
            return
        value = written.lower() if self.lower else written
        if value not in self.known:
            meant = normalise.correct(self.codelist, written)
            if meant is None:
                out.append(Finding(ERROR, f"unknown {self.codelist} code {written!r} at {self.where}",
                                   el.sourceline, identifier, rule="codelist", value=written, path=self.where))
                return
            if self.attr:
                el.set(self.attr, meant)
            else:
                el.text = meant
            out.append(Finding(INFO, f"{self.codelist} code {written!r} read as {meant!r} at {self.where}",
                               el.sourceline, identifier, rule="normalised", value=written, path=self.where))
            value = meant
        if value in self.withdrawn:
            out.append(Finding(WARNING, f"withdrawn {self.codelist} code {value!r} at {self.where}",
                               el.sourceline, identifier, rule="withdrawn", value=written, path=self.where))


def _segments(path: str) -> tuple[str, ...]:
    """The element steps below iati-activity of a mapping path ("transaction/sector/@code" -> both tags)."""
    rel = path[len("//iati-activity/"):]
    steps = [s for s in rel.split("/") if s]
    if steps and (steps[-1].startswith("@") or steps[-1] == "text()"):
        steps.pop()
    return tuple(steps)


class _Node:
    """One element path some entry names or passes through: its entries and the tags worth walking down."""

    __slots__ = ("entries", "children", "review_order")

    def __init__(self):
        self.entries: list[tuple[int, _Entry]] = []
        self.children: dict[str, _Node] = {}
        # For review: an element's @vocabulary first, since the conditions of its other codes read it.
        self.review_order: list[_Entry] = []


@lru_cache(maxsize=1)
def _plan() -> tuple[_Node, int]:
    """The tree of element paths (the activity at its root) with each path's entries, and how many entries."""
    checks = codelists._checks()
    root = _Node()
    for i, check in enumerate(checks):
        steps = _segments(check.path)
        if any(not s.replace("-", "").isalnum() for s in steps):
            raise ValueError(f"mapping path {check.path!r} is not a plain element path")
        node = root
        for step in steps:
            node = node.children.setdefault(step, _Node())
        node.entries.append((i, _Entry(check)))
        node.review_order = sorted((e for _i, e in node.entries), key=lambda e: e.attr != "vocabulary")
    return root, len(checks)


def check_activity(activity: etree._Element, identifier: str = "") -> list[Finding]:
    """Every code in an activity that is not in the codelist mapping.xml assigns to it (as codelists does)."""
    root, count = _plan()
    found: list[list[Finding] | None] = [None] * count

    def visit(el: etree._Element, node: _Node) -> None:
        for i, entry in node.entries:
            out = found[i]
            if out is None:
                out = found[i] = []
            entry.check(el, identifier, out)
        children = node.children
        if children:
            # One dict lookup per child; comments' and PIs' tags are not strings and match no path.
            for child in el:
                sub = children.get(child.tag)
                if sub is not None:
                    visit(child, sub)

    visit(activity, root)
    return [f for out in found if out for f in out]


def review_activity(activity: etree._Element, identifier: str = "") -> list[Finding]:
    """The importer's codelist pass: each code not in its codelist is corrected in the element when one code is
    obviously meant (a finding "normalised", info), else reported as unknown ("codelist"); withdrawn codes are
    reported too ("withdrawn"). Every finding carries the value as written and its path. In document order."""
    root, _count = _plan()
    out: list[Finding] = []

    def visit(el: etree._Element, node: _Node) -> None:
        for entry in node.review_order:
            entry.review(el, identifier, out)
        children = node.children
        if children:
            for child in el:
                sub = children.get(child.tag)
                if sub is not None:
                    visit(child, sub)

    visit(activity, root)
    return out
