"""IATI codelists, read from Capdev's compact copy (data/codelists.json, made by `capdev iati build-data`).

Codes in an activity are checked against the codelist that IATI's mapping.xml assigns to their XPath.
"""
from __future__ import annotations

import json
from functools import lru_cache

from lxml import etree

from .conf import DATA_DIR
from .findings import ERROR, WARNING, Finding

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@lru_cache(maxsize=1)
def data() -> dict:
    """The codelist data file, parsed once."""
    return json.loads((DATA_DIR / "codelists.json").read_text(encoding="utf-8"))


def codes(name: str) -> dict[str, str]:
    """{code: English name} of a codelist ({} when Capdev does not carry it)."""
    return data()["lists"].get(name, {}).get("codes", {})


def withdrawn(name: str) -> frozenset[str]:
    """The codes IATI has withdrawn from a codelist."""
    return _withdrawn(name)


@lru_cache(maxsize=None)
def _withdrawn(name: str) -> frozenset[str]:
    return frozenset(data()["lists"].get(name, {}).get("withdrawn", []))


def is_known(name: str, code: str | None) -> bool:
    """True when code is in the codelist (withdrawn codes included)."""
    return code is not None and code in codes(name)


def label(name: str, code: str) -> str:
    """The English name of a code, or the code itself."""
    return codes(name).get(code) or code


def org_id_prefixes() -> frozenset[str]:
    """Registration-agency prefixes an organisation identifier starts with ("XM-DAC", "GB-COH", ...)."""
    return frozenset(codes("OrganisationRegistrationAgency"))


class _Check:
    """One mapping entry compiled: the elements to look at, the attribute or text, the condition."""

    def __init__(self, path: str, codelist: str, condition: str):
        rel = path[len("//iati-activity/"):] if path.startswith("//iati-activity/") else ""
        head, _, last = rel.rpartition("/")
        if last.startswith("@"):
            self.elements = etree.XPath(head or ".")
            attr = last[1:]
            self.attr = XML_LANG if attr == "xml:lang" else attr
        elif last == "text()":  # the element's text is the code (crs-add/channel-code)
            self.elements = etree.XPath(head or ".")
            self.attr = None
        else:
            self.elements = etree.XPath(rel)
            self.attr = None
        self.path = path
        self.where = rel.replace("/text()", "")
        self.codelist = codelist
        self.condition = etree.XPath(f"boolean({condition})") if condition else None

    def run(self, activity: etree._Element, identifier: str) -> list[Finding]:
        out = []
        known = codes(self.codelist)
        for el in self.elements(activity):
            if not isinstance(el.tag, str):
                continue
            value = el.get(self.attr) if self.attr else (el.text or "").strip()
            if value is None or value == "":
                continue
            if self.condition is not None and not self.condition(el):
                continue
            if self.codelist == "Language":
                value = value.lower()
            if value not in known:
                out.append(Finding(ERROR, f"unknown {self.codelist} code {value!r} at {self.path}",
                                   el.sourceline, identifier, rule="codelist", value=value, path=self.where))
            elif value in withdrawn(self.codelist):
                out.append(Finding(WARNING, f"withdrawn {self.codelist} code {value!r} at {self.path}",
                                   el.sourceline, identifier, rule="codelist", value=value, path=self.where))
        return out


@lru_cache(maxsize=1)
def _checks() -> tuple[_Check, ...]:
    return tuple(_Check(e["path"], e["codelist"], e["condition"]) for e in data()["mapping"]
                 if e["path"].startswith("//iati-activity/") and e["codelist"] in data()["lists"])


def check_activity(activity: etree._Element, identifier: str = "") -> list[Finding]:
    """Every code in an activity that is not in the codelist mapping.xml assigns to it."""
    findings: list[Finding] = []
    for check in _checks():
        findings.extend(check.run(activity, identifier))
    return findings
