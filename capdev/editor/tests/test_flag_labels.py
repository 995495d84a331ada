"""The review queue names each importer flag's field in the reader's language, also the fields that are no
project field (a record's guessed bounds, text placed by no rule, a currency, a contact)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from capdev.editor.templatetags.editor_tags import FLAG_FIELDS_BEYOND_THE_MODEL, flag_field_label

NARRATIVE = Path(__file__).resolve().parents[2] / "narrative"


def _narrative_flag_fields() -> set[str]:
    """The fields the narrative parser flags, as written in its code (rec.flag("field", ...), BOUNDS_FLAG)."""
    found: set[str] = set()
    for path in NARRATIVE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"\.flag\(\s*\"([a-z_]+)\"", text))
        found.update(re.findall(r"_FLAG = \(\"([a-z_]+)\"", text))
    return found


def test_every_field_the_parser_flags_has_a_name_for_reviewers() -> None:
    from django.core.exceptions import FieldDoesNotExist

    from capdev.projects.models import Project

    unnamed = []
    for name in sorted(_narrative_flag_fields()):
        try:
            Project._meta.get_field(name)
        except FieldDoesNotExist:
            if name not in FLAG_FIELDS_BEYOND_THE_MODEL:
                unnamed.append(name)
    assert unnamed == []


@pytest.mark.parametrize("lang, name, label", [
    ("en", "record", "Record bounds"),
    ("fr", "unparsed", "Texte placé par aucune règle"),
    ("es", "currency", "Moneda"),
    ("fr", "related_to", "Projets connexes"),
])
def test_a_flag_field_that_is_no_project_field_is_named_in_the_readers_language(lang, name, label) -> None:
    with translation.override(lang):
        assert flag_field_label(name) == label
