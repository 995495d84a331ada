"""The project list's parameters and facets on the people reached: projects whose published attendance lists
reached people of a sex, a seniority or a kind of institution.

Declared here and added to the project list's FilterSet when the app is ready (CheckedFilterSet.extend), so that
the projects app never imports this one; the index, the API, the exports and the docs' table read them as any
other declaration.

A project holds a value only when its public lists count at least the small-count threshold of participants
with it (capdev.people.privacy.threshold): a facet or a filter never tells that a project reached one or two
people of a kind, which its page shows as "fewer than 5". Only published lists of published projects count
(Attendance.public), for staff too: the list's figures are the public's.
"""
from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import ValuesFilter
from capdev.projects.facet_index.sources import Pairs
from capdev.projects.facets import ChoiceFacet

from .models import Attendance, InstitutionType, Role, Seniority, Sex
from .privacy import threshold


class ReachedPairs(Pairs):
    """(project, value) for each value of a person's field that at least `threshold()` of a project's public
    participants have: the rows are grouped by project and value, and the small groups left out."""

    def __init__(self, value: str, codes):
        super().__init__(self.reached_rows, value, codes=codes)

    def reached_rows(self):
        return (Attendance.objects.filter(public=True, role=Role.PARTICIPANT).order_by()
                .values("project_id", self.value).annotate(people=Count("person", distinct=True))
                .filter(people__gte=threshold()))

    def counts(self, ids) -> dict[str, int]:
        """{value: projects} among these project ids (the facet's SQL counts)."""
        counts: dict[str, int] = {}
        for value in self.queryset().filter(project__in=ids).values_list(self.value, flat=True):
            counts[value] = counts.get(value, 0) + 1
        return counts


def _declare(person_field: str, choices, label, doc) -> ValuesFilter:
    pairs = ReachedPairs(f"person__{person_field}", choices)
    return ValuesFilter(fields.Choice(choices), label=label, doc=doc, pairs=pairs,
                        facet=ChoiceFacet(None, choices, sql_counts=pairs.counts))


def register() -> None:
    """Add the parameters to the project list (called once, from the app's ready())."""
    from capdev.projects.filtersets import ProjectFilterSet

    ProjectFilterSet.extend("reached_sex", _declare("sex", Sex, _("People reached: sex"), _(
        "Projects whose published participant lists count at least five people (the small-count threshold) of "
        "these sexes.")))
    ProjectFilterSet.extend("reached_seniority", _declare("seniority", Seniority, _("People reached: seniority"), _(
        "Projects whose published participant lists count at least five people at these levels.")))
    ProjectFilterSet.extend("reached_institution", _declare(
        "institution__type", InstitutionType, _("People reached: institution"), _(
            "Projects whose published participant lists count at least five people from institutions of these "
            "types.")))
