"""The resources library: /resources/ with search and facets, its CSV, XLSX and JSON, /api/resources/ with the same
filters and rows, published projects' resources only for the public; and resources still in the IATI file."""
import csv
import datetime as dt
import io
import json

import pytest
from django.contrib.auth import get_user_model
from lxml import etree
from openpyxl import load_workbook
from rest_framework.test import APIClient

from capdev.activities.models import Resource
from capdev.iati import export
from capdev.projects.models import Project, ReviewState

pytestmark = pytest.mark.django_db

LIBRARY = "/resources/"


@pytest.fixture
def library(portfolio):
    """Resources of three published projects (in three languages, two years) and one of a project in review (the
    seed's own two are left out, so that each filter's rows are known)."""
    Resource.objects.all().delete()
    parliaments = Project.objects.get(title__startswith="Strengthen public sector")
    mali = Project.objects.get(title__startswith="Supervising the Poverty Observatory")
    civil = Project.objects.get(title__startswith="Revising Civil code")
    hidden = Project.objects.create(title="Draft e-participation project", review_state=ReviewState.IN_REVIEW)
    rows = [
        (parliaments, "report", "ICT Strategic Plan for the Parliament of Barbados", dt.date(2011, 5, 1), "en"),
        (parliaments, "training_material", "Guide de planification stratégique des TIC", dt.date(2011, 1, 1), "fr"),
        (mali, "booklet", "Observatoire de la pauvreté : rapport annuel", dt.date(2010, 12, 1), "fr"),
        (civil, "report", "Civil Code revision: comparative study", dt.date(2010, 3, 15), "ar"),
        (hidden, "report", "E-participation toolkit, not yet public", dt.date(2011, 2, 1), "en"),
    ]
    for i, (project, kind, title, date, language) in enumerate(rows):
        Resource.objects.create(project=project, type=kind, title=title, date=date, language=language,
                                url=f"https://example.org/r{i}.pdf", position=50 + i)
    return {"parliaments": parliaments, "mali": mali, "civil": civil, "hidden": hidden}


def titles(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return [row["title"] for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))]
    if "json" in response["Content-Type"]:
        return [row["title"] for row in json.loads(body)["results"]]
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.values)
    return [dict(zip(rows[0], row))["title"] for row in rows[1:]]


def test_the_public_sees_the_resources_of_published_projects_in_every_format(library, client):
    seed = set(Resource.objects.filter(project__review_state="published").values_list("title", flat=True))
    assert len(seed) == 4
    page = client.get(LIBRARY).content.decode()
    assert "ICT Strategic Plan" in page and "not yet public" not in page
    for fmt in ("csv", "json", "xlsx"):
        found = titles(client.get(LIBRARY, {"format": fmt}))
        assert set(found) == seed and "E-participation toolkit, not yet public" not in found, fmt
    api = APIClient().get("/api/resources/", {"page_size": 100}).json()
    assert {r["title"] for r in api["results"]} == seed
    staff = get_user_model().objects.create_user("viewer", password="a long passphrase 1", is_staff=True)
    client.force_login(staff)
    assert "E-participation toolkit, not yet public" in titles(client.get(LIBRARY, {"format": "csv"}))


@pytest.mark.parametrize("params, expected", [
    ({"type": "report"},
     {"ICT Strategic Plan for the Parliament of Barbados", "Civil Code revision: comparative study"}),
    ({"language": "FR"},
     {"Guide de planification stratégique des TIC", "Observatoire de la pauvreté : rapport annuel"}),
    ({"year": "2010", "language": "fr"}, {"Observatoire de la pauvreté : rapport annuel"}),
    ({"country": "BRB"},
     {"ICT Strategic Plan for the Parliament of Barbados", "Guide de planification stratégique des TIC"}),
    ({"q": "strategic parliament"}, {"ICT Strategic Plan for the Parliament of Barbados"}),
    ({"sdg": "16"},
     {"ICT Strategic Plan for the Parliament of Barbados", "Guide de planification stratégique des TIC"}),
    ({"q": "poverty observatory"}, {"Observatoire de la pauvreté : rapport annuel"}),  # by its project's title
])
def test_each_filter_narrows_the_page_the_exports_and_the_api_alike(library, client, params, expected):
    assert set(titles(client.get(LIBRARY, {**params, "format": "json"}))) == expected
    assert set(titles(client.get(LIBRARY, {**params, "format": "csv"}))) == expected
    api = APIClient().get("/api/resources/", params).json()
    assert {r["title"] for r in api["results"]} == expected


def test_the_project_and_sdg_filters_and_the_facets_counts(library, client):
    mali = library["mali"]
    response = client.get(LIBRARY, {"project": str(mali.pk)})
    assert titles(client.get(LIBRARY, {"project": str(mali.pk), "format": "json"})) == [
        "Observatoire de la pauvreté : rapport annuel"]
    groups = {g["name"]: {v.value: (v.count, v.selected) for v in g["values"]}
              for g in response.context["facet_groups"]}
    # A chosen project leaves the other projects counted as if it were not chosen (one can add one).
    assert groups["project"][str(mali.pk)] == (1, True) and groups["project"][str(library["parliaments"].pk)][0] == 2
    assert groups["type"] == {"booklet": (1, False)} and groups["language"] == {"fr": (1, False)}
    labels = {g["name"]: [v.label for v in g["values"]] for g in response.context["facet_groups"]}
    assert labels["language"] == ["French"] and labels["type"] == ["Booklet"] and labels["country"] == ["Mali"]
    # Two projects chosen: either one's resources (OR within a parameter).
    both = titles(client.get(LIBRARY, {"project": [str(mali.pk), str(library["civil"].pk)], "format": "json"}))
    assert set(both) == {"Observatoire de la pauvreté : rapport annuel", "Civil Code revision: comparative study"}


@pytest.mark.parametrize("params, name", [({"year": "1066"}, "year"), ({"language": "english"}, "language"),
                                          ({"type": "poem"}, "type"), ({"sdg": "18"}, "sdg"),
                                          ({"country": "XXX"}, "country")])
def test_a_bad_value_is_a_400_naming_it_in_the_page_and_the_api(library, client, params, name):
    page = client.get(LIBRARY, params)
    assert page.status_code == 400 and name in page.content.decode()
    api = APIClient().get("/api/resources/", params)
    assert api.status_code == 400 and name in api.json()


def test_resources_stay_in_the_iati_file_as_document_links(library):
    buf = io.BytesIO()
    export.write_activities(buf, export.projects_for_export())
    doc = etree.fromstring(buf.getvalue())
    links = {el.findtext("title/narrative"): el.get("url") for el in doc.iter("document-link")}
    assert links["ICT Strategic Plan for the Parliament of Barbados"] == "https://example.org/r0.pdf"
    assert "E-participation toolkit, not yet public" not in links
