"""Staff pages of the workflow: the review queue, publishing (with its checks), sending for review, discarding a
working copy, history and revert. Every view checks capdev.accounts.permissions (403 otherwise)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capdev.accounts import permissions as perms
from capdev.projects.models import Project, ReviewFlag, ReviewState

from . import history, workflow
from .views import _next_url, project_url, staff_required

# Published projects with open importer flags listed on the review page at most (the rest are counted).
PUBLISHED_FLAGGED_SHOWN = 50


# -- review, publish ---------------------------------------------------------------------------------------------

@staff_required
def review_queue(request):
    """Projects waiting in review, with their open importer flags, each to accept or correct, and Publish."""
    open_flags = ReviewFlag.objects.filter(state=ReviewFlag.State.OPEN).order_by("field", "pk")
    projects = (Project.objects.filter(review_state=ReviewState.IN_REVIEW)
                .select_related("lead_unit", "draft_of")
                .prefetch_related(Prefetch("review_flags", queryset=open_flags, to_attr="open_flags"),
                                  Prefetch("draft_of__review_flags", queryset=open_flags, to_attr="open_flags"))
                .order_by("last_updated"))
    items = []
    for p in projects:
        flags = list(p.open_flags) + (list(p.draft_of.open_flags) if p.draft_of_id else [])
        items.append({"project": p, "flags": flags, "url": project_url(p)})
    # Published with flags still open (an import run with --publish): public already, so nothing blocks; the
    # reviewers still owe them a look, and would never see them among the projects in review.
    flagged = (Project.objects.filter(review_state=ReviewState.PUBLISHED, draft_of__isnull=True,
                                      pk__in=open_flags.values("project_id"))
               .select_related("lead_unit").prefetch_related(Prefetch("review_flags", queryset=open_flags,
                                                                      to_attr="open_flags"))
               .order_by("title", "pk"))
    shown = list(flagged[:PUBLISHED_FLAGGED_SHOWN])
    more = flagged.count() - len(shown) if len(shown) == PUBLISHED_FLAGGED_SHOWN else 0
    return render(request, "editor/review_queue.html", {
        "items": items, "can_publish": perms.can_publish(request.user), "published_flagged_more": more,
        "published_flagged": [{"project": p, "flags": p.open_flags, "url": project_url(p)} for p in shown],
    })


@staff_required
@require_POST
def flag_resolve(request, pk: int, action: str):
    """Accept a flag, mark it corrected, or reopen it."""
    flag = get_object_or_404(ReviewFlag.objects.select_related("project"), pk=pk)
    states = {"accept": ReviewFlag.State.ACCEPTED, "corrected": ReviewFlag.State.CORRECTED,
              "reopen": ReviewFlag.State.OPEN}
    if action not in states:
        raise Http404
    workflow.resolve_flag(flag, request.user, states[action])
    messages.success(request, _("Flag on “%(field)s” marked %(state)s.") % {
        "field": flag.field, "state": flag.get_state_display().lower()})
    return HttpResponseRedirect(_next_url(request, reverse("editor:review")))


@staff_required
@require_POST
def project_submit(request, pk: int):
    """Send a draft to the reviewers."""
    project = get_object_or_404(Project, pk=pk)
    workflow.submit_for_review(project, request.user)
    messages.success(request, _("Sent for review."))
    return HttpResponseRedirect(_next_url(request, reverse("editor:edit", args=[pk])))


@staff_required
@require_POST
def project_publish(request, pk: int):
    """Publish a project, or a working copy over its original."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    try:
        published = workflow.publish(project, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(_next_url(request, reverse("editor:review")))
    messages.success(request, _("Published: “%(title)s” is public.") % {"title": published.title})
    return HttpResponseRedirect(project_url(published))


@staff_required
@require_POST
def project_discard(request, pk: int):
    """Throw a working copy away; the public version stays as it is."""
    copy = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    try:
        original = workflow.discard(copy, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(project_url(copy))
    messages.success(request, _("The working copy was discarded: the published version is unchanged."))
    return HttpResponseRedirect(project_url(original))


# -- history -----------------------------------------------------------------------------------------------------

@staff_required
def project_history(request, pk: int):
    """Every version of a project, newest first, with what changed, who and when; revert to any."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    found = history.versions(project.pk)
    return render(request, "editor/history.html", {
        "project": project, "versions": list(reversed(found)), "latest": found[-1].number if found else None,
        "can_revert": perms.can_edit_project(request.user, project), "public_url": project_url(project),
        "working_copy": workflow.working_copy_of(project) if workflow.is_published_original(project) else None,
    })


@staff_required
@require_POST
def project_revert(request, pk: int, number: int):
    """Write an earlier version back (to the working copy when the project is published)."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    perms.require(perms.can_edit_project(request.user, project))
    try:
        target = workflow.revert(project, number, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("editor:history", pk=pk)
    except IntegrityError:
        messages.error(request, _("That version cannot be restored: it names a code or a reference that is "
                                  "now used or gone."))
        return redirect("editor:history", pk=pk)
    if target.pk != project.pk:
        messages.success(request, _("Version %(n)d restored into the working copy; publish it to make it public.")
                         % {"n": number})
    else:
        messages.success(request, _("Version %(n)d restored.") % {"n": number})
    return redirect("editor:edit", pk=target.pk)
