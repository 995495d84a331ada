"""No personal field reaches a public channel: the list, pages, search, facets, dashboard, CSV/XLSX/JSON, the API,
IATI and history pages, for the public and for staff of other units. Each check is paired with one showing that
the same marker is found where it is allowed (so a leak would be seen)."""
from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from capdev.people.models import Evaluation, Membership, Network, NetworkProject, Response

from .conftest import attend, crowd

pytestmark = pytest.mark.django_db

NAME, EMAIL, POSITION, PHONE = "Zorblatt Quixwing", "zorblatt.quixwing@secret.example", "Chief Quixotic Officer", \
    "+1 758 555 0199"
MARKERS = ("Zorblatt", "Quixwing", "zorblatt.quixwing", "Quixotic", "555 0199")


@pytest.fixture
def leaky(caribbean, workshop, tot, staff):
    """A person whose every personal field is a marker, on published lists, in a network, with an evaluation
    comment naming them; enough other people that the counts show; a small list of two."""
    marked = attend(workshop, {"name": NAME, "title": "Dr", "email": EMAIL, "position": POSITION, "phone": PHONE,
                               "sex": "female", "country_id": "LCA", "seniority": "senior"})[0]
    crowd(workshop, 7, 6, country_id="LCA")
    crowd(tot, 1, 1, country_id="BRB")  # two people: "fewer than 5"
    network = Network.objects.create(name="Caribbean Innovation in Government Community of Practice",
                                     slug="caribbean-innovation-cop", published=True,
                                     lead_unit=caribbean.lead_unit)
    NetworkProject.objects.create(network=network, project=caribbean)
    Membership.objects.create(network=network, person=marked, joined="2024-03-01")
    evaluation = Evaluation(title="Workshop evaluation")
    evaluation.attach(workshop)
    evaluation.save()
    Response.objects.create(evaluation=evaluation, person=marked, satisfaction=5, comment=f"{NAME} was great")
    for i in range(5):
        Response.objects.create(evaluation=evaluation, satisfaction=4, knowledge_before=2, knowledge_after=4)
    return marked


def assert_clean(text: str, where: str) -> None:
    for marker in MARKERS:
        assert marker.lower() not in text.lower(), f"{marker!r} reached {where}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "action", "hx-get") and value:
                self.links.append(value)


def crawl(client: Client, start: list[str], limit: int = 250) -> dict[str, str]:
    """Every page reachable from `start` by the site's links (GET only), up to `limit` pages."""
    seen: dict[str, str] = {}
    todo = deque(start)
    skip = ("/admin/", "/accounts/", "/static/", "/media/", "/api/docs/", "/iati/")
    while todo and len(seen) < limit:
        url = todo.popleft()
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver" or url in seen or parts.path.startswith(skip):
            continue
        if "format=xlsx" in url:
            continue  # checked apart, unzipped
        response = client.get(url)
        data = (b"".join(response.streaming_content) if response.streaming else response.content) \
            if response.status_code == 200 else b""
        body = data.decode("utf-8", "replace")
        seen[url] = body
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(body)
            for link in parser.links:
                absolute = urljoin(url, link.replace("&amp;", "&"))
                path = urlsplit(absolute)
                if not path.netloc or path.netloc == "testserver":
                    todo.append(path.path + (f"?{path.query}" if path.query else ""))
    return seen


def xlsx_text(data: bytes) -> str:
    """Every XML part of a workbook, as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return " ".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


def test_the_marker_is_found_where_it_is_allowed(leaky, workshop, caribbean, staff):
    """The control: staff of the project's unit see the name; so a leak elsewhere would be caught."""
    editor = Client()
    editor.force_login(staff["editor"])
    assert NAME in editor.get(f"/activities/{workshop.pk}/").content.decode()
    assert EMAIL in editor.get(f"/people/{leaky.pk}/").content.decode()
    assert NAME in editor.get(f"/projects/{caribbean.pk}/people/?format=csv").getvalue().decode()
    assert EMAIL in editor.get("/api/people/").content.decode()


def test_no_personal_field_on_any_public_page_reached_by_links(leaky, caribbean, workshop, client):
    pages = crawl(client, ["/", "/projects/", f"/projects/{caribbean.pk}/", f"/activities/{workshop.pk}/",
                           "/networks/", "/countries/LCA/", "/dashboard/"])
    assert len(pages) > 40  # the crawl went wide: project, activity, country, network, partner pages...
    for url, body in pages.items():
        assert_clean(body, url)
    # The people sections are there, in counts.
    assert "People reached" in pages[f"/activities/{workshop.pk}/"]
    assert "People reached" in pages[f"/projects/{caribbean.pk}/"] and "People reached" in pages["/dashboard/"]


def test_small_counts_show_as_fewer_than_5(leaky, tot, caribbean, client):
    html = client.get(f"/activities/{tot.pk}/").content.decode()
    assert "fewer than 5" in html and "Participants" in html
    assert ">2<" not in re.sub(r"\s+", "", html.split("People reached", 1)[1])


def test_search_and_facets_do_not_know_the_people(leaky, client):
    for q in ("Zorblatt", "Quixwing", "Quixotic", EMAIL):
        response = client.get("/projects/", {"q": q})
        assert response.context["page_obj"].paginator.count == 0
        # The page says what was searched for; nothing else of the person may be on it.
        text = response.content.decode().replace(q, "").replace(q.replace("@", "%40"), "")
        others = [m for m in MARKERS if m.lower() not in q.lower() and q.lower() not in m.lower()]
        assert not [m for m in others if m.lower() in text.lower()], f"search for {q}"
        facets = response.context["facet_groups"]
        assert_clean(repr([[v.label for v in g["values"]] for g in facets]), f"facets of the search for {q}")


def test_exports_of_every_format(leaky, client, caribbean):
    for url in ("/projects/?format=csv", "/projects/?format=json", "/projects/?format=json&all=1",
                "/people/reached/?format=csv", "/people/reached/?format=json", "/people/reached/?format=csv&"
                "country=LCA", "/iati/activities.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert_clean(body.decode("utf-8", "replace"), url)
    for url in ("/projects/?format=xlsx", "/people/reached/?format=xlsx"):
        response = client.get(url)
        assert_clean(xlsx_text(b"".join(response.streaming_content)), url)
    reached = client.get("/people/reached/?format=json").json()
    row = [r for r in reached["results"] if r["project_id"] == caribbean.pk][0]
    assert row["people"] == 16 and row["sex_female"] == 9  # 1 marked, 7 + 6 in the workshop, 1 + 1 at the ToT


def test_every_chart_csv_of_the_dashboard(leaky, client):
    from capdev.portal.views import CHARTS, MAP_ID

    for chart in [*CHARTS, MAP_ID]:
        response = client.get(f"/dashboard/{chart}.csv")
        assert response.status_code == 200
        assert_clean(response.content.decode(), chart)


def test_the_anonymous_api(leaky, client, caribbean, workshop):
    assert client.get("/api/people/").status_code in (401, 403)
    assert client.get("/api/attendance/").status_code in (401, 403)
    assert client.get(f"/api/people/{leaky.pk}/").status_code in (401, 403)
    seen = set()
    todo = deque(["/api/", f"/api/people-reached/?project={caribbean.pk}", f"/api/people-reached/?activity="
                  f"{workshop.pk}", "/api/networks/", f"/api/projects/{caribbean.pk}/", "/api/activities/"])
    while todo and len(seen) < 120:
        url = todo.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT="application/json")
        if response.status_code != 200:
            continue
        text = response.content.decode()
        assert_clean(text, url)
        for link in re.findall(r'"(http://testserver/api/[^"]+)"', text):
            todo.append(link.replace("http://testserver", ""))
    assert len(seen) > 15
    reach = client.get(f"/api/people-reached/?project={caribbean.pk}").json()
    assert reach["reach"]["people"] == 16 and reach["exact"] is False


def test_staff_of_other_units_see_counts_only(leaky, caribbean, workshop, staff):
    for who in ("other", "reviewer_nounit"):
        c = Client()
        c.force_login(staff[who])
        for url in (f"/activities/{workshop.pk}/", f"/projects/{caribbean.pk}/", f"/projects/{caribbean.pk}/history/",
                    "/countries/LCA/", "/dashboard/", "/networks/caribbean-innovation-cop/", "/people/matches/",
                    "/api/people/", "/api/attendance/", "/people/reached/?format=json", "/review/"):
            response = c.get(url)
            assert_clean(response.content.decode(), f"{url} as {who}")
        assert c.get(f"/people/{leaky.pk}/").status_code == 404
        assert c.get(f"/projects/{caribbean.pk}/people/").status_code == 403
        assert c.get("/api/people/").json()["count"] == 0


def test_history_pages_keep_no_names(leaky, caribbean, staff):
    c = Client()
    c.force_login(staff["viewer"])  # DPIDG viewer: staff of the unit, on the project's history
    assert_clean(c.get(f"/projects/{caribbean.pk}/history/").content.decode(), "the project's history")
