"""capdev demo-people: people reached on the seed's 2024 Caribbean project, for trying the people pages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, REVIEWER, assign_role
from capdev.organisations.models import OrgUnit
from capdev.people import evaluations_import, importing, indicators, reading
from capdev.people.models import (
    Attendance,
    IndicatorSource,
    Membership,
    Network,
    NetworkActivity,
    NetworkProject,
    Sheet,
)
from capdev.people.publishing import publish_attendance
from capdev.projects.models import Indicator, Outcome, Project

# The sample sheets of the tests (fictional people, messy as organisers keep them).
SAMPLES = Path(__file__).resolve().parents[2] / "tests" / "files"
LISTS = [("Capacity Development Workshop on Changing Mindsets", "signin-saint-lucia-en.xlsx"),
         ("The Future of Governance", "signin-regional-utf16.csv"),
         ("Capacity Development Training of Trainers", "lista-asistencia-es.xlsx")]


# The demo accounts of the DPIDG unit, the one that sees the people of the seed's 2024 project (README lists them).
ACCOUNTS = (("editor-dpidg", EDITOR), ("reviewer-dpidg", REVIEWER))


class Command(BaseCommand):
    """Attendance lists, a community of practice, an evaluation and computed indicators on the seed's project."""

    help = _("Record the sample sign-in sheets on the seed's 2024 Caribbean project (DPIDG), publish them, record "
             "its Community of Practice and an evaluation, compute three indicators from them, and create the "
             "demo accounts editor-dpidg and reviewer-dpidg. Running it again changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--password", required=True, help=_("the password of the two demo accounts"))
        parser.add_argument("--force", action="store_true", help=_("run even with DEBUG off"))

    def handle(self, *args, password: str, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(_("demo accounts share one password: refused with DEBUG off (use --force to insist)"))
        project = Project.objects.filter(lead_unit__code="DPIDG", draft_of__isnull=True).order_by("pk").first()
        if project is None:
            self.stdout.write(_("The seed's DPIDG project is not there (load the seed first): nothing done."))
            return
        editor, reviewer = self._accounts(password)
        for title, name in LISTS:
            activity = project.activities.filter(title__startswith=title).order_by("pk").first()
            if activity is None or Sheet.objects.filter(activity=activity, file_name=name).exists():
                continue
            self._record(activity, name, editor, reviewer)
        self._network(project)
        self._evaluation(project, editor)
        self._indicators(project)
        self.stdout.write(_("People reached recorded on “%(title)s”: sign in as editor-dpidg or reviewer-dpidg.")
                          % {"title": project.title})

    def _accounts(self, password: str):
        unit = OrgUnit.objects.filter(code="DPIDG").first()
        users = []
        for name, role in ACCOUNTS:
            user, _created = get_user_model().objects.get_or_create(username=name)
            user.set_password(password)
            user.is_staff = True
            user.save()
            assign_role(user, role)
            if unit:
                UnitAssignment.objects.get_or_create(user=user, unit=unit)
            users.append(user)
        return users

    @transaction.atomic
    def _record(self, activity, name: str, editor, reviewer) -> None:
        data = (SAMPLES / name).read_bytes()
        sheet = importing.store_upload(activity, data, name, editor)
        worksheet = reading.load(data, name).worksheet(sheet.worksheet)
        mapping = reading.Mapping(sheet.header_row - 1, {int(k): v for k, v in sheet.mapping.items()})
        importing.confirm(sheet, importing.make_plan(activity, worksheet, mapping,
                                                     reading.Options.from_dict(sheet.options)), editor)
        publish_attendance(activity, reviewer)

    def _network(self, project) -> None:
        network, created = Network.objects.get_or_create(slug="caribbean-innovation-in-government", defaults={
            "name": "Caribbean Innovation in Government Community of Practice",
            "purpose": "Connects institutions and experts, government officials, academics, civil society "
                       "organizations, and practitioners working in promoting innovation in the public sector.",
            "lead_unit": project.lead_unit, "started": dt.date(2024, 2, 21), "published": True})
        if not created:
            return
        NetworkProject.objects.create(network=network, project=project)
        webinar = project.activities.filter(type="webinar").order_by("pk").first()
        if webinar:
            link = NetworkActivity(network=network)
            link.attach(webinar)
            link.save()
        regional = project.activities.filter(title__startswith="The Future of Governance").first()
        joined = {}
        for a in Attendance.objects.filter(activity__project=project).select_related("activity").order_by("pk"):
            joined.setdefault(a.person_id, (a.activity.start_date or dt.date(2024, 8, 1)))
        for person_id, when in joined.items():
            Membership.objects.create(network=network, person_id=person_id, joined=max(when, network.started))
        if regional:
            Network.objects.get_or_create(slug="caribbean-peer-learning-network", defaults={
                "name": "Caribbean peer-to-peer learning network on governance", "kind": Network.Kind.NETWORK,
                "purpose": "An informal peer-to-peer learning network proposed at the May 2025 regional workshop.",
                "lead_unit": project.lead_unit, "started": dt.date(2025, 5, 1), "published": True})

    def _evaluation(self, project, editor) -> None:
        activity = project.activities.filter(title__startswith=LISTS[0][0]).order_by("pk").first()
        if activity is None or Sheet.objects.filter(activity=activity, kind=Sheet.Kind.EVALUATION).exists():
            return
        data = (SAMPLES / "survey-export.csv").read_bytes()
        evaluation = evaluations_import.evaluation_of(activity, editor)
        sheet = importing.store_upload(activity, data, "survey-export.csv", editor, kind=Sheet.Kind.EVALUATION,
                                       evaluation=evaluation)
        worksheet = reading.load(data, "survey-export.csv").worksheet()
        mapping = reading.Mapping(sheet.header_row - 1, {int(k): v for k, v in sheet.mapping.items()})
        evaluations_import.confirm(sheet, evaluations_import.make_plan(worksheet, mapping), editor)

    def _indicators(self, project) -> None:
        outcomes = list(Outcome.objects.filter(project=project).order_by("position", "pk"))
        if not outcomes:
            return
        network = Network.objects.filter(slug="caribbean-innovation-in-government").first()
        # The unit ("people") is the indicator's own field: a title that says it too was shown "(people) (people)".
        for title in ("Government officials reached", "Women reached"):
            Indicator.objects.filter(outcome=outcomes[0], title=f"{title} (people)").update(title=title)
        wanted = [(outcomes[0], "Government officials reached", "people_reached", "", None),
                  (outcomes[0], "Women reached", "people_reached", "female", None),
                  (outcomes[0], "Share of participants reporting increased knowledge", "increased_knowledge", "",
                   None),
                  (outcomes[-1], "Members of the Caribbean Innovation in Government Community of Practice",
                   "network_members", "", network)]
        for outcome, title, measure, sex, net in wanted:
            if measure == "network_members" and net is None:
                continue
            indicator, created = Indicator.objects.get_or_create(outcome=outcome, title=title, defaults={
                "unit": "%" if measure == "increased_knowledge" else "people"})
            source, _c = IndicatorSource.objects.get_or_create(indicator=indicator, defaults={
                "measure": measure, "sex": sex, "network": net, "period": "year"})
            indicators.refresh(source)
