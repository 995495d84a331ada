"""A project's translations in the API: {"fr": {"title": ..., "summary": ...}} and, per outcome, {"fr": ...}."""
from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from capdev.texts import lookup
from capdev.texts.editing import Wanted
from capdev.texts.models import LANGUAGE_CODES, MAX_TEXT, ProjectTranslation

TEXT_FIELDS = tuple(name for name, _label in ProjectTranslation.FIELDS)


def _language(code) -> str:
    if code not in LANGUAGE_CODES:
        raise serializers.ValidationError(_("“%(code)s” is not one of the six UN languages (%(codes)s).")
                                          % {"code": str(code)[:20], "codes": ", ".join(LANGUAGE_CODES)})
    return code


class OutcomeTranslationsSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    text = serializers.CharField(read_only=True)
    translations = serializers.DictField(child=serializers.CharField(max_length=MAX_TEXT, allow_blank=True),
                                         help_text="{language: the outcome's text in it}")

    def validate_translations(self, value):
        return {_language(k): v for k, v in value.items()}


class TranslationsSerializer(serializers.Serializer):
    """All the translations of a project's texts (a PUT replaces them all)."""

    project = serializers.IntegerField(read_only=True)
    language = serializers.CharField(read_only=True, help_text="the language the texts are written in")
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(max_length=MAX_TEXT, allow_blank=True)),
        help_text="{language: {field: text}}; fields: " + ", ".join(TEXT_FIELDS))
    outcomes = OutcomeTranslationsSerializer(many=True, required=False, default=list)

    def validate_translations(self, value):
        out = {}
        for code, texts in value.items():
            unknown = [k for k in texts if k not in TEXT_FIELDS]
            if unknown:
                raise serializers.ValidationError(_("“%(field)s” is not a text that is translated (%(fields)s).")
                                                  % {"field": str(unknown[0])[:40], "fields": ", ".join(TEXT_FIELDS)})
            out[_language(code)] = texts
        return out

    def wanted(self) -> Wanted:
        """The validated data as the rows to hold (empty texts are no translation)."""
        data = self.validated_data
        wanted = Wanted()
        for code, texts in data["translations"].items():
            for name, text in texts.items():
                if text.strip():
                    wanted.project[(name, code)] = text
        for entry in data.get("outcomes", []):
            found = {code: text for code, text in entry["translations"].items() if text.strip()}
            if found:
                wanted.outcomes.setdefault(entry["id"], {}).update(found)
        return wanted


def translations_data(project, outcomes=None) -> dict:
    """The project's translations as the API shows them (two queries)."""
    outcomes = list(outcomes if outcomes is not None else project.outcomes.order_by("position", "pk"))
    below = lookup.translations_of(outcomes)
    return {
        "project": project.pk, "language": project.language,
        "translations": lookup.translations_of([project]).get(project.pk, {}),
        "outcomes": [{"id": o.pk, "text": o.text,
                      "translations": {code: texts["text"] for code, texts in below.get(o.pk, {}).items()}}
                     for o in outcomes],
    }
