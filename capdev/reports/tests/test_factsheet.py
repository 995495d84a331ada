"""A project's fact sheet as PDF: its facts, objective, outcomes, activities, people reached (aggregates,
suppressed), countries on a map drawn on the server, partners, budget and date; one or two pages; what the
requester may see only; no person's name."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from capdev.people.tests.conftest import attend, crowd
from capdev.projects.models import ReviewState

from .conftest import read_pdf

pytestmark = pytest.mark.django_db


def factsheet_url(project) -> str:
    return reverse("reports:factsheet", args=[project.pk])


def test_the_seed_projects_fact_sheet(caribbean, client):
    pdf = read_pdf(client.get(factsheet_url(caribbean)))
    assert 1 <= len(pdf) <= 2
    text = pdf.flat
    assert caribbean.title in text
    assert caribbean.code in text if caribbean.code else True
    for fact in ("DPIDG", "DA Tranche 16 Account", "USD 500,000", "January 2024 – June 2027", "Active",
                 "Bahamas, Barbados, Saint Lucia", "SDG 16"):
        assert fact in text, fact
    assert " ".join(caribbean.objective.split()[:12]) in text
    for outcome in caribbean.outcomes.all():
        assert " ".join(outcome.text.split()[:8]) in text
    assert "ECLAC Subregional Headquarters for the Caribbean" in text  # a partner
    counted = caribbean.activities.filter(recalled=False)
    assert f"{counted.count()} activities" in text
    total = sum(a.participants or 0 for a in counted)
    assert f"{total} participants" in text
    assert "Countries served" in text  # the map's caption (the map itself: test_svg)
    assert date_format(timezone.localdate(), "j F Y") in text


def test_the_fact_sheet_carries_its_map(caribbean, client):
    data = client.get(factsheet_url(caribbean)).content
    # WeasyPrint writes the inline SVG's shapes as vector paths: no image is embedded, nothing fetched.
    assert b"/Subtype /Image" not in data
    assert len(data) > 20_000  # the map's outlines (a sheet without it is about half)


def test_the_project_page_links_to_its_fact_sheet(caribbean, client):
    page = client.get(reverse("projects:detail", args=[caribbean.pk])).content.decode()
    assert f'href="{factsheet_url(caribbean)}"' in page


def test_the_public_gets_no_draft(caribbean, client, admin):
    caribbean.review_state = ReviewState.DRAFT
    caribbean.save()
    assert client.get(factsheet_url(caribbean)).status_code == 404
    client.force_login(admin)
    response = client.get(factsheet_url(caribbean))
    pdf = read_pdf(response)
    assert "Not published" in pdf.flat
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_project_is_a_404(portfolio, client, db):
    assert client.get(reverse("reports:factsheet", args=[987654])).status_code == 404


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "portfolio-admin"])
def test_people_reached_are_aggregates_never_names(caribbean, client, admin, signed_in):
    workshop = caribbean.activities.get(title__startswith="Capacity Development Workshop on Changing Mindsets")
    tot = caribbean.activities.get(type="training_of_trainers", country="BRB")
    attend(workshop, {"name": "Zorblatt Quixwing", "email": "zorblatt@secret.example", "sex": "female",
                      "position": "Chief Quixotic Officer", "country_id": "LCA"})
    crowd(workshop, 4, 4, country_id="LCA")  # 9 people on the workshop's list
    crowd(tot, 1, 1, country_id="BRB")  # 2 on the training's: fewer than 5
    if signed_in:
        client.force_login(admin)  # may see the names on the site; a PDF still carries the public figures
    text = read_pdf(client.get(factsheet_url(caribbean))).flat
    for marker in ("Zorblatt", "Quixwing", "secret.example", "Quixotic", "Woman 0", "Man 0"):
        assert marker not in text
    assert "People reached 11" in text
    assert "fewer than 5" in text  # the training's list of two, as the public sees it


def test_the_six_languages_scripts_have_fonts(caribbean, client):
    """A title in Russian, Arabic and Chinese is written with Noto fonts that hold their letters (no boxes)."""
    import io

    from pypdf import PdfReader

    caribbean.title = "Развитие потенциала · تنمية القدرات · 能力发展 · Développement"
    caribbean.save()
    response = client.get(factsheet_url(caribbean))
    pdf = read_pdf(response)
    for word in ("Развитие", "能力发展", "Développement"):
        assert word in pdf.flat
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert {"Noto-Sans", "Noto-Sans-Arabic", "Noto-Sans-CJK-SC"} <= fonts, fonts


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "portfolio-admin"])
def test_a_small_reach_is_not_given(caribbean, client, admin, signed_in):
    """Two people on the project's only list: the sheet says "fewer than 5", for staff too (a PDF travels)."""
    tot = caribbean.activities.get(type="training_of_trainers", country="BRB")
    crowd(tot, 1, 1, country_id="BRB")
    if signed_in:
        client.force_login(admin)
    text = read_pdf(client.get(factsheet_url(caribbean))).flat
    assert "People reached fewer than 5" in text
    assert "People reached 2" not in text


def test_the_fact_sheet_names_the_goal_in_the_readers_language(caribbean, client):
    """newuser4 #3: the UN's French title of SDG 16, not the English one the registry stores."""
    text = read_pdf(client.get("/fr" + factsheet_url(caribbean))).flat
    assert "Paix, justice et institutions efficaces" in text
    assert "Peace, Justice and Strong Institutions" not in text
