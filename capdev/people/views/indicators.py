"""Choosing what a project's indicator is computed from, and seeing where each of its values came from."""
from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capdev.accounts import permissions as perms
from capdev.projects.models import Indicator, Project

from .. import indicators as computing
from .. import permissions
from ..forms import IndicatorSourceForm
from ..models import IndicatorSource, Sex
from .common import require, staff_required


def _indicator(request, pk: int, indicator_pk: int):
    # Staff only (the views require it): a working copy's indicators too, which the editor's pages link to.
    project = get_object_or_404(Project, pk=pk)
    indicator = get_object_or_404(Indicator.objects.select_related("outcome"), pk=indicator_pk,
                                  outcome__project=project)
    return project, indicator


@staff_required
def source_page(request, pk: int, indicator_pk: int):
    """The measure an indicator's values are computed from, and each value with what it came from."""
    project, indicator = _indicator(request, pk, indicator_pk)
    source = IndicatorSource.objects.filter(indicator=indicator).first()
    may_change = perms.can_change_in_place(request.user, project) and permissions.can_view_people(
        request.user, project)
    form = IndicatorSourceForm(request.POST or None, instance=source, project=project)
    if request.method == "POST":
        require(may_change)
        if form.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.indicator = indicator
                saved._history_user = request.user
                saved.save()
                written = computing.refresh(saved)
            messages.success(request, _("%(n)d values computed.") % {"n": written})
            return redirect("people:indicator_source", pk=project.pk, indicator_pk=indicator.pk)
    values = list(indicator.values.prefetch_related("breakdowns").order_by("period_start"))
    labels = dict(Sex.choices)
    for v in values:  # "Female: 5; Not stated: 1", never the stored keys
        v.by_sex = [(labels.get(b.category, b.category), b.actual) for b in v.breakdowns.all() if b.dimension == "sex"]
    return render(request, "people/indicator_source.html", {
        "project": project, "indicator": indicator, "source": source, "form": form, "values": values,
        "may_change": may_change})


@staff_required
@require_POST
def refresh(request, pk: int, indicator_pk: int):
    """Compute the values again now."""
    project, indicator = _indicator(request, pk, indicator_pk)
    require(perms.can_change_in_place(request.user, project))
    source = get_object_or_404(IndicatorSource, indicator=indicator)
    written = computing.refresh(source)
    messages.success(request, _("%(n)d values computed.") % {"n": written})
    return redirect("people:indicator_source", pk=project.pk, indicator_pk=indicator.pk)
