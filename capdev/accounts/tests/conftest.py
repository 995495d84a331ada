"""Fixtures for role tests: units, users in each role, projects of two units."""
import pytest

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, PORTFOLIO_ADMIN, REVIEWER, VIEWER, assign_role
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project, ReviewState


@pytest.fixture
def units(db):
    """DPADM with two branches below it (PACB, DMB), and another division (DSDG)."""
    dpadm = OrgUnit.objects.create(code="DPADM", name="Division for Public Administration")
    return {
        "DPADM": dpadm,
        "PACB": OrgUnit.objects.create(code="PACB", name="Public Administration Capacity Branch", parent=dpadm),
        "DMB": OrgUnit.objects.create(code="DMB", name="Development Management Branch", parent=dpadm),
        "DSDG": OrgUnit.objects.create(code="DSDG", name="Division for Sustainable Development Goals"),
    }


@pytest.fixture
def make_user(db, django_user_model):
    """make_user(name, role, *unit objects) -> a staff user in that role."""
    def make(name, role=None, *units):
        user = django_user_model.objects.create_user(name, password="not-used-in-these-tests")
        if role:
            assign_role(user, role)
        for unit in units:
            UnitAssignment.objects.create(user=user, unit=unit)
        return user
    return make


@pytest.fixture
def people(units, make_user):
    """One user per role; editors of PACB, of DMB, and of DPADM (which includes both branches)."""
    return {
        "viewer": make_user("viewer", VIEWER),
        "pacb": make_user("ed-pacb", EDITOR, units["PACB"]),
        "dmb": make_user("ed-dmb", EDITOR, units["DMB"]),
        "dpadm": make_user("ed-dpadm", EDITOR, units["DPADM"]),
        "reviewer": make_user("reviewer", REVIEWER),
        "admin": make_user("padmin", PORTFOLIO_ADMIN),
        "nobody": make_user("nobody"),
    }


@pytest.fixture
def projects(units):
    """A published project of PACB, one of DMB, one in review of DMB, one with no unit."""
    return {
        "pacb": Project.objects.create(title="PACB project", lead_unit=units["PACB"], code="P-1",
                                       review_state=ReviewState.PUBLISHED),
        "dmb": Project.objects.create(title="DMB project", lead_unit=units["DMB"], code="D-1",
                                      review_state=ReviewState.PUBLISHED),
        "dmb_review": Project.objects.create(title="DMB in review", lead_unit=units["DMB"],
                                             review_state=ReviewState.IN_REVIEW),
        "none": Project.objects.create(title="No unit", review_state=ReviewState.DRAFT),
    }
