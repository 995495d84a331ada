"""The project page's similar projects, and for staff its possible duplicates (capdev.core.panels)."""
from __future__ import annotations

from capdev.core import panels

from . import similar
from .filtersets import is_staff_request
from .models import ReviewState


def similar_panel(request, project) -> panels.Panel | None:
    """The projects most like this one, with the reasons (published ones only, for the public)."""
    found = similar.similar_to(project, request)
    staff = is_staff_request(request)
    duplicates = None
    if staff and (project.review_state != ReviewState.PUBLISHED or project.draft_of_id):
        duplicates = similar.possible_duplicates(project, request)
    if found == [] and not duplicates:
        return None
    return panels.Panel("projects/_similar.html", {"similar": found, "duplicates": duplicates, "project": project})


panels.register("project-side", similar_panel, name="similar-projects", order=10)
