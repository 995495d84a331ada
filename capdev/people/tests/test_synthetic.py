"""People reached for a generated portfolio: deterministic, within its ranges, bulk, and counted by the pages."""
from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from capdev.people import aggregates as agg
from capdev.people.models import Attendance, Institution, Person
from capdev.projects import synthetic

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """Reference data only, loaded once per module."""
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
        yield
        call_command("flush", "--noinput", stdout=io.StringIO())


def snapshot() -> list[tuple]:
    people = list(Person.objects.order_by("email").values_list("name", "sex", "seniority", "country_id", "email",
                                                               "institution__name"))
    lists = sorted(Attendance.objects.values_list("person__email", "activity__project__code", "activity__position",
                                                  "role", "days", "certificate", "state"))
    return people + lists


def test_people_and_attendances_as_asked_the_same_for_the_same_seed(reference):
    synthetic.generate(60, seed=5, batch=60)
    out = io.StringIO()
    call_command("generate_portfolio", "--projects", "0", "--seed", "5", "--people", "300", "--attendances",
                 "1500", stdout=out)
    assert "300 people" in out.getvalue()
    first = snapshot()
    assert Person.objects.count() == 300 and 1300 < Attendance.objects.count() <= 1700
    assert Attendance.objects.values("person", "activity").annotate(n=Count("pk")).filter(n__gt=1).count() == 0
    sexes = Counter(Person.objects.values_list("sex", flat=True))
    assert sexes["female"] > 100 and sexes["male"] > 100
    roles = Counter(Attendance.objects.values_list("role", flat=True))
    assert roles["participant"] > 0.85 * sum(roles.values())
    assert all(a.activity_uid == a.activity.uid for a in Attendance.objects.select_related("activity")[:50])
    assert Institution.objects.filter(type="ministry").exists()
    # Held in a country: its people are of that country.
    held = Attendance.objects.filter(activity__country__isnull=False).values_list("activity__country_id",
                                                                                  "person__country_id")[:200]
    assert all(a == b for a, b in held)
    with pytest.raises(CommandError, match="already exist"):
        call_command("generate_portfolio", "--projects", "0", "--seed", "5", "--people", "10", stdout=io.StringIO())
    reach = agg.reach_of(agg.public_attendance())
    assert reach.people <= 300 and reach.attendances == roles["participant"]
    Attendance.objects.all().delete()
    Person.objects.all().delete()
    Institution.objects.all().delete()
    call_command("generate_portfolio", "--projects", "0", "--seed", "5", "--people", "300", "--attendances",
                 "1500", stdout=io.StringIO())
    assert snapshot() == first


def test_the_writes_are_bulk(reference, django_assert_max_num_queries):
    synthetic.generate(40, seed=6, batch=40)
    from capdev.people.synthetic import generate_people

    with django_assert_max_num_queries(40):
        generate_people(2000, 9000, seed=6)
    assert Attendance.objects.count() > 8000


def test_demo_people_records_the_seed_s_lists_network_and_indicators_once(caribbean, settings,
                                                                          django_capture_on_commit_callbacks):
    from capdev.people.models import Network, Sheet
    from capdev.projects.models import IndicatorValue

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_people", "--password", "demo passphrase 2024", stdout=io.StringIO())
    assert Sheet.objects.filter(kind="attendance").count() == 3 and Sheet.objects.filter(kind="evaluation").count() == 1
    cop = Network.objects.get(slug="caribbean-innovation-in-government")
    assert cop.published and cop.memberships.count() == Person.objects.count()
    reach = agg.project_reach(caribbean, include_pending=False)
    assert reach.people == Person.objects.filter(attendances__role="participant").distinct().count() > 15
    members = IndicatorValue.objects.filter(indicator__title__startswith="Members of").order_by("period_start")
    assert members.last().actual == cop.memberships.count()
    call_command("demo_people", "--password", "demo passphrase 2024", stdout=io.StringIO())
    assert Sheet.objects.count() == 4 and Network.objects.count() == 2
