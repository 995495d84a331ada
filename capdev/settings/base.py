"""Settings shared by every environment, read from environment variables."""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the capdev package
PROJECT_DIR = BASE_DIR.parent  # the checkout
VAR_DIR = Path(os.environ.get("CAPDEV_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on"; "0", "false", "no", "off" or empty);
    anything else stops start-up with the variable's name (a typo must not silently switch a feature off)."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in {"1", "true", "yes", "on"}:
        return True
    if word in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1, true, yes, on, 0, false, no, off, not {value!r}")


def env_seconds(name: str, default: float) -> float:
    """Read a non-negative number of seconds from the environment; a clear error names the variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses "nan"
        raise ImproperlyConfigured(f"{name} must be a number of seconds (0 or more), not {value!r}")
    return seconds


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """Read a whole number (at least `minimum`) from the environment; a clear error names the variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or int(text) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number from {minimum}, not {value!r}")
    return int(text)


def env_rate(name: str, default: str | None) -> str | None:
    """Read a request rate ("300/min": a number, then s, min, hour or day) or "off"; a bad one names the variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    text = value.strip().lower()
    if text in {"off", "none", "0"}:
        return None
    number, _, period = text.partition("/")
    if not (number.isascii() and number.isdigit() and int(number) > 0) or period not in {
            "s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}:
        raise ImproperlyConfigured(f"{name} must be a rate such as 300/min (per s, min, hour or day) or off, "
                                   f"not {value!r}")
    return f"{int(number)}/{period}"


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("capdev")
    except PackageNotFoundError:
        return "0"


def caches_from_env(url: str | None, page_entries: int) -> dict:
    """CACHES: "default" (throttling, people figures) and "pages" (the page cache), in memory unless url names
    a shared cache; a URL of another kind stops start-up with its name."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "capdev-pages",
                          "OPTIONS": {"MAX_ENTRIES": page_entries, "CULL_FREQUENCY": 4}}}
    scheme = url.split(":", 1)[0]
    backends = {"redis": "django.core.cache.backends.redis.RedisCache",
                "rediss": "django.core.cache.backends.redis.RedisCache",
                "memcached": "django.core.cache.backends.memcached.PyMemcacheCache"}
    if scheme not in backends:
        raise ImproperlyConfigured(f"CAPDEV_CACHE_URL must start with redis://, rediss:// or memcached://, not {url!r}")
    location = url.split("://", 1)[1] if scheme == "memcached" else url
    return {"default": {"BACKEND": backends[scheme], "LOCATION": location, "KEY_PREFIX": "capdev"},
            "pages": {"BACKEND": backends[scheme], "LOCATION": location, "KEY_PREFIX": "capdev-pages"}}


# SQLite: every transaction takes the database's write lock as it begins (BEGIN IMMEDIATE), so a write that
# checks a version first (capdev.core.versions.hold) reads after the other writers commit, and two writers
# wait for each other (up to `timeout` seconds) instead of failing with "database is locked" half-way.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}


def database_from_env(default_sqlite: Path | None) -> dict:
    """DATABASES['default'] from DATABASE_URL, or SQLite at default_sqlite when it is unset."""
    url = os.environ.get("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if database["ENGINE"] == "django.db.backends.sqlite3":
            database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
        return database
    if default_sqlite is None:
        raise ImproperlyConfigured("DATABASE_URL must be set (e.g. postgres://user:pass@host:5432/capdev)")
    default_sqlite.parent.mkdir(parents=True, exist_ok=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite), "OPTIONS": dict(SQLITE_OPTIONS)}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework.authtoken",
    "simple_history",
    "capdev.core",
    "capdev.reference",
    "capdev.organisations",
    "capdev.projects",
    "capdev.activities",
    "capdev.people",
    "capdev.assessments",
    "capdev.texts",
    "capdev.importer",
    "capdev.portal",
    "capdev.reports",
    "capdev.accounts",
    "capdev.editor",
    "capdev.iati",
    "capdev.imports",
    "capdev.api",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "capdev.core.http_cache.HttpCacheMiddleware",  # validators, 304s, the page cache: docs/deployment.md
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "capdev.core.params.InvalidParametersMiddleware",  # a bad query parameter: a 400 naming it
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "capdev.urls"
WSGI_APPLICATION = "capdev.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(VAR_DIR / "capdev.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The six official languages of the United Nations (docs/languages.md). Each is named in its own language in the
# switcher (django.conf.locale.LANG_INFO's name_local); these names are the translated ones.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
# The catalogues: capdev/locale/<lang>/LC_MESSAGES/django.po, compiled to .mo by `make install` (docs/languages.md).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them: Django's formats, English's as the UN writes it (capdev/formats).
FORMAT_MODULE_PATH = ["capdev.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "capdev.api.pagination.StandardPagination",
    "EXCEPTION_HANDLER": "capdev.api.exceptions.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "capdev.api.negotiation.FormatNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["capdev.api.permissions.WritesByRole"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Capdev API",
    "DESCRIPTION": "The capacity-development portfolio as data: projects in the record shape, activities, "
                   "organisations, units, countries and SDGs. Anonymous callers see published projects only; "
                   # Markdown (Swagger UI renders it): in a code span, "<key>" is text, not an HTML tag.
                   "staff write with a token (`Authorization: Token <key>`).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's files come from the drf-spectacular-sidecar package: no CDN, works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Budget kinds appear in the record's lines and the list's lines: one enum, named as before.
    "ENUM_NAME_OVERRIDES": {"BudgetKindEnum": "capdev.narrative.types.BUDGET_KINDS"},
}

# The organisation that publishes this portfolio (IATI reporting-org); configurable per deployment.
CAPDEV_REPORTING_ORG = {
    "ref": os.environ.get("CAPDEV_REPORTING_ORG_REF", "XM-DAC-41127"),
    "name": os.environ.get("CAPDEV_REPORTING_ORG_NAME", "United Nations Department of Economic and Social Affairs"),
    "type": os.environ.get("CAPDEV_REPORTING_ORG_TYPE", "40"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Authentication hardening, Content-Security-Policy and the like live in their own module.
from .security import *  # noqa: E402,F401,F403

# IATI publishing (capdev.iati): the folder with the official 2.03 XSDs (default: shared/iati/schema-2.03 beside
# the checkout, or $CAPDEV_SHARED/iati/schema-2.03; absent means XSD validation is skipped), the currency and DAC
# sector used when a project gives none, and the DAC region published for projects with no country or region.
CAPDEV_IATI_SCHEMA_DIR = os.environ.get("CAPDEV_IATI_SCHEMA_DIR") or None
CAPDEV_IATI_DEFAULT_CURRENCY = os.environ.get("CAPDEV_IATI_DEFAULT_CURRENCY", "USD")
CAPDEV_IATI_DEFAULT_DAC_SECTOR = os.environ.get("CAPDEV_IATI_DEFAULT_DAC_SECTOR", "15110")
CAPDEV_IATI_UNSPECIFIED_REGION = os.environ.get("CAPDEV_IATI_UNSPECIFIED_REGION", "998")
CAPDEV_IATI_KNOWN_ORG_IDS = env_list("CAPDEV_IATI_KNOWN_ORG_IDS", [])

# The project list's facet counts and order come from an in-memory index per process (capdev.projects.facet_index),
# rebuilt when the portfolio changes; off, they come from SQL (slower at scale, same results).
CAPDEV_FACET_INDEX = env_bool("CAPDEV_FACET_INDEX", True)
# After a change that needs the whole index read again, public requests keep using the index as it was while a
# thread rebuilds it; staff wait for the new one, up to CAPDEV_FACET_INDEX_WAIT seconds (then they too get the
# index as it was, with a notice): keep it well under the server's worker timeout.
CAPDEV_FACET_INDEX_BACKGROUND = env_bool("CAPDEV_FACET_INDEX_BACKGROUND", True)
CAPDEV_FACET_INDEX_WAIT = env_seconds("CAPDEV_FACET_INDEX_WAIT", 10.0)
# On PostgreSQL the index also holds which documents contain each frequent lexeme (capdev.projects.facet_index.lexemes),
# read in the background after it: searches for common words skip the database's heap visits. Off: the database
# lists every search's matches.
CAPDEV_LEXEME_INDEX = env_bool("CAPDEV_LEXEME_INDEX", True)

# Imports of documents (capdev.sources, the import page): what one file may cost before it is refused with a
# message (docs/import.md). Uploads over CAPDEV_IMPORT_MAX_BYTES are cut off while they arrive.
CAPDEV_IMPORT_MAX_BYTES = env_int("CAPDEV_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
CAPDEV_IMPORT_MAX_PAGES = env_int("CAPDEV_IMPORT_MAX_PAGES", 500, minimum=1)
CAPDEV_IMPORT_MAX_UNPACKED_BYTES = env_int("CAPDEV_IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024, minimum=1)
CAPDEV_IMPORT_MAX_CHARS = env_int("CAPDEV_IMPORT_MAX_CHARS", 5_000_000, minimum=1)
CAPDEV_IMPORT_MAX_SECONDS = env_int("CAPDEV_IMPORT_MAX_SECONDS", 120, minimum=1)
# Records (or IATI activities) one upload may hold: each is previewed on the import page.
CAPDEV_IMPORT_MAX_RECORDS = env_int("CAPDEV_IMPORT_MAX_RECORDS", 5000, minimum=1)
# How often the import page asks for a running import's progress, in seconds.
CAPDEV_IMPORT_POLL_SECONDS = env_int("CAPDEV_IMPORT_POLL_SECONDS", 2, minimum=1)

# Background work (the import page's reading and importing) goes through Django's tasks framework onto a queue
# kept in the database itself (django-tasks-db): no other server to run. `capdev db_worker` runs the tasks; `make
# demo` starts one beside the web server, production runs it as a service (README.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# People reached (capdev.people, docs/people.md): a public count of fewer people than this shows as "fewer than
# N"; personal data of people whose last activity ended more than this many years ago is erased by `capdev
# people-retention` (0: kept until erased on request).
CAPDEV_PEOPLE_SMALL_COUNT = env_int("CAPDEV_PEOPLE_SMALL_COUNT", 5, minimum=2)
CAPDEV_PEOPLE_RETENTION_YEARS = env_int("CAPDEV_PEOPLE_RETENTION_YEARS", 0)
# Portfolio-wide people figures are counted again in a thread after a change, the old ones answered meanwhile
# (and "being counted" before the first count), at most once per CAPDEV_PEOPLE_REFRESH_SECONDS for a figure.
CAPDEV_PEOPLE_BACKGROUND = env_bool("CAPDEV_PEOPLE_BACKGROUND", True)
CAPDEV_PEOPLE_REFRESH_SECONDS = env_int("CAPDEV_PEOPLE_REFRESH_SECONDS", 60)
# The export of people reached project by project (/people/reached/) takes at most this many projects at once.
CAPDEV_PEOPLE_EXPORT_MAX_PROJECTS = env_int("CAPDEV_PEOPLE_EXPORT_MAX_PROJECTS", 20000, minimum=1)
# The most projects one PDF portfolio report holds (docs/reports.md): more is refused with a message.
CAPDEV_REPORT_MAX_PROJECTS = env_int("CAPDEV_REPORT_MAX_PROJECTS", 1000, minimum=1)
# A report of more projects than this is built by the background worker, its page showing the progress.
CAPDEV_REPORT_INLINE_PROJECTS = env_int("CAPDEV_REPORT_INLINE_PROJECTS", 100, minimum=1)
# A report the worker built is kept this many days after it was asked for; `capdev prune-report-jobs` (and each
# new report job) deletes older ones, and an older job's page says it expired and offers to build it again.
CAPDEV_REPORT_JOB_DAYS = env_int("CAPDEV_REPORT_JOB_DAYS", 7, minimum=1)

# HTTP caching (capdev.core.http_cache, docs/deployment.md). Public answers carry validators derived from the content
# version, a conditional request is answered 304 before any view runs, and anonymous pages are kept in the
# CAPDEV_PAGE_CACHE_ALIAS cache under a key holding that version: a change is seen at the next request.
CAPDEV_HTTP_CACHE = env_bool("CAPDEV_HTTP_CACHE", True)
CAPDEV_PAGE_CACHE = env_bool("CAPDEV_PAGE_CACHE", True)
CAPDEV_PAGE_CACHE_ALIAS = "pages"
CAPDEV_PAGE_CACHE_SECONDS = env_int("CAPDEV_PAGE_CACHE_SECONDS", 3600, minimum=1)  # a version's pages, at most
CAPDEV_PAGE_CACHE_MAX_BYTES = env_int("CAPDEV_PAGE_CACHE_MAX_BYTES", 1024 * 1024, minimum=1)  # larger: not kept
# Seconds a shared cache (a proxy, a CDN) may reuse a public answer without asking: 0, the default, keeps every
# page fresh at the next request (the proxy asks each time, a 304 costs about a millisecond); more trades that
# many seconds of staleness for fewer requests reaching the servers.
CAPDEV_HTTP_SHARED_MAX_AGE = env_int("CAPDEV_HTTP_SHARED_MAX_AGE", 0)
# Part of every validator and page key: a deploy that changes the pages gives a new release, so that pages kept in
# a shared cache (CAPDEV_CACHE_URL) or by a proxy are not reused. Default: the installed package's version.
CAPDEV_RELEASE = os.environ.get("CAPDEV_RELEASE") or _package_version()
# The caches: in each process's memory by default; CAPDEV_CACHE_URL (redis://host:6379/0 with the `redis`
# package, or memcached://host:11211 with `pymemcache`) shares them between the servers behind a proxy.
CACHES = caches_from_env(os.environ.get("CAPDEV_CACHE_URL"),
                         env_int("CAPDEV_PAGE_CACHE_ENTRIES", 2000, minimum=1))
