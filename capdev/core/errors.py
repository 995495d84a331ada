"""The error pages (400, 403, 404, 500): in the site's layout and the reader's language, saying what happened and
what to do next; under /api/ the same errors as JSON, as the API's own errors are (capdev.api.exceptions).

Django calls these handlers (capdev/urls.py's handler400...) when DEBUG is off, which `make demo` and production
both are: a visitor never sees Django's debug page (docs/languages.md#error-pages).
"""
from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "status": status}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def _page(request: HttpRequest, status: int, context: dict) -> HttpResponse:
    """The error page in the site's layout; should the layout itself fail (a 500 in a context processor, a
    broken database), a plain page that still says what happened rather than nothing."""
    # error_page: base.html offers no hreflang alternates of a page that is not one.
    context = {"status": status, "error_page": True, "home_url": reverse("portal:home"), **context}
    try:
        body = loader.render_to_string("errors/error.html", context, request=request)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        logger.exception("the error page for %s could not be drawn in the layout", status)
        body = loader.render_to_string("errors/plain.html", context)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """400: the request could not be understood (a bad form, a broken upload, an address too long)."""
    title = _("The request could not be understood")
    if _is_api(request):
        return _json(400, title)
    return _page(request, 400, {
        "title": title,
        "explanation": _("Something in the address or in the form you sent is not in a form this site can read."),
        "advice": _("Go back, check what you typed or chose, and try again. If you followed a link, the link "
                    "may be broken."),
    })


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """403: signed in, but not allowed; a refused edit names the project's unit and the user's units."""
    title = _("You may not do this")
    if _is_api(request):
        return _json(403, _("You do not have permission to perform this action."))
    context = {
        "title": title,
        "explanation": _("Your account does not have the right to see this page or make this change."),
        "advice": _("If you need it, ask a portfolio administrator to give your account the right role or unit."),
    }
    details = getattr(exception, "details", None)  # a refused edit (capdev.accounts.permissions.EditRefused)
    if callable(details):
        facts = details()
        context.update(facts, **{
            "explanation": _("Editors change the projects of their own units."),
            "project_url": reverse("projects:detail", args=[facts["project"].pk]),
            "advice": _("Ask an editor of that unit or a reviewer to make the change, or ask a portfolio "
                        "administrator to add the unit to your account."),
        })
    return _page(request, 403, context)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: no such page, or a project that is not (or no longer) published."""
    title = _("There is no page at this address")
    if _is_api(request):
        return _json(404, _("Not found."))
    return _page(request, 404, {
        "title": title,
        "explanation": _("The address may be mistyped, or the page may have moved. A project that is not "
                         "published is not shown to the public."),
        "advice": _("Search the projects, or start again from the home page."),
        "search_url": reverse("projects:list"),
        "path": request.path,
    })


def server_error(request: HttpRequest) -> HttpResponse:
    """500: a fault of the site's; the fault is logged (with its traceback) for the administrators."""
    title = _("Something went wrong on our side")
    if _is_api(request):
        return _json(500, title)
    return _page(request, 500, {
        "title": title,
        "explanation": _("The page could not be made because of an error in the site. The error has been "
                         "recorded for the administrators."),
        "advice": _("Try again in a few minutes. If it happens again, tell the site's administrators what you "
                    "were doing."),
    })
