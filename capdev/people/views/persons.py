"""People by name, for those who may see them: a project's people, a person's page, erasure, match proposals."""
from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from capdev.core.views import CSV_BOM, _Echo, csv_cell
from capdev.projects.filtersets import visible_projects

from .. import erasure, merging, permissions
from ..filtersets import PersonFilterSet
from ..models import Attendance, Erasure, MatchProposal, Person
from .common import next_url, staff_required

PAGE = 50


@staff_required
def project_people(request, pk: int):
    """The people of a project's activities, by name (staff of its unit and admins), filterable, as CSV too."""
    project = get_object_or_404(visible_projects(request), pk=pk)
    if not permissions.can_view_people(request.user, project):
        raise PermissionDenied
    base = (Person.objects.current().filter(attendances__project=project).distinct()
            .select_related("institution", "country"))
    fs = PersonFilterSet(request.GET, queryset=base, request=request)
    people = fs.qs.annotate(activities=Count("attendances", filter=Q(attendances__project=project),
                                             distinct=True)).order_by("name", "pk")
    if request.GET.get("format") == "csv":
        return _csv(people, project)
    page = Paginator(people, PAGE).get_page(request.GET.get("page"))
    return render(request, "people/project_people.html", {"project": project, "page": page, "filterset": fs})


def _csv(people, project):
    columns = [("id", pgettext("identifier", "Number")), ("name", _("Name")),
               ("title", pgettext("a person's honorific (Mr, Ms, Dr)", "Title")), ("sex", _("Sex")),
               ("email", _("Email")), ("position", _("Position")), ("seniority", _("Seniority")),
               ("institution", _("Institution")), ("institution_type", _("Institution type")),
               ("country", _("Country")), ("activities", _("Activities attended"))]
    writer = csv.writer(_Echo())

    def lines():
        yield CSV_BOM + writer.writerow([str(label) for _key, label in columns])
        for p in people.iterator(chunk_size=500):
            yield writer.writerow([csv_cell(v) for v in (
                p.pk, p.name, p.title, p.sex, p.email, p.position, p.seniority,
                p.institution.name if p.institution else "", p.institution.type if p.institution else "",
                p.country_id or "", p.activities)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="people-project-{project.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _visible_person(request, pk: int) -> Person:
    person = permissions.visible_people(request.user).filter(pk=pk).select_related(
        "institution", "country").first()
    if person is None:
        raise Http404(_("No such person."))
    return person


@staff_required
def person_page(request, pk: int):
    """A person's record and their attendance in the projects the user may see people of."""
    person = _visible_person(request, pk)
    attendance = (Attendance.objects.filter(person=person).select_related("activity__project", "trained_at__activity")
                  .order_by("-activity__start_date", "pk"))
    shown = attendance if permissions.sees_all_people(request.user) else attendance.filter(
        project__in=_projects(permissions.projects_with_people_visible(request.user)))
    return render(request, "people/person.html", {
        "person": person, "attendance": shown, "elsewhere": attendance.count() - shown.count(),
        "memberships": person.memberships.select_related("network"),
        "can_erase": permissions.can_erase(request.user), "erasures": Erasure.objects.filter(person_id=person.pk),
    })


def _projects(condition):
    from capdev.projects.models import Project

    return Project.objects.filter(condition).values("pk")


@staff_required
@require_POST
def erase(request, pk: int):
    """Erase a person on request (portfolio admins): their personal data go everywhere, their counts stay."""
    if not permissions.can_erase(request.user):
        raise PermissionDenied
    person = get_object_or_404(Person, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure: it cannot be undone."))
        return redirect("people:person", pk=pk)
    entry = erasure.erase(person, request.user)
    messages.success(request, _("Person %(id)s was erased (%(rows)d history rows, %(sheet_rows)d sheet rows, "
                                "%(files)d files blanked). Their counts stay.") % {
        "id": person.pk, "rows": entry.counts["history_rows"], "sheet_rows": entry.counts["sheet_rows"],
        "files": entry.counts["files"]})
    return redirect("people:person", pk=pk)


@staff_required
def matches(request):
    """Open proposals that a sheet's row is a known person, for a reviewer to confirm or split."""
    proposals = (MatchProposal.objects.filter(state=MatchProposal.State.OPEN)
                 .select_related("person__institution", "person__country", "row__sheet",
                                 "attendance__activity__project").order_by("created", "pk"))
    listed = [p for p in proposals[:500] if p.attendance and p.attendance.activity]
    mine = [p for p in listed if permissions.can_publish_people(request.user, p.attendance.activity.project)]
    # Those the user sees the people of but does not decide (an editor): they wait for a reviewer, and the page
    # says so rather than "nothing to review".
    waiting = sum(1 for p in listed if p not in mine
                  and permissions.can_view_people(request.user, p.attendance.activity.project))
    for p in mine:
        header = p.row.sheet.header_row if p.row else None
        p.header_cells = list(p.row.sheet.rows.filter(number=header).values_list("cells", flat=True)[:1])
        p.header_cells = p.header_cells[0] if p.header_cells else []
        p.pairs = list(zip(p.header_cells, p.row.cells)) if p.row else []
    return render(request, "people/matches.html", {"proposals": mine, "waiting": waiting})


@staff_required
@require_POST
def decide(request, pk: int, action: str):
    """Confirm a proposal (the same person) or split the row off into a new person."""
    proposal = get_object_or_404(MatchProposal.objects.select_related("attendance__activity__project"), pk=pk)
    project = proposal.attendance.activity.project if proposal.attendance and proposal.attendance.activity else None
    if not permissions.can_publish_people(request.user, project):
        raise PermissionDenied
    try:
        if action == "confirm":
            merging.confirm(proposal, request.user)
            messages.success(request, _("Confirmed: the row is the known person."))
        elif action == "split":
            person = merging.split(proposal, request.user)
            messages.success(request, _("Split: the row is now person %(id)s.") % {"id": person.pk})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(next_url(request, reverse("people:matches")))
