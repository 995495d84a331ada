"""Fixtures of the assessments tests: a few countries, the example frameworks, staff of each role."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.assessments import frameworks

FILES = Path(__file__).with_name("files")
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example-digital-government.yaml"


def load_framework(path: Path):
    return frameworks.load(frameworks.read_file(path.read_bytes(), path.name)).framework


@pytest.fixture
def countries(db):
    from capdev.reference.models import Country

    rows = [("LCA", "LC", "Saint Lucia"), ("BRB", "BB", "Barbados"), ("BHS", "BS", "Bahamas"), ("MLI", "ML", "Mali")]
    return {iso3: Country.objects.get_or_create(iso3=iso3, defaults={"iso2": iso2, "name": name})[0]
            for iso3, iso2, name in rows}


@pytest.fixture
def framework(db):
    """The example framework shipped with Capdev (levels 1-5, weak at 2 or below)."""
    return load_framework(EXAMPLE)


@pytest.fixture
def index_framework(db):
    """An example index framework (0-1, weak at 0.4 or below) from tests/files."""
    return load_framework(FILES / "example-index.json")


@pytest.fixture
def staff(db, django_user_model):
    """A viewer, an editor of PACB, a reviewer and a portfolio admin."""
    from capdev.accounts.models import UnitAssignment
    from capdev.accounts.roles import EDITOR, PORTFOLIO_ADMIN, REVIEWER, VIEWER, assign_role
    from capdev.organisations.models import OrgUnit

    unit, _ = OrgUnit.objects.get_or_create(code="PACB", defaults={"name": "Public Administration Capacity Branch"})
    users = {}
    for name, role in (("viewer", VIEWER), ("editor", EDITOR), ("reviewer", REVIEWER), ("admin", PORTFOLIO_ADMIN)):
        users[name] = django_user_model.objects.create_user(name, password="unused in tests 123")
        assign_role(users[name], role)
    UnitAssignment.objects.create(user=users["editor"], unit=unit)
    return users
