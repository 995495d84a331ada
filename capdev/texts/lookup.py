"""A project's texts in the reader's language: translations read in bulk for the objects a page shows.

`attach(objects)` reads the translations of a list of projects (or outcomes) into the page's language in one
query and keeps them on each object; `shown(obj, field)` is then the text to show and the language it is in:
the translation where there is one, else the original in the project's language. An object not attached is
read on its own the first time (one query), so a template never shows the wrong text, only a slower page.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from capdev.projects.models import Outcome, Project

from .models import OutcomeTranslation, ProjectTranslation, same_language

CACHE = "_texts_translated"


def page_language() -> str:
    """The language of the page being written (a code of settings.LANGUAGES)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def _model_for(obj):
    if isinstance(obj, Project):
        return ProjectTranslation, "project_id"
    if isinstance(obj, Outcome):
        return OutcomeTranslation, "outcome_id"
    return None, None


def original_language(obj) -> str:
    """The language obj's own texts are in: its project's."""
    if isinstance(obj, Project):
        return obj.language or ""
    project = getattr(obj, "project", None)
    return getattr(project, "language", "") or ""


def attach(objects: Iterable, language: str | None = None) -> list:
    """Read the translations of objects (projects or outcomes, not mixed) into language (the page's) in one query,
    and keep them on each object; returns the objects."""
    objects = [o for o in objects if o is not None]
    language = language or page_language()
    todo = [o for o in objects if language not in o.__dict__.get(CACHE, {})]
    if not todo:
        return objects
    model, key = _model_for(todo[0])
    if model is None:
        return objects
    found: dict[int, dict[str, str]] = {}
    wanted = [o.pk for o in todo if o.pk and not same_language(original_language(o), language)]
    if wanted:
        for owner, field, text in model.objects.filter(**{f"{key}__in": wanted}, language=language).values_list(
                key, "field", "text"):
            found.setdefault(owner, {})[field] = text
    for obj in todo:
        obj.__dict__.setdefault(CACHE, {})[language] = found.get(obj.pk, {})
    return objects


def shown(obj, field: str, language: str | None = None) -> tuple[str, str, bool]:
    """(text, its language, whether it is a translation) of obj's field on a page in language."""
    language = language or page_language()
    original = getattr(obj, field, "") or ""
    if obj is None or _model_for(obj)[0] is None:
        return original, "", False
    if language not in obj.__dict__.get(CACHE, {}):
        attach([obj], language)
    text = obj.__dict__[CACHE][language].get(field)
    if text:
        return text, language, True
    return original, original_language(obj), False


def translations_of(objects: Iterable) -> dict[int, dict[str, dict[str, str]]]:
    """{object id: {language: {field: text}}} of every translation of objects (projects or outcomes), in one query:
    what the API and the exports give."""
    objects = [o for o in objects if o is not None and o.pk]
    if not objects:
        return {}
    model, key = _model_for(objects[0])
    out: dict[int, dict[str, dict[str, str]]] = {}
    for owner, language, field, text in model.objects.filter(**{f"{key}__in": [o.pk for o in objects]}).order_by(
            "language", "field").values_list(key, "language", "field", "text"):
        out.setdefault(owner, {}).setdefault(language, {})[field] = text
    return out
