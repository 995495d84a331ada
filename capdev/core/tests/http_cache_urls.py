"""Views of every kind the HTTP cache tells apart (capdev/core/tests/test_http_cache.py); counts their renders."""
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache

from capdev.core import http_cache

RENDERS = {"n": 0}


def _counted(text):
    RENDERS["n"] += 1
    return HttpResponse(f"{text} {RENDERS['n']} {translation.get_language()}")


def public(request):
    return _counted("public")


def asks_whos_there(request):
    return _counted(f"signed in: {request.user.is_authenticated}")


def with_form(request):
    return _counted(f"token {get_token(request)}")


def with_message(request):
    messages.info(request, "saved")
    return _counted("message")


@never_cache
def declared_never(request):
    return _counted("never")


def half_counted(request):
    http_cache.incomplete("test")
    return _counted("half")


def export(request):
    return StreamingHttpResponse(iter([b"a,b\n", b"1,2\n"]), content_type="text/csv")


urlpatterns = [
    path("public/", public),
    path("whos-there/", asks_whos_there),
    path("form/", with_form),
    path("message/", with_message),
    path("never/", declared_never),
    path("half/", half_counted),
    path("export.csv", export),
]
