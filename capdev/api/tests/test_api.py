"""The REST API: published-only reads, the portal's filters, the record shape, and writes by role."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from capdev.accounts.models import UnitAssignment
from capdev.activities.models import Activity
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project, ReviewState
from capdev.projects.views import budget_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def anon():
    return APIClient()


def token_client(django_user_model, username, role, unit_code=None):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a long passphrase here",
                                                 is_staff=True)  # every role is staff (capdev.accounts)
    user.groups.add(Group.objects.get(name=role))
    if unit_code:
        UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code=unit_code))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def if_match(client, url: str) -> dict:
    """The If-Match header a PUT or PATCH of url sends: the ETag of the version GET returns."""
    return {"HTTP_IF_MATCH": client.get(url)["ETag"]}


@pytest.fixture
def pacb_editor(django_user_model):
    return token_client(django_user_model, "pacb-editor", "editor", "PACB")


@pytest.fixture
def viewer(django_user_model):
    return token_client(django_user_model, "viewer", "viewer")


@pytest.fixture
def in_review(portfolio):
    project = Project.objects.get(title__startswith="Supervising the Poverty Observatory")
    project.review_state = ReviewState.IN_REVIEW
    project.save()
    return project


def test_anonymous_list_shows_published_projects_only(portfolio, anon, in_review):
    data = anon.get("/api/projects/?page_size=100").json()
    assert data["count"] == 9
    assert in_review.pk not in [p["id"] for p in data["results"]]
    assert anon.get(f"/api/projects/{in_review.pk}/").status_code == 404


def test_viewers_see_projects_in_review(portfolio, viewer, in_review):
    assert viewer.get("/api/projects/?page_size=100").json()["count"] == 10
    assert viewer.get(f"/api/projects/{in_review.pk}/").status_code == 200


def test_the_portal_filters_apply(portfolio, anon):
    lca = anon.get("/api/projects/?country=LCA").json()
    assert lca["count"] == 1 and sorted(lca["results"][0]["countries"]) == ["BHS", "BRB", "LCA"]
    both = anon.get("/api/projects/?country=LCA&country=DJI").json()
    assert both["count"] == 2
    # The Caribbean parliaments project ranks first; the DRC project's "links with ... parliament Branches"
    # is a true, weaker match; no other record mentions parliaments.
    found = anon.get("/api/projects/?q=parliament&sort=relevance").json()
    assert [p["title"][:24] for p in found["results"]] == ["Promote transparency, ac", "Restructuring public sec"]


def test_detail_is_the_record_shape_without_internals_for_the_public(portfolio, anon, viewer):
    project = Project.objects.get(title__startswith="Strengthen public sector")
    public = anon.get(f"/api/projects/{project.pk}/").json()
    assert sorted(public["countries"]) == ["BHS", "BRB", "LCA"]
    assert [o["target_year"] for o in public["outcomes"]] == [2026, 2026]
    assert {"budgets", "activities", "partners", "sdgs", "start", "end", "review_state"} <= set(public)
    assert public["start"] == "2024-01" and public["sdgs"] == [1, 10, 11, 16, 17]
    assert "source" not in public and "flags" not in public
    internal = viewer.get(f"/api/projects/{project.pk}/").json()
    assert internal["source"]["text"].startswith("Implemented by UN DESA")


def test_list_queries_do_not_grow_with_the_page(portfolio, anon, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert len(anon.get("/api/projects/?page_size=1").json()["results"]) == 1
    with django_assert_max_num_queries(12):
        assert len(anon.get("/api/projects/?page_size=100").json()["results"]) == 10


def test_list_budgets_say_which_lines_count_and_total_them_as_the_portal_does(budgeted, anon):
    monthly, total = budgeted
    assert budget_summary(monthly.budgets.all()) == "USD 220,000,000.62 (other)"
    assert budget_summary(total.budgets.all()) == "USD 1,308,543.25"
    rows = {p["id"]: p for p in anon.get("/api/projects/?page_size=100").json()["results"]}
    assert rows[monthly.pk]["budget_total"] == [{"currency": "USD", "amount": 220000000.62}]
    assert rows[total.pk]["budget_total"] == [{"currency": "USD", "amount": 1308543.25}]
    lines = rows[monthly.pk]["budgets"]
    assert [(line["period_start"], line["label"]) for line in lines if not line["counted"]] == [
        (f"2024-{m:02}-01", "") for m in range(1, 7)]  # the originals the revisions replace
    assert lines[0]["period_end"] == "2024-01-31" and lines[-1]["period_end"] == "2024-06-30"
    assert sum(Decimal(str(line["amount"])) for line in lines if line["counted"]) == Decimal("220000000.62")
    yearly = rows[total.pk]["budgets"]
    assert [(line["kind"], line["year"], line["counted"]) for line in yearly] == [
        ("total", None, True), ("yearly", 2024, False)]
    # Amounts are numbers as the detail writes them: 96000 an integer there and here, never 96000.0.
    detail = anon.get(f"/api/projects/{total.pk}/").json()["budgets"]
    assert [(type(line["amount"]), line["amount"]) for line in yearly] == [
        (type(line["amount"]), line["amount"]) for line in detail] == [(float, 1308543.25), (int, 96000)]


def test_the_schema_describes_the_list_budgets(anon):
    schemas = anon.get("/api/schema/?format=json").json()["components"]["schemas"]
    assert set(schemas["BudgetLine"]["properties"]) >= {"year", "period_start", "period_end", "counted"}
    assert schemas["ProjectList"]["properties"]["budget_total"]["items"] == {"$ref": "#/components/schemas/BudgetTotal"}


def test_schema_and_docs_are_served_locally(anon):
    schema = anon.get("/api/schema/?format=json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.") and "/api/projects/" in spec["paths"]
    docs = anon.get("/api/docs/")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "swagger-ui" in body and "cdn" not in body.lower() and "//unpkg" not in body
    assert "<script>" not in body and "<style>" not in body  # the CSP allows neither inline
    script = anon.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


NEW = {"title": "Digital skills for public servants", "lead_unit": "PACB", "start": "2025-01", "end": "2026-12",
       "countries": ["KEN"], "budgets": [{"amount": 120000, "currency": "USD"}],
       "outcomes": [{"text": "By 2026, trained officials apply digital tools.", "target_year": 2026}]}


def test_anonymous_users_cannot_write(portfolio, anon):
    assert anon.post("/api/projects/", NEW, format="json").status_code in (401, 403)
    assert Project.objects.count() == 10


def test_an_editor_creates_a_project_of_their_unit_in_review(portfolio, pacb_editor, anon):
    response = pacb_editor.post("/api/projects/", NEW, format="json")
    assert response.status_code == 201, response.content
    project = Project.objects.get(pk=response.json()["id"])
    assert project.review_state == ReviewState.IN_REVIEW and project.lead_unit.code == "PACB"
    assert project.outcomes.get().target_year == 2026
    assert anon.get(f"/api/projects/{project.pk}/").status_code == 404


def test_post_creates_and_never_writes_over_a_project_already_there(portfolio, pacb_editor):
    """An editor once took over another unit's published project by posting its identifier."""
    from capdev.iati.conf import reporting_org

    dmb = Project.objects.filter(lead_unit__code="DMB").order_by("pk").first()
    before = (dmb.title, dmb.lead_unit_id, dmb.summary, dmb.activities.count())
    minted = f"{reporting_org()['ref']}-capdev-{dmb.pk}"  # the identifier Capdev publishes it under
    dmb.code = "DMB/09/002"
    dmb.save()
    before = (dmb.title, dmb.lead_unit_id, dmb.summary, dmb.activities.count())
    for taken in ({"iati_identifier": minted}, {"code": dmb.code}):
        response = pacb_editor.post("/api/projects/", {**NEW, "title": "Taken over", **taken}, format="json")
        assert response.status_code == 400, response.content
        assert f"/api/projects/{dmb.pk}/" in response.content.decode()
    dmb.refresh_from_db()
    assert (dmb.title, dmb.lead_unit_id, dmb.summary, dmb.activities.count()) == before
    assert Project.objects.count() == 10


def test_api_records_carry_no_importer_flags_and_create_no_funding_source(portfolio, pacb_editor):
    from capdev.organisations.models import FundingSource

    sources = FundingSource.objects.count()
    response = pacb_editor.post("/api/projects/", {**NEW, "funding_source": "NOPE"}, format="json")
    assert response.status_code == 400 and "funding_source" in response.json()
    assert FundingSource.objects.count() == sources
    forged = {**NEW, "flags": [{"field": "title", "reason": "forged flag"}]}
    response = pacb_editor.post("/api/projects/", forged, format="json")
    assert response.status_code == 201, response.content
    assert not Project.objects.get(pk=response.json()["id"]).review_flags.exists()


@pytest.mark.parametrize("change", [
    {"outcomes": [{"text": "o", "indicators": [{"title": "i", "values": [
        {"period_start": "2024-06-30", "period_end": "2024-01-01", "actual": 3}]}]}]},
    {"outcomes": [{"text": "o", "indicators": [{"title": "i", "values": [
        {"period_start": "2024-01-01", "period_end": "2024-06-30", "actual": "lots"}]}]}]},
], ids=["reversed-period", "not-a-number"])
def test_what_the_database_refuses_is_a_400_and_writes_nothing(portfolio, pacb_editor, change):
    response = pacb_editor.post("/api/projects/", {**NEW, **change}, format="json")
    assert response.status_code == 400, response.content
    assert Project.objects.count() == 10


def test_a_patch_to_a_code_another_project_holds_is_a_field_error(portfolio, pacb_editor):
    pacb = Project.objects.filter(lead_unit__code="PACB").order_by("pk").first()
    pacb.review_state = ReviewState.IN_REVIEW
    pacb.save()
    other = Project.objects.exclude(pk=pacb.pk).first()
    other.code = "ZAI/08/001"
    other.save()
    url = f"/api/projects/{pacb.pk}/"
    response = pacb_editor.patch(url, {"code": other.code}, format="json", **if_match(pacb_editor, url))
    assert response.status_code == 400 and "code" in response.json()
    pacb.refresh_from_db()
    assert pacb.code != other.code


def test_an_editor_of_pacb_gets_403_for_another_unit(portfolio, pacb_editor):
    assert pacb_editor.post("/api/projects/", {**NEW, "lead_unit": "DMB"}, format="json").status_code == 403
    dmb = Project.objects.filter(lead_unit__code="DMB").first()
    dmb.review_state = ReviewState.IN_REVIEW
    dmb.save()
    assert pacb_editor.patch(f"/api/projects/{dmb.pk}/", {"title": "Hijacked"}, format="json").status_code == 403
    dmb.refresh_from_db()
    assert dmb.title != "Hijacked"


def test_an_editor_patches_their_project_in_review(portfolio, pacb_editor):
    pacb = Project.objects.filter(lead_unit__code="PACB").first()
    pacb.review_state = ReviewState.IN_REVIEW
    pacb.save()
    before = list(pacb.expected_accomplishments.values_list("text", flat=True))
    url = f"/api/projects/{pacb.pk}/"
    response = pacb_editor.patch(url, {"title": "A clearer title"}, format="json", **if_match(pacb_editor, url))
    assert response.status_code == 200, response.content
    pacb.refresh_from_db()
    assert pacb.title == "A clearer title"
    assert list(pacb.expected_accomplishments.values_list("text", flat=True)) == before


@pytest.mark.parametrize("body, field", [
    ({**NEW, "start": "2026-12", "end": "2025-01"}, "end"),
    ({**NEW, "budgets": [{"amount": -5, "currency": "USD"}]}, "budgets"),
    ({**NEW, "countries": ["Kenya"]}, "countries"),
    ({**NEW, "sdgs": [18]}, "sdgs"),
    ({**NEW, "title": ""}, "title"),
])
def test_bad_data_is_refused_with_the_field_and_writes_nothing(portfolio, pacb_editor, body, field):
    response = pacb_editor.post("/api/projects/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Project.objects.count() == 10


@pytest.fixture
def reviewer(django_user_model):
    return token_client(django_user_model, "reviewer", "reviewer")


def test_an_editor_logs_an_activity_on_their_units_project_only(portfolio, pacb_editor):
    pacb = Project.objects.filter(lead_unit__code="PACB").first()
    pacb.review_state = ReviewState.IN_REVIEW  # a published one changes through its working copy (next test)
    pacb.save()
    dmb = Project.objects.filter(lead_unit__code="DMB").first()
    row = {"type": "workshop", "title": "Validation workshop", "start": "2025-05-12", "country": "DJI",
           "participants": 35, "participants_profile": "magistrates"}
    response = pacb_editor.post("/api/activities/", {**row, "project": pacb.pk}, format="json")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.start.iso() == "2025-05-12" and activity.participants == 35
    assert pacb_editor.post("/api/activities/", {**row, "project": dmb.pk}, format="json").status_code == 403


def test_a_published_projects_activities_change_only_through_a_review(portfolio, pacb_editor, reviewer, anon):
    """What the public sees changes when a reviewer publishes: an editor's writes on it are refused."""
    project = Project.objects.filter(lead_unit__code="PACB", review_state=ReviewState.PUBLISHED).first()
    activity = Activity.objects.create(project=project, type="workshop", title="Published workshop")
    row = {"project": project.pk, "type": "workshop", "title": "Straight onto the public page"}
    refused = pacb_editor.post("/api/activities/", row, format="json")
    assert refused.status_code == 403 and "working copy" in refused.json()["detail"]
    assert pacb_editor.patch(f"/api/activities/{activity.pk}/", {"title": "Changed"}, format="json").status_code == 403
    assert pacb_editor.delete(f"/api/activities/{activity.pk}/").status_code == 403
    draft = Project.objects.create(title="PACB draft", lead_unit=project.lead_unit)
    moved = pacb_editor.patch(f"/api/activities/{activity.pk}/", {"project": draft.pk}, format="json")
    assert moved.status_code == 403  # nor moved off it to a draft
    activity.refresh_from_db()
    assert (activity.title, activity.project_id) == ("Published workshop", project.pk)
    assert not Activity.objects.filter(title=row["title"]).exists()
    # Reviewers publish, so they may change it in place.
    assert reviewer.post("/api/activities/", row, format="json").status_code == 201
    url = f"/api/activities/{activity.pk}/"
    assert reviewer.patch(url, {"title": "Corrected"}, format="json", **if_match(reviewer, url)).status_code == 200
    assert "Corrected" in anon.get(f"/api/activities/{activity.pk}/").content.decode()


def test_api_lists_export_csv_and_xlsx_of_the_same_filtered_rows(portfolio, anon, viewer, in_review):
    import csv
    import io

    from openpyxl import load_workbook

    response = anon.get("/api/projects/?format=csv&country=LCA&country=DJI")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2
    public = b"".join(anon.get("/api/projects/?format=csv").streaming_content).decode("utf-8")
    assert in_review.title not in public
    staff = b"".join(viewer.get("/api/projects/?format=csv").streaming_content).decode("utf-8")
    assert in_review.title in staff  # the token's user is the one who may see it
    book = load_workbook(io.BytesIO(b"".join(anon.get("/api/projects/?format=xlsx").streaming_content)))
    assert book.sheetnames[0] == "projects" and book["projects"].max_row == 1 + 9


def test_the_list_pages_on_the_in_memory_index_exactly_as_in_sql(synthetic, anon, viewer, settings, monkeypatch):
    """Counts, pages, order and links are the same whether the index or SQL answers, for the public (drafts
    left out) and for staff; the index answers whenever it is on."""
    from capdev.projects.listing import ProjectList

    answered = []
    real = ProjectList.results
    monkeypatch.setattr(ProjectList, "results",
                        lambda *args: (lambda results: answered.append(results is not None) or results)(real(*args)))
    requests = [{}, {"country": "KEN"}, {"q": "government", "sdg": "16"}, {"sort": "budget", "page": 2, "page_size": 7},
                {"q": "digital", "sort": "relevance", "page": 2, "page_size": 5}, {"sort": "title", "page_size": 500},
                {"q": "zzzunknownword"}]
    for client in (anon, viewer):
        for params in requests:
            settings.CAPDEV_FACET_INDEX = True
            on_index = client.get("/api/projects/", params)
            settings.CAPDEV_FACET_INDEX = False
            in_sql = client.get("/api/projects/", params)
            assert on_index.status_code == in_sql.status_code == 200, params
            assert on_index.json() == in_sql.json(), params
    assert answered == [True, False] * len(requests) * 2
    public, staff = (client.get("/api/projects/").json()["count"] for client in (anon, viewer))
    assert staff - public == len(synthetic) > 0  # the drafts: staff only


def test_an_invalid_parameter_is_refused_before_the_index_answers(portfolio, anon, settings):
    settings.CAPDEV_FACET_INDEX = True
    response = anon.get("/api/projects/", {"sort": "sideways"})
    assert response.status_code == 400 and "sort" in response.json()


def test_the_activity_list_is_counted_on_the_in_memory_index_exactly_as_in_sql(synthetic, anon, viewer, settings,
                                                                              monkeypatch):
    """Counts (checked against SQL on every call by the index_check fixture), pages and links are the same whether
    the index or SQL counts, for random filters of every kind, valid or not, public and staff."""
    import random

    from capdev.activities import indexed
    from capdev.activities.api import views as activity_views

    counted = []
    real = indexed.activity_count
    monkeypatch.setattr(activity_views, "activity_count", lambda fs: (lambda n: counted.append(n) or n)(real(fs)))
    pks = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    rng = random.Random(29)
    choices = {
        "project": lambda: [str(pk) for pk in rng.sample(pks, 3)] + rng.choice([[], ["x"], ["999999"]]),
        "type": lambda: rng.sample(["workshop", "webinar", "advisory_mission", "conference", "bogus"],
                                   rng.randint(1, 2)),
        "country": lambda: rng.sample(["KEN", "eth", "NPL", "BGD", "XXX"], rng.randint(1, 2)),
        "year": lambda: rng.sample(["2015", "2019", "2024", "0", "abc"], rng.randint(1, 2)),
        "online": lambda: rng.choice(["true", "false"]),
        "page": lambda: str(rng.randint(1, 3)),
    }
    nonzero = 0
    for round_ in range(30):
        params = {name: choices[name]() for name in rng.sample(sorted(choices), rng.randint(0, 3))}
        client = anon if round_ % 2 else viewer
        settings.CAPDEV_FACET_INDEX = True
        on_index = client.get("/api/activities/", params)
        settings.CAPDEV_FACET_INDEX = False
        in_sql = client.get("/api/activities/", params)
        assert on_index.status_code == in_sql.status_code, params
        if in_sql.status_code == 200:
            assert on_index.json() == in_sql.json(), params
            nonzero += in_sql.json()["count"] > 0
    assert nonzero > 10 and None not in counted[::2]  # the index counted every request it was on for
    assert all(n is None for n in counted[1::2])


def test_the_activity_count_follows_a_new_activity_and_leaves_a_stale_index_to_sql(synthetic, reviewer, anon,
                                                                                   settings, monkeypatch):
    from capdev.activities import indexed
    from capdev.activities.filtersets import ActivityFilterSet

    settings.CAPDEV_FACET_INDEX = True
    before = anon.get("/api/activities/", {"type": "webinar"}).json()["count"]
    project = Project.objects.filter(lead_unit__code="PACB", review_state=ReviewState.PUBLISHED).first()
    assert reviewer.post("/api/activities/", {"project": project.pk, "type": "webinar", "title": "Counted webinar"},
                            format="json").status_code == 201
    assert anon.get("/api/activities/", {"type": "webinar"}).json()["count"] == before + 1
    filterset = ActivityFilterSet({"type": ["webinar"]}, request=None)
    assert filterset.is_valid() and indexed.activity_count(filterset) == before + 1
    monkeypatch.setattr(indexed, "is_current", lambda index, using: False)  # kept while a whole rebuild runs
    assert indexed.activity_count(filterset) is None


def test_the_online_filter_takes_1_and_0_as_true_and_false(portfolio, anon):
    counts = {value: anon.get("/api/activities/", {"online": value}).json()["count"]
              for value in ("true", "1", "false", "0")}
    everything = anon.get("/api/activities/").json()["count"]
    assert counts["1"] == counts["true"] and counts["0"] == counts["false"]
    assert counts["true"] + counts["false"] == everything and 0 < counts["true"] < everything
