"""HTTP caching that is always fresh: validators, 304s, the anonymous page cache and Cache-Control, in one place.

Every GET or HEAD is sorted once, here, into one of three kinds (docs/deployment.md):

- **public**: a request that carries nothing personal (no session, messages or Authorization) answered with
  nothing personal (no cookie set, no CSRF token used, no `Vary: Cookie`, no view saying `private`). It gets
  `ETag` and `Last-Modified`, a `304 Not Modified` to a matching conditional request before any view runs,
  `Cache-Control: public, no-cache` (any cache may store it, and asks before each reuse) and is kept in the page
  cache. The ETag is derived from the content version (capdev.core.content_version: every change of what pages
  show moves it), the language, the day (pages say what is ongoing) and the release; the page cache's key from
  the same and the URL. A change is therefore seen at the next request, through every cache that asks.
- **personal**: a request or a response that carries anything personal. `Cache-Control: private, no-store`, no
  validators, never kept.
- **incomplete**: a public answer built while part of it was being counted again (the facet index rebuilding
  in the background, the people figures being counted, similar projects being worked out): code that answers
  from such data calls `incomplete()`; the response gets `no-store` and no validators, so that nothing keeps it
  past the moment the new figures are there.

A view declares nothing unless it is an exception: `never_cache`, or a `Cache-Control` of its own with
`private` or `no-store`, keeps the middleware's hands off (the staff exports do so).
"""
from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import math
import time
from email.utils import formatdate

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import get_urlconf
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers

from . import content_version

PUBLIC = "public, no-cache"
PERSONAL = "private, no-store"
_INCOMPLETE: contextvars.ContextVar[list | None] = contextvars.ContextVar("capdev_http_incomplete", default=None)
_FIRST_SEEN: dict[str, float] = {}  # when this process first read each version (a Last-Modified bound)
_SKIPPED_HEADERS = {"set-cookie", "content-length"}
# Request headers that choose between representations of one URL: the API's format, and htmx's fragments.
_REPRESENTATION = ("HTTP_ACCEPT", "HTTP_HX_REQUEST")


def incomplete(reason: str) -> None:
    """The response being built shows figures older than the portfolio (being counted again): never keep it."""
    marks = _INCOMPLETE.get()
    if marks is not None:
        marks.append(reason)


def page_cache():
    """The cache pages are kept in (settings.CAPDEV_PAGE_CACHE_ALIAS)."""
    return caches[settings.CAPDEV_PAGE_CACHE_ALIAS]


def clear() -> None:
    """Forget every kept page (tests; a deploy that changes pages without a new CAPDEV_RELEASE)."""
    page_cache().clear()
    _FIRST_SEEN.clear()


def personal_request(request) -> bool:
    """Whether the request carries anything that may make its answer personal: a session (signed in, or a form
    kept between requests), messages waiting to be shown, or credentials."""
    cookies = request.COOKIES
    return (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies
            or "HTTP_AUTHORIZATION" in request.META)


def request_language(request) -> tuple[str, bool]:
    """The language LocaleMiddleware activates for this request, and whether a cookie chose it (an answer a
    shared cache could not tell apart: kept private)."""
    i18n_patterns, prefixed_default = is_language_prefix_patterns_used(get_urlconf() or settings.ROOT_URLCONF)
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path, False
    if i18n_patterns and not prefixed_default:
        return settings.LANGUAGE_CODE, False
    language = translation.get_language_from_request(request, check_path=i18n_patterns)
    return language, settings.LANGUAGE_COOKIE_NAME in request.COOKIES


class Validators:
    """What an anonymous request's answer is derived from: the content version, the language, the day, the
    release and the representation asked for (Accept)."""

    def __init__(self, request):
        version, _changed = content_version.current()
        self.read_at = time.time()
        self.language, self.by_cookie = request_language(request)
        day = dt.datetime.fromtimestamp(self.read_at, dt.UTC).date().isoformat()
        basis = "|".join((settings.CAPDEV_RELEASE, version, day, self.language,
                          *(request.META.get(header, "") for header in _REPRESENTATION)))
        self.digest = hashlib.sha1(basis.encode()).hexdigest()[:24]
        self.etag = f'W/"{self.digest}"'
        first = _FIRST_SEEN.setdefault(version, self.read_at)
        if len(_FIRST_SEEN) > 10_000:
            _FIRST_SEEN.clear()
            _FIRST_SEEN[version] = first
        # Conditional requests with a date alone are answered 304 only when it is at least the time this process
        # first saw the version (rounded up): a copy made before the version existed then never passes for it.
        self.not_modified_since = math.ceil(first)
        self.key = "capdev-page:" + hashlib.sha1(
            f"{self.digest}|{request.build_absolute_uri()}".encode()).hexdigest()

    def not_modified(self, request) -> HttpResponse | None:
        """A 304 when the request's copy is current (If-None-Match; else If-Modified-Since by the rule above),
        else None."""
        answer = get_conditional_response(request, etag=self.etag, last_modified=self.not_modified_since)
        return answer if isinstance(answer, HttpResponseNotModified) else None


def _public_headers(response, validators: Validators, last_modified: float | None) -> None:
    # A view's own ETag stays (the API's is the record's version, which a write names in If-Match): it never
    # matches the middleware's, so such an answer is simply never a 304.
    response.setdefault("ETag", validators.etag)
    patch_vary_headers(response, ("HX-Request",))  # list pages answer htmx with a fragment
    if last_modified is not None:
        response["Last-Modified"] = formatdate(last_modified, usegmt=True)
    shared = settings.CAPDEV_HTTP_SHARED_MAX_AGE
    if validators.by_cookie:
        response["Cache-Control"] = "private, no-cache"  # the browser's own cache may keep it, and asks
    elif shared:
        response["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"
    else:
        # nginx stores a response it may not reuse without asking only with an expiry in the past (its
        # proxy_cache does not store "no-cache"): docs/deployment.md. nginx removes this header; others ignore it.
        # Before Cache-Control: nginx before 1.23 takes the first of the two it reads.
        if "Cache-Control" in response:
            del response["Cache-Control"]
        response["X-Accel-Expires"] = "@1"
        response["Cache-Control"] = PUBLIC


def _declared_private(response) -> bool:
    value = response.get("Cache-Control", "").lower()
    return any(word in value for word in ("private", "no-store", "no-cache"))


def _personal_response(request, response) -> bool:
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    return bool(response.cookies) or "cookie" in vary or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _forget_empty_session(request) -> None:
    """A request without a session whose session stayed empty: the answer does not depend on the Cookie header
    (a shared cache keeps it apart from signed-in users' by the session cookie: docs/deployment.md), so
    SessionMiddleware must not say `Vary: Cookie` because a template asked whether someone is signed in."""
    session = getattr(request, "session", None)
    if session is not None and not session.modified and session.session_key is None and not session._session:
        session.accessed = False


class HttpCacheMiddleware:
    """Validators, 304s, the page cache and Cache-Control (see the module's docstring). Placed after
    LocaleMiddleware and CommonMiddleware, before CSRF, authentication and messages, so that what those add to a
    response is seen here and a kept page is answered without them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not settings.CAPDEV_HTTP_CACHE:
            return self.get_response(request)
        if personal_request(request):
            return self._personal(self.get_response(request))
        validators = Validators(request)
        answer = validators.not_modified(request)
        if answer is not None:
            _public_headers(answer, validators, None)
            return answer
        use_cache = settings.CAPDEV_PAGE_CACHE and not validators.by_cookie
        if use_cache:
            kept = page_cache().get(validators.key)
            if kept is not None:
                return self._from_cache(kept)
        marks: list = []
        token = _INCOMPLETE.set(marks)
        try:
            response = self.get_response(request)
        finally:
            _INCOMPLETE.reset(token)
        if _declared_private(response):
            return response
        if _personal_response(request, response):
            return self._personal(response)
        if marks:
            response["Cache-Control"] = "no-store"
            return response
        if response.status_code != 200:
            response.setdefault("Cache-Control", "no-store")  # a 404 today may be a published page tomorrow
            return response
        _forget_empty_session(request)
        _public_headers(response, validators, math.floor(validators.read_at))
        if use_cache and request.method == "GET" and not response.streaming:
            self._keep(response, validators)
        return response

    @staticmethod
    def _personal(response):
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = PERSONAL
        return response  # a view's own validators stay (the API's ETag is the version a write names)

    @staticmethod
    def _keep(response, validators: Validators) -> None:
        content = response.content
        if len(content) > settings.CAPDEV_PAGE_CACHE_MAX_BYTES:
            return
        headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS]
        page_cache().set(validators.key, (response.status_code, headers, content),
                         settings.CAPDEV_PAGE_CACHE_SECONDS)

    @staticmethod
    def _from_cache(kept) -> HttpResponse:
        status, headers, content = kept
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
