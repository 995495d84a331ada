"""Writing a project's translations: the editor's page and the API give the whole set, and it replaces what the
project holds, checked first (nothing written when one is refused), each row with its history.

The caller resolves where the edit goes (capdev.editor.workflow.editable_target: a published project's working
copy) and checks permission; this module only writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capdev.projects.models import Outcome, Project

from .models import LANGUAGE_CODES, OutcomeTranslation, ProjectTranslation

# At most this many translations in one write: four texts and every outcome, in five languages, with room.
MAX_ROWS = 5_000


@dataclass
class Wanted:
    """The translations a project should hold: {(field, language): text} and {outcome id: {language: text}}."""

    project: dict[tuple[str, str], str] = field(default_factory=dict)
    outcomes: dict[int, dict[str, str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.project) + sum(len(v) for v in self.outcomes.values())


def current(project: Project) -> Wanted:
    """What the project holds now."""
    wanted = Wanted()
    for name, language, text in project.text_translations.values_list("field", "language", "text"):
        wanted.project[(name, language)] = text
    for outcome, language, text in OutcomeTranslation.objects.filter(outcome__project=project).values_list(
            "outcome_id", "language", "text"):
        wanted.outcomes.setdefault(outcome, {})[language] = text
    return wanted


def _rows(project: Project, wanted: Wanted) -> tuple[dict, dict]:
    """The rows to hold, built and checked: ({(field, language): row}, {(outcome id, language): row})."""
    if len(wanted) > MAX_ROWS:
        raise ValidationError({"translations": _("%(n)d translations in one write; %(max)d at most.")
                               % {"n": len(wanted), "max": MAX_ROWS}})
    outcomes = {o.pk: o for o in Outcome.objects.filter(project=project)}
    for o in outcomes.values():
        o.project = project
    errors: dict[str, list] = {}
    own, below = {}, {}
    for (name, language), text in wanted.project.items():
        row = ProjectTranslation(project=project, field=name, language=language, text=text or "")
        try:
            row.full_clean(exclude=["project"], validate_unique=False)
        except ValidationError as exc:
            errors.setdefault(f"{language}.{name}", []).extend(exc.messages)
            continue
        own[(name, language)] = row
    for outcome_id, found in wanted.outcomes.items():
        outcome = outcomes.get(outcome_id)
        if outcome is None:
            errors.setdefault(f"outcomes.{outcome_id}", []).append(
                _("Outcome %(id)s is not one of this project's.") % {"id": outcome_id})
            continue
        for language, text in found.items():
            row = OutcomeTranslation(outcome=outcome, field="text", language=language, text=text or "")
            try:
                row.full_clean(exclude=["outcome"], validate_unique=False)
            except ValidationError as exc:
                errors.setdefault(f"outcomes.{outcome_id}.{language}", []).extend(exc.messages)
                continue
            below[(outcome_id, language)] = row
    if errors:
        raise ValidationError(errors)
    return own, below


def replace(project: Project, wanted: Wanted, user) -> int:
    """Make the project's translations those wanted (rows not wanted are removed); returns how many changed.

    The project is saved too when anything changed, so that its version moves (capdev.core.versions: a page
    or client that read it before is stale) and its history shows who changed it.
    """
    own, below = _rows(project, wanted)
    changed = 0
    with transaction.atomic():
        existing = {(t.field, t.language): t for t in ProjectTranslation.objects.filter(project=project)}
        existing_below = {(t.outcome_id, t.language): t for t in
                          OutcomeTranslation.objects.filter(outcome__project=project)}
        for rows, before in ((own, existing), (below, existing_below)):
            for key, row in before.items():
                if key not in rows:
                    row._history_user = user
                    row.delete()
                    changed += 1
            for key, row in rows.items():
                old = before.get(key)
                if old is not None and old.text == row.text:
                    continue
                if old is not None:
                    old.text = row.text
                    row = old
                row._history_user = user
                row.save()
                changed += 1
        if changed:
            project._history_user = user
            project.save()
    return changed


def languages_for(project: Project) -> list[str]:
    """The languages the project's texts may be translated into: the six UN languages but its own."""
    from .languages import same_language

    return [code for code in LANGUAGE_CODES if not same_language(code, project.language)]
