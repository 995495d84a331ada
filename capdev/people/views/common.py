"""What the people pages share: who may come in, the activity a request may see, safe redirects."""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from capdev.accounts import permissions as perms
from capdev.activities.models import Activity
from capdev.projects.filtersets import visible_projects


def staff_required(view):
    """Sign-in for anonymous users; 403 for signed-in users without a staff role."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not perms.can_view_internal(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def visible_activity(request, pk: int) -> Activity:
    """An activity of a project the request may see; or, for the staff who manage the project's people, an
    activity of its working copy (one logged since the last publication: its sign-in sheet can be uploaded on
    it at once, and follows it to the published project by its uid, counted in public only once published)."""
    activities = Activity.objects.select_related("project__lead_unit", "project__draft_of", "country")
    try:
        return get_object_or_404(activities.filter(project__in=visible_projects(request).values("pk")), pk=pk)
    except Http404:
        pass
    from ..permissions import can_manage_people

    activity = activities.filter(pk=pk, project__draft_of__in=visible_projects(request).values("pk")).first()
    if activity is not None and request.user.is_authenticated and can_manage_people(request.user,
                                                                                      activity.project):
        return activity
    raise Http404(_("No such activity."))


def require(allowed: bool) -> None:
    """403 unless allowed."""
    if not allowed:
        raise PermissionDenied


def next_url(request, default: str) -> str:
    """The page to go back to (only on this site)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default
