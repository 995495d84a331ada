"""The editor's translations page: `/projects/<id>/translations/`, the project's texts in the other UN languages.

The same rights and flow as the edit page (capdev.editor): the project's editors; a published project is
translated through its working copy, so that a translation reaches the public only when a reviewer publishes it;
the page carries the project's version and a save over someone else's is refused (capdev.core.versions).
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from capdev.accounts import permissions as perms
from capdev.core import versions
from capdev.editor import workflow
from capdev.editor.forms import VersionForm, stale_error
from capdev.editor.views import staff_required
from capdev.projects.models import Project

from . import editing
from .forms import TranslationsForm


@staff_required
def translations_edit(request, pk: int):
    """Add, change or remove the translations of a project's texts."""
    project = get_object_or_404(Project.objects.select_related("draft_of"), pk=pk)
    perms.require_edit(request.user, project)
    if workflow.is_published_original(project):
        copy = workflow.working_copy_of(project)
        # No copy yet: the edit page offers to start one (the public keeps the published version meanwhile).
        return redirect("texts:edit", pk=copy.pk) if copy is not None else redirect("editor:edit", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = TranslationsForm(data, project=project)
    version = VersionForm(data, project=project)
    if data is not None and (version.is_valid() & form.is_valid()):
        try:
            with transaction.atomic():
                versions.hold(Project, project.pk, version.cleaned_data["seen"])
                changed = editing.replace(project, form.wanted(), request.user)
        except versions.StaleVersion:
            version.add_error(None, stale_error(project.pk))
        except ValidationError as exc:
            form.add_refusals(exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages})
        else:
            workflow.reindex(project.pk)
            messages.success(request, _("Translations saved.") if changed else _("Nothing changed."))
            return redirect("texts:edit", pk=project.pk)
    return render(request, "texts/translations.html", {
        "project": project, "form": form, "version": version,
        "original": project.draft_of if project.draft_of_id else None,
        "error_count": len(form.errors) + len(version.errors),
    })
