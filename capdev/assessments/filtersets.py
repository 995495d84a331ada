"""Who sees which assessments, and the one FilterSet the assessment list, its exports and the API share.

The rule is here once: staff see every assessment; everyone else sees published assessments that are not kept
internal (Assessment.objects.public). Every public channel (pages, panels on country and project pages, the
API, the exports and CSV files, search, the dashboard) starts from `visible_assessments`.
"""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from capdev.projects.filtersets import is_staff_request, visible_q

from .models import Assessment, AssessmentState, AssessorType, DimensionScore, Framework, Priority, WorkLink

MAX_VALUES = 100


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


class ValuesField(forms.Field):
    """A parameter given once or more (`?country=LCA&country=BRB`): its non-empty values."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(v).strip() for v in (value or []) if str(v).strip()][:MAX_VALUES]


# The API schema: a repeated query parameter, each value a string.
@extend_schema_field({"type": "array", "items": {"type": "string"}})
class ValuesFilter(django_filters.Filter):
    """Several values of one parameter, ORed; an unknown value matches nothing (it never drops the filter)."""

    field_class = ValuesField

    def filter(self, qs, value):
        return super().filter(qs, value) if value else qs


class AssessmentFilterSet(django_filters.FilterSet):
    """Assessments by text, country, framework, kind of assessor, year; staff also by state and internal."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q",
                                  help_text=_("Words in the title, summary, evidence, comments or priorities, "
                                              "or the country's, institution's or framework's name."))
    country = ValuesFilter(label=_("Country"), method="filter_country")
    framework = ValuesFilter(label=_("Framework"), field_name="framework__slug", lookup_expr="in")
    assessor_type = ValuesFilter(label=_("Assessed by"), field_name="assessor_type", lookup_expr="in")
    year_min = django_filters.NumberFilter(label=_("From year"), field_name="date__year", lookup_expr="gte")
    year_max = django_filters.NumberFilter(label=_("Until year"), field_name="date__year", lookup_expr="lte")
    state = django_filters.ChoiceFilter(label=_("State"), choices=AssessmentState.choices, method="filter_staff")
    internal = django_filters.BooleanFilter(label=_("Kept internal"), method="filter_staff",
                                            widget=django_filters.widgets.BooleanWidget)

    class Meta:
        model = Assessment
        fields = ["q", "country", "framework", "assessor_type", "year_min", "year_max", "state", "internal"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset if queryset is not None else visible_assessments(request),
                         request=request, prefix=prefix)
        if not is_staff_request(request):
            # The public never filters by state or the internal switch (it sees neither).
            del self.filters["state"]
            del self.filters["internal"]

    @property
    def qs(self):
        return super().qs.select_related("country", "framework", "institution").order_by("-date", "country__name",
                                                                                         "pk")

    def filter_country(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(country__in=[v.upper() for v in value])

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        """What the list's filter form offers: the countries and frameworks of the assessments visible."""
        base = visible_assessments(self.request)
        return {
            "country": list(base.order_by("country__name").values_list("country_id", "country__name").distinct()),
            "framework": list(Framework.objects.filter(pk__in=base.values("framework")).values_list("slug", "name")),
            "assessor_type": list(AssessorType.choices),
        }

    def filter_staff(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if value in (None, ""):
            return queryset
        return queryset.filter(**{name: value})

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
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
