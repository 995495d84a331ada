"""Staff pages write dates and times the page's language's way (DATETIME_FORMAT), never as ISO
"2026-12-06 05:51" (newuser4 #24)."""
import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from capdev.accounts.roles import REVIEWER, assign_role
from capdev.projects.models import Project, ReviewState

ISO_DATE_TIME = re.compile(r"\b20\d\d-\d\d-\d\d \d\d:\d\d")


@pytest.fixture
def reviewer(db, django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="unused in tests 123")
    assign_role(user, REVIEWER)
    return user


@pytest.fixture
def project(db, reviewer):
    project = Project(title="Digital government in small islands", review_state=ReviewState.IN_REVIEW)
    project._history_user = reviewer
    project.save()
    project.title = "Digital government in the Caribbean"
    project.save()
    return project


def test_the_review_queue_writes_the_date_in_french(client, reviewer, project):
    client.force_login(reviewer)
    with translation.override("fr"):
        url = reverse("editor:review")
    body = client.get(url).content.decode()
    assert project.title in body
    assert not ISO_DATE_TIME.search(body), ISO_DATE_TIME.search(body)
    month = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"][timezone.localtime(project.last_updated).month - 1]
    assert f"{month} {timezone.localtime(project.last_updated).year}" in body


def test_the_history_page_writes_dates_and_times_in_arabic(client, reviewer, project):
    Project.objects.filter(pk=project.pk).update(published_at=timezone.now() - dt.timedelta(days=1))
    project.refresh_from_db()
    project.published_at = timezone.now()
    project.save()
    client.force_login(reviewer)
    with translation.override("ar"):
        url = reverse("editor:history", args=[project.pk])
    body = client.get(url).content.decode()
    assert "Digital government in the Caribbean" in body
    assert not ISO_DATE_TIME.search(body), ISO_DATE_TIME.search(body)


def test_review_flags_name_their_field_in_the_pages_language_and_mark_the_importers_english(client, reviewer,
                                                                                           project):
    from django.utils.text import capfirst
    from lxml import html as lxml_html

    from capdev.projects.models import ReviewFlag

    ReviewFlag.objects.create(project=project, field="partners", reason="described in words, kept in the background")
    client.force_login(reviewer)
    with translation.override("fr"):
        url = reverse("editor:review")
        expected = capfirst(str(Project._meta.get_field("partners").verbose_name))
    root = lxml_html.document_fromstring(client.get(url).content.decode())
    flag = root.cssselect("ul.flag-list li.flag")[0]
    assert flag.cssselect("strong")[0].text_content() == expected != "partners"
    reason = flag.cssselect("bdi[lang=en]")
    assert reason and reason[0].text_content() == "described in words, kept in the background"
    assert flag.cssselect(".in-language"), "no visible note that the importer's text is English"
