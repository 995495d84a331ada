"""Test settings: SQLite in memory by default; the PostgreSQL run is wired in conftest.py."""
from .development import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:",
                         "OPTIONS": dict(SQLITE_OPTIONS)}}  # noqa: F405
# Rebuild in the request itself: a background thread would have its own (empty) in-memory SQLite database.
CAPDEV_FACET_INDEX_BACKGROUND = False
# The API's throttling counts in a cache that lives as long as the test run: off, except in the tests of it.
CAPDEV_API_RATE_ANON = None
CAPDEV_API_RATE_USER = None
# The same for the people figures (capdev.people.aggregates): counted in the request.
CAPDEV_PEOPLE_BACKGROUND = False
# The page cache answers a repeated request without running its view, so a test could not read the response's
# context or count its queries: off, except in the tests of it (capdev/core/tests/test_http_cache*.py), which
# turn it on. The validators, 304s and Cache-Control stay on everywhere.
CAPDEV_PAGE_CACHE = False
