"""An activity's page: what it was, whom it reached (counts for everyone, names for the project's unit), its
attendance list, uploads and evaluation."""
from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from capdev.core.access import is_staff_request
from capdev.core.views import event_when

from .. import aggregates as agg
from .. import evaluations_summary, permissions, presentation
from ..forms import UploadForm
from ..models import Attendance, AttendanceState, Network, Sheet
from ..publishing import publish_attendance
from .common import require, staff_required, visible_activity

LIST_PAGE = 100


def activity_page(request, pk: int):
    """The activity, its participants (from the list where there is one, else as recorded) and reach."""
    activity = visible_activity(request, pk)
    project = activity.project
    exact = permissions.can_view_people(request.user, project)
    number = agg.participant_numbers([activity], include_pending=exact)[activity.pk]
    context = {
        "activity": activity, "project": project, "exact": exact,
        "when": event_when(activity, project.language),
        "participants": number, "participants_text": presentation.participants_label(number, exact),
        "reach": presentation.show(agg.activity_reach(activity, include_pending=exact), exact),
        "evaluation": evaluations_summary.summary(evaluations_summary.responses_of_activity(activity), exact),
        "networks": Network.objects.filter(activity_links__activity=activity).filter(
            **({} if is_staff_request(request) else {"published": True})).order_by("name"),
        "can_manage": permissions.can_manage_people(request.user, project),
        "can_publish": permissions.can_publish_people(request.user, project),
    }
    if exact:
        rows = (Attendance.objects.filter(activity=activity)
                .select_related("person__institution", "person__country", "trained_at__activity")
                .order_by("person__name", "pk"))  # as people are called, alphabetically
        page = Paginator(rows, LIST_PAGE).get_page(request.GET.get("page"))
        context.update(attendance=page, pending=rows.filter(state=AttendanceState.PENDING).count(),
                       sheets=Sheet.objects.filter(activity=activity).order_by("-created"),
                       upload_form=UploadForm())
    return render(request, "people/activity.html", context)


@staff_required
@require_POST
def upload(request, pk: int, kind: str = Sheet.Kind.ATTENDANCE):
    """Keep an uploaded sheet on the activity and go to its mapping step (an unreadable file is refused)."""
    from ..importing import store_upload
    from ..reading import sheet_error_message
    from ..sheets.read import SheetError

    activity = visible_activity(request, pk)
    require(permissions.can_manage_people(request.user, activity.project))
    form = UploadForm(request.POST, request.FILES)
    target = "people:activity" if kind == Sheet.Kind.ATTENDANCE else "people:evaluation"
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect(target, pk=activity.pk)
    upload = form.cleaned_data["file"]
    evaluation = None
    if kind == Sheet.Kind.EVALUATION:
        from ..evaluations_import import evaluation_of

        evaluation = evaluation_of(activity, request.user)
    try:
        sheet = store_upload(activity, upload.read(), upload.name, request.user, kind=kind, evaluation=evaluation)
    except SheetError as exc:
        messages.error(request, _("%(file)s was not kept: %(why)s") % {"file": upload.name,
                                                                         "why": sheet_error_message(exc)})
        return redirect(target, pk=activity.pk)
    return redirect("people:sheet", pk=sheet.pk)


@staff_required
@require_POST
def publish(request, pk: int):
    """A reviewer publishes the activity's attendance awaiting review: it counts in public figures from now."""
    activity = visible_activity(request, pk)
    require(permissions.can_publish_people(request.user, activity.project))
    published = publish_attendance(activity, request.user)
    messages.success(request, ngettext("%(n)d attendance published.", "%(n)d attendances published.", published)
                     % {"n": published})
    return redirect("people:activity", pk=activity.pk)
