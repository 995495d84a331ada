"""Assessments over time: a country's scores per dimension (latest, previous, the change, the projects working on
the weak ones), a project's countries before and after its time frame, countries compared on a dimension.

Everything starts from `visible_assessments` and `visible_links` (filtersets): what the public may not see
never enters these numbers, and a fixed number of queries answers each, whatever the number of assessments.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from capdev.core.charts import Chart, Series
from capdev.projects.filtersets import visible_projects

from .filtersets import visible_assessments, visible_links
from .models import Assessment, Dimension, DimensionScore, Framework, Level, ScaleKind, score_text


def date_label(assessment: Assessment) -> str:
    """"2023-11 (self-assessment)": an assessment as a point on a time axis."""
    return f"{assessment.partial_date.iso()} ({assessment.get_assessor_type_display().lower()})"


def level_labels(frameworks) -> dict[int, dict[int, str]]:
    """Framework id -> level -> its label ("Emerging"), one query."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    for lv in Level.objects.filter(framework__in=[f.pk for f in frameworks], dimension__isnull=True).order_by("value"):
        out[lv.framework_id][lv.value] = lv.label
    return out


class ScoreLabel(str):
    """A score as people read it, "2 – Emerging", that also gives its parts: `number` ("2") and the level's
    `name` ("Emerging", or "" on an index or between levels); a page may show the number alone on a phone."""

    number: str
    name: str

    def __new__(cls, number: str, name: str = ""):
        label = super().__new__(cls, f"{number} – {name}" if name else number)
        label.number, label.name = number, name
        return label


def score_label(framework: Framework, labels: dict[int, str], score: Decimal | None) -> ScoreLabel:
    """A score as people read it: "2 – Emerging" on a scale of levels, "0.57" on an index."""
    if score is None:
        return ScoreLabel("–")
    if framework.scale == ScaleKind.INDEX:
        return ScoreLabel(score_text(score))
    text = score_text(score)
    whole = int(score) if score == int(score) else None
    return ScoreLabel(text, labels[whole] if whole is not None and labels.get(whole) else "")


def _scored(queryset):
    """Assessments with their scores (and each score's dimension) and framework, in date order."""
    scores = Prefetch("scores", queryset=DimensionScore.objects.select_related("dimension"))
    return queryset.select_related("framework", "country", "institution").prefetch_related(scores).order_by(
        "date", "pk")


@dataclass
class DimensionRow:
    """One dimension of a framework for one country: its latest score, the one before, and what works on it."""

    dimension: Dimension
    latest: Decimal | None = None
    previous: Decimal | None = None
    latest_label: str = ScoreLabel("–")
    previous_label: str = ScoreLabel("–")
    weak: bool = False
    projects: list = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest - self.previous

    @property
    def change_text(self) -> str:
        return change_text(self.latest, self.previous)


@dataclass
class FrameworkHistory:
    """A country's assessments with one framework, oldest first, and what they say per dimension."""

    framework: Framework
    assessments: list[Assessment]
    rows: list[DimensionRow] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    radar: Chart | None = None
    levels: dict[int, str] = field(default_factory=dict)  # level -> its label, on a scale of levels

    @property
    def latest(self) -> Assessment:
        return self.assessments[-1]

    @property
    def previous(self) -> Assessment | None:
        return self.assessments[-2] if len(self.assessments) > 1 else None

    @property
    def weak_rows(self) -> list[DimensionRow]:
        return [r for r in self.rows if r.weak]


def _dimensions(framework: Framework, assessments: list[Assessment]) -> list[Dimension]:
    """The framework's dimensions that any of these assessments scored, in the framework's order."""
    seen = {s.dimension.pk: s.dimension for a in assessments for s in a.scores.all()}
    return sorted(seen.values(), key=lambda d: (d.position, d.pk))


def _score_of(assessment: Assessment | None, dimension: Dimension) -> Decimal | None:
    if assessment is None:
        return None
    return next((s.score for s in assessment.scores.all() if s.dimension_id == dimension.pk), None)


def country_history(request, country, *, chart_prefix: str = "assessment") -> tuple[list[FrameworkHistory], list]:
    """The country's assessments (national ones) per framework, most recently assessed framework first, with
    the charts and the weak dimensions' projects; and the assessments of its institutions (listed apart)."""
    assessments = list(_scored(visible_assessments(request).filter(country=country)))
    national = [a for a in assessments if a.institution_id is None]
    institutions = [a for a in assessments if a.institution_id is not None]
    by_framework: dict[int, list[Assessment]] = defaultdict(list)
    for a in national:
        by_framework[a.framework_id].append(a)
    frameworks = [group[0].framework for group in by_framework.values()]
    labels = level_labels(frameworks)
    histories = []
    for fw_id, group in sorted(by_framework.items(), key=lambda kv: kv[1][-1].date, reverse=True):
        history = FrameworkHistory(framework=group[0].framework, assessments=group, levels=labels[fw_id])
        framework = history.framework
        for dimension in _dimensions(framework, group):
            latest, previous = _score_of(history.latest, dimension), _score_of(history.previous, dimension)
            history.rows.append(DimensionRow(
                dimension=dimension, latest=latest, previous=previous,
                latest_label=score_label(framework, labels[fw_id], latest),
                previous_label=score_label(framework, labels[fw_id], previous),
                weak=framework.is_weak(latest)))
        _charts(history, f"{chart_prefix}-{framework.pk}")
        histories.append(history)
    _projects_on_weak_dimensions(request, country, histories)
    return histories, institutions


def _charts(history: FrameworkHistory, prefix: str) -> None:
    """A line chart per dimension over time, and a radar of the latest assessment against the previous one."""
    framework = history.framework
    low, high = (float(v) for v in framework.scale_range)
    # The date alone on the axis; the kind of assessor too where two assessments share a date.
    dates = [a.partial_date.iso() for a in history.assessments]
    labels = [date_label(a) if dates.count(d) > 1 else d for a, d in zip(history.assessments, dates)]
    for row in history.rows:
        values = [_float(_score_of(a, row.dimension)) for a in history.assessments]
        history.charts.append(Chart(
            id=f"{prefix}-{row.dimension.code}", title=row.dimension.name, kind="line", labels=labels,
            series=[Series(_("Score"), values)], label_heading=_("Assessment"), scale_min=low, scale_max=high))
    if len(history.rows) >= 3:
        series = [Series(date_label(history.latest), [_float(r.latest) for r in history.rows])]
        if history.previous is not None:
            series.append(Series(date_label(history.previous), [_float(r.previous) for r in history.rows]))
        history.radar = Chart(
            id=f"{prefix}-radar", kind="radar", labels=[r.dimension.name for r in history.rows], series=series,
            title=_("Latest assessment against the previous one") if history.previous else _("Latest assessment"),
            label_heading=_("Dimension"), scale_min=low, scale_max=high)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _projects_on_weak_dimensions(request, country, histories: list[FrameworkHistory]) -> None:
    """For each weak dimension, the visible projects linked to it (directly, or through a priority about it)
    from any visible assessment of the country: one query."""
    weak = {r.dimension.pk: r for h in histories for r in h.weak_rows}
    if not weak:
        return
    links = (visible_links(request).filter(assessment__country=country)
             .select_related("project", "priority").order_by("project__title", "project_id"))
    for link in links:
        row = weak.get(link.addressed_dimension_id)
        if row is not None and link.project not in row.projects:
            row.projects.append(link.project)


# -- a project's countries, before and after its time frame ------------------------------------------------------

@dataclass
class BeforeAfter:
    """A country's assessments with one framework around a project: the last before it started, and the latest
    since (after its end when there is one), with the dimensions the project is linked to marked."""

    country: object
    framework: Framework
    before: Assessment | None
    after: Assessment | None
    during: list[Assessment]
    rows: list[DimensionRow] = field(default_factory=list)
    linked: set[int] = field(default_factory=set)
    levels: dict[int, str] = field(default_factory=dict)

    @property
    def after_is_after_end(self) -> bool:
        return self.after is not None and self.after not in self.during


def project_before_after(request, project) -> list[BeforeAfter]:
    """For each country the project serves and each framework assessing it: before and after the project."""
    start, end = project.start_date, project.end_date
    countries = [link.country for link in project.country_links.all()]
    if not countries or start is None:
        return []
    assessments = list(_scored(visible_assessments(request).filter(country__in=[c.pk for c in countries],
                                                                   institution__isnull=True)))
    linked = defaultdict(set)
    for link in visible_links(request).filter(project=project).select_related("assessment", "priority"):
        if link.addressed_dimension_id:
            linked[link.assessment.framework_id].add(link.addressed_dimension_id)
    groups: dict[tuple, list[Assessment]] = defaultdict(list)
    for a in assessments:
        groups[(a.country_id, a.framework_id)].append(a)
    labels = level_labels({a.framework for a in assessments})
    out = []
    order = {c.pk: i for i, c in enumerate(countries)}
    for (iso3, fw_id), group in sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[1][0].framework.name)):
        before = [a for a in group if a.period_end() < start]
        since = [a for a in group if a.period_end() >= start]
        after_end = [a for a in since if end is not None and a.date > end]
        during = [a for a in since if a not in after_end]
        item = BeforeAfter(country=group[0].country, framework=group[0].framework,
                           before=before[-1] if before else None,
                           after=(after_end[-1] if after_end else during[-1] if during else None),
                           during=during, linked=linked.get(fw_id, set()), levels=labels[fw_id])
        framework = item.framework
        for dimension in _dimensions(framework, [a for a in (item.before, item.after) if a is not None]):
            b, a = _score_of(item.before, dimension), _score_of(item.after, dimension)
            item.rows.append(DimensionRow(dimension=dimension, latest=a, previous=b,
                                          latest_label=score_label(framework, labels[fw_id], a),
                                          previous_label=score_label(framework, labels[fw_id], b),
                                          weak=framework.is_weak(a)))
        out.append(item)
    return out


# -- countries compared on one dimension ----------------------------------------------------------------------

def signed(change: Decimal) -> str:
    """A change as CSV text: "+0.5", "-1", "0" (ASCII signs, for spreadsheets)."""
    text = score_text(change)
    return f"+{text}" if change > 0 else text


def change_text(latest: Decimal | None, previous: Decimal | None) -> str:
    """The change from the previous score to the latest, "+0.5", "−1", "no change", or "–"."""
    if latest is None or previous is None:
        return "–"
    change = latest - previous
    if change == 0:
        return _("no change")
    return f"{'+' if change > 0 else '−'}{abs(change).normalize():f}"


@dataclass
class CountryScore:
    """A country's latest score on a dimension, and the one before (as the country page shows them)."""

    country: object
    assessment: Assessment
    score: Decimal
    label: str
    previous_assessment: Assessment | None = None
    previous: Decimal | None = None
    previous_label: str = "–"

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous

    @property
    def change_text(self) -> str:
        return change_text(self.score, self.previous)

    @property
    def url(self) -> str:
        return reverse("reference:country_detail", args=[self.country.pk])


def compare_countries(request, dimension: Dimension, countries: set[str] | None = None) -> list[CountryScore]:
    """Each country's latest visible national score on a dimension (only these countries when given),
    highest first."""
    scores = (DimensionScore.objects.filter(dimension=dimension,
                                            assessment__in=visible_assessments(request).filter(
                                                institution__isnull=True).values("pk"))
              .select_related("assessment__country", "assessment__framework").order_by("assessment__date", "pk"))
    if countries is not None:
        scores = scores.filter(assessment__country__in=countries)
    latest: dict[str, DimensionScore] = {}
    previous: dict[str, DimensionScore] = {}
    for s in scores:
        if s.assessment.country_id in latest:
            previous[s.assessment.country_id] = latest[s.assessment.country_id]
        latest[s.assessment.country_id] = s
    labels = level_labels([dimension.framework])[dimension.framework_id]
    rows = []
    for iso3, s in latest.items():
        before = previous.get(iso3)
        rows.append(CountryScore(
            country=s.assessment.country, assessment=s.assessment, score=s.score,
            label=score_label(dimension.framework, labels, s.score),
            previous_assessment=before.assessment if before else None, previous=before.score if before else None,
            previous_label=score_label(dimension.framework, labels, before.score if before else None)))
    return sorted(rows, key=lambda r: (-r.score, r.country.name))


def countries_of_projects(request, params) -> set[str] | None:
    """The countries the projects matching the project-list filters in params serve (ProjectFilterSet, as every
    page filters), or None when params hold no project filter (then every country counts)."""
    from capdev.projects.filtersets import ProjectFilterSet
    from capdev.projects.models import ProjectCountry

    fs = ProjectFilterSet(params, queryset=visible_projects(request), request=request)
    valid = fs.checked()  # a bad value is a 400 naming it (capdev.core.params), as on the list
    names = [n for n, v in valid.items() if n != "sort" and v not in (None, "", [], ())]
    if not names:
        return None
    return set(ProjectCountry.objects.filter(project__in=fs.qs.values("pk")).values_list("country_id", flat=True)
               .distinct())
