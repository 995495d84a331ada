"""Plain data types the narrative parser produces: the contract between parser, loader and API.

No Django here: the parser must run and be tested on its own.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

PRECISIONS = ("year", "month", "day")
BUDGET_KINDS = ("total", "yearly", "other")
PARTNER_ROLES = ("funding", "implementing", "cooperating", "beneficiary")
ACTIVITY_TYPES = (
    "workshop",
    "training_of_trainers",
    "advisory_mission",
    "webinar",
    "conference",  # conference or meeting
    "study",  # study or assessment
    "publication_launch",
    "milestone",
)
RESOURCE_TYPES = ("report", "toolkit", "booklet", "training_material", "link", "other")

_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day ("2010", "2010-02", "2010-02-03")."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError on impossible dates such as 31 February.
        dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 at this date's precision."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> dt.date:
        """The earliest calendar day this date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this date can mean."""
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Parse "2010", "2010-02" or "2010-02-03"."""
        m = _ISO_RE.match(text.strip())
        if not m:
            raise ValueError(f"not an ISO 8601 date: {text!r}")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DateRange:
    """A start and an end, either of which may be unknown."""

    start: PartialDate | None
    end: PartialDate | None

    @property
    def is_reversed(self) -> bool:
        """True when the end lies wholly before the start."""
        return bool(self.start and self.end and self.end.last_day() < self.start.first_day())


@dataclass(frozen=True)
class Money:
    """An amount in an ISO 4217 currency; kind is total, yearly or other."""

    amount: Decimal
    currency: str
    kind: str = "total"
    label: str = ""  # e.g. the donor or the year a budget line is for


@dataclass(frozen=True)
class Flag:
    """Something the parser was unsure of, for a reviewer to accept or correct."""

    field: str
    reason: str


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the decoded file that belong to one field (or to 'unparsed')."""

    field: str
    start: int
    end: int


@dataclass
class Partner:
    """An organisation named as a partner, with its role in the project."""

    name: str
    acronym: str | None = None
    role: str = "cooperating"
    org_type: str | None = None  # government, un, igo, donor, ngo, academia, private
    text: str = ""  # the words as written in the record


@dataclass
class Outcome:
    """An intended outcome ("Outcome 1: By 2026, ...")."""

    text: str
    target_year: int | None = None
    number: int | None = None


@dataclass
class Event:
    """An activity told of in a record: a workshop, mission, webinar, training, meeting..."""

    type: str
    title: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    city: str | None = None
    online: bool = False
    participants: int | None = None
    participants_qualifier: str | None = None  # "over", "more than", "about", ...
    participants_profile: str | None = None  # "senior government officials"
    participant_countries: int | None = None
    organisers: list[str] = field(default_factory=list)
    summary: str = ""
    dates_text: str = ""  # all dates as written, e.g. "21 and 28 February 2024; 20 and 27 March 2024"
    span: tuple[int, int] | None = None  # offsets in the decoded file


@dataclass
class ResourceRef:
    """A publication, toolkit, booklet, training material or link named in a record."""

    type: str
    title: str
    url: str | None = None
    date: PartialDate | None = None
    language: str | None = None


@dataclass
class Record:
    """One project record as parsed from narrative text, every value traceable to its span."""

    index: int  # position of the record in its file, from 0
    text: str  # the record's text, verbatim
    offset: int = 0  # where the record starts in the decoded file
    source_file: str | None = None
    code: str | None = None
    title: str = ""
    title_is_proposed: bool = False
    summary: str = ""
    objective: str = ""
    background: str = ""
    expected_accomplishments: list[str] = field(default_factory=list)
    planned_activities: list[str] = field(default_factory=list)
    key_accomplishments: list[str] = field(default_factory=list)
    accomplishments_as_of: PartialDate | None = None  # "As for December 2009"
    accomplishments_to_date: bool = False  # "Key Accomplishments (to-date)"
    partners: list[Partner] = field(default_factory=list)
    partners_text: str = ""  # the partner field as written (prose is kept)
    lead_unit: str | None = None
    lead_unit_text: str = ""
    funding_source: str | None = None
    budgets: list[Money] = field(default_factory=list)
    start: PartialDate | None = None
    end: PartialDate | None = None
    status: str | None = None
    region: str | None = None
    countries: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    thematic_areas: list[str] = field(default_factory=list)
    beneficiaries_direct: str = ""
    beneficiaries_indirect: str = ""
    outcomes: list[Outcome] = field(default_factory=list)
    activities: list[Event] = field(default_factory=list)
    resources: list[ResourceRef] = field(default_factory=list)
    related_to: list[int | str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    tranche: str | None = None

    def flag(self, field_name: str, reason: str) -> None:
        """Record a review flag once."""
        f = Flag(field_name, reason)
        if f not in self.flags:
            self.flags.append(f)

    def to_json(self) -> dict[str, Any]:
        """The record in the import JSON shape (docs/import.md), also used by the API."""
        return {
            "code": self.code,
            "title": self.title,
            "title_is_proposed": self.title_is_proposed,
            "summary": self.summary,
            "objective": self.objective,
            "background": self.background,
            "expected_accomplishments": list(self.expected_accomplishments),
            "planned_activities": list(self.planned_activities),
            "key_accomplishments": list(self.key_accomplishments),
            "accomplishments_as_of": _iso(self.accomplishments_as_of),
            "accomplishments_to_date": self.accomplishments_to_date,
            "partners": [
                {"name": p.name, "acronym": p.acronym, "role": p.role, "type": p.org_type, "text": p.text}
                for p in self.partners
            ],
            "partners_text": self.partners_text,
            "lead_unit": self.lead_unit,
            "funding_source": self.funding_source,
            "tranche": self.tranche,
            "budgets": [
                {"amount": _number(b.amount), "currency": b.currency, "kind": b.kind, "label": b.label}
                for b in self.budgets
            ],
            "start": _iso(self.start),
            "end": _iso(self.end),
            "status": self.status,
            "region": self.region,
            "countries": list(self.countries),
            "sdgs": list(self.sdgs),
            "sdg_targets": list(self.sdg_targets),
            "thematic_areas": list(self.thematic_areas),
            "beneficiaries": {"direct": self.beneficiaries_direct, "indirect": self.beneficiaries_indirect},
            "outcomes": [{"text": o.text, "target_year": o.target_year, "number": o.number} for o in self.outcomes],
            "activities": [
                {
                    "type": e.type,
                    "title": e.title,
                    "start": _iso(e.start),
                    "end": _iso(e.end),
                    "dates_text": e.dates_text,
                    "country": e.country,
                    "city": e.city,
                    "online": e.online,
                    "participants": e.participants,
                    "participants_qualifier": e.participants_qualifier,
                    "participants_profile": e.participants_profile,
                    "participant_countries": e.participant_countries,
                    "organisers": list(e.organisers),
                    "summary": e.summary,
                }
                for e in self.activities
            ],
            "resources": [
                {"type": r.type, "title": r.title, "url": r.url, "date": _iso(r.date), "language": r.language}
                for r in self.resources
            ],
            "related_to": list(self.related_to),
            "flags": [{"field": f.field, "reason": f.reason} for f in self.flags],
            "spans": [{"field": s.field, "start": s.start, "end": s.end} for s in self.spans],
            "unparsed": list(self.unparsed),
            "source": {"file": self.source_file, "index": self.index, "offset": self.offset, "text": self.text},
        }


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def _number(amount: Decimal) -> int | float:
    # JSON has no Decimal; whole amounts stay integers so that 1308543 reads as written.
    return int(amount) if amount == amount.to_integral_value() else float(amount)
