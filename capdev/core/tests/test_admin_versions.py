"""The admin's change forms carry the version they showed: a save made after someone else's is refused."""
import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from capdev.editor.tests.helpers import form_values
from capdev.projects.models import Budget, Project, ReviewState


def admin_form(response) -> dict[str, str]:
    """What a browser submits from an admin change page (its form has no action: it posts to itself)."""
    doc = lxml.html.fromstring(response.content.decode())
    form = next(f for f in doc.forms if (f.get("id") or "").endswith("_form"))
    return dict(form.form_values())


@pytest.fixture
def admins(db, django_user_model):
    clients = []
    for name in ("ana", "ben"):
        client = Client()
        client.force_login(django_user_model.objects.create_superuser(name, f"{name}@example.org", "a passphrase 123"))
        clients.append(client)
    return clients


@pytest.fixture
def project(db):
    return Project.objects.create(title="Digital government strategy", summary="The first summary",
                                  review_state=ReviewState.IN_REVIEW)


def test_an_admin_save_made_after_someone_elses_is_refused_with_who(admins, project):
    ana, ben = admins
    url = reverse("admin:projects_project_change", args=[project.pk])
    seen_by_ana, seen_by_ben = admin_form(ana.get(url)), admin_form(ben.get(url))
    assert seen_by_ana["seen"]
    assert ana.post(url, {**seen_by_ana, "summary": "Ana's summary"}).status_code == 302
    refused = ben.post(url, {**seen_by_ben, "title": "Ben's title"})
    assert refused.status_code == 200
    assert "ana saved this project at" in refused.content.decode()
    project.refresh_from_db()
    assert (project.title, project.summary) == ("Digital government strategy", "Ana's summary")
    # Reloaded, Ben's save goes through and keeps Ana's summary.
    assert ben.post(url, {**admin_form(ben.get(url)), "title": "Ben's title"}).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.summary) == ("Ben's title", "Ana's summary")


def test_an_admin_save_without_the_version_is_refused(admins, project):
    ana, _ben = admins
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = {k: v for k, v in admin_form(ana.get(url)).items() if k != "seen"}
    response = ana.post(url, {**data, "title": "Saved blind"})
    assert response.status_code == 200 and "did not send which version" in response.content.decode()
    assert Project.objects.get(pk=project.pk).title == "Digital government strategy"


def test_a_row_saved_in_its_own_admin_page_makes_the_projects_pages_stale(admins, project):
    """A budget line changed on its admin page moves its project's version: the editor's page opened before
    cannot write the line back."""
    from capdev.reference.models import Currency

    Currency.objects.get_or_create(code="USD", defaults={"name": "US Dollar"})
    line = Budget.objects.create(project=project, kind=Budget.Kind.TOTAL, amount=1000, currency_id="USD")
    ana, ben = admins
    edit_url = reverse("editor:edit", args=[project.pk])
    opened = form_values(ben.get(edit_url), edit_url)
    line_url = reverse("admin:projects_budget_change", args=[line.pk])
    assert ana.post(line_url, {**admin_form(ana.get(line_url)), "amount": "2000"}).status_code == 302
    response = ben.post(edit_url, {**opened, "action": "save"})
    assert "ana saved this project" in response.content.decode()
    line.refresh_from_db()
    assert line.amount == 2000


@pytest.mark.slow
def test_two_simultaneous_admin_saves_write_one(live_capdev, django_user_model):
    project = Project.objects.create(title="Digital government strategy", summary="The first summary",
                                     review_state=ReviewState.IN_REVIEW)
    users = [django_user_model.objects.create_superuser(n, f"{n}@example.org", "a passphrase 123")
             for n in ("ana", "ben")]
    ana, ben = (live_capdev.signed_in(user) for user in users)
    live_capdev.start()
    url = reverse("admin:projects_project_change", args=[project.pk])
    forms = []
    for browser in (ana, ben):
        doc = lxml.html.fromstring(browser.get(url).text)
        forms.append(dict(next(f for f in doc.forms if f.get("id") == "project_form").form_values()))
    forms[0]["summary"], forms[1]["title"] = "Ana's summary", "Ben's title"
    replies = live_capdev.race("projects_project", project.pk,
                               lambda: ana.post(url, forms[0]), lambda: ben.post(url, forms[1]))
    statuses = [r.status for r in replies]
    assert sorted(statuses) == [200, 302], f"both saves were answered {statuses}: {live_capdev.log()}"
    winner = statuses.index(302)
    assert f"{['ana', 'ben'][winner]} saved this project" in replies[1 - winner].text
    title = live_capdev.value("SELECT title FROM projects_project WHERE id = %s", (project.pk,))
    summary = live_capdev.value("SELECT summary FROM projects_project WHERE id = %s", (project.pk,))
    assert (title, summary) == [("Digital government strategy", "Ana's summary"),
                                ("Ben's title", "The first summary")][winner]


def test_the_version_is_hidden_on_a_form_and_absent_from_a_read_only_page(admins, project, django_user_model):
    from capdev.accounts.roles import VIEWER, assign_role

    url = reverse("admin:projects_project_change", args=[project.pk])
    doc = lxml.html.fromstring(admins[0].get(url).content.decode())
    assert [i.get("type") for i in doc.xpath("//input[@name='seen']")] == ["hidden"]
    # A bare input: in a fieldset row, the admin gave it a "Seen:" label, a word about nothing anyone reads.
    first = project.history.order_by("history_date").first()
    for page in (url, reverse("admin:projects_project_add"),
                 reverse("admin:projects_project_simple_history", args=[project.pk, first.history_id])):
        doc = lxml.html.fromstring(admins[0].get(page).content.decode())
        assert len(doc.xpath("//input[@name='seen'][@type='hidden']")) == 1, page
        assert not doc.xpath("//label[@for='id_seen']") and not doc.xpath("//*[contains(@class, 'field-seen')]"), page
    viewer = django_user_model.objects.create_user("viewer", password="a passphrase 123")
    assign_role(viewer, VIEWER)
    client = Client()
    client.force_login(viewer)
    page = client.get(url)
    assert page.status_code == 200
    assert "seen" not in admin_form(page) and ">Seen" not in page.content.decode()


def test_the_historys_revert_form_checks_the_version_too(admins, project):
    ana, ben = admins
    project.title = "A second title"
    project.save()
    first = project.history.order_by("history_date").first()
    url = reverse("admin:projects_project_simple_history", args=[project.pk, first.history_id])
    opened_by_ana, opened_by_ben = admin_form(ana.get(url)), admin_form(ben.get(url))
    assert ana.post(url, opened_by_ana).status_code == 302  # reverted
    assert Project.objects.get(pk=project.pk).title == "Digital government strategy"
    refused = ben.post(url, {**opened_by_ben, "summary": "Ben's summary"})
    assert refused.status_code == 200 and "ana saved this project" in refused.content.decode()
    assert Project.objects.get(pk=project.pk).summary == "The first summary"
