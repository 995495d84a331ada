"""A deterministic synthetic portfolio for scale tests: `capdev generate-portfolio --projects N --seed S`.

The same N and seed give the same projects (titles, dates, budgets, places, SDGs, partners, activities...)
on any database that holds the same reference data (`capdev load-reference`): every random choice comes
from a `random.Random` seeded per block of BLOCK projects with (seed, block), so the data do not depend on
the batch size either. Only the row timestamps (`created`, `last_updated`) and the primary keys differ
between runs.

Distributions (see docs/performance.md): lead units from the loaded OrgUnit tree (a unit only within its
years of existence), funding sources by weight, 1-5 countries weighted towards developing regions (LDCs and
SIDS count more), 1-4 SDGs (16 and 17 most often), 0-10 activities with participants, a total budget
log-normal between 20,000 and 5,000,000 USD, time frames between 2000 and 2030 at day, month or year
precision, and text from a small domain vocabulary (no external corpus). Every project is published.

Writing is bulk only, in batches of `batch` projects (one transaction per batch; memory bounded by the
batch): one statement per table and batch, by COPY on PostgreSQL and executemany on SQLite (method "copy",
the default) or by Django's `bulk_create` (method "orm": the same rows, about 3.5 times slower). The search
documents are built from the generated values (the same text `capdev.projects.search.build_document` would
build) and inserted in the same batch, so the full-text index (FTS5 triggers on SQLite, the generated
tsvector on PostgreSQL) is filled as it goes; ANALYZE runs at the end.
No change-history rows are written for synthetic data: neither method goes through django-simple-history, on
purpose (a generated portfolio has no editorial history, and history rows would double the volume).
"""
from __future__ import annotations

import datetime as dt
import math
import random
import time
import uuid
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.core.management.color import no_style
from django.db import connections, transaction

from capdev.activities.models import Activity, ActivityType
from capdev.core.bulk import METHODS, RowWriter  # noqa: F401 (METHODS: the generate-portfolio command reads it here)
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.reference.models import Country, Currency, SdgGoal, SdgTarget

from . import index_version
from .models import (
    Budget,
    ExpectedAccomplishment,
    Outcome,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectSearchDocument,
    ReviewState,
)
from .search import _clean_text

BLOCK = 1000  # projects per random stream: data independent of the batch size
DEFAULT_BATCH = 2000
CODE_PREFIX = "SYN"
BUDGET_MIN, BUDGET_MAX = 20_000, 5_000_000
BUDGET_MEDIAN, BUDGET_SIGMA = 350_000, 1.0
YEAR_MIN, YEAR_MAX = 2000, 2030
PUBLISHED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SYNTHETIC_UIDS = uuid.UUID("6f1c2a4e-5b0d-4c8e-9a57-3d2e1f0b7c91")  # namespace of generated activities' uids

# -- vocabulary --------------------------------------------------------------------------------------

VERBS = ["Strengthening", "Building", "Enhancing", "Supporting", "Developing", "Advancing", "Improving",
         "Promoting", "Mainstreaming", "Institutionalizing"]
CAPACITIES = ["institutional capacities", "national capacities", "the capacities of public servants",
              "local government capacities", "policy capacities", "statistical capacities",
              "capacities of parliaments", "leadership capacities", "the capacities of civil servants"]
THEMES = ["e-government", "digital government", "open government data", "public sector innovation",
          "integrated policymaking for the SDGs", "transparency and accountability", "public service delivery",
          "anti-corruption", "participatory budgeting", "risk-informed governance", "SDG localization",
          "evidence-based policymaking", "public financial management", "data governance",
          "gender-responsive public administration", "resilient public institutions", "civil registration",
          "voluntary national reviews", "climate and disaster resilience", "digital identity",
          "cybersecurity in the public sector", "mobile government services", "e-participation",
          "whole-of-government coordination", "national development planning", "water and sanitation governance",
          "sustainable urban development", "social protection systems", "youth engagement"]
PURPOSES = ["to accelerate the implementation of the 2030 Agenda", "for effective, accountable and "
            "inclusive institutions", "to leave no one behind", "to improve public service delivery",
            "in support of national sustainable development strategies", "for better policy coherence",
            "to respond to the needs of vulnerable groups", "in the post-pandemic recovery"]
BENEFICIARIES = ["senior government officials", "civil servants", "policymakers", "local government officials",
                 "members of parliament", "national statistical offices", "civil society representatives",
                 "ministries of finance and planning", "public sector managers", "young leaders"]
OUTPUTS = ["a national strategy", "a policy toolkit", "an assessment report", "a curriculum", "a road map",
           "a set of guidelines", "a training-of-trainers programme", "a peer-learning network",
           "an online course", "a national action plan"]
TOPICS = ["digital transformation", "open data", "service design", "the SDG targets", "institutional arrangements",
          "public procurement", "the data ecosystem", "e-services", "performance management",
          "stakeholder engagement", "policy evaluation", "budget transparency"]
PROFILES = BENEFICIARIES + ["trainers", "experts", "academics", "officials from line ministries"]
QUALIFIERS = ["", "", "", "over", "about", "more than", "some"]
EA_TEMPLATES = ["Enhanced capacity of {b} to design and implement {t}",
                "Increased knowledge of {b} on {topic}",
                "Improved institutional frameworks for {t} in the beneficiary countries",
                "Strengthened cooperation among {b} on {topic}"]
OUTCOME_TEMPLATES = ["{c} adopted {o} on {t}", "{b} apply the guidance on {topic} in their work",
                     "{o} on {t} is in use in {c}"]

ACTIVITY_TYPES = [(ActivityType.WORKSHOP, 34), (ActivityType.TRAINING_OF_TRAINERS, 8),
                  (ActivityType.ADVISORY_MISSION, 15), (ActivityType.WEBINAR, 16), (ActivityType.CONFERENCE, 12),
                  (ActivityType.STUDY, 8), (ActivityType.PUBLICATION_LAUNCH, 4), (ActivityType.MILESTONE, 3)]
ACTIVITY_WORDS = {
    ActivityType.WORKSHOP: "National workshop", ActivityType.TRAINING_OF_TRAINERS: "Training of trainers",
    ActivityType.ADVISORY_MISSION: "Advisory mission", ActivityType.WEBINAR: "Webinar",
    ActivityType.CONFERENCE: "Regional meeting", ActivityType.STUDY: "Study",
    ActivityType.PUBLICATION_LAUNCH: "Launch of", ActivityType.MILESTONE: "Milestone:",
}
# How many activities a project tells (0-10): most tell a few.
ACTIVITY_COUNTS = [(0, 12), (1, 14), (2, 16), (3, 15), (4, 12), (5, 9), (6, 7), (7, 5), (8, 4), (9, 3), (10, 3)]
COUNTRY_COUNTS = [(1, 45), (2, 20), (3, 15), (4, 10), (5, 10)]
SDG_COUNTS = [(1, 35), (2, 30), (3, 20), (4, 15)]
FUNDING_WEIGHTS = {"DA": 30, "XBTC": 25, "RPTC": 20, "XB": 10, "RB": 10, "TF": 5}
# Developing regions first: the portfolio of a capacity-development programme.
REGION_WEIGHTS = {"Africa": 3.0, "Asia": 2.2, "Americas": 1.8, "Oceania": 1.4, "Europe": 0.3}
SDG_WEIGHTS = {16: 40, 17: 25, 5: 8, 10: 8, 11: 7, 1: 6, 4: 5, 13: 5, 8: 5, 9: 4, 6: 4, 3: 3, 2: 2,
               7: 2, 12: 2, 14: 2, 15: 2}
ROLE_BY_TYPE = {
    Organisation.Type.DONOR: ProjectPartner.Role.FUNDING,
    Organisation.Type.UN: ProjectPartner.Role.IMPLEMENTING,
    Organisation.Type.IGO: ProjectPartner.Role.COOPERATING,
    Organisation.Type.NGO: ProjectPartner.Role.COOPERATING,
    Organisation.Type.ACADEMIA: ProjectPartner.Role.COOPERATING,
}
TYPE_WEIGHTS = {Organisation.Type.UN: 4, Organisation.Type.IGO: 3, Organisation.Type.DONOR: 2,
                Organisation.Type.NGO: 1, Organisation.Type.ACADEMIA: 1}


class Weighted:
    """Weighted choices from a fixed list, by bisection on the cumulative weights (fast, deterministic)."""

    def __init__(self, items: list, weights: list[float]):
        pairs = [(i, w) for i, w in zip(items, weights) if w > 0]
        if not pairs:
            raise ValueError("nothing to choose from")
        self.items = [i for i, _w in pairs]
        self.cum = list(accumulate(w for _i, w in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        """One item."""
        return self.items[bisect(self.cum, rng.random() * self.total)]

    def sample(self, rng: random.Random, k: int) -> list:
        """k distinct items (fewer when there are fewer), in the order drawn."""
        k = min(k, len(self.items))
        out: list = []
        while len(out) < k:
            item = self.pick(rng)
            if item not in out:
                out.append(item)
        return out


def _counts(pairs) -> Weighted:
    return Weighted([v for v, _w in pairs], [w for _v, w in pairs])


# -- reference data ----------------------------------------------------------------------------------

@dataclass
class UnitRef:
    """A unit that can lead projects, with its years of existence."""

    pk: int
    code: str
    name: str
    valid_from: int | None
    valid_to: int | None


@dataclass
class OrgRef:
    """A known organisation a project can partner with."""

    pk: int
    name: str
    acronym: str
    role: str


@dataclass
class Reference:
    """The reference rows the generator draws from, read once (in a fixed order, so choices are repeatable)."""

    units: list[UnitRef]
    funding: Weighted
    countries: Weighted
    country_names: dict[str, str]
    goals: Weighted
    targets: dict[int, list[str]]
    partners: Weighted
    currency: str

    @classmethod
    def load(cls, using: str = "default") -> Reference:
        """Read units, funding sources, countries, SDGs and organisations; fails if load-reference has not run."""
        units = [UnitRef(u.pk, u.code, u.name, u.valid_from, u.valid_to)
                 for u in OrgUnit.objects.using(using).order_by("code") if u.kind != OrgUnit.Kind.DEPARTMENT]
        funding = list(FundingSource.objects.using(using).order_by("code").values_list("pk", "code"))
        countries = list(Country.objects.using(using).filter(un_member=True).select_related("region")
                         .order_by("iso3"))
        goals = list(SdgGoal.objects.using(using).order_by("number").values_list("number", flat=True))
        orgs = list(Organisation.objects.using(using).filter(type__in=list(TYPE_WEIGHTS)).order_by("slug"))
        if not (units and funding and countries and goals and orgs):
            raise LookupError("reference data missing: run `capdev load-reference` first")
        targets: dict[int, list[str]] = {}
        for code, goal in SdgTarget.objects.using(using).order_by("goal", "position").values_list("code", "goal"):
            targets.setdefault(goal, []).append(code)
        currency = "USD" if Currency.objects.using(using).filter(code="USD").exists() else \
            Currency.objects.using(using).order_by("code").values_list("code", flat=True).first()

        def country_weight(c: Country) -> float:
            w = REGION_WEIGHTS.get(c.region.name if c.region else "", 0.5)
            return w * (2.0 if c.ldc else 1.0) * (1.5 if c.sids else 1.0) * (1.3 if c.lldc else 1.0)

        return cls(
            units=units,
            funding=Weighted([pk for pk, _c in funding], [FUNDING_WEIGHTS.get(c, 5) for _pk, c in funding]),
            countries=Weighted([c.iso3 for c in countries], [country_weight(c) for c in countries]),
            country_names={c.iso3: c.name for c in countries},
            goals=Weighted(goals, [SDG_WEIGHTS.get(g, 1) for g in goals]),
            targets=targets,
            partners=Weighted([OrgRef(o.pk, o.name, o.acronym, ROLE_BY_TYPE[o.type]) for o in orgs],
                              [TYPE_WEIGHTS[o.type] for o in orgs]),
            currency=currency,
        )

    def units_for(self, year: int) -> list[UnitRef]:
        """The units in existence in a year (all units when none is)."""
        units = [u for u in self.units if (u.valid_from or 0) <= year <= (u.valid_to or 9999)]
        return units or self.units


# -- generated values --------------------------------------------------------------------------------

@dataclass
class SynActivity:
    """An activity's values."""

    position: int
    type: str
    title: str
    summary: str
    start: dt.date
    start_precision: str
    end: dt.date
    online: bool
    country: str | None
    participants: int | None
    qualifier: str
    profile: str
    participant_countries: int | None


@dataclass
class SynProject:
    """One project's values, before any row exists."""

    index: int
    code: str
    title: str
    summary: str
    objective: str
    background: str
    unit: UnitRef
    funding: int
    start: dt.date
    start_precision: str
    end: dt.date | None
    end_precision: str
    status_override: str
    budget: Decimal
    countries: list[str]
    country_names: list[str]
    goals: list[int]
    targets: list[str]
    partners: list[OrgRef]
    expected: list[str]
    outcomes: list[str]
    activities: list[SynActivity] = field(default_factory=list)


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))


def _budget(rng: random.Random) -> Decimal:
    """Log-normal around BUDGET_MEDIAN, redrawn until inside [BUDGET_MIN, BUDGET_MAX], rounded to 100."""
    mu = math.log(BUDGET_MEDIAN)
    while True:
        value = rng.lognormvariate(mu, BUDGET_SIGMA)
        if BUDGET_MIN <= value <= BUDGET_MAX:
            return Decimal(int(value // 100) * 100)


def _time_frame(rng: random.Random) -> tuple[dt.date, str, dt.date | None, str]:
    """A start between 2000 and 2028, 1 to 5 years long (never past 2030), at day, month or year precision."""
    year = rng.randint(YEAR_MIN, YEAR_MAX - 2)
    years = min(rng.choice((1, 2, 2, 3, 3, 3, 4, 5)), YEAR_MAX - year)
    kind = rng.random()
    if kind < 0.15:  # "2012–2014"
        start, end, precision = dt.date(year, 1, 1), dt.date(year + years - 1, 12, 31), "year"
    elif kind < 0.5:  # "March 2012 – February 2014"
        month = rng.randint(1, 12)
        end_year, end_month = year + years - (month == 1), (month - 2) % 12 + 1
        start, end, precision = dt.date(year, month, 1), _month_end(end_year, end_month), "month"
    else:
        start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        end = min(start + dt.timedelta(days=365 * years - rng.randint(0, 60)), dt.date(YEAR_MAX, 12, 31))
        precision = "day"
    if rng.random() < 0.05:
        return start, precision, None, "day"  # an open-ended project
    return start, precision, end, precision


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def make_project(rng: random.Random, index: int, seed: int, ref: Reference) -> SynProject:
    """The values of project number index (0-based) of the portfolio of this seed."""
    start, start_precision, end, end_precision = _time_frame(rng)
    countries = ref.countries.sample(rng, _counts(COUNTRY_COUNTS).pick(rng))
    names = [ref.country_names[c] for c in countries]
    place = _and(names) if len(names) <= 2 else f"{len(names)} countries"
    theme = rng.choice(THEMES)
    title = f"{rng.choice(VERBS)} {rng.choice(CAPACITIES)} for {theme} in {place}"
    bens = rng.sample(BENEFICIARIES, 2)
    topic = rng.choice(TOPICS)
    output = rng.choice(OUTPUTS)
    summary = (f"The project supports {_and(names)} {rng.choice(PURPOSES)}. It works with {bens[0]} and {bens[1]} "
               f"on {theme} and {topic}, and produces {output}.")
    if rng.random() < 0.5:
        summary += f" Lessons learned are shared with other countries through {rng.choice(OUTPUTS)}."
    objective = (f"To strengthen the capacity of {bens[0]} in {place} to design and implement policies on "
                 f"{theme} {rng.choice(PURPOSES)}.")
    background = "" if rng.random() < 0.4 else (
        f"Requests from the governments of {_and(names)} identified gaps in {topic} and in {rng.choice(THEMES)}.")
    unit = rng.choice(ref.units_for(start.year))
    goals = ref.goals.sample(rng, _counts(SDG_COUNTS).pick(rng))
    targets = []
    for g in goals:
        if ref.targets.get(g) and rng.random() < 0.4:
            targets.append(rng.choice(ref.targets[g]))
    partners = ref.partners.sample(rng, rng.choice((0, 1, 1, 2, 2, 3, 4)))
    fill = {"b": bens[0], "t": theme, "topic": topic, "o": output.capitalize(), "c": place}
    expected = [rng.choice(EA_TEMPLATES).format(**fill) for _ in range(rng.randint(1, 3))]
    outcomes = [_sentence(rng.choice(OUTCOME_TEMPLATES).format(**fill)) for _ in range(rng.choice((0, 1, 1, 2)))]
    project = SynProject(
        index=index, code=f"{CODE_PREFIX}{seed}-{index + 1:07d}", title=title[:500], summary=summary,
        objective=objective, background=background, unit=unit, funding=ref.funding.pick(rng),
        start=start, start_precision=start_precision, end=end, end_precision=end_precision,
        status_override="completed" if rng.random() < 0.02 and end is None else "",
        budget=_budget(rng), countries=countries, country_names=names, goals=goals,
        targets=list(dict.fromkeys(targets)), partners=partners, expected=expected, outcomes=outcomes,
    )
    project.activities = _activities(rng, project, ref, topic)
    return project


def _activities(rng: random.Random, p: SynProject, ref: Reference, topic: str) -> list[SynActivity]:
    n = _counts(ACTIVITY_COUNTS).pick(rng)
    last = p.end or (p.start + dt.timedelta(days=730))
    span = max((last - p.start).days, 1)
    types = _counts(ACTIVITY_TYPES)
    out = []
    for position in range(n):
        kind = types.pick(rng)
        online = kind == ActivityType.WEBINAR or rng.random() < 0.1
        country = None if online or kind == ActivityType.MILESTONE else rng.choice(p.countries)
        start = p.start + dt.timedelta(days=rng.randint(0, span))
        days = 0 if kind in (ActivityType.WEBINAR, ActivityType.MILESTONE, ActivityType.PUBLICATION_LAUNCH) \
            else rng.randint(0, 4)
        end = min(start + dt.timedelta(days=days), last) if start <= last else start
        precision = "day" if rng.random() < 0.85 else "month"
        if precision == "month":
            start, end = start.replace(day=1), _month_end(start.year, start.month)
        where = "online" if online else (ref.country_names.get(country, "") if country else "")
        subject = rng.choice(TOPICS) if rng.random() < 0.5 else topic
        title = f"{ACTIVITY_WORDS[kind]} {subject}" + (f" ({where})" if where else "")
        reached = kind not in (ActivityType.STUDY, ActivityType.MILESTONE, ActivityType.PUBLICATION_LAUNCH)
        participants = int(min(max(rng.lognormvariate(math.log(40), 0.8), 5), 2000)) if reached else None
        profile = rng.choice(PROFILES) if reached else ""
        summary = (f"{participants} {profile} took part." if reached else
                   f"{rng.choice(OUTPUTS).capitalize()} on {subject} was completed.")
        out.append(SynActivity(
            position=position, type=kind, title=title[:500], summary=summary, start=start,
            start_precision=precision, end=end, online=online, country=country, participants=participants,
            qualifier=rng.choice(QUALIFIERS) if reached else "", profile=profile,
            participant_countries=(rng.randint(2, 30) if kind == ActivityType.CONFERENCE else None)))
    # The order the registry reads them in (Activity.Meta.ordering), so search documents match.
    out.sort(key=lambda a: (a.start, a.position))
    return out


def iter_projects(n: int, seed: int, ref: Reference, start: int = 0) -> Iterator[SynProject]:
    """Projects start..n-1 of the portfolio of this seed, one at a time (a fresh random stream per BLOCK)."""
    rng = None
    for index in range(start, n):
        if rng is None or index % BLOCK == 0:
            rng = random.Random(f"capdev-synthetic:{seed}:{index // BLOCK}")
            # Starting mid-block (start not a multiple of BLOCK): replay the block's earlier projects.
            for skipped in range(index - index % BLOCK, index):
                make_project(rng, skipped, seed, ref)
        yield make_project(rng, index, seed, ref)


# -- search documents ---------------------------------------------------------------------------------

def search_document(p: SynProject, pk: int) -> ProjectSearchDocument:
    """The search document of a generated project: the text build_document gives once it is in the registry."""
    partners: list[str] = []
    for org in p.partners:  # in position order, as ProjectPartner.Meta.ordering reads them
        partners += [org.name, org.acronym, org.name]
    return ProjectSearchDocument(
        project_id=pk,
        heading=_clean_text(p.title, p.code),
        body=_clean_text(p.summary, p.objective, p.background, *p.expected, *p.outcomes),
        context=_clean_text(
            *(f"{a.title}\n{a.summary}" for a in p.activities),
            *dict.fromkeys(x for x in partners if x),
            *sorted(p.country_names),  # Country.Meta.ordering: by name
            p.unit.code, p.unit.name,
        ),
    )


# -- writing ------------------------------------------------------------------------------------------

@dataclass
class Progress:
    """Counts written so far, and the time it took."""

    projects: int = 0
    rows: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Projects per second."""
        return self.projects / self.seconds if self.seconds else 0.0


def batch_rows(batch: list[SynProject], first_pk: int, ref: Reference) -> dict[type, list[dict]]:
    """The rows of a batch, model by model, as {attname: value} (unset fields take their defaults).

    Projects get explicit primary keys from first_pk on, so that their rows can be written in one statement
    with the rows that point at them (no round trip to learn the keys).
    """
    rows: dict[type, list[dict]] = {m: [] for m in WRITE_ORDER}
    for offset, p in enumerate(batch):
        pk = first_pk + offset
        rows[Project].append({
            "id": pk, "code": p.code, "title": p.title, "summary": p.summary, "objective": p.objective,
            "background": p.background, "lead_unit_id": p.unit.pk, "funding_source_id": p.funding,
            "status_override": p.status_override, "review_state": ReviewState.PUBLISHED,
            "published_at": PUBLISHED_AT, "start_date": p.start, "start_precision": p.start_precision,
            "end_date": p.end, "end_precision": p.end_precision})
        rows[ProjectCountry] += [{"project_id": pk, "country_id": c} for c in p.countries]
        rows[ProjectSdgGoal] += [{"project_id": pk, "goal_id": g} for g in p.goals]
        rows[ProjectSdgTarget] += [{"project_id": pk, "target_id": t} for t in p.targets]
        rows[Budget].append({"project_id": pk, "position": 0, "kind": Budget.Kind.TOTAL, "amount": p.budget,
                             "currency_id": ref.currency})
        rows[ProjectPartner] += [{"project_id": pk, "organisation_id": o.pk, "role": o.role, "position": i,
                                  "name_as_written": o.name} for i, o in enumerate(p.partners)]
        rows[ExpectedAccomplishment] += [{"project_id": pk, "position": i, "text": t}
                                         for i, t in enumerate(p.expected)]
        rows[Outcome] += [{"project_id": pk, "position": i, "number": i + 1, "text": t}
                          for i, t in enumerate(p.outcomes)]
        doc = search_document(p, pk)
        rows[ProjectSearchDocument].append({"project_id": pk, "heading": doc.heading, "body": doc.body,
                                            "context": doc.context})
        rows[Activity] += [{
            "project_id": pk, "position": a.position, "type": a.type, "title": a.title, "summary": a.summary,
            "start_date": a.start, "start_precision": a.start_precision, "end_date": a.end,
            "end_precision": a.start_precision, "online": a.online, "country_id": a.country,
            "participants": a.participants, "participants_qualifier": a.qualifier,
            "participants_profile": a.profile, "participant_countries": a.participant_countries,
            # Activity.uid: one per activity (the writer's column default would give every row the same one),
            # from the project's code, so that the same seed gives the same uids.
            "uid": uuid.uuid5(SYNTHETIC_UIDS, f"{p.code}/{a.position}"),
        } for a in p.activities]
    return rows


WRITE_ORDER = (Project, ProjectCountry, ProjectSdgGoal, ProjectSdgTarget, Budget, ProjectPartner,
               ExpectedAccomplishment, Outcome, ProjectSearchDocument, Activity)
def write_batch(batch: list[SynProject], ref: Reference, writer: RowWriter, first_pk: int | None = None) -> int:
    """Write one batch of generated projects and every row they own in one transaction; returns rows written.

    The projects take ids from first_pk on (default: past the largest id in the table).
    """
    with transaction.atomic(using=writer.using):
        if first_pk is None:
            with writer.connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {Project._meta.db_table}")
                first_pk = (cursor.fetchone()[0] or 0) + 1
        rows = batch_rows(batch, first_pk, ref)
        return sum(writer.write(model, rows[model]) for model in WRITE_ORDER)


def _reset_sequences(using: str) -> None:
    """Point PostgreSQL's id sequence past the explicit project ids (other databases need nothing)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), [Project])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def generate(n: int, seed: int, *, batch: int = DEFAULT_BATCH, using: str = "default", method: str = "copy",
             progress: Callable[[Progress], None] | None = None, jobs: int = 1) -> Progress:
    """Generate and write n projects for this seed in batches; returns the counts and time taken.

    jobs > 1 (PostgreSQL only) writes the batches from that many processes at once, each project with the id
    it would get from one process, so the portfolio is the same. Refuses (ValueError) when projects of this
    seed already exist: their codes are unique.
    """
    if n < 0 or batch < 1 or jobs < 1:
        raise ValueError("n must be >= 0, batch >= 1 and jobs >= 1")
    if jobs > 1 and connections[using].vendor != "postgresql":
        raise ValueError("jobs above 1 need PostgreSQL: SQLite takes one writer at a time")
    prefix = f"{CODE_PREFIX}{seed}-"
    if Project.objects.using(using).filter(code__startswith=prefix).exists():
        raise ValueError(f"projects of seed {seed} already exist (codes {prefix}...): use a fresh database "
                         "or another seed")
    ref = Reference.load(using)
    done = Progress()
    began = time.perf_counter()
    if jobs > 1:
        _generate_in_processes(n, seed, ref, batch=batch, using=using, method=method, jobs=jobs,
                               done=done, began=began, progress=progress)
    else:
        writer = RowWriter(using, method)
        pending: list[SynProject] = []
        for project in iter_projects(n, seed, ref):
            pending.append(project)
            if len(pending) >= batch:
                done.rows += write_batch(pending, ref, writer)
                done.projects += len(pending)
                pending = []
                done.seconds = time.perf_counter() - began
                if progress:
                    progress(done)
        if pending:
            done.rows += write_batch(pending, ref, writer)
            done.projects += len(pending)
            done.seconds = time.perf_counter() - began
            if progress:
                progress(done)
    _reset_sequences(using)
    index_version.bump(using)  # bulk writes send no signals: tell in-memory indexes they are stale
    done.seconds = time.perf_counter() - began
    with connections[using].cursor() as cursor:
        # Fresh statistics: without them SQLite's planner scans 100,000 projects to check the visibility of a
        # project page's (absent) relations (bench/README.md, docs/performance.md).
        cursor.execute("ANALYZE")
    return done


# What forked workers need, set by the parent just before it forks (the children inherit it).
_WORKER: dict = {}


def _generate_in_processes(n: int, seed: int, ref: Reference, *, batch: int, using: str, method: str, jobs: int,
                           done: Progress, began: float, progress) -> None:
    """Write the batches of [0, n) from `jobs` forked processes, in the order they finish."""
    import multiprocessing

    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {Project._meta.db_table}")
        base = cursor.fetchone()[0] or 0
    # Whole random blocks per task, so that no worker replays a block another one started.
    size = max(BLOCK, batch // BLOCK * BLOCK)
    tasks = [(lo, min(lo + size, n)) for lo in range(0, n, size)]
    _WORKER.update(seed=seed, ref=ref, batch=batch, using=using, method=method, base=base)
    connections.close_all()  # a forked child must open its own connection, never share the parent's socket
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for projects, rows in pool.imap_unordered(_write_range, tasks):
                done.projects += projects
                done.rows += rows
                done.seconds = time.perf_counter() - began
                if progress:
                    progress(done)
    finally:
        _WORKER.clear()


def _write_range(task: tuple[int, int]) -> tuple[int, int]:
    """In a worker: generate and write projects lo..hi-1, batch by batch, with the ids one process would give."""
    lo, hi = task
    w = _WORKER
    writer = RowWriter(w["using"], w["method"])
    rows = 0
    try:
        pending: list[SynProject] = []
        first = lo
        for index, project in enumerate(iter_projects(hi, w["seed"], w["ref"], start=lo), start=lo):
            pending.append(project)
            if len(pending) >= w["batch"] or index == hi - 1:
                rows += write_batch(pending, w["ref"], writer, first_pk=w["base"] + 1 + first)
                first = index + 1
                pending = []
    finally:
        connections.close_all()
    return hi - lo, rows
