"""Staff pages: enter or change an assessment (a score per dimension, priorities, documents), upload a score file
with a preview, link a dimension or priority to the work. Every view asks capdev.accounts.permissions."""
from __future__ import annotations

import base64
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capdev.accounts import permissions as perms
from capdev.core import versions
from capdev.projects.filtersets import visible_projects

from . import score_files, score_import, series
from .forms import AssessmentForm, DocumentFormSet, LinkForm, PriorityFormSet, ScoreForm, UploadForm, limit_dimensions
from .models import Assessment, AssessmentState, DimensionScore, Framework, WorkLink

UPLOAD_SALT = "capdev.assessments.upload"
UPLOAD_MAX_AGE = 3600  # seconds a preview may be confirmed within


def entering_staff(view):
    """Sign-in for anonymous users; 403 for users who may not enter assessments."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not perms.can_edit_assessments(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


# -- one assessment, by hand ----------------------------------------------------------------------------------

def _score_forms(data, framework: Framework, assessment: Assessment | None) -> list[ScoreForm]:
    labels = series.level_labels([framework])[framework.pk]
    current = {s.dimension_id: s for s in assessment.scores.all()} if assessment else {}
    forms = []
    for dimension in framework.dimensions.all():
        old = current.get(dimension.pk)
        initial = {"score": f"{old.score.normalize():f}", "evidence": old.evidence, "comments": old.comments} \
            if old else {}
        forms.append(ScoreForm(data, prefix=f"score-{dimension.code}", dimension=dimension, labels=labels,
                               initial=initial))
    return forms


def _save_scores(assessment: Assessment, score_forms: list[ScoreForm], user) -> None:
    current = {s.dimension_id: s for s in assessment.scores.all()}
    for form in score_forms:
        value, old = form.cleaned_data["score"], current.get(form.dimension.pk)
        if value is None:
            if old is not None:
                old._history_user = user
                old.delete()
            continue
        row = old or DimensionScore(assessment=assessment, dimension=form.dimension)
        fields = (value, form.cleaned_data["evidence"], form.cleaned_data["comments"])
        if old is not None and (old.score, old.evidence, old.comments) == fields:
            continue
        row.score, row.evidence, row.comments = fields
        row._history_user = user
        row.save()


def _assessment_page(request, assessment: Assessment | None, framework: Framework):
    data = request.POST if request.method == "POST" else None
    # A form's initial overrides its instance's values: the country in the address only preselects a new one
    # (else every assessment opened for editing would show no country, and saving would move or refuse it).
    country = request.GET.get("country", "").upper() if assessment is None else ""
    form = AssessmentForm(data, instance=assessment or Assessment(framework=framework), user=request.user,
                          initial={"country": country} if country else {})
    score_forms = _score_forms(data, framework, assessment)
    parent = assessment or Assessment(framework=framework)
    priorities = PriorityFormSet(data, instance=parent, prefix="priorities")
    documents = DocumentFormSet(data, instance=parent, prefix="documents")
    limit_dimensions(priorities, framework)
    if request.method == "POST":
        valid = all([form.is_valid(), *[f.is_valid() for f in score_forms], priorities.is_valid(),
                     documents.is_valid()])
        if valid and not any(f.cleaned_data["score"] is not None for f in score_forms):
            form.add_error(None, _("Give at least one dimension a score."))
            valid = False
        if valid:
            try:
                saved = _save(request, form, score_forms, priorities, documents, assessment)
            except versions.StaleVersion:
                who = versions.last_saved_by(Assessment, assessment.pk) or _("someone")
                form.add_error(None, _("%(who)s saved this assessment after you opened this page, so your changes "
                                       "were not saved. Reload the page to see theirs, then make yours again.")
                               % {"who": who})
            except IntegrityError:
                form.add_error(None, _("There is already an assessment with this framework, date and kind of "
                                       "assessor for this country or institution."))
            else:
                messages.success(request, _("Assessment saved."))
                return redirect("assessments:detail", pk=saved.pk)
    return render(request, "assessments/assessment_form.html", {
        "form": form, "score_forms": score_forms, "priorities": priorities, "documents": documents,
        "framework": framework, "assessment": assessment,
        "levels": series.level_labels([framework])[framework.pk],
    }, status=400 if request.method == "POST" else 200)


@transaction.atomic
def _save(request, form, score_forms, priorities, documents, assessment):
    if assessment is not None:
        versions.hold(Assessment, assessment.pk, form.cleaned_data["seen"])
    obj = form.save(commit=False)
    if obj.state == AssessmentState.PUBLISHED and obj.published_at is None:
        obj.published_at = timezone.now()
    obj._history_user = request.user
    obj.save()
    _save_scores(obj, score_forms, request.user)
    for formset in (priorities, documents):
        formset.instance = obj
        formset.save()
    return obj


@entering_staff
def assessment_create(request):
    """A new assessment: choose the framework first (when there are several), then country, date, scores..."""
    frameworks = list(Framework.objects.order_by("name"))
    slug = request.GET.get("framework") or (frameworks[0].slug if len(frameworks) == 1 else "")
    framework = next((f for f in frameworks if f.slug == slug), None)
    if framework is None:
        return render(request, "assessments/choose_framework.html", {"frameworks": frameworks,
                                                                      "country": request.GET.get("country", "")})
    return _assessment_page(request, None, framework)


@entering_staff
def assessment_edit(request, pk: int):
    """Change an assessment: a draft by its editors, a published one by those who publish."""
    assessment = get_object_or_404(Assessment.objects.select_related("framework"), pk=pk)
    if not perms.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    return _assessment_page(request, assessment, assessment.framework)


# -- links to the work ----------------------------------------------------------------------------------------

@entering_staff
def link_add(request, pk: int):
    """Link a dimension or a priority of the assessment to a project (and one of its outcomes or activities)."""
    assessment = get_object_or_404(Assessment, pk=pk)
    if not perms.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = LinkForm(data, assessment=assessment, projects=visible_projects(request))
    # The first submission finds the project; its outcomes and activities are then offered before saving.
    if request.method == "POST" and form.is_valid() and request.POST.get("save"):
        link = WorkLink(assessment=assessment, project=form.cleaned_data["project"],
                        dimension_id=form.cleaned_data["dimension_id"], priority_id=form.cleaned_data["priority_id"],
                        outcome=form.cleaned_data["outcome"], activity=form.cleaned_data["activity"],
                        note=form.cleaned_data["note"])
        link._history_user = request.user
        try:
            with transaction.atomic():
                link.save()
        except IntegrityError:  # saved by another request since the form's check
            form.add_error(None, _("This link is there already: it is not saved twice."))
        else:
            messages.success(request, _("Linked to %(project)s.") % {"project": link.project.title})
            return redirect(f"{reverse('assessments:detail', args=[assessment.pk])}#work")
    return render(request, "assessments/link_form.html", {"assessment": assessment, "form": form,
                                                           "project": form.found_project() if data else None,
                                                           "suggestions": form.suggestions()})


@entering_staff
def link_delete(request, pk: int, link_pk: int):
    """Remove a link to the work, once confirmed: "Remove" opens a page saying what goes, whose button removes it."""
    link = get_object_or_404(WorkLink.objects.select_related("assessment", "project", "dimension", "priority"),
                             pk=link_pk, assessment_id=pk)
    if not perms.can_edit_assessment(request.user, link.assessment):
        raise PermissionDenied
    if request.method != "POST" or not request.POST.get("confirm"):
        return render(request, "assessments/link_delete.html", {"link": link, "assessment": link.assessment})
    link._history_user = request.user
    link.delete()
    messages.success(request, _("Link removed."))
    return redirect(f"{reverse('assessments:detail', args=[pk])}#work")


# -- a score file -----------------------------------------------------------------------------------------------

def _sign(data: bytes, name: str, options: dict) -> str:
    payload = {"name": name[:200], "data": base64.b64encode(data).decode("ascii"), **options}
    return signing.dumps(payload, salt=UPLOAD_SALT, compress=True)


def _plan(data: bytes, name: str, options: dict):
    framework = Framework.objects.filter(pk=options.get("framework")).first() if options.get("framework") else None
    table = score_files.read(data, name)
    return score_import.plan(table, framework=framework, assessor_type=options.get("assessor_type") or None)


def _checked_plan(data: bytes, name: str, options: dict, user):
    return score_import.check_rights(_plan(data, name, options), user)


@entering_staff
def upload(request):
    """Upload a CSV or XLSX of scores: every problem is listed by row, column, value and why (nothing written),
    else a preview of what will be written, to confirm."""
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        data = upload_file.read()
        options = {"framework": form.cleaned_data["framework"].pk if form.cleaned_data["framework"] else None,
                   "assessor_type": form.cleaned_data["assessor_type"] or None,
                   "publish": bool(form.cleaned_data.get("publish")), "internal": form.cleaned_data["internal"]}
        try:
            plan = _checked_plan(data, upload_file.name, options, request.user)
        except score_files.FileProblem as exc:
            form.add_error("file", str(exc))
        else:
            payload = _sign(data, upload_file.name, options) if plan.ok and not plan.refused else ""
            if len(payload) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 0.9:
                # The confirmation posts the file back: past Django's limit on a request's form data it is refused.
                form.add_error("file", _("This file is too large to confirm on this page: use the command "
                                         "capdev import-assessments, or split the file."))
            else:
                context.update(plan=plan, options=options, payload=payload,
                               problems=score_import.problems_by_row(plan.problems))
    return render(request, "assessments/upload.html", context,
                  status=400 if request.method == "POST" and ("plan" not in context or not context["plan"].ok
                                                               or context["plan"].refused) else 200)


@entering_staff
@require_POST
def upload_confirm(request):
    """Write what the preview showed: the file is read and checked again (the database may have changed since)."""
    try:
        payload = signing.loads(request.POST.get("payload", ""), salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.SignatureExpired:
        messages.error(request, _("The preview is more than an hour old: upload the file again."))
        return redirect("assessments:upload")
    except signing.BadSignature:
        return HttpResponseBadRequest(_("This confirmation was not made by this page."))
    data = base64.b64decode(payload["data"])
    try:
        plan = _checked_plan(data, payload["name"], payload, request.user)
    except score_files.FileProblem as exc:
        return HttpResponseBadRequest(str(exc))
    if plan.refused:  # changed since the preview (it offers no writing when one is refused)
        messages.error(request, " ".join(a.refused for a in plan.refused))
        return redirect("assessments:upload")
    if plan.ok and plan.similar and not request.POST.get("confirm_similar"):
        form = UploadForm(user=request.user)
        return render(request, "assessments/upload.html", {
            "form": form, "plan": plan, "options": payload, "payload": request.POST["payload"], "problems": {},
            "similar_error": _("Nothing was written: confirm that the possible duplicates are other assessments, "
                               "or correct the file.")}, status=400)
    if not plan.ok:
        messages.error(request, _("The file no longer fits (the frameworks or reference data changed): upload it "
                                  "again to see why."))
        return redirect("assessments:upload")
    try:
        result = score_import.write(plan, user=request.user, publish=payload.get("publish", False),
                                    internal=payload.get("internal", False))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("assessments:upload")
    messages.success(request, _("Assessments: %(c)d created, %(u)d updated, %(n)d unchanged. Scores written: %(s)d.")
                     % {"c": result.created, "u": result.updated, "n": result.unchanged, "s": result.scores})
    return render(request, "assessments/upload_done.html", {
        "result": result, "assessments": Assessment.objects.filter(pk__in=result.assessment_ids)
        .select_related("country", "framework", "institution").order_by("country__name", "date")})
