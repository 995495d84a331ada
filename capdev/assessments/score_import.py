"""Scores from a table (score_files) into assessments: a plan that says what will be written, or what does not fit.

Two layouts, told apart by their header:

- **long**: one row per score, with `dimension` and `score` columns (and `evidence`, `comments`);
- **wide**: one row per assessment, a column per dimension (its code or its name), as published index series
  come: `country, year, services, infrastructure, human_capital`.

Either way the other columns are `country` (ISO code or name), `date` or `year` (2023, 2023-11, 2023-11-14),
`framework` (its slug), `assessor_type` (self, peer, external), and optionally `institution`,
`assessing_organisation` and `title`. Rows with the same framework, country (or institution), date and
assessor type are one assessment: several countries and years fit in one file. `plan` checks every cell against
the reference data and the framework and lists each problem with its row, column, value and why; `write`
applies a plan without problems in one transaction (a new assessment, or new scores for an existing one).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from capdev.accounts import permissions as perms
from capdev.core.models import from_partial
from capdev.narrative.types import PartialDate
from capdev.organisations.models import Organisation, OrganisationAlias, alias_key
from capdev.reference.models import Country

from .models import Assessment, AssessmentState, AssessorType, Dimension, DimensionScore, Framework, ScaleKind
from .score_files import Cell, Table
from .score_plan import Plan, PlannedAssessment, PlannedScore, Problem, WriteResult

COLUMNS = {
    "country": ("country", "country_code", "iso3", "country_name"),
    "date": ("date", "year"),
    "framework": ("framework",),
    "assessor_type": ("assessor_type", "assessor", "assessment_type"),
    "institution": ("institution",),
    "assessing_organisation": ("assessing_organisation", "assessed_by"),
    "title": ("title",),
    "dimension": ("dimension", "dimension_code"),
    "score": ("score", "value"),
    "evidence": ("evidence",),
    "comments": ("comments", "comment"),
}
ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
ASSESSOR_WORDS = {"self": AssessorType.SELF, "self-assessment": AssessorType.SELF, "self assessment": AssessorType.SELF,
                  "peer": AssessorType.PEER, "peer assessment": AssessorType.PEER, "peer review": AssessorType.PEER,
                  "external": AssessorType.EXTERNAL, "external assessment": AssessorType.EXTERNAL}
MAX_PROBLEMS = 200


class _Resolver:
    """The reference rows a file names, read once per file."""

    def __init__(self, table: Table):
        self.countries: dict[str, Country] = {}
        for c in Country.objects.all():
            for key in (c.iso3, c.iso2, c.name, c.official_name):
                if key:
                    self.countries[alias_key(key)] = c
        self.frameworks = {f.slug: f for f in Framework.objects.prefetch_related("dimensions")}
        self.dimensions: dict[int, dict[str, Dimension]] = {}
        for f in self.frameworks.values():
            names = {}
            for d in f.dimensions.all():
                names[alias_key(d.name)] = d
                names[alias_key(d.code)] = d
            self.dimensions[f.pk] = names
        texts = {cell.value for row in table.rows for name, cell in row.items()
                 if ALIASES.get(name) in ("institution", "assessing_organisation")}
        self.organisations: dict[str, Organisation] = {}
        if texts:
            keys = {alias_key(t): t for t in texts}
            for alias in OrganisationAlias.objects.filter(key__in=keys).select_related("organisation"):
                self.organisations[alias.key] = alias.organisation
            for org in Organisation.objects.filter(Q(slug__in=texts) | Q(name__in=texts) | Q(acronym__in=texts)):
                for key in (org.slug, org.name, org.acronym):
                    if key and alias_key(key) in keys:
                        self.organisations.setdefault(alias_key(key), org)

    def country(self, text: str) -> Country | None:
        return self.countries.get(alias_key(text))

    def organisation(self, text: str) -> Organisation | None:
        return self.organisations.get(alias_key(text))

    def dimension(self, framework: Framework, text: str) -> Dimension | None:
        return self.dimensions[framework.pk].get(alias_key(text))


def _score(text: str, framework: Framework) -> tuple[Decimal | None, str]:
    """The score a cell gives on the framework's scale, or why it is not one."""
    raw = text.replace(",", ".") if "," in text and "." not in text else text
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None, _("not a number")
    if not value.is_finite():
        return None, _("not a number")
    low, high = framework.scale_range
    if not low <= value <= high:
        scale = _("levels 1 to 5") if framework.scale == ScaleKind.LEVELS else _("an index from 0 to 1")
        return None, _("outside %(framework)s's scale (%(scale)s)") % {"framework": framework.slug, "scale": scale}
    if value != value.quantize(Decimal("0.001")):
        return None, _("more than three decimals")
    return value, ""


def _date(text: str, today: dt.date) -> tuple[PartialDate | None, str]:
    try:
        value = PartialDate.from_iso(text)
    except ValueError:
        return None, _("not a date: write 2023, 2023-11 or 2023-11-14")
    if value.first_day() > today:
        return None, _("after today: an assessment is dated when it was made")
    return value, ""


class _Planner:
    """Reads a table into a Plan (see the module's docstring)."""

    def __init__(self, table: Table, framework: Framework | None, assessor_type: str | None, today: dt.date):
        self.table, self.framework, self.assessor_type, self.today = table, framework, assessor_type, today
        self.plan = Plan(name=table.name)
        self.resolve = _Resolver(table)

    def problem(self, cell: Cell | None, why: str, *, row: int = 0, column: str = "", header: str = "") -> None:
        if len(self.plan.problems) >= MAX_PROBLEMS:
            self.plan.more_problems += 1
            return
        if cell is not None:
            self.plan.problems.append(Problem(cell.row, cell.column, cell.header, cell.value, why))
        else:
            self.plan.problems.append(Problem(row, column, header, "", why))

    def run(self) -> Plan:
        headers = self.table.headers
        long = "dimension" in {ALIASES.get(h) for h in headers}
        self.plan.layout = "long" if long else "wide"
        known = {h for h in headers if h in ALIASES}
        self.extra = [h for h in headers if h and h not in known]
        if long:
            for i, h in enumerate(headers):
                if h in self.extra:
                    self.problem(None, _("not a column Capdev reads (known: %(known)s)")
                                 % {"known": ", ".join(COLUMNS)}, row=1, column=_letter(i), header=h)
        if not long:
            for i, h in enumerate(headers):
                if ALIASES.get(h) in ("score", "evidence", "comments"):
                    self.problem(None, _("a file with a column per dimension has no %(name)s column; for a score, "
                                         "its evidence and comments per row, add a “dimension” column")
                                 % {"name": h}, row=1, column=_letter(i), header=h)
            if not self.extra:
                self.problem(None, _("the file needs a “dimension” and a “score” column, or a column per "
                                     "dimension"), row=1, column="–", header="dimension")
        for name, required in (("country", True), ("date", True), ("framework", self.framework is None),
                               ("assessor_type", self.assessor_type is None), ("score", long)):
            if required and not any(ALIASES.get(h) == name for h in headers):
                self.problem(None, _("the file needs a “%(name)s” column") % {"name": name}, row=1, column="–",
                             header=name)
        if self.plan.problems:
            return self.plan
        groups: dict[tuple, PlannedAssessment] = {}
        for row in self.table.rows:
            self.read_row(row, groups, long)
        self.plan.assessments = list(groups.values())
        if not self.plan.problems:
            self.attach_existing()
        return self.plan

    def cell(self, row: dict[str, Cell], name: str) -> Cell | None:
        return next((row[a] for a in COLUMNS[name] if a in row), None)

    def read_row(self, row: dict[str, Cell], groups: dict, long: bool) -> None:
        before = len(self.plan.problems) + self.plan.more_problems
        country_cell, date_cell = self.cell(row, "country"), self.cell(row, "date")
        country = date = framework = institution = assessor = None
        if country_cell is None:
            self.problem(None, _("no country"), row=_row_of(row), column="–", header="country")
        elif (country := self.resolve.country(country_cell.value)) is None:
            self.problem(country_cell, _("no country has this code or name"))
        if date_cell is None:
            self.problem(None, _("no date"), row=_row_of(row), column="–", header="date")
        else:
            date, why = _date(date_cell.value, self.today)
            if why:
                self.problem(date_cell, why)
        framework_cell = self.cell(row, "framework")
        if framework_cell is not None:
            framework = self.resolve.frameworks.get(framework_cell.value.strip().lower())
            if framework is None:
                self.problem(framework_cell, _("no framework has this identifier (known: %(known)s)")
                             % {"known": ", ".join(sorted(self.resolve.frameworks)) or "–"})
        else:
            framework = self.framework
            if framework is None:
                self.problem(None, _("no framework"), row=_row_of(row), column="–", header="framework")
        assessor_cell = self.cell(row, "assessor_type")
        assessor_type = self.assessor_type
        if assessor_cell is not None:
            assessor_type = ASSESSOR_WORDS.get(assessor_cell.value.strip().lower())
            if assessor_type is None:
                self.problem(assessor_cell, _("write self, peer or external"))
        elif assessor_type is None:
            self.problem(None, _("no assessor type"), row=_row_of(row), column="–", header="assessor_type")
        institution_cell = self.cell(row, "institution")
        if institution_cell is not None:
            institution = self.resolve.organisation(institution_cell.value)
            if institution is None:
                self.problem(institution_cell, _("no organisation has this name; add it in the admin first"))
            elif country is not None and institution.country_id != country.pk:
                self.problem(institution_cell, _("not an institution of %(country)s (its country is %(other)s)")
                             % {"country": country.name, "other": institution.country_id or _("not set")})
        assessor_org_cell = self.cell(row, "assessing_organisation")
        if assessor_org_cell is not None:
            assessor = self.resolve.organisation(assessor_org_cell.value)
            if assessor is None:
                self.problem(assessor_org_cell, _("no organisation has this name; add it in the admin first"))
        scores = self.read_scores(row, framework, long) if framework is not None else []
        if len(self.plan.problems) + self.plan.more_problems > before:
            return
        key = (framework.pk, country.pk, institution.pk if institution else None, date.first_day(), assessor_type)
        planned = groups.get(key)
        title_cell = self.cell(row, "title")
        if planned is None:
            planned = groups[key] = PlannedAssessment(framework=framework, country=country, institution=institution,
                                                      date=date, assessor_type=assessor_type, assessor=assessor,
                                                      title=title_cell.value[:300] if title_cell else "")
        elif assessor is not None and planned.assessor not in (None, assessor):
            self.problem(assessor_org_cell, _("another assessing organisation than row %(row)d's for the same "
                                              "assessment") % {"row": planned.rows[0]})
        planned.rows.append(_row_of(row))
        for score in scores:
            if score.dimension.pk in planned.scores:
                first = planned.scores[score.dimension.pk].row
                self.problem(None, _("a second score for %(dimension)s in this assessment (first in row "
                                     "%(row)d)") % {"dimension": score.dimension.code, "row": first},
                             row=score.row, column="–", header="dimension")
                continue
            planned.scores[score.dimension.pk] = score

    def read_scores(self, row: dict[str, Cell], framework: Framework, long: bool) -> list[PlannedScore]:
        evidence, comments = self.cell(row, "evidence"), self.cell(row, "comments")
        if long:
            dimension_cell, score_cell = self.cell(row, "dimension"), self.cell(row, "score")
            dimension = self.resolve.dimension(framework, dimension_cell.value) if dimension_cell else None
            if dimension_cell is None:
                self.problem(None, _("no dimension"), row=_row_of(row), column="–", header="dimension")
            elif dimension is None:
                known = ", ".join(d.code for d in framework.dimensions.all())
                self.problem(dimension_cell, _("not a dimension of %(framework)s (its dimensions: %(known)s)")
                             % {"framework": framework.slug, "known": known})
            if score_cell is None:
                self.problem(None, _("no score"), row=_row_of(row), column="–", header="score")
                return []
            value, why = _score(score_cell.value, framework)
            if why:
                self.problem(score_cell, why)
            if dimension is None or value is None:
                return []
            return [PlannedScore(dimension, value, evidence.value if evidence else "",
                                 comments.value if comments else "", row=score_cell.row)]
        out = []
        for name in self.extra:
            cell = row.get(name)
            if cell is None:
                continue  # a dimension this assessment did not score
            dimension = self.resolve.dimension(framework, name)
            if dimension is None:
                self.problem(cell, _("“%(column)s” is neither a dimension of %(framework)s nor a column Capdev "
                                     "reads") % {"column": cell.header, "framework": framework.slug})
                continue
            value, why = _score(cell.value, framework)
            if why:
                self.problem(cell, why)
                continue
            out.append(PlannedScore(dimension, value, row=cell.row))
        if not out and not any(name in row for name in self.extra):
            self.problem(None, _("no score in this row"), row=_row_of(row), column="–", header="score")
        return out

    def attach_existing(self) -> None:
        """The assessments already there with the planned ones' keys, and their scores (one query each)."""
        planned = self.plan.assessments
        if not planned:
            return
        found = (Assessment.objects.filter(framework__in={p.framework.pk for p in planned},
                                           country__in={p.country.pk for p in planned},
                                           date__in={p.date.first_day() for p in planned})
                 .prefetch_related("scores"))
        by_key = {(a.framework_id, a.country_id, a.institution_id, a.date, a.assessor_type): a for a in found}
        for p in planned:
            existing = by_key.get((p.framework.pk, p.country.pk, p.institution.pk if p.institution else None,
                                   p.date.first_day(), p.assessor_type))
            if existing is not None:
                p.existing = existing
                old = {s.dimension_id: s for s in existing.scores.all()}
                for dimension_id, score in p.scores.items():
                    score.old = old.get(dimension_id)


def _row_of(row: dict[str, Cell]) -> int:
    return next(iter(row.values())).row


def _letter(index: int) -> str:
    from .score_files import column_letter

    return column_letter(index)


def plan(table: Table, *, framework: Framework | None = None, assessor_type: str | None = None,
         today: dt.date | None = None) -> Plan:
    """What the table would write, or every problem (up to MAX_PROBLEMS) that stops it."""
    return _Planner(table, framework, assessor_type, today or timezone.localdate()).run()


def write(plan_: Plan, *, user=None, publish: bool = False, internal: bool = False) -> WriteResult:
    """Write a plan without problems in one transaction: new assessments (drafts, or published when asked and
    allowed), and the new or changed scores of existing ones. PermissionDenied, with what, if the user may
    not change one of them; IntegrityError's message if someone wrote the same assessment meanwhile."""
    if not plan_.ok:
        raise ValueError("a plan with problems is not written")
    if user is not None and not perms.can_edit_assessments(user):
        raise PermissionDenied(_("You may not enter assessments."))
    publish = publish and (user is None or perms.can_publish_assessments(user))
    result = WriteResult()
    try:
        with transaction.atomic():
            for p in plan_.assessments:
                _write_one(p, user, publish, internal, result)
    except IntegrityError as exc:
        raise PermissionDenied(_("Someone else wrote one of these assessments while you were uploading; upload the "
                                 "file again to see it (%(why)s).") % {"why": exc}) from None
    return result


def _write_one(p: PlannedAssessment, user, publish: bool, internal: bool, result: WriteResult) -> None:
    assessment = p.existing
    if assessment is not None:
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if user is not None and not perms.can_edit_assessment(user, assessment):
            raise PermissionDenied(_("%(assessment)s is published: only a reviewer may change its scores.")
                                   % {"assessment": assessment})
        old = {s.dimension_id: s for s in assessment.scores.all()}
        changed = 0
        for score in p.ordered_scores():
            row = old.get(score.dimension.pk)
            if row is None:
                row = DimensionScore(assessment=assessment, dimension=score.dimension)
            elif (row.score, row.evidence, row.comments) == (score.score, score.evidence, score.comments):
                continue
            row.score, row.evidence, row.comments = score.score, score.evidence, score.comments
            _by(row, user).save()
            changed += 1
        if changed:
            _by(assessment, user).save(update_fields=["last_updated"])
            result.updated += 1
        else:
            result.unchanged += 1
        result.scores += changed
    else:
        date, precision = from_partial(p.date, "first")
        assessment = Assessment(framework=p.framework, country=p.country, institution=p.institution, date=date,
                                date_precision=precision, assessor_type=p.assessor_type, assessor=p.assessor,
                                title=p.title, internal=internal,
                                state=AssessmentState.PUBLISHED if publish else AssessmentState.DRAFT,
                                published_at=timezone.now() if publish else None)
        _by(assessment, user).save()
        rows = [DimensionScore(assessment=assessment, dimension=s.dimension, score=s.score, evidence=s.evidence,
                               comments=s.comments) for s in p.ordered_scores()]
        bulk_create_with_history(rows, DimensionScore, default_user=user)
        result.created += 1
        result.scores += len(rows)
    result.assessment_ids.append(assessment.pk)


def _by(obj, user):
    if user is not None:
        obj._history_user = user
    return obj


def problems_by_row(problems: list[Problem]) -> dict[int, list[Problem]]:
    """Problems grouped by row, in row order (the preview lists them so)."""
    out: dict[int, list[Problem]] = defaultdict(list)
    for p in problems:
        out[p.row].append(p)
    return dict(sorted(out.items()))
