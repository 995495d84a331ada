"""The API's errors: a bad query parameter raised below a view (capdev.core.params.InvalidParameters) is the
same 400 as a bad field, and an error is JSON even where a spreadsheet or a page was asked for (`?format=csv`,
the docs page), or where no format could be agreed (`?format=pdf`)."""
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

from capdev.core.params import InvalidParameters


def exception_handler(exc, context):
    """DRF's handler, with InvalidParameters as a ValidationError, and the answer in JSON."""
    if isinstance(exc, InvalidParameters):
        exc = ValidationError(exc.errors)
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is None or renderer.format not in ("json", "api"):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    return response
