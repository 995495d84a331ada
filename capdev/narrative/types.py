"""Plain data types the narrative parser produces: the contract between parser, loader and API.

No Django here: the parser must run and be tested on its own.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
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


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day ("2010", "2010-02", "2010-02-03"). Ordered by year, month and
    day, an unknown part before every known one ("2024-06" < "2024-06-30"): the generated order compared an unknown
    day with a known one and raised TypeError, which lost the field it was read for."""

    year: int
    month: int | None = None
    day: int | None = None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError on impossible dates such as 31 February, month 0 or day 0 (only None means unknown).
        dt.date(self.year, 1 if self.month is None else self.month, 1 if self.day is None else self.day)

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
    period_start: str | None = None  # ISO dates, when the budget line says which period it covers
    period_end: str | None = None


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
class Indicator:
    """A measure of an outcome, with its baseline, target and values by period (plain dicts)."""

    title: str
    unit: str = ""
    ascending: bool = True
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target: Decimal | None = None
    target_year: int | None = None
    values: list[dict[str, Any]] = field(default_factory=list)  # period_start, period_end, actual, target, comment


@dataclass
class Outcome:
    """An intended outcome ("Outcome 1: By 2026, ...")."""

    text: str
    target_year: int | None = None
    number: int | None = None
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(frozen=True)
class Sector:
    """A sector in a vocabulary (IATI SectorVocabulary; 1 is DAC 5-digit), with its share."""

    vocabulary: str
    code: str
    name: str = ""
    percentage: Decimal | None = None


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
    recalled: bool = False  # told as the project's history (held before it began): kept, never counted


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
    # Held by the registry rather than told by narrative pages; carried by the JSON shape for round trips.
    iati_identifier: str | None = None
    regions: list[str] = field(default_factory=list)  # every region served; `region` is the first
    country_percentages: dict[str, Decimal] = field(default_factory=dict)
    sectors: list[Sector] = field(default_factory=list)
    source_format: str = "narrative"

    def flag(self, field_name: str, reason: str) -> None:
        """Record a review flag once."""
        f = Flag(field_name, reason)
        if f not in self.flags:
            self.flags.append(f)

    def to_json(self) -> dict[str, Any]:
        """The record in the import JSON shape (docs/import.md), also used by the API and the JSON export."""
        return {
            "code": self.code,
            "iati_identifier": self.iati_identifier,
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
                {"amount": json_number(b.amount), "currency": b.currency, "kind": b.kind, "label": b.label,
                 "period_start": b.period_start, "period_end": b.period_end}
                for b in self.budgets
            ],
            "start": _iso(self.start),
            "end": _iso(self.end),
            "status": self.status,
            "region": self.region,
            "regions": list(self.regions or ([self.region] if self.region else [])),
            "countries": list(self.countries),
            "country_percentages": {k: json_number(v) for k, v in self.country_percentages.items()},
            "sectors": [{"vocabulary": x.vocabulary, "code": x.code, "name": x.name,
                         "percentage": None if x.percentage is None else json_number(x.percentage)}
                        for x in self.sectors],
            "sdgs": list(self.sdgs),
            "sdg_targets": list(self.sdg_targets),
            "thematic_areas": list(self.thematic_areas),
            "beneficiaries": {"direct": self.beneficiaries_direct, "indirect": self.beneficiaries_indirect},
            "outcomes": [
                {"text": o.text, "target_year": o.target_year, "number": o.number,
                 "indicators": [_indicator_json(i) for i in o.indicators]}
                for o in self.outcomes
            ],
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
                    "recalled": e.recalled,
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
            "source": {"file": self.source_file, "index": self.index, "offset": self.offset, "text": self.text,
                       "format": self.source_format},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], index: int = 0) -> Record:
        """A record from the JSON shape (the inverse of to_json); raises ValueError saying which key is wrong."""
        if not isinstance(data, dict):
            raise ValueError(f"record {index}: expected an object, got {type(data).__name__}")
        try:
            return _record_from_json(cls, data, index)
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise ValueError(f"record {index} ({data.get('code') or data.get('title') or 'untitled'}): {exc}") from exc


def _indicator_json(i: Indicator) -> dict[str, Any]:
    return {"title": i.title, "unit": i.unit, "ascending": i.ascending,
            "baseline": None if i.baseline is None else json_number(i.baseline), "baseline_year": i.baseline_year,
            "target": None if i.target is None else json_number(i.target), "target_year": i.target_year,
            "values": [{k: (json_number(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
                       for row in i.values]}


def _date(value: Any) -> PartialDate | None:
    return PartialDate.from_iso(value) if value else None


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _record_from_json(cls: type[Record], d: dict[str, Any], index: int) -> Record:
    source = d.get("source") or {}
    beneficiaries = d.get("beneficiaries") or {}
    # The index is the record's place in this JSON list: related_to refers to records by it.
    record = cls(index=index, text=source.get("text") or "", offset=source.get("offset") or 0,
                 source_file=source.get("file"))
    record.source_format = source.get("format") or "json"
    for key in ("code", "iati_identifier", "lead_unit", "funding_source", "tranche", "status", "region"):
        value = d.get(key)
        setattr(record, key, None if value in (None, "") else str(value))
    for key in ("title", "summary", "objective", "background", "partners_text"):
        setattr(record, key, str(d.get(key) or ""))
    record.title_is_proposed = bool(d.get("title_is_proposed"))
    record.accomplishments_to_date = bool(d.get("accomplishments_to_date"))
    record.accomplishments_as_of = _date(d.get("accomplishments_as_of"))
    for key in ("expected_accomplishments", "planned_activities", "key_accomplishments", "thematic_areas",
                "unparsed", "sdg_targets", "countries", "related_to"):
        setattr(record, key, list(d.get(key) or []))
    record.regions = list(d.get("regions") or ([record.region] if record.region else []))
    record.sdgs = [int(g) for g in d.get("sdgs") or []]
    record.beneficiaries_direct = str(beneficiaries.get("direct") or "")
    record.beneficiaries_indirect = str(beneficiaries.get("indirect") or "")
    record.start, record.end = _date(d.get("start")), _date(d.get("end"))
    record.partners = [Partner(name=p["name"], acronym=p.get("acronym"), role=p.get("role") or "cooperating",
                               org_type=p.get("type"), text=p.get("text") or p["name"])
                       for p in d.get("partners") or []]
    record.budgets = [Money(Decimal(str(b["amount"])), b["currency"], b.get("kind") or "total", b.get("label") or "",
                            b.get("period_start"), b.get("period_end")) for b in d.get("budgets") or []]
    record.country_percentages = {k: Decimal(str(v)) for k, v in (d.get("country_percentages") or {}).items()}
    record.sectors = [Sector(str(x["vocabulary"]), str(x["code"]), x.get("name") or "", _decimal(x.get("percentage")))
                      for x in d.get("sectors") or []]
    record.outcomes = [
        Outcome(o["text"], o.get("target_year"), o.get("number"), [
            Indicator(i["title"], i.get("unit") or "", i.get("ascending", True), _decimal(i.get("baseline")),
                      i.get("baseline_year"), _decimal(i.get("target")), i.get("target_year"),
                      list(i.get("values") or []))
            for i in o.get("indicators") or []])
        for o in d.get("outcomes") or []]
    record.activities = [
        Event(type=e["type"], title=e.get("title") or "", start=_date(e.get("start")), end=_date(e.get("end")),
              country=e.get("country"), city=e.get("city"), online=bool(e.get("online")),
              participants=e.get("participants"), participants_qualifier=e.get("participants_qualifier"),
              participants_profile=e.get("participants_profile"), participant_countries=e.get("participant_countries"),
              organisers=list(e.get("organisers") or []), summary=e.get("summary") or "",
              dates_text=e.get("dates_text") or "", recalled=bool(e.get("recalled")))
        for e in d.get("activities") or []]
    record.resources = [ResourceRef(r.get("type") or "other", r["title"], r.get("url"), _date(r.get("date")),
                                    r.get("language")) for r in d.get("resources") or []]
    record.flags = [Flag(f["field"], f["reason"]) for f in d.get("flags") or []]
    record.spans = [Span(s["field"], s["start"], s["end"]) for s in d.get("spans") or []]
    return record


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def json_number(amount: Decimal) -> int | float:
    """An amount as the record shape writes it in JSON: an integer where whole, else a float."""
    # JSON has no Decimal; whole amounts stay integers so that 1308543 reads as written.
    return int(amount) if amount == amount.to_integral_value() else float(amount)
