"""Fixtures of the people tests: the seed portfolio, its 2024 Caribbean project (DPIDG) and staff in each role."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.accounts.roles import EDITOR, PORTFOLIO_ADMIN, REVIEWER, VIEWER
from capdev.accounts.testing import make_user
from capdev.activities.models import Activity
from capdev.projects.models import Project

FILES = Path(__file__).with_name("files")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded sheets go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def caribbean(portfolio, db) -> Project:
    """The seed's 2024 project: innovation and digital government in Caribbean SIDS, led by DPIDG."""
    return Project.objects.get(lead_unit__code="DPIDG", draft_of__isnull=True)


@pytest.fixture
def workshop(caribbean) -> Activity:
    """Its first workshop in Saint Lucia (August 2024, 52 participants recorded)."""
    return caribbean.activities.get(title__startswith="Capacity Development Workshop on Changing Mindsets")


@pytest.fixture
def tot(caribbean) -> Activity:
    """Its training of trainers in Bridgetown (October 2025)."""
    return caribbean.activities.get(type="training_of_trainers", country="BRB")


@pytest.fixture
def other_project(portfolio, db) -> Project:
    """A published PACB project (another unit's)."""
    return Project.objects.filter(lead_unit__code="PACB", draft_of__isnull=True).order_by("pk").first()


@pytest.fixture
def staff(portfolio, db):
    """editor, viewer and reviewer of DPIDG; an editor of PACB; a reviewer of no unit; a portfolio admin."""
    return {"editor": make_user("ed-dpidg", EDITOR, "DPIDG"), "viewer": make_user("view-dpidg", VIEWER, "DPIDG"),
            "reviewer": make_user("rev-dpidg", REVIEWER, "DPIDG"), "other": make_user("ed-pacb", EDITOR, "PACB"),
            "reviewer_nounit": make_user("rev-any", REVIEWER), "admin": make_user("padmin", PORTFOLIO_ADMIN)}


def upload(activity, name: str, user, kind: str = "attendance"):
    """Store a sample file on an activity as the upload page does; returns the Sheet."""
    from capdev.people.importing import store_upload

    return store_upload(activity, (FILES / name).read_bytes(), name, user, kind=kind)


def attend(activity, *people, role="participant", days=1, state="published", **person_fields):
    """Attendance of new people at an activity: each person a (name, sex) pair or a dict of Person fields."""
    from capdev.people.models import Attendance, Person

    made = []
    for spec in people:
        fields = dict(person_fields)
        fields.update(spec if isinstance(spec, dict) else {"name": spec[0], "sex": spec[1]})
        person = Person.objects.create(**fields)
        a = Attendance(person=person, role=role, days=days, state=state)
        a.attach(activity)
        a.save()
        made.append(person)
    return made


def crowd(activity, n_female: int, n_male: int, **fields):
    """n_female women and n_male men on an activity's published list."""
    people = [(f"Woman {i} {activity.pk}", "female") for i in range(n_female)]
    people += [(f"Man {i} {activity.pk}", "male") for i in range(n_male)]
    return attend(activity, *people, **fields)
