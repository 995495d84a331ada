"""A translation is part of its project's search document: saving or deleting one reindexes the project."""
from django.db.models.signals import post_delete, post_save

from capdev.projects.signals import queue_reindex

from .models import OutcomeTranslation, ProjectTranslation


def _project_id(instance) -> int | None:
    if isinstance(instance, OutcomeTranslation):
        outcome = instance.outcome if instance.outcome_id else None
        project = outcome.project if outcome is not None else None
    else:
        project = instance.project if instance.project_id else None
    if project is None or project.draft_of_id:
        return None  # working copies are never searched
    return project.pk


def _on_change(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    try:
        queue_reindex(_project_id(instance))
    except (ProjectTranslation.project.RelatedObjectDoesNotExist, OutcomeTranslation.outcome.RelatedObjectDoesNotExist):
        return  # deleted with its project: the project's own deletion removes the document


def connect() -> None:
    for model in (ProjectTranslation, OutcomeTranslation):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"capdev-texts-reindex-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"capdev-texts-reindex-delete-{model._meta.label}")
