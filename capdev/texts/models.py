"""Translations of a project's texts: one row per (object, field, language), in one of the six UN languages.

A project's texts are written in one language (Project.language); a translation gives one of them in another
of the six UN languages, so that a page shows the reader's language where there is one (docs/texts.md). The rows
belong to the project's tree (capdev.editor.tree): a published project's translations are edited through its
working copy and reach the public only when a reviewer publishes it, as its other texts do.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel
from capdev.projects.models import Outcome, Project

from .languages import LANGUAGE_CODES, same_language  # noqa: F401 - LANGUAGE_CODES: the six UN languages

# What a translation may hold at most (a title is a column of 500; the longest summaries are a few pages).
MAX_TEXT = 20_000


def language_name(code: str) -> str:
    """The language's name in the interface's language ("French" on an English page)."""
    return str(dict(settings.LANGUAGES).get(code, code))


class Translation(CapdevModel):
    """Abstract: a text of one object in one language other than the object's original."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"))

    # The object's fields that may be translated: (attname, label), declared by each subclass.
    FIELDS: tuple[tuple[str, object], ...] = ()
    # The longest text each field takes (the original's column length where it has one).
    LIMITS: dict[str, int] = {}

    class Meta:
        abstract = True
        ordering = ["language", "field"]

    def __str__(self) -> str:
        return f"{self.field} [{self.language}]: {self.text[:60]}"

    @property
    def owner(self):
        """The object whose text this translates."""
        raise NotImplementedError

    @property
    def owner_id(self) -> int | None:
        """The id of that object (None while unset): read without loading it."""
        raise NotImplementedError

    @property
    def original_language(self) -> str:
        """The language the object's texts are written in (its project's)."""
        raise NotImplementedError

    def clean(self) -> None:
        super().clean()
        self.text = (self.text or "").strip()
        errors = {}
        if not self.text:
            errors["text"] = _("Give the translated text, or remove the translation.")
        limit = self.LIMITS.get(self.field, MAX_TEXT)
        if len(self.text) > limit:
            errors["text"] = _("The translation is %(n)d characters long; %(max)d at most.") % {
                "n": len(self.text), "max": limit}
        owner = self.owner if self.owner_id else None
        if owner is not None and self.field and not (getattr(owner, self.field, "") or "").strip():
            errors["field"] = _("This text is empty: there is nothing to translate.")
        if self.language and same_language(self.language, self.original_language):
            errors["language"] = _("The text is written in %(language)s: a translation is into another "
                                   "language.") % {"language": language_name(self.language)}
        if errors:
            raise ValidationError(errors)


def _language_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(language__in=LANGUAGE_CODES), name=name,
                                  violation_error_message=_("A text is translated into one of the six UN languages."))


class ProjectTranslation(Translation):
    """A project's title, summary, objective or background in another of the six UN languages."""

    FIELDS = (("title", _("title")), ("summary", _("summary")), ("objective", _("objective")),
              ("background", _("background")))
    LIMITS = {"title": 500}

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="text_translations")
    field = models.CharField(_("text"), max_length=20, choices=FIELDS)

    class Meta(Translation.Meta):
        verbose_name = _("translation of a project text")
        verbose_name_plural = _("translations of project texts")
        constraints = [
            models.UniqueConstraint(fields=["project", "field", "language"], name="texts_project_translation_unique",
                                    violation_error_message=_("This text has a translation into this language "
                                                              "already.")),
            _language_constraint("texts_project_translation_language"),
        ]

    @property
    def owner(self) -> Project:
        return self.project

    @property
    def owner_id(self) -> int | None:
        return self.project_id

    @property
    def original_language(self) -> str:
        return self.project.language if self.project_id else ""


class OutcomeTranslation(Translation):
    """An outcome's text in another of the six UN languages."""

    FIELDS = (("text", _("outcome")),)

    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE,
                                related_name="translations")
    field = models.CharField(_("text"), max_length=20, choices=FIELDS, default="text")

    class Meta(Translation.Meta):
        verbose_name = _("translation of an outcome")
        verbose_name_plural = _("translations of outcomes")
        constraints = [
            models.UniqueConstraint(fields=["outcome", "field", "language"], name="texts_outcome_translation_unique",
                                    violation_error_message=_("This outcome has a translation into this language "
                                                              "already.")),
            _language_constraint("texts_outcome_translation_language"),
        ]

    @property
    def owner(self) -> Outcome:
        return self.outcome

    @property
    def owner_id(self) -> int | None:
        return self.outcome_id

    @property
    def original_language(self) -> str:
        return self.outcome.project.language if self.outcome_id else ""


TRANSLATED = {Project: ProjectTranslation, Outcome: OutcomeTranslation}
