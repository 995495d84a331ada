"""Staff pages: create and edit a project, its indicators and their values, log an activity, autocomplete (the review
queue, publishing, history and revert are in review_views).

Every view checks capdev.accounts.permissions (403 otherwise); anonymous users are sent to sign in.
"""
from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from capdev.accounts import permissions as perms
from capdev.core import versions
from capdev.organisations.models import Organisation
from capdev.projects import models as pm
from capdev.projects.models import Outcome, Project, ReviewState, ThematicArea
from capdev.reference.models import Country, Region, SdgGoal, SdgTarget

from . import forms, workflow
from .lookups import LOOKUPS


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


def project_url(project: Project) -> str:
    """The project's page, in the request's language."""
    return reverse("projects:detail", args=[project.pk])


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


# -- create and edit ---------------------------------------------------------------------------------------------

def _with_added_row(data, prefix: str):
    """The posted data with one more form in the formset prefix; and whether one was added."""
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0) or 0)
    except ValueError:
        return data, False
    data = data.copy()
    data[key] = str(total + 1)
    return data, True


def _formsets(data, project: Project, add: str | None = None):
    """The edit page's formsets, bound to data (with one more, unbound, row in the formset named by add)."""
    added = False
    if data is not None and add:
        data, added = _with_added_row(data, add)
    result = []
    for prefix, title, formset_class, related in forms.FORMSETS:
        model = formset_class.model
        queryset = model.objects.select_related(*related)
        formset = formset_class(data, instance=project, prefix=prefix, queryset=queryset,
                                new_rows=1 if added and prefix == add else 0)
        result.append({"prefix": prefix, "title": title, "formset": formset})
    return result


def save_formset(formset, parent, user) -> None:
    """Write a formset's rows under parent: deletions, changes, new rows, list positions in the order shown."""
    fk = formset.fk.name
    position = 0
    for form in formset.forms:
        obj = form.instance
        if formset.can_delete and formset._should_delete_form(form):
            if obj.pk:
                obj._history_user = user
                obj.delete()
            continue
        if obj.pk is None and not form.has_changed():
            continue  # an empty new row
        changed = form.has_changed() or obj.pk is None
        if changed and hasattr(form, "before_save"):
            form.before_save(user)  # rows it needs first (a thematic area typed new), in the save's transaction
        setattr(obj, fk, parent)
        if hasattr(obj, "position"):
            changed = changed or obj.position != position
            obj.position = position
            position += 1
        if changed:
            obj._history_user = user
            obj.save()


def _datalists(formsets) -> dict:
    """Suggestions shown before typing, by lookup: every country, region, SDG, target and thematic area, and the
    organisations and projects the project names (htmx asks for more as the user types)."""
    named: dict[str, set] = {"organisations": set(), "projects": set()}
    for item in formsets:
        for form in item["formset"].forms:
            for name in ("organisation", "donor", "to_project"):
                value = form.initial.get(name)
                if isinstance(value, (Organisation, Project)):
                    named["organisations" if isinstance(value, Organisation) else "projects"].add(value.pk)
    option = {name: lookup.option for name, lookup in LOOKUPS.items()}
    return {
        "countries": [option["countries"](c) for c in Country.objects.only("iso3", "name")],
        "regions": [option["regions"](r) for r in Region.objects.all()],
        "sdgs": [option["sdgs"](g) for g in SdgGoal.objects.all()],
        "sdg_targets": [option["sdg_targets"](t) for t in SdgTarget.objects.all()],
        "thematic_areas": [option["thematic_areas"](a) for a in ThematicArea.objects.all()],
        "organisations": [option["organisations"](o)
                          for o in Organisation.objects.filter(pk__in=named["organisations"])],
        "projects": [option["projects"](p) for p in Project.objects.filter(pk__in=named["projects"])],
    }


def _link_target_goals(project: Project, user) -> None:
    """Link the goal of each SDG target the project names, as the importers do (a target counts under its goal)."""
    have = set(project.sdg_goal_links.values_list("goal_id", flat=True))
    missing = sorted(set(project.sdg_target_links.values_list("target__goal_id", flat=True)) - have)
    for goal_id in missing:
        link = pm.ProjectSdgGoal(project=project, goal_id=goal_id)
        link._history_user = user
        link.save()


def _edit_page(request, project: Project, creating: bool):
    user = request.user
    add = request.POST.get("add") if request.method == "POST" else None
    data = request.POST if request.method == "POST" else None
    form = forms.ProjectForm(data, instance=project, user=user, prefix="project")
    formsets = _formsets(data, project, add=add)
    if request.method == "POST" and not add:
        valid = form.is_valid()
        valid = all([item["formset"].is_valid() for item in formsets]) and valid
        if valid:
            saved = form.instance
            if not creating:
                perms.require_edit(user, saved)  # the unit may have been changed in the form
            action = request.POST.get("action", "save")
            try:
                with transaction.atomic():
                    if not creating:  # the check and the write in one step (capdev.core.versions)
                        versions.hold(Project, project.pk, form.cleaned_data["seen"])
                    saved = form.save(commit=False)
                    if action == "submit" and saved.review_state == ReviewState.DRAFT:
                        saved.review_state = ReviewState.IN_REVIEW
                    workflow.touch(saved, user)
                    for item in formsets:
                        save_formset(item["formset"], saved, user)
                    _link_target_goals(saved, user)
            except versions.StaleVersion:
                form.add_error(None, forms.stale_error(project.pk))
            except IntegrityError:
                form.add_error(None, _("The project could not be saved: a row repeats another (the same country, "
                                       "SDG or partner role twice?)."))
            else:
                workflow.reindex(saved.pk)
                if action == "submit":
                    messages.success(request, _("Saved and sent for review."))
                else:
                    messages.success(request, _("Saved."))
                return redirect("editor:edit", pk=saved.pk)
    errors = sum(len(f.errors) for f in [form]) + sum(
        sum(len(e) for e in item["formset"].errors) + len(item["formset"].non_form_errors())
        for item in formsets if item["formset"].is_bound)
    context = {
        "project": project, "creating": creating, "form": form, "formsets": formsets,
        "error_count": errors if request.method == "POST" and not add else 0,
        "datalists": _datalists(formsets), "original": project.draft_of if project.draft_of_id else None,
        "can_publish": project.pk and perms.can_publish(user, project),
        "open_flags": list(workflow.open_flags(project).select_related("resolved_by")) if project.pk else [],
        "blocking_flags": list(workflow.blocking_flags(project)) if project.pk else [],
        "public_url": project_url(project.draft_of) if project.draft_of_id else (
            project_url(project) if project.pk else None),
        "outcomes": list(project.outcomes.all()) if project.pk else [],
        # Links other projects hold to this one (to its original, for a working copy): edited on their page.
        "incoming_relations": _incoming_relations(project),
    }
    return render(request, "editor/edit.html", context)


def _incoming_relations(project: Project) -> list[tuple[str, Project]]:
    """(what the other project is to this one, the other project) for the relations pointing at this project."""
    target = project.draft_of_id or project.pk
    if not target:
        return []
    labels = dict(pm.ProjectRelation.Kind.choices)
    # A working copy's relations are its original's, copied: listed once, through the original.
    rows = (pm.ProjectRelation.objects.filter(to_project_id=target, from_project__draft_of__isnull=True)
            .select_related("from_project"))
    return [(labels[pm.ProjectRelation.kind_seen_from(r.kind, True)], r.from_project) for r in rows]


@staff_required
def project_create(request):
    """A new project, in draft, in one of the editor's units."""
    perms.require(perms.can_create_project(request.user))
    return _edit_page(request, Project(review_state=ReviewState.DRAFT), creating=True)


@staff_required
def project_edit(request, pk: int):
    """Edit a project; a published one is edited through its working copy."""
    project = get_object_or_404(Project.objects.select_related("draft_of", "lead_unit"), pk=pk)
    perms.require_edit(request.user, project)
    if workflow.is_published_original(project):
        copy = workflow.working_copy_of(project)
        if copy is not None:
            return redirect("editor:edit", pk=copy.pk)
        if request.method == "POST" and request.POST.get("start_copy"):
            copy = workflow.start_working_copy(project, request.user)
            messages.info(request, _("Working copy created: the public keeps seeing the published version "
                                     "until a reviewer publishes this copy."))
            return redirect("editor:edit", pk=copy.pk)
        return render(request, "editor/start_copy.html", {"project": project, "public_url": project_url(project)})
    return _edit_page(request, project, creating=False)


@staff_required
def indicators_edit(request, pk: int, outcome_pk: int):
    """The indicators of one outcome."""
    project = get_object_or_404(Project, pk=pk)
    perms.require_edit(request.user, project)
    if workflow.is_published_original(project):
        return redirect("editor:edit", pk=pk)
    outcome = get_object_or_404(Outcome, pk=outcome_pk, project=project)
    data = request.POST if request.method == "POST" else None
    added = False
    if data is not None and data.get("add"):
        data, added = _with_added_row(data, "indicators")
    formset = forms.IndicatorFormSet(data, instance=outcome, prefix="indicators", new_rows=1 if added else 0)
    version = forms.VersionForm(data, project=project)
    if request.method == "POST" and not request.POST.get("add") and _save_rows(project, version, formset, outcome,
                                                                              request.user):
        messages.success(request, _("Indicators saved."))
        return redirect("editor:indicators", pk=pk, outcome_pk=outcome_pk)
    return render(request, "editor/indicators.html", {"project": project, "outcome": outcome, "formset": formset,
                                                      "version": version})


def _save_rows(project: Project, version, formset, parent, user) -> bool:
    """Save a page of a project's rows if it is valid and the project is still at the version the page showed
    (checked and written in one transaction); else False, with the refusal on the version form."""
    if not (version.is_valid() & formset.is_valid()):
        return False
    try:
        with transaction.atomic():
            versions.hold(Project, project.pk, version.cleaned_data["seen"])
            workflow.touch(project, user)
            save_formset(formset, parent, user)
    except versions.StaleVersion:
        version.add_error(None, forms.stale_error(project.pk))
        return False
    workflow.reindex(project.pk)
    return True


@staff_required
def indicator_values_edit(request, pk: int, outcome_pk: int, indicator_pk: int):
    """What one indicator measured, period by period, with the period's target: the M&E officer's results."""
    project = get_object_or_404(Project, pk=pk)
    perms.require_edit(request.user, project)
    if workflow.is_published_original(project):
        return redirect("editor:edit", pk=pk)  # which offers the working copy these values are entered in
    indicator = get_object_or_404(pm.Indicator.objects.select_related("outcome"), pk=indicator_pk,
                                  outcome_id=outcome_pk, outcome__project=project)
    if hasattr(indicator, "people_source"):
        # Its values are computed from the people data, never typed: its page says where each came from.
        return redirect("people:indicator_source", pk=pk, indicator_pk=indicator_pk)
    data = request.POST if request.method == "POST" else None
    added = False
    if data is not None and data.get("add"):
        data, added = _with_added_row(data, "values")
    formset = forms.IndicatorValueFormSet(data, instance=indicator, prefix="values", new_rows=1 if added else 0,
                                          queryset=indicator.values.order_by("period_start", "pk"))
    version = forms.VersionForm(data, project=project)
    if request.method == "POST" and not request.POST.get("add") and _save_rows(project, version, formset,
                                                                              indicator, request.user):
        messages.success(request, _("Values saved."))
        return redirect("editor:indicator_values", pk=pk, outcome_pk=outcome_pk, indicator_pk=indicator_pk)
    return render(request, "editor/indicator_values.html", {
        "project": project, "outcome": indicator.outcome, "indicator": indicator, "formset": formset,
        "version": version,
    }, status=400 if request.method == "POST" and not request.POST.get("add") else 200)


# -- log an activity ---------------------------------------------------------------------------------------------

@staff_required
def log_activity(request, pk: int):
    """Add an activity from the short form; on a published project it goes to the working copy."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    perms.require_edit(request.user, project)
    form = forms.ActivityLogForm(request.POST or None, prefix="log")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Appending changes nothing anyone else typed, so no version is asked for; the project row is read
            # again under the transaction's lock, so that saving it (its new version) writes no field back.
            target = workflow.locked(workflow.editable_target(project, request.user))
            workflow.touch(target, request.user)
            activity = form.save(commit=False)
            activity.project = target
            activity.position = target.activities.count()
            activity._history_user = request.user
            activity.save()
        workflow.reindex(target.pk)
        if target.pk != project.pk:
            messages.success(request, format_html(
                _("Activity added to the working copy: it becomes public when a reviewer publishes the copy. Its "
                  "sign-in sheet can be uploaded now, on <a href=\"{url}\">its page</a>: the list counts in "
                  "public once the copy and the list are published."),
                url=reverse("people:activity", args=[activity.pk])))
        else:
            messages.success(request, _("Activity added."))
        return HttpResponseRedirect(_next_url(request, project_url(project)))
    countries = [LOOKUPS["countries"].option(c) for c in Country.objects.only("iso3", "name")]
    return render(request, "editor/log_activity.html", {"project": project, "form": form, "countries": countries,
                                                        "next": _next_url(request, "")},
                  status=400 if request.method == "POST" else 200)


# -- autocomplete ------------------------------------------------------------------------------------------------

@staff_required
@require_GET
def lookup(request, kind: str):
    """<option> suggestions for a lookup input (htmx fills the input's <datalist> with them)."""
    source = LOOKUPS.get(kind)
    if source is None:
        raise Http404
    # htmx sends the input under its own form name; take the typed text whatever the name.
    text = request.GET.get("q") or next((v for v in request.GET.values() if v), "")
    options = [source.option(obj) for obj in source.find(text)]
    return render(request, "editor/_options.html", {"options": options})
