"""The editor's forms: permission by unit, creating and editing with formsets, errors beside the field."""
import pytest
from django.urls import reverse

from capdev.activities.models import Activity
from capdev.projects.models import Budget, Project, ProjectCountry, ReviewState

from .helpers import error_beside, form_values


def test_an_editor_of_pacb_gets_403_editing_a_dmb_project(staff, dmb_project, client):
    client.force_login(staff["pacb"])
    url = reverse("editor:edit", args=[dmb_project.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"start_copy": "1"}).status_code == 403
    assert client.post(reverse("editor:log_activity", args=[dmb_project.pk]),
                       {"log-type": "workshop"}).status_code == 403
    assert client.post(reverse("editor:revert", args=[dmb_project.pk, 1])).status_code == 403
    assert client.post(reverse("editor:publish", args=[dmb_project.pk])).status_code == 403
    assert not Project.objects.filter(draft_of=dmb_project).exists()


def test_the_editor_of_dmb_may_edit_it(staff, dmb_project, client):
    client.force_login(staff["dmb"])
    assert client.get(reverse("editor:edit", args=[dmb_project.pk])).status_code == 200


def test_anonymous_users_are_sent_to_sign_in_and_viewers_get_403(staff, dmb_project, client):
    url = reverse("editor:edit", args=[dmb_project.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(staff["viewer"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("editor:create")).status_code == 403
    assert client.get(reverse("editor:review")).status_code == 200  # viewers may look at the queue


def _create_payload(client):
    page = client.get(reverse("editor:create"))
    assert page.status_code == 200
    data = form_values(page, reverse("editor:create"))
    data.update({"project-title": "Digital skills for civil servants", "project-start": "2024-03",
                 "project-end": "2025", "action": "save"})
    return data


def test_an_editor_creates_a_draft_project_of_their_unit_with_rows(staff, client):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    assert data["project-lead_unit"]  # an editor's only choices are their units
    data.update({"country_links-TOTAL_FORMS": "1", "country_links-0-country": "Barbados [BRB]",
                 "country_links-0-percentage": "",
                 "budgets-TOTAL_FORMS": "1", "budgets-0-kind": "total", "budgets-0-amount": "125000",
                 "budgets-0-currency": "USD", "budgets-0-year": "", "budgets-0-label": "", "budgets-0-donor": ""})
    response = client.post(reverse("editor:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(title="Digital skills for civil servants")
    assert project.review_state == ReviewState.DRAFT and project.lead_unit.code == "PACB"
    assert (project.start_date.isoformat(), project.start_precision) == ("2024-03-01", "month")
    assert (project.end_date.isoformat(), project.end_precision) == ("2025-12-31", "year")
    assert list(project.country_links.values_list("country_id", flat=True)) == ["BRB"]
    assert Budget.objects.get(project=project).amount == 125000
    # The history records who made it.
    assert project.history.first().history_user == staff["pacb"]


def test_an_editor_cannot_create_a_project_for_another_unit(staff, client):
    from capdev.organisations.models import OrgUnit

    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data["project-lead_unit"] = str(OrgUnit.objects.get(code="DMB").pk)
    response = client.post(reverse("editor:create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in error_beside(response, "id_project-lead_unit")
    assert not Project.objects.filter(title="Digital skills for civil servants").exists()


def test_project_form_errors_show_beside_their_fields(staff, client):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data.update({"project-title": "", "project-start": "2010-13", "project-end": "2009"})
    response = client.post(reverse("editor:create"), data)
    assert response.status_code == 200
    assert "required" in error_beside(response, "id_project-title")
    assert "2010-02" in error_beside(response, "id_project-start")  # says which forms a date may take
    data["project-start"] = "2010"
    response = client.post(reverse("editor:create"), data)
    assert "before the start" in error_beside(response, "id_project-end")
    assert "problem" in response.content.decode()  # the summary at the top


def test_formset_row_errors_show_beside_their_fields(staff, client):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data.update({"country_links-TOTAL_FORMS": "1", "country_links-0-country": "Atlantis",
                 "country_links-0-percentage": "140"})
    response = client.post(reverse("editor:create"), data)
    assert "suggestions" in error_beside(response, "id_country_links-0-country")
    assert "100" in error_beside(response, "id_country_links-0-percentage")


def test_add_a_row_is_a_round_trip_that_saves_nothing(staff, client):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data["add"] = "partner_links"
    response = client.post(reverse("editor:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="partner_links-TOTAL_FORMS" value="1"' in page and 'id="id_partner_links-0-organisation"' in page
    assert 'list="dl-organisations"' in page  # the new row's autocomplete
    assert not Project.objects.filter(title="Digital skills for civil servants").exists()


def test_editing_an_unpublished_project_changes_it_in_place(staff, dmb_project, client):
    dmb_project.review_state = ReviewState.IN_REVIEW
    dmb_project.save()
    client.force_login(staff["dmb"])
    url = reverse("editor:edit", args=[dmb_project.pk])
    data = form_values(client.get(url), url)
    data.update({"project-title": "Retitled in review", "action": "save"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dmb_project.refresh_from_db()
    assert dmb_project.title == "Retitled in review" and dmb_project.review_state == ReviewState.IN_REVIEW
    assert not Project.objects.filter(draft_of=dmb_project).exists()


def test_rows_are_removed_and_reordered_as_shown(staff, big_project, client):
    client.force_login(staff["reviewer"])
    big_project.review_state = ReviewState.DRAFT
    big_project.save()
    url = reverse("editor:edit", args=[big_project.pk])
    data = form_values(client.get(url), url)
    before = list(big_project.country_links.values_list("country_id", flat=True))
    assert len(before) >= 2
    data["country_links-0-DELETE"] = "on"
    data["action"] = "submit"
    assert client.post(url, data).status_code == 302
    assert list(ProjectCountry.objects.filter(project=big_project).values_list("country_id", flat=True)) == before[1:]
    big_project.refresh_from_db()
    assert big_project.review_state == ReviewState.IN_REVIEW  # "Save and send for review"


def test_a_row_someone_removed_meanwhile_says_so_on_the_row(staff, big_project, client):
    """Two people on one page: the second save named a removed row's hidden id, and no message was shown."""
    client.force_login(staff["reviewer"])
    big_project.review_state = ReviewState.DRAFT
    big_project.save()
    url = reverse("editor:edit", args=[big_project.pk])
    data = form_values(client.get(url), url)
    big_project.country_links.order_by("country__name").first().delete()  # by the other person
    data["action"] = "save"
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    assert "This row no longer exists" in response.content.decode()


def test_lookup_suggests_countries_organisations_and_sdgs(staff, client):
    client.force_login(staff["pacb"])
    page = client.get(reverse("editor:lookup", args=["countries"]), {"country_links-0-country": "barb"})
    assert '<option value="Barbados [BRB]">' in page.content.decode()
    page = client.get(reverse("editor:lookup", args=["sdgs"]), {"q": "16"}).content.decode()
    assert "SDG 16" in page
    page = client.get(reverse("editor:lookup", args=["organisations"]), {"q": "DESA"}).content.decode()
    assert "<option" in page
    assert client.get(reverse("editor:lookup", args=["nothing"])).status_code == 404


def test_log_activity_form_errors_show_beside_the_field(staff, pacb_project, client):
    client.force_login(staff["pacb"])
    url = reverse("editor:log_activity", args=[pacb_project.pk])
    response = client.post(url, {"log-type": "workshop", "log-start": "March"})
    assert response.status_code == 400
    assert "2010-02" in error_beside(response, "id_log-start")
    assert not Activity.objects.filter(project__draft_of=pacb_project).exists()


def test_indicator_form_errors_show_beside_the_field(staff, big_project, client):
    client.force_login(staff["reviewer"])
    big_project.review_state = ReviewState.DRAFT
    big_project.save()
    outcome = big_project.outcomes.first()
    url = reverse("editor:indicators", args=[big_project.pk, outcome.pk])
    data = form_values(client.get(url), url)
    data["indicators-TOTAL_FORMS"] = str(int(data["indicators-TOTAL_FORMS"]) + 1)
    n = int(data["indicators-TOTAL_FORMS"]) - 1
    data.update({f"indicators-{n}-title": "", f"indicators-{n}-baseline_value": "lots"})
    response = client.post(url, data)
    assert "number" in error_beside(response, f"id_indicators-{n}-baseline_value")
    data[f"indicators-{n}-title"] = "Share of services online"
    data[f"indicators-{n}-baseline_value"] = "12.5"
    assert client.post(url, data).status_code == 302
    assert outcome.indicators.filter(title="Share of services online", baseline_value=12.5).exists()


def test_the_edit_page_reads_a_fixed_number_of_queries(staff, big_project, client, django_assert_max_num_queries):
    client.force_login(staff["reviewer"])
    big_project.review_state = ReviewState.DRAFT
    big_project.save()
    url = reverse("editor:edit", args=[big_project.pk])
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
    for i in range(30):
        Activity.objects.create(project=big_project, type="webinar", title=f"extra {i}", country_id="BRB")
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["editor:create", "editor:review"])
def test_staff_pages_render_with_csrf(staff, client, name):
    client.force_login(staff["reviewer"])
    page = client.get(reverse(name)).content.decode()
    if name == "editor:create":
        assert "csrfmiddlewaretoken" in page


@pytest.mark.parametrize("typed", ["2024-00", "2024-00-00", "2024-01-00", "2024-13", "2024-02-30", "next year"])
def test_an_impossible_date_is_refused_beside_its_field(staff, client, typed):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data["project-start"] = typed
    response = client.post(reverse("editor:create"), data)
    assert response.status_code == 200
    assert "2010-02" in error_beside(response, "id_project-start")
    assert not Project.objects.filter(title="Digital skills for civil servants").exists()


@pytest.mark.parametrize("typed", ["0001", "1899-12", "2101"])
def test_a_year_outside_1900_to_2100_is_refused_beside_its_field(staff, client, typed):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data.update({"project-start": typed, "project-end": ""})
    response = client.post(reverse("editor:create"), data)
    assert response.status_code == 200
    assert "1900 to 2100" in error_beside(response, "id_project-start")
    assert not Project.objects.filter(title="Digital skills for civil servants").exists()


@pytest.mark.parametrize("typed, saved", [("1900", ("1900-01-01", "year")), ("2100-12-31", ("2100-12-31", "day"))])
def test_the_first_and_last_years_are_accepted(staff, client, typed, saved):
    client.force_login(staff["pacb"])
    data = _create_payload(client)
    data.update({"project-start": typed, "project-end": ""})
    assert client.post(reverse("editor:create"), data).status_code == 302
    project = Project.objects.get(title="Digital skills for civil servants")
    assert (project.start_date.isoformat(), project.start_precision) == saved


def test_a_save_made_meanwhile_is_not_written_over(staff, dmb_project, client):
    """Two people on one project: the second save is refused with who saved, instead of undoing the first."""
    dmb_project.review_state = ReviewState.IN_REVIEW
    dmb_project.save()
    url = reverse("editor:edit", args=[dmb_project.pk])
    client.force_login(staff["reviewer"])
    theirs = form_values(client.get(url), url)  # the reviewer opens the page ...
    client.force_login(staff["dmb"])
    mine = form_values(client.get(url), url)
    mine.update({"project-summary": "The editor's new summary", "action": "save"})
    assert client.post(url, mine).status_code == 302  # ... the editor saves first ...
    client.force_login(staff["reviewer"])
    theirs.update({"project-title": "The reviewer's title", "action": "save"})
    response = client.post(url, theirs)  # ... and the reviewer's save would put the old summary back
    assert response.status_code in (200, 400)
    assert "ed-dmb saved this project" in response.content.decode()
    dmb_project.refresh_from_db()
    assert dmb_project.summary == "The editor's new summary" and dmb_project.title != "The reviewer's title"
    # Reloaded, the reviewer's save goes through.
    again = form_values(client.get(url), url)
    again.update({"project-title": "The reviewer's title", "action": "save"})
    assert client.post(url, again).status_code == 302
    dmb_project.refresh_from_db()
    assert (dmb_project.title, dmb_project.summary) == ("The reviewer's title", "The editor's new summary")


@pytest.mark.parametrize("seen", [None, "", "2026-01-01T00:00:00+00:00", "12345678901234567890123"])
def test_a_save_posted_without_the_version_is_refused(staff, dmb_project, client, seen):
    """The hidden version is what the check compares: a save without it (or with something else) is refused."""
    dmb_project.review_state = ReviewState.IN_REVIEW
    dmb_project.save()
    url = reverse("editor:edit", args=[dmb_project.pk])
    client.force_login(staff["dmb"])
    data = form_values(client.get(url), url)
    data.pop("project-seen")
    if seen is not None:
        data["project-seen"] = seen
    data.update({"project-title": "Saved blind", "action": "save"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "did not send which version" in response.content.decode()
    dmb_project.refresh_from_db()
    assert dmb_project.title != "Saved blind"


def test_the_indicator_pages_refuse_a_save_made_after_someone_elses(staff, big_project, client, django_user_model):
    """The indicators and their values are checked against the project's version as the page was opened."""
    from capdev.accounts.roles import REVIEWER, assign_role

    other = django_user_model.objects.create_user("second-reviewer", password="unused in tests 123")
    assign_role(other, REVIEWER)
    big_project.review_state = ReviewState.DRAFT
    big_project.save()
    outcome = big_project.outcomes.first()
    indicator = outcome.indicators.create(title="Services online")
    pages = [reverse("editor:indicators", args=[big_project.pk, outcome.pk]),
             reverse("editor:indicator_values", args=[big_project.pk, outcome.pk, indicator.pk])]
    client.force_login(staff["reviewer"])
    opened = [form_values(client.get(url), url) for url in pages]
    opened[0]["indicators-0-title"] = "Services online, counted again"
    # Someone else saves the project meanwhile.
    client.force_login(other)
    edit_url = reverse("editor:edit", args=[big_project.pk])
    edit = form_values(client.get(edit_url), edit_url)
    edit.update({"project-summary": "Their summary", "action": "save"})
    assert client.post(edit_url, edit).status_code == 302
    client.force_login(staff["reviewer"])
    for url, data in zip(pages, opened):
        response = client.post(url, data)
        assert response.status_code in (200, 400)
        assert "second-reviewer saved this project" in response.content.decode()
        without = {k: v for k, v in data.items() if k != "version-seen"}
        assert "did not send which version" in client.post(url, without).content.decode()
    indicator.refresh_from_db()
    assert indicator.title == "Services online"
