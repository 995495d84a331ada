"""Conditional writes: a PUT or PATCH names the version it changes (If-Match: the ETag its GET returned).

Without the header the write is refused (428 Precondition Required); when the row was saved since that version,
it is refused with who saved it and when (412 Precondition Failed). The version is checked inside the write's
transaction and holds the row until it commits (capdev.core.versions), so two clients that read one version
cannot both write. The ETag names the version of the row and what belongs to it (a project's lists included).
"""
from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException

from capdev.core import versions


class PreconditionRequired(APIException):
    """428: a write that does not say which version it changes."""

    status_code = 428
    default_code = "precondition_required"
    default_detail = ("Send the ETag of the version you are changing in an If-Match header (GET the record "
                      "first): a write without it could undo someone else's change.")


class PreconditionFailed(APIException):
    """412: the record was changed since the version the write names."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


def etag(value: models.Model | dt.datetime) -> str:
    """The ETag of a row's version (strong, quoted)."""
    return f'"{versions.token(value)}"'


def with_etag(response, value: models.Model | dt.datetime):
    """The response, with the row's version as its ETag."""
    response["ETag"] = etag(value)
    return response


def if_match(request) -> dt.datetime:
    """The version the request's If-Match names; PreconditionRequired when it names none of ours."""
    header = (request.headers.get("If-Match") or "").strip()
    if len(header) >= 2 and header[0] == header[-1] == '"':
        header = header[1:-1]
    seen = versions.parse(header)
    if seen is None:
        raise PreconditionRequired(_(
            "Send the ETag of the version you are changing in an If-Match header (GET the record first: "
            "its ETag header); a write without it could undo someone else's change."))
    return seen


def hold(model: type[models.Model], pk, seen: dt.datetime, what: str) -> None:
    """versions.hold, with the refusal an API client reads (PreconditionFailed naming who and when)."""
    try:
        versions.hold(model, pk, seen)
    except versions.StaleVersion as exc:
        who = versions.last_saved_by(model, pk) or _("someone")
        when = timezone.localtime(exc.current).isoformat(timespec="seconds") if exc.current else "?"
        raise PreconditionFailed(_(
            "%(who)s changed this %(what)s at %(when)s, after the version your If-Match names, so nothing was "
            "written: GET it again, apply your change to what it holds now, and send that with its new ETag.")
            % {"who": who, "what": what, "when": when}) from exc


# The OpenAPI description of a conditional write: its header and its two refusals.
IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
    description="The ETag of the version being changed, as GET returned it (a quoted string).")
REFUSALS = {
    412: OpenApiResponse(description="Changed since that version (by whom, and when, in `detail`): nothing written."),
    428: OpenApiResponse(description="No If-Match naming a version: nothing written."),
}
