"""Conventions every Capdev model keeps: change history, a docstring, a verbose name."""
import pytest
from django.apps import apps

CAPDEV_MODELS = [
    m for m in apps.get_models(include_auto_created=True)
    if m.__module__.startswith("capdev.") and not m.__name__.startswith("Historical")
]
# Derived data, rebuilt from other models (so a history of it would only repeat theirs): exempt from history.
DERIVED_MODELS = {
    "projects.ProjectSearchDocument",  # full-text search text, rebuilt by reindex_projects / capdev reindex
    "projects.IndexChange",  # a row per committed change, so that in-memory indexes know they are stale
    # An imported file's bytes never change; a history would copy up to CAPDEV_IMPORT_MAX_BYTES per row.
    "projects.SourceFile",
    # The import page's work in progress (uploaded bytes, previews, progress): what it writes keeps its own
    # history and provenance (the projects, SourceRecord, SourceFile).
    "imports.ImportJob",
    "imports.ImportRecord",
}


def test_there_are_models_to_check():
    assert len(CAPDEV_MODELS) > 20


@pytest.mark.parametrize("model", CAPDEV_MODELS, ids=lambda m: m._meta.label)
def test_every_model_keeps_change_history(model):
    # Auto-created many-to-many tables would escape the history: every link is a model of its own.
    assert not model._meta.auto_created, f"{model._meta.label} is an auto-created table without history"
    if model._meta.label in DERIVED_MODELS:
        return
    assert hasattr(model, "history"), f"{model._meta.label} has no change history"


@pytest.mark.parametrize("model", CAPDEV_MODELS, ids=lambda m: m._meta.label)
def test_every_model_says_what_it_is(model):
    assert model.__doc__ and not model.__doc__.startswith(model.__name__ + "("), model._meta.label
