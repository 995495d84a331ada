"""Who sees which assessments, and the one FilterSet the assessment list, its exports and the API share.

The rule is here once: staff see every assessment; everyone else sees published assessments that are not kept
internal (Assessment.objects.public). Every public channel (pages, panels on country and project pages, the
API, the exports and CSV files, search, the dashboard) starts from `visible_assessments`.
"""
from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.projects.filtersets import is_staff_request, visible_q

from .models import Assessment, AssessmentState, AssessorType, DimensionScore, Framework, Priority, WorkLink


def visible_assessments(request=None) -> QuerySet:
    """The assessments this request may see: all for staff; published and not internal for everyone else."""
    if is_staff_request(request):
        return Assessment.objects.all()
    return Assessment.objects.public()


def visible_links(request=None) -> QuerySet:
    """Links to the work this request may see: of a visible assessment, to a visible project."""
    links = WorkLink.objects.filter(visible_q(request, "project"))
    if not is_staff_request(request):
        links = links.filter(assessment__state=AssessmentState.PUBLISHED, assessment__internal=False)
    return links


# A framework's identifier in a parameter: a slug as frameworks.py reads them, held in the registry.
FRAMEWORK = fields.Code(_("framework identifier"), r"[a-z0-9]+(?:[-_.][a-z0-9]+)*", 80, "assessments.Framework",
                        "slug")


def search_assessments(queryset: QuerySet, value: str) -> QuerySet:
    """Every word must appear somewhere in the assessment (its text, scores' evidence, priorities, names)."""
    for word in value.split()[:20]:
        word = word[:100]
        text = (Q(title__icontains=word) | Q(summary__icontains=word) | Q(country__name__icontains=word)
                | Q(institution__name__icontains=word) | Q(framework__name__icontains=word))
        in_scores = DimensionScore.objects.filter(assessment=OuterRef("pk")).filter(
            Q(evidence__icontains=word) | Q(comments__icontains=word))
        in_priorities = Priority.objects.filter(assessment=OuterRef("pk"), text__icontains=word)
        queryset = queryset.filter(text | Exists(in_scores) | Exists(in_priorities))
    return queryset


class AssessmentFilterSet(CheckedFilterSet):
    """Assessments by text, country, framework, kind of assessor, year; staff also by state and internal. Each
    parameter is declared once (capdev.core.filters) and read by its definition (capdev.core.fields): a bad value
    is a 400 naming it. The index does not answer this list: each declares its SQL meaning only."""

    q = ValueFilter(fields.SEARCH, label=_("Search"), sql=search_assessments, doc=_(
        "Assessments holding every word (title, summary, evidence, comments, priorities, names)."),
                    help_text=_("Words in the title, summary, evidence, comments or priorities, or the country's, "
                                "institution's or framework's name."))
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), field_name="country_id",
                           doc=_("Assessments of these countries."))
    framework = ValuesFilter(FRAMEWORK, label=_("Framework"), field_name="framework__slug",
                             doc=_("Assessments in these frameworks (by identifier)."))
    assessor_type = ValuesFilter(fields.Choice(AssessorType), label=_("Assessed by"), field_name="assessor_type",
                                 doc=_("Assessments made by these kinds of assessor."))
    year_min = ValueFilter(fields.YEAR, label=_("From year"), field_name="date__year", lookup_expr="gte",
                           doc=_("Assessments of this year or later."))
    year_max = ValueFilter(fields.YEAR, label=_("Until year"), field_name="date__year", lookup_expr="lte",
                           doc=_("Assessments of this year or earlier."))
    state = ValueFilter(fields.Choice(AssessmentState), label=_("State"), staff_only=True,
                        sql=lambda qs, v: qs.filter(state=v), doc=_("Assessments in this state."))
    internal = ValueFilter(fields.FLAG, label=_("Kept internal"), staff_only=True,
                           sql=lambda qs, v: qs.filter(internal=v), doc=_("Assessments kept internal, or not."))

    class Meta:
        model = Assessment
        fields = ["q", "country", "framework", "assessor_type", "year_min", "year_max", "state", "internal"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset if queryset is not None else visible_assessments(request),
                         request=request, prefix=prefix)

    @property
    def is_staff(self) -> bool:
        """The public never filters by state or the internal switch (it sees neither)."""
        return is_staff_request(self.request)

    @property
    def qs(self):
        return super().qs.select_related("country", "framework", "institution").order_by("-date", "country__name",
                                                                                         "pk")

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        """What the list's filter form offers: the countries and frameworks of the assessments visible."""
        base = visible_assessments(self.request)
        return {
            "country": list(base.order_by("country__name").values_list("country_id", "country__name").distinct()),
            "framework": list(Framework.objects.filter(pk__in=base.values("framework")).values_list("slug", "name")),
            "assessor_type": list(AssessorType.choices),
        }
