"""The translations page's form: one box per text and language (the project's texts and each outcome's), empty
where there is no translation; a box emptied removes its translation."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from capdev.projects.models import Project

from .editing import Wanted, current, languages_for
from .models import MAX_TEXT, ProjectTranslation


def _direction(code: str) -> str:
    return "rtl" if code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


class TranslationsForm(forms.Form):
    """{language}__{field} for the project's texts, {language}__outcome_{id} for each outcome."""

    def __init__(self, data=None, *, project: Project):
        super().__init__(data, prefix="t")
        self.project = project
        self.outcomes = list(project.outcomes.order_by("position", "pk"))
        held = current(project)
        self.languages = languages_for(project)
        names = dict(settings.LANGUAGES)
        self.groups = []  # (code, name, [(bound field, original text)])
        for code in self.languages:
            attrs = {"lang": code, "dir": _direction(code), "rows": 2}
            entries = []
            for name, label in ProjectTranslation.FIELDS:
                original = getattr(project, name) or ""
                if not original.strip():
                    continue  # nothing to translate
                key = f"{code}__{name}"
                self.fields[key] = forms.CharField(
                    label=label, required=False, max_length=ProjectTranslation.LIMITS.get(name, MAX_TEXT),
                    initial=held.project.get((name, code), ""),
                    widget=forms.Textarea(attrs={**attrs, "rows": 1 if name == "title" else 4}))
                entries.append((key, original))
            for number, outcome in enumerate(self.outcomes, 1):
                key = f"{code}__outcome_{outcome.pk}"
                self.fields[key] = forms.CharField(
                    label=_("Outcome %(n)d") % {"n": number}, required=False, max_length=MAX_TEXT,
                    initial=held.outcomes.get(outcome.pk, {}).get(code, ""), widget=forms.Textarea(attrs=attrs))
                entries.append((key, outcome.text))
            self.groups.append((code, names.get(code, code), entries))

    def grouped(self):
        """For the template: (code, language name, [(bound field, original text)])."""
        return [(code, name, [(self[key], original) for key, original in entries])
                for code, name, entries in self.groups]

    def wanted(self) -> Wanted:
        """The translations the form holds (an empty box is none)."""
        wanted = Wanted()
        for key, value in self.cleaned_data.items():
            text = (value or "").strip()
            if not text:
                continue
            code, name = key.split("__", 1)
            if name.startswith("outcome_"):
                wanted.outcomes.setdefault(int(name.removeprefix("outcome_")), {})[code] = text
            else:
                wanted.project[(name, code)] = text
        return wanted

    def add_refusals(self, errors: dict) -> None:
        """The errors of editing.replace ({"fr.title": [...], "outcomes.5.fr": [...]}) beside their boxes."""
        for key, messages in errors.items():
            parts = key.split(".")
            if parts[0] == "outcomes" and len(parts) == 3:
                field = f"{parts[2]}__outcome_{parts[1]}"
            elif len(parts) == 2:
                field = f"{parts[0]}__{parts[1]}"
            else:
                field = None
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
