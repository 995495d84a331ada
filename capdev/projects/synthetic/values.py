"""The generated values of a project and its activities, and its search document, from a seeded random stream."""
from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from capdev.activities.models import ActivityType

from ..models import ProjectSearchDocument
from ..search import _clean_text
from .reference import OrgRef, Reference, UnitRef
from .vocabulary import (
    ACTIVITY_COUNTS,
    ACTIVITY_TYPES,
    ACTIVITY_WORDS,
    BENEFICIARIES,
    BLOCK,
    BUDGET_MAX,
    BUDGET_MEDIAN,
    BUDGET_MIN,
    BUDGET_SIGMA,
    CAPACITIES,
    CODE_PREFIX,
    COUNTRY_COUNTS,
    EA_TEMPLATES,
    OUTCOME_TEMPLATES,
    OUTPUTS,
    PROFILES,
    PURPOSES,
    QUALIFIERS,
    SDG_COUNTS,
    THEMES,
    TOPICS,
    VERBS,
    YEAR_MAX,
    YEAR_MIN,
    _counts,
)


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
