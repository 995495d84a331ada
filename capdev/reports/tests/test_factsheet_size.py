"""A fact sheet is one or two pages whatever the project holds: the first items of each long list with how many
more there are and where, long texts cut at a sentence's end with the address of the whole text; in English,
Arabic and Chinese."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from capdev.activities.models import Activity
from capdev.organisations.models import Organisation
from capdev.projects.models import Indicator, Outcome, ProjectCountry, ProjectPartner
from capdev.reference.models import Country
from capdev.reports.capping import shorten

from .conftest import read_pdf

pytestmark = pytest.mark.django_db

SENTENCE = ("The programme strengthens the capacities of public institutions to deliver services that leave no one "
            "behind, with the ministries and the national statistics office. ")


@pytest.fixture
def big(caribbean):
    """The seed's Caribbean project grown to what no page holds: 30 outcomes of 5 indicators each, 90 activities,
    60 partners, 60 countries, an objective of some 60 sentences and a title of 480 characters."""
    project = caribbean
    project.title = ("Strengthening the capacities of public institutions in small island developing States "
                     "for an inclusive digital transformation of public services, ") * 3
    project.title = project.title[:480]
    project.objective = SENTENCE * 60
    project.save()
    for i in range(30):
        outcome = Outcome.objects.create(project=project, position=100 + i,
                                         text=f"Outcome {i + 1}: " + SENTENCE * 4)
        for j in range(5):
            Indicator.objects.create(outcome=outcome, position=j, title=f"Indicator {i + 1}.{j + 1}: " + SENTENCE * 2,
                                     baseline_value=j, target_value=10 * j + 5)
    Activity.objects.bulk_create([
        Activity(project=project, position=100 + i, type="workshop", title=f"Workshop {i + 1}: " + SENTENCE,
                 start_date=dt.date(2025, 1, 1) + dt.timedelta(days=i), participants=20 + i)
        for i in range(90)])
    for i in range(60):
        org = Organisation.objects.create(name=f"National Institute of Public Administration number {i + 1}",
                                          slug=f"niap-{i + 1}")
        ProjectPartner.objects.create(project=project, organisation=org, position=100 + i,
                                      role=ProjectPartner.Role.COOPERATING)
    for country in Country.objects.exclude(project_links__project=project).order_by("iso3")[:60]:
        ProjectCountry.objects.create(project=project, country=country)
    return project


def sheet_of(project, client, language="en"):
    with translation.override(language):
        url = reverse("reports:factsheet", args=[project.pk])  # /ar/projects/.../factsheet.pdf
    return read_pdf(client.get(url))


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_a_big_project_fits_two_pages(big, client, language):
    pdf = sheet_of(big, client, language)
    assert 1 <= len(pdf) <= 2, len(pdf)
    assert "Outcome 1:" in pdf.flat and "Outcome 30:" not in pdf.flat
    # What is left out is counted, with the address of the page that has it all.
    page = f"/projects/{big.pk}/"
    assert page in pdf.flat.replace(" ", "")


def test_what_is_left_out_is_counted_with_the_page(big, client):
    flat = sheet_of(big, client).flat
    more = re.search(r"and (\d+) more outcomes, on the project's page", flat)
    assert more, flat
    seed_outcomes = big.outcomes.count() - 30
    last_shown = 30 - int(more.group(1))  # the outcomes are shown in their order, the seed's first
    assert last_shown + seed_outcomes >= 2
    if last_shown:
        assert f"Outcome {last_shown}:" in flat and f"Outcome {last_shown + 1}:" not in flat
    for rest in ("more partners, on the project's page", "more countries", "more activities, on the project's page",
                 "more indicators", "The whole text is on the project's page"):
        assert rest in flat, rest


def test_the_objective_is_cut_at_a_sentence(big, client):
    pdf = sheet_of(big, client)
    text = " ".join(pdf.text.split())
    start = text.index("The programme strengthens")
    end = text.index("The whole text is on the project's page")
    shown = text[start:end].strip()
    assert shown.endswith("statistics office."), shown[-200:]
    assert len(shown) < len(big.objective) / 4


def test_a_small_project_is_shown_whole(caribbean, client):
    pdf = sheet_of(caribbean, client)
    assert len(pdf) == 1
    assert "more outcomes" not in pdf.flat and "The whole text" not in pdf.flat


@pytest.mark.parametrize(("text", "chars", "expected"), [
    ("One. Two three. Four five six.", 20, "One. Two three."),
    ("One. Two three. Four five six.", 100, "One. Two three. Four five six."),
    ("No full stop here at all in this text", 20, "No full stop here …"),
    ("第一句。第二句很长很长。第三句。", 10, "第一句。"),
    ("الجملة الأولى. الجملة الثانية طويلة جدا. الثالثة.", 40, "الجملة الأولى. الجملة الثانية طويلة جدا."),
    ("A figure of 3.5 per cent and more words after it", 16, "A figure of 3.5 …"),
])
def test_texts_are_shortened_at_a_sentence_else_a_word(text, chars, expected):
    assert shorten(text, chars) == expected


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_the_facts_are_under_the_title_on_the_first_page(caribbean, client, language):
    """The seed's flagship (activities, outcomes, a map) once had a first page holding its title alone: the
    two columns, a flex box, moved whole to the second page (and to a third in Arabic and French)."""
    pdf = sheet_of(caribbean, client, language)
    assert len(pdf) <= 2
    assert "DPIDG" in pdf.pages[0] and "USD" in pdf.pages[0]  # the lead unit and the budget


@pytest.mark.parametrize("language", ["es", "ru", "zh-hans"])
def test_the_generation_date_is_written_as_the_language_writes_dates(caribbean, client, language):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format
    from django.utils.formats import get_format

    pdf = sheet_of(caribbean, client, language)
    with translation.override(language):
        date = date_format(timezone.localdate(), get_format("DATE_FORMAT"))
    assert " ".join(date.split()) in pdf.flat, date


def test_english_texts_keep_their_order_in_an_arabic_sheet(caribbean, client, monkeypatch):
    """WeasyPrint follows `dir` on blocks only: the objective is a block marked `lang="en" dir="ltr"`; the
    outcomes, indicators, activities, names and the page's address inside Arabic lines are isolated with Unicode's
    marks (FSI/LRI ... PDI), so that their punctuation and numbers stay where they were written (newuser4 #6)."""
    from capdev.reports import views

    laid_out = []
    real = views.layout
    monkeypatch.setattr(views, "layout", lambda html, **kw: (laid_out.append(html), real(html, **kw))[1])
    read_pdf(client.get(f"/ar/projects/{caribbean.pk}/factsheet.pdf"))
    html = laid_out[-1]
    assert '<div lang="en" dir="ltr"><p>' + caribbean.objective.split()[0] in html
    outcome = caribbean.outcomes.order_by("position").first()
    assert "\u2068" + outcome.text[:30] in html.replace("&#x27;", "'")
    activity = caribbean.activities.filter(recalled=False).exclude(dates_text="").first()
    assert "\u2068" + activity.dates_text[:12] in html
    assert f"\u2066http://testserver/ar/projects/{caribbean.pk}/\u2069" in html
    assert "\u2068ECLAC Subregional Headquarters for the Caribbean\u2069" in html
