"""Development settings: DEBUG on, SQLite at var/capdev.sqlite3 unless DATABASE_URL is set."""
import os

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A development key only; production refuses to start without SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "capdev-development-only-not-secret"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# whitenoise warns at every request when STATIC_ROOT is missing; in development it is only a cache.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# `make demo` runs with DEBUG off (no visitor sees Django's debug page: capdev/core/errors.py); whitenoise then
# serves the static files straight from the apps, as runserver does with DEBUG on.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
