"""The import page: upload, follow the worker, preview the records, keep some, confirm; and the list of imports.

Every view asks capdev.imports.access (which asks capdev.accounts.permissions): anonymous users are sent to sign
in, staff without the right to create projects get 403, and a job the user may not see is a 404. Nothing here
is cached or public: responses carry Cache-Control: private, no-store.
"""
from __future__ import annotations

import hashlib
from functools import wraps
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from capdev.core import fields
from capdev.core.params import Parameters
from capdev.narrative.xml_head import HEAD_CHARS, xml_head
from capdev.sources import MEDIA_TYPES, SourceError, kind_of

from . import access, runs
from .forms import IATI_EXTENSIONS, LimitedUpload, UploadForm
from .models import STALLED_AFTER, ImportJob
from .preview import LABELS, text_markup

RECORDS_PER_PAGE = 20
PAGE = Parameters(page=fields.PAGE)


def importer_required(view):
    """Sign-in for anonymous users; 403 for users who may not import; never cached."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.can_import(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store"
        return response
    return wrapped


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# -- the list and the upload ------------------------------------------------------------------------------------

@csrf_exempt  # the upload handler must be in place before the CSRF check reads the body; _upload checks CSRF
@importer_required
def job_list(request):
    """Upload a file; the user's imports (and their units'), newest first."""
    if request.method == "POST":
        limit = settings.CAPDEV_IMPORT_MAX_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + 64 * 1024:  # the form's other fields take a few hundred bytes
            return _too_large(request)  # said at once, without reading the body (nothing is written)
        request.upload_handlers.insert(0, LimitedUpload(request, limit))
        return _upload(request)
    return _list_page(request, UploadForm(user=request.user))


@csrf_protect
def _upload(request):
    files = request.FILES  # reads the body, through LimitedUpload
    if getattr(request, "capdev_upload_too_large", False):
        return _too_large(request)
    form = UploadForm(request.POST, files, user=request.user)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    name = PurePath(upload.name).name[:255]
    # An .xml that opens as another vocabulary than IATI's (an Atom or RSS feed of project news, a site's export) is
    # narrative text; one whose head cannot be read goes to the IATI importer, which says what is wrong with it.
    head = xml_head(data[:HEAD_CHARS].decode("utf-8", "replace"))
    iati = PurePath(name).suffix.lower() in IATI_EXTENSIONS and (head is None or head.is_iati)
    try:
        media_type = "application/xml" if iati else MEDIA_TYPES[kind_of(name, data)]
    except SourceError as exc:  # the bytes are not what the name says (a .pdf that is not a PDF...)
        form.add_error("file", str(exc))
        return _list_page(request, form, status=400)
    from .tasks import read_upload

    with transaction.atomic():  # the job and its task are one write: no job without its task, or the reverse
        job = ImportJob.objects.create(
            user=request.user, unit=form.cleaned_data.get("unit"), file_name=name, media_type=media_type,
            format=ImportJob.Format.IATI if iati else ImportJob.Format.NARRATIVE, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), data=data)
        read_upload.enqueue(job.pk)
    return redirect("imports:detail", pk=job.pk)


def _too_large(request):
    form = UploadForm(data={}, files={}, user=request.user, too_large=True)
    form.is_valid()
    return _list_page(request, form, status=413)


def _list_page(request, form, status: int = 200):
    jobs = (access.visible_jobs(request.user).select_related("user", "unit").defer("data", "result")
            .order_by("-created", "-pk")
            .annotate(records_total=Count("records"), records_kept=Count("records", filter=Q(records__keep=True))))
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    return render(request, "imports/job_list.html", {"form": form, "page": page,
                                                      "limit": settings.CAPDEV_IMPORT_MAX_BYTES}, status=status)


# -- one job ----------------------------------------------------------------------------------------------------

@importer_required
def job_detail(request, pk: int):
    """The job: its progress while the worker has it, its records to choose from when ready, its outcome."""
    job = access.job_for(request.user, pk)
    context = {"job": job, "poll_seconds": settings.CAPDEV_IMPORT_POLL_SECONDS}
    if job.state in (ImportJob.State.READY, ImportJob.State.IMPORTING, ImportJob.State.DONE):
        records = job.records.order_by("index")
        counts = records.aggregate(total=Count("pk"), kept=Count("pk", filter=Q(keep=True)),
                                   refused=Count("pk", filter=Q(allowed=False)))
        page = Paginator(records, RECORDS_PER_PAGE).get_page(PAGE.read(request)["page"])  # a bad one: a 400
        for record in page.object_list:
            record.markup = text_markup(record.preview, f"r{record.index}")
            for item in record.preview.get("fields", []):
                item["label"] = LABELS.get(item["key"], item["key"])
                item["is_list"] = isinstance(item["value"], list)
        context.update({"page": page, "counts": counts, "editable": job.state == ImportJob.State.READY})
    if job.state == ImportJob.State.DONE:
        from capdev.projects.models import Project

        ids = job.result.get("project_ids", [])
        context["projects"] = list(Project.objects.filter(pk__in=ids).only("pk", "title", "review_state"))
    return render(request, "imports/job_detail.html", context)


@importer_required
def job_status(request, pk: int):
    """The progress block (htmx polls it); once the worker is done, the page reloads to show the outcome."""
    job = access.job_for(request.user, pk)
    if not job.running and _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "imports/_progress.html", {"job": job,
                                                       "poll_seconds": settings.CAPDEV_IMPORT_POLL_SECONDS})


def _back(job: ImportJob, request, anchor: str = "") -> str:
    page = request.POST.get("page") or ""
    url = reverse("imports:detail", args=[job.pk]) + (f"?page={page}" if page.isascii() and page.isdigit() else "")
    return url + (f"#{anchor}" if anchor else "")


@importer_required
@require_POST
def record_keep(request, pk: int, index: int):
    """Keep a record, or leave it out (a button; htmx swaps it in place)."""
    job = access.job_for(request.user, pk)
    keep = request.POST.get("keep") == "1"
    record = job.records.filter(index=index).first()
    if record is None:
        return redirect(_back(job, request))
    if job.state != ImportJob.State.READY or not record.allowed:
        messages.error(request, _("This record can no longer be changed."))
        return redirect(_back(job, request, f"record-{index}"))
    job.records.filter(pk=record.pk, allowed=True).update(keep=keep)
    record.keep = keep
    if _is_htmx(request):
        return render(request, "imports/_keep.html", {"job": job, "record": record, "editable": True})
    return redirect(_back(job, request, f"record-{index}"))


@importer_required
@require_POST
def keep_all(request, pk: int):
    """Keep every record that may be imported, or none."""
    job = access.job_for(request.user, pk)
    if job.state == ImportJob.State.READY:
        job.records.filter(allowed=True).update(keep=request.POST.get("keep") == "1")
    return redirect(_back(job, request))


@importer_required
@require_POST
def job_confirm(request, pk: int):
    """Import the kept records (once: a second click finds the job already importing)."""
    job = access.job_for(request.user, pk)
    if job.state == ImportJob.State.READY and not job.records.filter(keep=True, allowed=True).exists():
        messages.error(request, _("No record is kept: keep at least one, or discard the import."))
        return redirect(_back(job, request))
    if runs.confirm(job, request.user):
        messages.success(request, _("Importing: the records become projects in review. You may leave this page; "
                                    "the import goes on."))
    else:
        messages.info(request, _("This import was already confirmed."))
    return redirect("imports:detail", pk=job.pk)


@importer_required
@require_POST
def job_discard(request, pk: int):
    """Throw away an import that is not running (its projects, if it imported any, stay)."""
    job = access.job_for(request.user, pk)
    stalled = Q(last_updated__lt=timezone.now() - STALLED_AFTER)
    deleted = ImportJob.objects.filter(Q(pk=job.pk) & (~Q(state__in=ImportJob.RUNNING) | stalled)).delete()[0]
    if deleted:
        messages.success(request, _("The import of %(file)s was discarded.") % {"file": job.file_name})
    else:
        messages.error(request, _("A running import cannot be discarded; wait for it to finish."))
        return redirect("imports:detail", pk=job.pk)
    return redirect("imports:list")
