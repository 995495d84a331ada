"""The original file a project's record was imported from, as it came: a staff-only download."""
from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from capdev.accounts.permissions import can_view_internal

from .models import SourceFile, SourceRecord


def source_file_download(request, pk: int, source_pk: int):
    """The original file a project's record was imported from, as it came: staff only (it may name people)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_internal(request.user):
        raise PermissionDenied
    record = SourceRecord.objects.filter(pk=source_pk, project_id=pk).only("file_sha256").first()
    original = SourceFile.objects.filter(sha256=record.file_sha256).first() if record and record.file_sha256 else None
    if original is None:
        raise Http404(_("No original file is kept for this record."))
    response = HttpResponse(bytes(original.data), content_type=original.media_type)
    # An attachment, never shown inline: a saved web page must not run as a page of this site.
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(original.file_name)}"
    response["Cache-Control"] = "private, no-store"
    return response


def _quote(name: str) -> str:
    return quote(name, safe="")
