"""The four staff roles as Django groups, with the model permissions the admin needs for each.

viewer: sees drafts and internal fields, changes nothing. editor: creates and edits the projects of their
units (UnitAssignment; a unit includes the units below it). reviewer: a separate role, portfolio-wide: resolves
importer flags, corrects any project and publishes. portfolio admin: everything, reference data and users
included (a superuser counts as one). Object-level checks live in capdev.accounts.permissions.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VIEWER = "viewer"
EDITOR = "editor"
REVIEWER = "reviewer"
PORTFOLIO_ADMIN = "portfolio admin"
ROLES = (VIEWER, EDITOR, REVIEWER, PORTFOLIO_ADMIN)
ROLE_LABELS = {VIEWER: _("Viewer"), EDITOR: _("Editor"), REVIEWER: _("Reviewer"),
               PORTFOLIO_ADMIN: _("Portfolio admin")}

# The models a project record is made of (app label, model name): editors may add, change and delete them.
PROJECT_MODELS = [
    ("projects", m) for m in (
        "project", "budget", "projectcountry", "projectregion", "projectsdggoal", "projectsdgtarget",
        "projectthematicarea", "projectsector", "projectpartner", "projectrelation", "expectedaccomplishment",
        "plannedactivity", "keyaccomplishment", "outcome", "indicator", "indicatorvalue")
] + [("activities", "activity"), ("activities", "activityorganiser"), ("activities", "resource")]
# Assessments (capdev.assessments): editors enter them; their frameworks are changed by portfolio admins only.
ASSESSMENT_MODELS = [("assessments", m) for m in ("assessment", "dimensionscore", "priority",
                                                   "assessmentdocument", "worklink")]
FRAMEWORK_MODELS = [("assessments", m) for m in ("framework", "dimension", "question", "level")]
READ_ONLY_FOR_EDITORS = [("projects", "sourcerecord"), ("projects", "reviewflag"), ("projects", "thematicarea")]
REFERENCE_APPS = ("reference", "organisations")


def _codenames(models: list[tuple[str, str]], actions: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    """(app label, codename) of the model permissions each role's group holds."""
    from django.apps import apps

    reference = [(m._meta.app_label, m._meta.model_name) for app in REFERENCE_APPS
                 for m in apps.get_app_config(app).get_models()]
    viewer = _codenames(PROJECT_MODELS + READ_ONLY_FOR_EDITORS + reference + ASSESSMENT_MODELS + FRAMEWORK_MODELS,
                        ("view",))
    editor = viewer + _codenames(PROJECT_MODELS + ASSESSMENT_MODELS, ("add", "change", "delete"))
    reviewer = editor + _codenames([("projects", "reviewflag")], ("change",))
    capdev_models = [(m._meta.app_label, m._meta.model_name) for m in apps.get_models()
                     if m.__module__.startswith("capdev.")]
    admin = _codenames(capdev_models + [("auth", "user"), ("auth", "group")], ("view", "add", "change", "delete"))
    return {VIEWER: viewer, EDITOR: editor, REVIEWER: reviewer, PORTFOLIO_ADMIN: admin}


def ensure_roles(sender=None, using: str = "default", **kwargs) -> None:
    """Create the four groups and give each its permissions (idempotent; runs after every migrate and flush)."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    # post_migrate is sent once per app, and each app's permissions are created at its turn: the roles are set at
    # the last app's turn, when every permission exists (once, not once per app: a flush took seconds).
    if sender is not None and sender is not [c for c in apps.get_app_configs() if c.models_module is not None][-1]:
        return
    permissions = {(app, codename): pk for pk, app, codename in Permission.objects.using(using).values_list(
        "pk", "content_type__app_label", "codename")}
    for role, wanted in role_permissions().items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([permissions[key] for key in wanted if key in permissions])


def assign_role(user, role: str) -> None:
    """Put user in role's group (creating the groups if needed) and make them staff, as every role is."""
    from django.contrib.auth.models import Group

    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    group = Group.objects.filter(name=role).first()
    if group is None:
        ensure_roles()
        group = Group.objects.get(name=role)
    user.groups.add(group)
    if not user.is_staff:
        # Every page decides "may see drafts" by is_staff: a role without it would be half a role.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
