"""A finished record's values checked against the shape of their fields, the same whatever rule placed them.

Round 14: thirteen rounds tuned the rules that read a position or a cue one by one; a check of the RESULT generalises
where they did not. Each field's value is asked whether it has its type's shape (org_shapes.py: an organisation's
name; title_shapes.py: a title; here: a code, a period, the countries served). A value that fails is NOT removed:
the record keeps it and is flagged on that field with a reason a reviewer understands ("does not read as an
organisation's name: it holds a period"). A field already flagged is left as it is.

Run once per record where records leave the parser (shape_checked wraps capdev.narrative.iter_records), so that
every reading (labelled pages, tables, exports, feeds, prose) is checked alike.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from .org_shapes import organisation_fault
from .period_shapes import period_fault
from .title_shapes import title_fault
from .types import Record
from .values.money import money_spans
from .values.orgs import resolve_organisation
from .values.places import find_countries, resolve_country

_FIELDS_OF = {"partners": {"partners", "donors"}, "funding_source": {"funding_source", "donors"},
              "title": {"title"}, "code": {"code"}, "time_frame": {"time_frame", "start", "end"},
              "countries": {"countries"}, "budgets": {"budgets", "budget"}}
# "pp. 112-115", "p. 4", "págs. 10-12": a page reference, not a code.
_PAGES = re.compile(r"^(?:pp?\.|pp\s|pages?\s|pg\.|p[aá]gs?\.|p[aá]ginas?\s|folios?\s)\s*\d", re.IGNORECASE)
MIN_BUDGET = 1000  # the smallest budget of the dev corpora and the test files is far above (a grant's budget line)
# A whole date or a year alone ("2024-03-15", "15/03/2024", "2024"): no project's code.
_DATE_CODE = re.compile(r"^(?:(?:19|20)\d\d(?:[-/.]\d{1,2}[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d)$")
_SMALL_WORD = re.compile(r"\b[a-zà-ÿ]{3,}\b")


def _flagged(record: Record, field: str) -> bool:
    fields = _FIELDS_OF.get(field, {field})
    return any(f.field in fields for f in record.flags)


def code_fault(code: str) -> str:
    """Why a value placed as a project's code has no code's shape (letters, digits, separators), or ""."""
    code = (code or "").strip()
    if not code:
        return ""
    if _PAGES.match(code):
        return "a page reference, not a code"
    if len(code.split()) > 3 and len(_SMALL_WORD.findall(code)) >= 2:
        return "words of a sentence, not a code"
    if _DATE_CODE.match(code):
        return "a date, not a code"
    if money_spans(code):
        return "an amount, not a code"
    if re.search(r"@\w|https?://|\bwww\.", code):
        return "a web or mail address, not a code"
    return ""


def _title_is_another_value(record: Record) -> str:
    """The title is the record's code, or one of its partners' names, as written."""
    key = record.title.strip().casefold()
    if record.code and key == record.code.strip().casefold():
        return "it is the record's code"
    if any(key in (p.name.strip().casefold(), (p.text or "").strip().casefold()) for p in record.partners):
        return "it is the name of one of the record's partners"
    return ""


def budget_fault(record: Record) -> str:
    """Why a budget's amount is no project's budget: less than a thousand, or a year written as an amount
    ("USD 2025" read from "budget year 2025")."""
    for money in record.budgets:
        if money.amount < MIN_BUDGET:
            return f"{money.currency} {money.amount} is too small for a project's budget"
        if money.amount == money.amount.to_integral_value() and 1990 <= money.amount <= 2040:
            return f"{money.currency} {money.amount} reads as a year, not an amount"
    return ""


def _donor_countries(record: Record) -> dict[str, list[str]]:
    """The countries whose government or agency pays, as the record names them ("Government of Japan", "Suiza",
    "KOICA"), each with the donors' words as written."""
    out: dict[str, list[str]] = {}
    for partner in record.partners:
        if partner.role != "funding" or partner.org_type in ("un", "igo"):
            continue
        known = resolve_organisation(partner.name) or (partner.acronym and resolve_organisation(partner.acronym))
        if known and known.type in ("un", "igo"):
            continue
        iso = (known.country if known else None) or resolve_country(partner.name)
        if iso:
            out.setdefault(iso, []).extend(w for w in {partner.name, partner.text, partner.acronym or ""} if w)
    return out


def countries_fault(record: Record) -> str:
    """Why the countries served hold a country that only pays, or "": a donor's own country ("Government of Japan"
    funds, JPN among the countries) that the record names nowhere but in its donor's name (a country written apart,
    "Chile" in a row's country column, may be served as well as paying)."""
    donors = _donor_countries(record)
    paying = [iso for iso in record.countries if iso in donors]
    if not paying:
        return ""
    text = record.text
    inside: list[tuple[int, int]] = []
    for words in donors.values():
        for word in words:
            inside += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
    apart = {m.iso3 for m in find_countries(text)
             if not any(a <= m.start and m.end <= b for a, b in inside)}
    only_paying = sorted(iso for iso in paying if iso not in apart)
    if not only_paying:
        return ""
    return f"{', '.join(only_paying)}: the country of a donor the record names, and named nowhere else in it"


def check_shapes(record: Record) -> Record:
    """Flag each of the record's placed values that has not the shape of its field (the values are kept)."""
    if not _flagged(record, "partners"):
        for partner in record.partners:
            why = organisation_fault(partner.name)
            if why:
                record.flag("partners", f"does not read as an organisation's name: {why} (“{partner.name}”)")
    if record.funding_source and not _flagged(record, "funding_source"):
        why = organisation_fault(record.funding_source, mechanism=True)
        if why:
            record.flag("funding_source", f"does not read as an organisation's name: {why}")
    if record.title and not record.title_is_proposed and not _flagged(record, "title"):
        why = title_fault(record.title) or _title_is_another_value(record)
        if why:
            record.flag("title", f"does not read as a project's title: {why}")
    if record.code and not _flagged(record, "code"):
        why = code_fault(record.code)
        if why:
            record.flag("code", f"does not read as a project's code: {why}")
    if not _flagged(record, "time_frame"):
        why = period_fault(record)
        if why:
            record.flag("time_frame", f"does not read as the project's period: {why}")
    if record.budgets and not _flagged(record, "budgets"):
        why = budget_fault(record)
        if why:
            record.flag("budgets", f"does not read as the project's budget: {why}")
    if record.countries and not _flagged(record, "countries"):
        why = countries_fault(record)
        if why:
            record.flag("countries", why)
    return record


_Gen = TypeVar("_Gen", bound=Callable[..., Iterator[Record]])


def shape_checked(read: _Gen) -> _Gen:
    """Wrap a function that yields records so that each leaves it checked (check_shapes)."""

    @functools.wraps(read)
    def checked(*args, **kwargs):
        for record in read(*args, **kwargs):
            yield check_shapes(record)

    return checked  # type: ignore[return-value]
