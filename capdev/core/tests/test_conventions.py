"""Conventions every Capdev model keeps: change history, a docstring, a verbose name; and every template
translates the text it shows."""
import re
from pathlib import Path

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
    "core.ContentChange",  # a row per committed change, so that pages' validators and kept pages move on
    # An imported file's bytes never change; a history would copy up to CAPDEV_IMPORT_MAX_BYTES per row.
    "projects.SourceFile",
    # The import page's work in progress (uploaded bytes, previews, progress): what it writes keeps its own
    # history and provenance (the projects, SourceRecord, SourceFile).
    "imports.ImportJob",
    "imports.ImportRecord",
    # A report built in the background: the PDF of projects that keep their own history, deleted after a day.
    "reports.ReportJob",
    # A sheet's row as written never changes (only erasure blanks it), and a history table would be one more
    # place a person's name could outlive its erasure (capdev.people.erasure).
    "people.SheetRow",
    # Which published row each row of a working copy was copied from: the workflow's bookkeeping, written and
    # deleted with the copy; the rows themselves keep their history.
    "editor.RowOrigin",
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


# -- every user-facing string of a template is translatable --------------------------------------------------
TEMPLATES = sorted(p for p in (Path(__file__).resolve().parents[2]).glob("*/templates/**/*.html"))
NOT_WORDS = {"CSV", "XLSX", "JSON", "nbsp;"}  # format names, entities


def untranslated(source: str) -> list[str]:
    """The words a template shows that are neither in a translate tag nor a variable (text, and the title, alt,
    placeholder and aria-label attributes; a form's values are data, not text)."""
    for pattern in (r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
                    r"{#.*?#}", r"{%.*?%}", r"{{.*?}}", r"<script.*?</script>", r"<style.*?</style>", r"<!--.*?-->"):
        source = re.sub(pattern, " ", source, flags=re.S)
    words = re.findall(r'\b(?:title|alt|placeholder|aria-label)="([^"]*[A-Za-z]{2}[^"]*)"', source)
    text = re.sub(r"<[^>]*>", " ", source, flags=re.S)
    words += [w for w in re.findall(r"[^\W\d_]\S*", text) if re.search(r"[A-Za-z]{2}", w) and w not in NOT_WORDS]
    return words


def test_the_template_check_sees_untranslated_text():
    assert untranslated('<p title="Close">{% translate "Shown" %} Hidden {{ x }}</p>') == ["Close", "Hidden"]
    assert len(TEMPLATES) > 40  # the glob finds the apps' templates


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_every_template_translates_what_it_shows(path):
    assert not untranslated(path.read_text(encoding="utf-8")), path
