"""An activity's evaluation for staff: its summary, its responses, an upload of a survey export, a response typed in."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import evaluations_summary, indicators, permissions
from ..evaluations_import import evaluation_of
from ..forms import ResponseForm, UploadForm
from ..models import Evaluation, Response, Sheet
from .common import require, staff_required, visible_activity


@staff_required
def evaluation_page(request, pk: int):
    """The activity's evaluation: Kirkpatrick's levels summed up, the responses, and ways to add more."""
    activity = visible_activity(request, pk)
    project = activity.project
    require(permissions.can_view_people(request.user, project))
    manage = permissions.can_manage_people(request.user, project)
    form = ResponseForm(request.POST or None)
    if request.method == "POST":
        require(manage)
        if form.is_valid():
            response = form.save(commit=False)
            response.evaluation = evaluation_of(activity, request.user)
            response._history_user = request.user
            response.save()
            indicators.refresh_later([project.pk])
            messages.success(request, _("The response was recorded."))
            return redirect("people:evaluation", pk=activity.pk)
    evaluation = Evaluation.objects.filter(activity=activity).order_by("pk").first()
    responses = Response.objects.filter(evaluation__activity=activity).select_related("person").order_by("pk")
    return render(request, "people/evaluation.html", {
        "activity": activity, "project": project, "evaluation": evaluation, "responses": responses,
        "summary": evaluations_summary.summary(responses, exact=True), "form": form, "manage": manage,
        "upload_form": UploadForm(), "sheets": Sheet.objects.filter(activity=activity, kind=Sheet.Kind.EVALUATION),
    })
