"""Words with several senses have a context each (msgctxt), so that a translator can translate each sense its own
way: a person's position (a job) and a list's position, a person's title (Mr, Ms) and a project's title, a person's
name and an organisation's, "Number" as a count and as an identifier, "Target" of an indicator and of an SDG.

The test installs a catalogue that writes every message with a context as "[context] message" and every other
one unchanged: each sense must then read differently (with one msgid and no context, both would read alike).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real
from django.utils.translation.trans_real import CONTEXT_SEPARATOR

from capdev.iati.models import TransactionSummary
from capdev.organisations.models import Organisation
from capdev.people.models import Person
from capdev.projects.models import Indicator, Outcome, Project

pytestmark = pytest.mark.django_db

LANGUAGE = "ru"


class ContextMarking:
    """The real Russian catalogue's object, translating "[context] message" for a message with a context and
    leaving every other message in English."""

    def __init__(self, real):
        self.real = real

    @staticmethod
    def _mark(message: str) -> str:
        if CONTEXT_SEPARATOR in message:
            context, text = message.split(CONTEXT_SEPARATOR, 1)
            return f"[{context}] {text}"
        return message

    def gettext(self, message):
        return self._mark(message)

    def ngettext(self, singular, plural, n):
        return self._mark(singular if n == 1 else plural)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def marking(monkeypatch):
    real = trans_real.translation(LANGUAGE)
    monkeypatch.setitem(trans_real._translations, LANGUAGE, ContextMarking(real))
    with translation.override(LANGUAGE):
        yield
    translation.deactivate()


def label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def test_a_persons_fields_and_a_things_read_differently(marking):
    assert label(Person, "position") == "[a person's job] position"
    assert label(Outcome, "position") == "position"  # a place in an ordered list
    assert label(Person, "title") == "[a person's honorific (Mr, Ms, Dr)] title"
    assert label(Project, "title") == "title"
    assert label(Person, "name") == "[a person's name] name"
    assert label(Organisation, "name") == "name"


def test_an_sdg_target_and_an_indicator_target(portfolio, client, db, marking):
    page = client.get(reverse("reference:sdg_detail", args=[16])).content.decode()
    assert "[one of an SDG's targets] Target" in page
    project = Project.objects.published().filter(outcomes__isnull=False).order_by("pk").first()
    Indicator.objects.create(outcome=project.outcomes.order_by("position").first(), title="Ministries trained",
                             baseline_value=1, target_value=9)
    TransactionSummary.objects.create(project=project, transaction_type="4", transaction_type_name="Expenditure",
                                      currency="USD", total=Decimal("100"), count=3,
                                      first_date=dt.date(2024, 1, 31), last_date=dt.date(2024, 12, 31))
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "[the value an indicator aims at] Target" in page
    assert "[how many] Number" in page  # the transactions' count


def test_the_people_export_names_its_columns_by_their_sense(portfolio, db, marking):
    from capdev.people.views.persons import _csv

    project = Project.objects.published().order_by("pk").first()
    header = b"".join(_csv(Person.objects.none(), project).streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header.startswith('[identifier] Number,Name,"[a person\'s honorific (Mr, Ms, Dr)] Title",')
