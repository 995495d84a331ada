"""The editorial workflow: working copies of published projects, review, importer flags, publishing, revert.

Editing a published project never touches what the public sees: the edit goes to its working copy (a draft
Project with draft_of set, a deep copy of every row), created on first edit and reused after. Publishing the
copy writes its fields and rows over the original in one transaction and deletes the copy, so the original's
history shows the change. An unpublished project is edited in place. Every function checks permission itself
(capdev.accounts.permissions), so the portal, the admin, the API and commands get the same rules.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.accounts import permissions as perms
from capdev.activities.models import Activity
from capdev.core import versions
from capdev.projects.models import Project, PublishOverride, ReviewFlag, ReviewState

from . import history, tree
from .models import RowOrigin


def reindex(*project_ids: int) -> None:
    """Rebuild the search documents of these projects once the transaction commits."""
    ids = [pk for pk in project_ids if pk]

    def run():
        from capdev.projects.search import reindex_projects

        reindex_projects(ids)

    transaction.on_commit(run)


def touch(project: Project, user) -> None:
    """Save the project row first: it opens a new version in the history (see capdev.editor.history)."""
    project._history_user = user
    project.save()


def locked(project: Project) -> Project:
    """The project read again, locked until the transaction ends: a change that does not come from a form
    (submitting, publishing, logging an activity) saves the fields as they are now, not as the request found
    them, which would put back what someone saved in between (capdev.core.versions)."""
    return Project.objects.select_related("draft_of").select_for_update(of=("self",)).get(pk=project.pk)


is_published_original = perms.is_published_original


def working_copy_of(project: Project) -> Project | None:
    """The existing working copy of a published project, if any."""
    return Project.objects.filter(draft_of=project).first()


def editable_target(project: Project, user, create: bool = True) -> Project:
    """The project an edit of `project` goes to: itself, or (for a published original) its working copy.

    Creates the working copy when there is none and create is true. Raises PermissionDenied.
    """
    perms.require_edit(user, project)
    if not is_published_original(project):
        return project
    existing = working_copy_of(project)
    if existing is not None or not create:
        return existing
    return start_working_copy(project, user)


def start_working_copy(original: Project, user) -> Project:
    """Create the working copy of a published project: its fields and every row below it, copied."""
    perms.require_edit(user, original)
    for activity in original.activities.filter(uid__isnull=True):
        activity.ensure_uid()  # the copy's activity carries the same lasting identifier
    state = tree.live_state(original)
    try:
        with transaction.atomic():
            draft = Project(draft_of=original, review_state=ReviewState.DRAFT)
            tree.write_project_fields(draft, state)
            touch(draft, user)
            remember_origins(draft, tree.write_rows(draft, state, user))
    except IntegrityError:
        # Two editors started at once: the one-to-one allows one copy; use the one that won.
        existing = working_copy_of(original)
        if existing is None:
            raise
        return existing
    reindex(draft.pk)
    return draft


def remember_origins(copy: Project, written: dict[str, dict[int, int]]) -> None:
    """Record which published row each row of the copy was written from ({node: {published id: copy id}})."""
    RowOrigin.objects.filter(copy=copy).delete()
    RowOrigin.objects.bulk_create([RowOrigin(copy=copy, node=node, copy_row=copy_id, original_row=original_id)
                                   for node, ids in written.items() for original_id, copy_id in ids.items()])


def origins(copy: Project) -> dict[str, dict[int, int]]:
    """{node: {copy row id: published row id}} of a working copy (rows added to the copy have none)."""
    found: dict[str, dict[int, int]] = {}
    for node, copy_row, original_row in RowOrigin.objects.filter(copy=copy).values_list(
            "node", "copy_row", "original_row"):
        found.setdefault(node, {})[copy_row] = original_row
    return found


def open_flags(project: Project):
    """The importer's open flags of a project: its own and, for a working copy, its original's."""
    ids = [project.pk] + ([project.draft_of_id] if project.draft_of_id else [])
    return ReviewFlag.objects.filter(project_id__in=ids, state=ReviewFlag.State.OPEN)


def blocking_flags(project: Project):
    """The open flags that block publishing: errors, and the narrative importer's doubts (which carry no severity).
    Warnings (an IATI ruleset warning, which every activity of some publishers' files carries; a relation the
    importer proposed) and corrections it made are listed for the reviewers but do not hold the project back."""
    return open_flags(project).exclude(severity__in=NON_BLOCKING_SEVERITIES)


NON_BLOCKING_SEVERITIES = (ReviewFlag.Severity.WARNING, ReviewFlag.Severity.INFO)
# A reviewer's reason for publishing over the IATI check's errors, at most (a paragraph, not a document).
OVERRIDE_REASON_MAX = 2000


class IatiErrors(ValidationError):
    """The IATI check found errors in the activity the project would publish (a reviewer may override them)."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(ngettext(
            "The IATI check finds %(n)d error in the activity this project would publish: correct it, or publish "
            "anyway with a reason.", "The IATI check finds %(n)d errors in the activity this project would publish: "
            "correct them, or publish anyway with a reason.", len(findings)) % {"n": len(findings)},
            code="iati_errors")


def iati_errors(project: Project) -> list:
    """The errors (not the warnings) the IATI check finds in the activity XML the project would publish."""
    from capdev.iati.validate import validate_project

    return [f for f in validate_project(project) if f.is_error]


def submit_for_review(project: Project, user) -> Project:
    """A draft (new project or working copy) goes to the reviewers."""
    perms.require_edit(user, project)
    with transaction.atomic():
        project = locked(project)
        if project.review_state == ReviewState.DRAFT:
            project.review_state = ReviewState.IN_REVIEW
            touch(project, user)
    return project


def resolve_flag(flag: ReviewFlag, user, state: str) -> ReviewFlag:
    """Accept a flag or mark it corrected (the reviewer corrected the field in the editor)."""
    perms.require(perms.can_resolve_flags(user, flag.project))
    if state not in (ReviewFlag.State.ACCEPTED, ReviewFlag.State.CORRECTED, ReviewFlag.State.OPEN):
        raise ValueError(state)
    flag.state = state
    flag.resolved_by = user if state != ReviewFlag.State.OPEN else None
    flag.resolved_at = timezone.now() if state != ReviewFlag.State.OPEN else None
    flag._history_user = user
    flag.save()
    return flag


def publish(project: Project, user, *, seen=None, override_reason: str | None = None) -> Project:
    """Publish a project (or its working copy over the original); returns the published project.

    Refused (ValidationError) while a flag that blocks publishing is open (blocking_flags), and (IatiErrors) while
    the IATI check finds errors, unless override_reason says why to publish anyway: the reason, the reviewer and
    the errors are recorded (PublishOverride) and shown in the history and on the project page. With `seen` (the
    version the reviewer's page showed: the editor's pages always send it), a project saved since is refused
    (versions.StaleVersion): the check and the write are one step, as for every save (capdev.core.versions).
    PermissionDenied unless the user may publish.
    """
    perms.require(perms.can_publish(user, project))
    if project.draft_of_id is None and project.review_state == ReviewState.PUBLISHED:
        return project
    reason = (override_reason or "").strip()
    if len(reason) > OVERRIDE_REASON_MAX:
        raise ValidationError(_("The reason is %(n)d characters long; %(max)d at most.")
                              % {"n": len(reason), "max": OVERRIDE_REASON_MAX}, code="reason_too_long")
    now = timezone.now()
    with transaction.atomic():
        if seen is not None:
            versions.hold(Project, project.pk, seen)  # the version the reviewer looked at, or refused
        project = locked(project)  # a copy is read whole, as it is now, and no save of it lands half-way
        count = blocking_flags(project).count()
        if count:
            raise ValidationError(ngettext(
                "%(count)d importer flag is still open: accept or correct it before publishing.",
                "%(count)d importer flags are still open: accept or correct each one before publishing.", count)
                % {"count": count}, code="open_flags")
        errors = iati_errors(project)  # of the version being published: read under the lock
        if errors and not reason:
            raise IatiErrors(errors)
        if project.draft_of_id is None:
            project.review_state = ReviewState.PUBLISHED
            project.published_at = now
            touch(project, user)
            published = project
        else:
            original = Project.objects.select_for_update().get(pk=project.draft_of_id)
            state = tree.live_state(project)
            tree.write_project_fields(original, state)
            original.review_state = ReviewState.PUBLISHED
            original.published_at = now
            touch(original, user)
            # Each row of the copy is written over the published row it came from: ids and URLs stay.
            tree.write_rows(original, state, user, keep=origins(project))
            copied_activities = set(Activity.objects.filter(project=project).values_list("uid", flat=True))
            project._history_user = user
            project.delete()
            published = original
            # What was uploaded on the copy's activities (a sheet on an activity logged since the last
            # publication) lost them with the copy: it goes to the published activity of the same uid.
            from capdev.people.signals import orphaned_uids, relink

            for activity in original.activities.filter(uid__in=orphaned_uids(copied_activities)):
                relink(activity)
            # A computed indicator's values are the data's, not the editor's: what the copy holds may predate a
            # change of the data (an erasure, a list published), so they are computed again, never copied back.
            from capdev.people.indicators import refresh_projects

            refresh_projects([original.pk])
        if errors:
            override = PublishOverride(project=published, published_at=now, reason=reason, user=user,
                                       errors=[{"rule": f.rule, "message": f.message} for f in errors])
            override._history_user = user
            override.save()
    reindex(published.pk)
    return published


def discard(copy: Project, user) -> Project:
    """Throw a working copy away, unpublished changes and all; returns its original, which never changed.

    Its history stays in the history tables (who made the copy, what it held). Only a working copy: a project's
    own draft is deleted by a portfolio admin.
    """
    if not copy.draft_of_id:
        raise ValidationError(_("Only a working copy can be discarded."), code="not_a_copy")
    perms.require_edit(user, copy)
    original = copy.draft_of
    with transaction.atomic():
        copy._history_user = user
        copy.delete()
    return original


NO_COPY = "none"  # what the history page sends as the working copy's version when the project had none


def revert(project: Project, version_number: int, user, *, seen=None, seen_copy=None) -> Project:
    """Write every field and row of an earlier version back; returns the project that now holds it.

    A published original is reverted through its working copy (so the public keeps the published version
    until a reviewer publishes the revert); anything else is reverted in place. With `seen` (the project's
    version as the history page showed it) and, for a published original, `seen_copy` (its working copy's, or
    NO_COPY when it had none), a revert over a save made since is refused (versions.StaleVersion), checked and
    written in one step: the page's reader chose the version to restore against what it showed.
    """
    found = {v.number: v for v in history.versions(project.pk, with_copies=False)}
    version = found.get(version_number)
    if version is None:
        raise ValidationError(_("There is no version %(n)d of this project.") % {"n": version_number})
    perms.require_edit(user, project)
    with transaction.atomic():
        if seen is not None:
            versions.hold(Project, project.pk, seen)
        target = editable_target(project, user, create=False) if is_published_original(project) else project
        if seen_copy is not None and is_published_original(project):
            if seen_copy == NO_COPY and target is not None:
                raise versions.StaleVersion(Project, target.pk, target.last_updated)  # a copy was started since
            if seen_copy != NO_COPY:
                if target is None:
                    raise versions.StaleVersion(Project, project.pk, None)  # its copy was published or discarded
                versions.hold(Project, target.pk, seen_copy)
        if target is None:
            target = Project(draft_of=project, review_state=ReviewState.DRAFT)
        tree.write_project_fields(target, version.state)
        if target.draft_of_id:
            # The copy keeps its original's identity whatever the old version said.
            target.code, target.iati_identifier = project.code, project.iati_identifier
        touch(target, user)
        if target.draft_of_id:
            # The old version's rows are the original's: each goes over the copy's row that stands for it, and
            # the copy remembers it, so that publishing the revert writes it back over that same row.
            mine = {node: {orig: own for own, orig in ids.items()} for node, ids in origins(target).items()}
            written = tree.write_rows(target, version.state, user, keep=mine)
            remember_origins(target, written)
        else:
            tree.write_rows(target, version.state, user,
                            keep={node: {pk: pk for pk in rows} for node, rows in version.state["rows"].items()})
    reindex(target.pk)
    return target


__all__ = ["editable_target", "start_working_copy", "working_copy_of", "open_flags", "blocking_flags", "iati_errors",
           "IatiErrors", "submit_for_review", "resolve_flag", "publish", "discard", "revert", "is_published_original",
           "PermissionDenied", "NO_COPY"]
