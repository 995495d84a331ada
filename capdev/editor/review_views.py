"""Staff pages of the workflow: the review queue, publishing (with its checks), sending for review, discarding a
working copy, history and revert. Every view checks capdev.accounts.permissions (403 otherwise)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capdev.accounts import permissions as perms
from capdev.core import versions
from capdev.projects import similar
from capdev.projects.models import Project, ReviewFlag, ReviewState

from . import forms, history, tree, workflow
from .views import _next_url, project_url, staff_required

# Published projects with open importer flags listed on the review page at most (the rest are counted).
PUBLISHED_FLAGGED_SHOWN = 50
# Projects in review whose possible duplicates the review page looks for (each asks the similarity index).
DUPLICATES_CHECKED = 50
# Working copies whose changes the review page shows in full (a copy's diff reads its tree and its original's:
# about forty queries); the others link to their publish page, which shows them.
DIFFS_SHOWN = 20


# -- review, publish ---------------------------------------------------------------------------------------------

def copy_changes(copy: Project) -> dict:
    """What a working copy changes from its published original: {"fields": [...], "nodes": [...]} (history.diff)."""
    fields, nodes = history.compare(tree.live_state(copy.draft_of), tree.live_state(copy), workflow.origins(copy))
    return {"fields": fields, "nodes": nodes, "number": 2, "is_empty": not fields and not nodes}


@staff_required
def review_queue(request):
    """Projects waiting in review and working copies whose original has open flags, each with its flags (to
    accept or correct), what a copy changes from the published version, and Publish."""
    open_flags = ReviewFlag.objects.filter(state=ReviewFlag.State.OPEN).order_by("field", "pk")
    flagged_originals = open_flags.values("project_id")
    # A working copy is listed while in review, and as soon as its original has open flags: the copy's edit page
    # sends the reviewer here to resolve them, and the flags live on the original.
    projects = (Project.objects.filter(Q(review_state=ReviewState.IN_REVIEW)
                                       | Q(draft_of__isnull=False, draft_of__in=flagged_originals))
                .select_related("lead_unit", "draft_of")
                .prefetch_related(Prefetch("review_flags", queryset=open_flags, to_attr="open_flags"),
                                  Prefetch("draft_of__review_flags", queryset=open_flags, to_attr="open_flags"))
                .order_by("last_updated", "pk"))
    projects = list(projects)
    # Nearly the same text as another project (the importer's near-duplicate rule), for the first ones.
    duplicates = similar.duplicates_of(projects[:DUPLICATES_CHECKED], request) or {}
    items = []
    for p in projects:
        flags = list(p.open_flags) + (list(p.draft_of.open_flags) if p.draft_of_id else [])
        # A working copy has no public page (404): its title opens the copy in the editor.
        url = reverse("editor:edit", args=[p.pk]) if p.draft_of_id else project_url(p)
        item = {"project": p, "flags": flags, "url": url, "seen": versions.token(p),
                "duplicates": duplicates.get(p.pk),
                "blocking": [f for f in flags if f.severity not in workflow.NON_BLOCKING_SEVERITIES]}
        if p.draft_of_id and sum(1 for i in items if "changes" in i) < DIFFS_SHOWN:
            item["changes"] = copy_changes(p)
        items.append(item)
    copies = {p.draft_of_id: p for p in projects if p.draft_of_id}
    # Published with flags still open (an import run with --publish): public already, so nothing blocks; the
    # reviewers still owe them a look, and would never see them among the projects in review.
    flagged = (Project.objects.filter(review_state=ReviewState.PUBLISHED, draft_of__isnull=True,
                                      pk__in=flagged_originals)
               .select_related("lead_unit").prefetch_related(Prefetch("review_flags", queryset=open_flags,
                                                                      to_attr="open_flags"))
               .order_by("title", "pk"))
    shown = list(flagged[:PUBLISHED_FLAGGED_SHOWN])
    more = flagged.count() - len(shown) if len(shown) == PUBLISHED_FLAGGED_SHOWN else 0
    return render(request, "editor/review_queue.html", {
        "items": items, "can_publish": perms.can_publish(request.user), "published_flagged_more": more,
        "published_flagged": [{"project": p, "flags": p.open_flags, "url": project_url(p),
                               "working_copy": copies.get(p.pk)} for p in shown],
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
def project_publish(request, pk: int):
    """GET: what publishing would do (a copy's changes, the flags, the IATI check) and the form; POST: publish a
    project, or a working copy over its original, at the version the reviewer saw, over the IATI check's errors
    only with a reason."""
    project = get_object_or_404(Project.objects.select_related("draft_of", "lead_unit"), pk=pk)
    perms.require(perms.can_publish(request.user, project))
    if project.review_state == ReviewState.PUBLISHED and not project.draft_of_id:
        messages.info(request, _("This project is published already."))
        return HttpResponseRedirect(project_url(project))
    form = forms.PublishForm(request.POST if request.method == "POST" else None, project=project)
    errors = None
    if request.method == "POST" and form.is_valid():
        try:
            published = workflow.publish(project, request.user, seen=form.cleaned_data["seen"],
                                         override_reason=form.cleaned_data["reason"])
        except versions.StaleVersion:
            form.add_error(None, forms.stale_error(project.pk, forms.STALE_PUBLISH))
        except workflow.IatiErrors as exc:
            errors = exc.findings
            form.add_error("reason" if form.cleaned_data["reason"] else None, exc.messages[0])
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            if form.cleaned_data["reason"] and published.publish_overrides.filter(
                    published_at=published.published_at).exists():
                messages.warning(request, _("Published over the IATI check's errors; your reason is recorded."))
            messages.success(request, _("Published: “%(title)s” is public.") % {"title": published.title})
            return HttpResponseRedirect(project_url(published))
        if request.POST.get("from_queue") and not errors and not form.errors.get("reason"):
            for message in form.non_field_errors():
                messages.error(request, message)
            return HttpResponseRedirect(_next_url(request, reverse("editor:review")))
    if errors is None:
        errors = workflow.iati_errors(project)
    flags = list(workflow.open_flags(project).select_related("resolved_by").order_by("field", "pk"))
    return render(request, "editor/publish.html", {
        "project": project, "form": form, "iati_errors": errors, "flags": flags,
        "blocking": [f for f in flags if f.severity not in workflow.NON_BLOCKING_SEVERITIES],
        "changes": copy_changes(project) if project.draft_of_id else None, "public_url": project_url(project),
    }, status=400 if request.method == "POST" else 200)


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
    """Every version of a project, newest first, with what changed, who and when, and the publications over the
    IATI check's errors with their reasons; revert to any (at the version this page shows)."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    found = history.versions(project.pk)
    history.attach_overrides(found, project.publish_overrides.select_related("user"))
    copy = workflow.working_copy_of(project) if workflow.is_published_original(project) else None
    return render(request, "editor/history.html", {
        "project": project, "versions": list(reversed(found)), "latest": found[-1].number if found else None,
        "can_revert": perms.can_edit_project(request.user, project), "public_url": project_url(project),
        "working_copy": copy, "seen": versions.token(project),
        "seen_copy": versions.token(copy) if copy else (workflow.NO_COPY if workflow.is_published_original(project)
                                                         else ""),
    })


@staff_required
@require_POST
def project_revert(request, pk: int, number: int):
    """Write an earlier version back (to the working copy when the project is published), if nobody saved the
    project (or its working copy) since the history page was opened."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    perms.require_edit(request.user, project)
    seen = versions.parse(request.POST.get("seen"))
    copy_text = request.POST.get("seen_copy") or ""
    seen_copy = workflow.NO_COPY if copy_text == workflow.NO_COPY else versions.parse(copy_text)
    if seen is None or (workflow.is_published_original(project) and seen_copy is None):
        messages.error(request, _("This page did not send which version of the project it showed, so nothing was "
                                  "restored: reload the history and try again."))
        return redirect("editor:history", pk=pk)
    try:
        target = workflow.revert(project, number, request.user, seen=seen, seen_copy=seen_copy)
    except versions.StaleVersion as exc:
        messages.error(request, forms.stale_error(exc.pk, forms.STALE_REVERT).messages[0])
        return redirect("editor:history", pk=pk)
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
