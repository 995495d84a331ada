"""Fixtures of the reports tests: the seed portfolio, its 2024 Caribbean project, a portfolio admin, PDF text."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from capdev.accounts.roles import PORTFOLIO_ADMIN, assign_role
from capdev.projects.models import Project


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded sheets (the people tests' helpers) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def caribbean(portfolio, db) -> Project:
    """The seed's 2024 project: innovation and digital government in Caribbean SIDS, led by DPIDG."""
    return Project.objects.get(lead_unit__code="DPIDG", draft_of__isnull=True)


@pytest.fixture
def admin(portfolio, db, django_user_model):
    """A portfolio administrator: sees drafts, and the names of the people reached."""
    user = django_user_model.objects.create_user("report-admin", password="unused in tests 123")
    assign_role(user, PORTFOLIO_ADMIN)
    return user


class Pdf:
    """A PDF answer read back: its pages' text and their number."""

    def __init__(self, data: bytes):
        assert data.startswith(b"%PDF-"), data[:200]
        reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() or "" for page in reader.pages]
        self.text = "\n".join(self.pages)
        # One space between words whatever the layout put there (a line break inside a cell, two spaces).
        self.flat = " ".join(self.text.split())

    def __len__(self) -> int:
        return len(self.pages)


def read_pdf(response) -> Pdf:
    """The PDF of a 200 answer."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return Pdf(response.content)
