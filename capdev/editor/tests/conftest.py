"""Fixtures for editor tests: staff in each role on top of the seed portfolio."""
import pytest

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, REVIEWER, VIEWER, assign_role
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project


@pytest.fixture
def staff(portfolio, db, django_user_model):
    """An editor of PACB, an editor of DMB, a reviewer and a viewer."""
    def make(name, role, unit=None):
        user = django_user_model.objects.create_user(name, password="unused in tests 123")
        assign_role(user, role)
        if unit:
            UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code=unit))
        return user
    return {"pacb": make("ed-pacb", EDITOR, "PACB"), "dmb": make("ed-dmb", EDITOR, "DMB"),
            "reviewer": make("reviewer", REVIEWER), "viewer": make("viewer", VIEWER)}


@pytest.fixture
def dmb_project(portfolio, db):
    """A published project of the Development Management Branch."""
    return Project.objects.filter(lead_unit__code="DMB").order_by("pk").first()


@pytest.fixture
def pacb_project(portfolio, db):
    """A published project of the Public Administration Capacity Branch."""
    return Project.objects.filter(lead_unit__code="PACB").order_by("pk").first()


@pytest.fixture
def big_project(portfolio, db):
    """The seed's richest project (the Caribbean digital-government one: outcomes, activities, SDGs...)."""
    return max(Project.objects.registry(), key=lambda p: p.activities.count() + p.outcomes.count())
