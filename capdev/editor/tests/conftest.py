"""Fixtures for editor tests: staff in each role on top of the seed portfolio."""
import pytest

from capdev.accounts.roles import EDITOR, REVIEWER, VIEWER
from capdev.accounts.testing import make_user
from capdev.projects.models import Project


@pytest.fixture
def staff(portfolio, db):
    """An editor of PACB, an editor of DMB, a reviewer and a viewer."""
    return {"pacb": make_user("ed-pacb", EDITOR, "PACB"), "dmb": make_user("ed-dmb", EDITOR, "DMB"),
            "reviewer": make_user("reviewer", REVIEWER), "viewer": make_user("viewer", VIEWER)}


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
