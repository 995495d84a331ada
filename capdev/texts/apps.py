"""Translations of a project's texts into the six UN languages (docs/texts.md)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextsConfig(AppConfig):
    """ProjectTranslation, OutcomeTranslation: a project's texts in the reader's language."""

    name = "capdev.texts"
    label = "texts"
    verbose_name = _("Translations of project texts")

    def ready(self) -> None:
        from . import signals

        signals.connect()
