"""Template tags for the editor's pieces on other apps' pages (the project page's actions, flags, activity log)."""
from django import template
from django.utils.translation import gettext, gettext_noop

from capdev.accounts import permissions as perms
from capdev.projects.models import PublishOverride, ReviewFlag, ReviewState

register = template.Library()


@register.simple_tag
def editor_state(project, user):
    """What the signed-in user may do with a project, and its workflow state (a few queries, fixed)."""
    if not perms.can_view_internal(user) or project is None:
        return {"visible": False}
    from capdev.editor import workflow

    is_original = workflow.is_published_original(project)
    copy = workflow.working_copy_of(project) if is_original else None
    flags = list(ReviewFlag.objects.filter(project_id__in=[project.pk, project.draft_of_id or project.pk])
                 .select_related("resolved_by").order_by("state", "field", "pk"))
    return {
        "visible": True,
        "can_edit": perms.can_edit_project(user, project),
        "can_publish": perms.can_publish(user, project),
        "can_resolve": perms.can_resolve_flags(user, project),
        "working_copy": copy,
        "is_copy": bool(project.draft_of_id),
        "is_published": project.review_state == ReviewState.PUBLISHED,
        "flags": flags,
        "open_flags": [f for f in flags if f.state == ReviewFlag.State.OPEN],
        "blocking_flags": [f for f in flags if f.state == ReviewFlag.State.OPEN
                           and f.severity not in workflow.NON_BLOCKING_SEVERITIES],
        # The publication the public sees, when it was over the IATI check's errors, with the reason (the history
        # has every one).
        "overrides": _current_override(project),
    }


@register.simple_tag
def log_activity_form(project):
    """An empty short form for logging an activity, with the country suggestions."""
    from capdev.editor.forms import ActivityLogForm
    from capdev.editor.lookups import LOOKUPS
    from capdev.reference.models import Country

    return {
        "form": ActivityLogForm(prefix="log"),
        "countries": [LOOKUPS["countries"].option(c) for c in Country.objects.only("iso3", "name")],
    }


def _current_override(project) -> list:
    original = project.draft_of if project.draft_of_id else project
    if original.published_at is None:
        return []
    return list(PublishOverride.objects.filter(project=original, published_at=original.published_at)
                .select_related("user")[:1])


# What the importers flag that is not a field of the project (capdev.importer.relations.FLAG_FIELD, a record's
# stated time frame, the text kept unplaced), named as the pages name it elsewhere.
FLAG_FIELDS_BEYOND_THE_MODEL = {
    "relations": gettext_noop("Related projects"),
    "related_to": gettext_noop("Related projects"),
    "time_frame": gettext_noop("Time frame"),
    "start": gettext_noop("Start"),  # a side of the period the parser suggested (values/suggestions.py)
    "end": gettext_noop("End"),
    "activities": gettext_noop("Activities"),
    "text": gettext_noop("Text"),
    "unparsed": gettext_noop("Text placed by no rule"),
    "region": gettext_noop("Region"),
    "sdgs": gettext_noop("SDGs"),
    "currency": gettext_noop("Currency"),
    "contact": gettext_noop("Contact"),
    "status": gettext_noop("Status"),  # the project's status as written (Project.status_override holds its category)
    "record": gettext_noop("Record bounds"),  # the narrative parser guessed where a record begins and ends
}


@register.filter
def flag_field_label(name: str) -> str:
    """A review flag's field in the page's language: the project field's (or related rows') name, capitalised;
    the name as the importer gave it where the project has no such field ("relations")."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    from capdev.projects.models import Project

    try:
        field = Project._meta.get_field(name)
    except FieldDoesNotExist:
        if name in FLAG_FIELDS_BEYOND_THE_MODEL:
            return gettext(FLAG_FIELDS_BEYOND_THE_MODEL[name])
        return name  # as the importer wrote it: an IATI path ("tag/@code") is read as it is written
    label = getattr(field, "verbose_name", None)
    if field.is_relation and (field.one_to_many or field.many_to_many) and field.related_model is not None:
        label = label if field.many_to_many and label else field.related_model._meta.verbose_name_plural
    return capfirst(label or name)
