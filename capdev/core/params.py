"""Query parameters: a bad value is a 400 that names the parameter, never a 500 and never silently left out.

Views read their parameters through a FilterSet (capdev.core.filters.CheckedFilterSet), a form
(`check_form`) or `Parameters` (named definitions of capdev.core.fields); each raises `InvalidParameters`
for a bad value, which `InvalidParametersMiddleware` answers with a 400: an HTML page listing each parameter
and what is wrong with it, plain text for the CSV, XML and XLSX downloads, JSON for `format=json` (the API
answers its own JSON: capdev.api.exceptions). Each also notes on the request the parameters the view reads
(`parameters_read`), so the fuzz test finds every view's parameters without a list to keep up to date.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from .fields import Definition

PLAIN_FORMATS = ("csv", "xlsx", "xml")
PLAIN_SUFFIXES = (".csv", ".xml", ".xlsx")


class InvalidParameters(BadRequest):
    """Parameters with a bad value: errors maps each parameter to what is wrong with its value."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}
        super().__init__("; ".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per parameter: "sdg: “²” is not an SDG..."."""
        return [f"{name}: {' '.join(messages)}" for name, messages in self.errors.items()]


def note_parameters(request: HttpRequest | None, names, filterset_class: type | None = None) -> None:
    """Note on the request that its view reads these parameters (see parameters_read), and through which
    FilterSet class if one."""
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    if request is not None:
        request.__dict__.setdefault("capdev_parameters", set()).update(names)
        if filterset_class is not None:
            request.__dict__.setdefault("capdev_filtersets", set()).add(filterset_class)


def parameters_read(request: HttpRequest) -> set[str]:
    """The parameters the view that answered this request reads (after the response)."""
    return set(getattr(request, "capdev_parameters", ()))


def check_form(form, request: HttpRequest | None = None):
    """The form's cleaned data, or InvalidParameters naming each field with a bad value."""
    note_parameters(request, form.fields)
    if form.is_bound and not form.is_valid():
        raise InvalidParameters(form.errors)
    return form.cleaned_data if form.is_bound else {}


class Parameters:
    """Named parameters of a view, each read by a definition: `Parameters(page=PAGE, all=FLAG).read(request)`."""

    def __init__(self, **definitions: Definition):
        self.definitions = definitions

    def read(self, request: HttpRequest, query: QueryDict | None = None) -> dict[str, Any]:
        """Each parameter's value (None where absent or empty; the last one where repeated), or InvalidParameters."""
        note_parameters(request, self.definitions)
        query = request.GET if query is None else query
        values, errors = {}, {}
        for name, definition in self.definitions.items():
            raw = query.get(name)
            if raw is None or not raw.strip():
                values[name] = None
                continue
            try:
                values[name] = definition.check(raw)
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise InvalidParameters(errors)
        return values


def invalid_parameters_response(request: HttpRequest, exc: InvalidParameters):
    """The 400 answer: JSON, plain text for downloads, else an HTML page with a way back."""
    fmt = (request.GET.get("format") or "").strip().lower()
    if fmt == "json" or request.path.startswith("/api/"):
        return JsonResponse(exc.errors, status=400, json_dumps_params={"ensure_ascii": False})
    if fmt in PLAIN_FORMATS or request.path.endswith(PLAIN_SUFFIXES):
        return HttpResponseBadRequest("\n".join(exc.lines()) + "\n", content_type="text/plain; charset=utf-8")
    kept = request.GET.copy()
    for name in exc.errors:
        kept.pop(name, None)
    query = kept.urlencode()
    return render(request, "core/invalid_parameters.html", {
        "errors": exc.errors, "without_url": request.path + (f"?{query}" if query else ""),
        "title": _("Some of the parameters in the address are not valid"),
    }, status=400)


class InvalidParametersMiddleware:
    """Answers InvalidParameters, wherever a view raises it, with a 400 (also with DEBUG on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidParameters):
            return invalid_parameters_response(request, exception)
        return None
