"""Networks and communities of practice: a public page of aggregates, and their members for the lead unit."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capdev.accounts.permissions import is_published_original
from capdev.activities.models import Activity
from capdev.core.access import is_staff_request
from capdev.projects.filtersets import visible_q

from .. import indicators, network_stats, permissions, privacy
from ..filtersets import NetworkFilterSet
from ..forms import MembersFromActivityForm
from ..models import Attendance, Membership, Network, NetworkActivity
from .common import staff_required, visible_activity


def network_list(request):
    """The networks (published ones for the public), with their size now."""
    fs = NetworkFilterSet(request.GET, request=request)
    networks = list(fs.qs.select_related("lead_unit", "lead_organisation").order_by("name"))
    for n in networks:
        s = network_stats.stats(n)
        n.size = privacy.shown(s.members, permissions.can_view_network_members(request.user, n))
    return render(request, "people/network_list.html", {"networks": networks, "filterset": fs})


def _network(request, slug: str) -> Network:
    network = Network.objects.select_related("lead_unit", "lead_organisation").filter(slug=slug).first()
    if network is None or not (network.published or is_staff_request(request)):
        raise Http404(_("No such network."))
    return network


def network_page(request, slug: str):
    """A network's purpose, lead, size and growth over time, countries and institution types (aggregates),
    projects and activities; its members by name for its lead unit's staff and admins."""
    network = _network(request, slug)
    exact = permissions.can_view_network_members(request.user, network)
    s = network_stats.stats(network)
    size = privacy.shown(s.members, exact)
    growth = [{"year": y.year, "members": privacy.shown(y.members, exact), "joined": y.joined, "left": y.left}
              for y in s.growth]
    if not exact:
        for row in growth:  # how many joined or left in a year can single someone out as well
            row["joined"] = privacy.shown(row["joined"], exact)
            row["left"] = privacy.shown(row["left"], exact)
    projects = network.projects.filter(visible_q(request)).order_by("-start_date", "title")
    activities = [link.activity for link in network.activity_links.select_related("activity__project")
                  if link.activity and (is_staff_request(request) or is_published_original(link.activity.project))]
    context = {
        "network": network, "exact": exact, "size": size, "growth": growth,
        "countries": privacy.hide_all(s.countries) if size.suppressed else privacy.breakdown(s.countries, exact),
        "types": privacy.hide_all(s.institution_types) if size.suppressed
        else privacy.breakdown(s.institution_types, exact),
        "projects": projects, "activities": activities,
    }
    if exact:
        context["members"] = (Membership.objects.filter(network=network)
                              .select_related("person__institution", "person__country", "institution")
                              .order_by("-left", "joined", "pk"))
        if permissions.can_manage_network_members(request.user, network):
            context["from_activity"] = MembersFromActivityForm(activities=_listed_activities(request, network),
                                                               network=network)
    return render(request, "people/network.html", context)


LISTED_ACTIVITIES = 300  # the choices of the add-members form: the latest lists of the network's projects


def _listed_activities(request, network) -> list[tuple[int, str]]:
    """The activities with an attendance list among the network's projects' and its own, whose people the user
    may see, latest first: (id, "title (date)")."""
    activities = (Activity.objects.filter(Q(project__in=network.projects.values("pk"))
                                          | Q(pk__in=network.activity_links.values("activity_id")))
                  .filter(pk__in=Attendance.objects.filter(activity__isnull=False).values("activity_id"))
                  .select_related("project").order_by(F("start_date").desc(nulls_last=True), "pk"))
    out = []
    for a in activities[:LISTED_ACTIVITIES]:
        if permissions.can_view_people(request.user, a.project):
            when = a.start_date.strftime("%Y-%m") if a.start_date else _("undated")
            out.append((a.pk, f"{a.title[:90]} ({when})"))
    return out


@staff_required
@require_POST
def add_members(request, slug: str):
    """Everyone on an activity's attendance list joins the network (those already members are left as they are)."""
    network = _network(request, slug)
    if not permissions.can_manage_network_members(request.user, network):
        raise PermissionDenied
    form = MembersFromActivityForm(request.POST, activities=_listed_activities(request, network), network=network)
    if not form.is_valid():
        wrong_date = form.errors.get("joined") if "joined" in form.data and form.data["joined"] else None
        if wrong_date and "activity" not in form.errors:
            for error in wrong_date:
                messages.error(request, _("Nobody was added: %(why)s") % {"why": error})
        else:
            messages.error(request, _("Choose an activity with an attendance list, and the date they joined."))
        return redirect("people:network", slug=slug)
    activity = visible_activity(request, form.cleaned_data["activity"])
    if not permissions.can_view_people(request.user, activity.project):
        raise PermissionDenied
    with transaction.atomic():
        members = set(Membership.objects.filter(network=network, person__isnull=False, left__isnull=True)
                      .values_list("person_id", flat=True))
        added = 0
        for person_id in Attendance.objects.filter(activity=activity).values_list("person_id", flat=True).distinct():
            if person_id in members:
                continue
            m = Membership(network=network, person_id=person_id, joined=form.cleaned_data["joined"])
            m._history_user = request.user
            m.save()
            added += 1
        if not NetworkActivity.objects.filter(network=network, activity=activity).exists():
            # The members came from it: it is one of the network's activities (shown on its page) from now.
            link = NetworkActivity(network=network)
            link.attach(activity)
            link._history_user = request.user
            link.save()
    indicators.refresh_for_network(network.pk)
    messages.success(request, _("%(n)d members added from the activity's list.") % {"n": added})
    return redirect("people:network", slug=slug)
