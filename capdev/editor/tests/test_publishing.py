"""Publishing's checks: flags that block and flags that do not, the IATI check and a reviewer's override, the
version the reviewer saw (publishing and revert), and working copies in the review queue with their changes."""
import datetime as dt

import lxml.html
from django.urls import reverse

from capdev.core import versions
from capdev.editor import workflow
from capdev.projects.models import Project, PublishOverride, ReviewFlag, ReviewState

from .helpers import form_values, publish, revert


def in_review(**fields) -> Project:
    return Project.objects.create(title="E-government readiness assessment", review_state=ReviewState.IN_REVIEW,
                                  **fields)


def test_iati_errors_block_publishing_unless_a_reviewer_gives_a_reason(staff, client):
    project = in_review()  # no date at all: IATI requires one (rule 6.11.1); the file would leave it out
    client.force_login(staff["reviewer"])
    url = reverse("editor:publish", args=[project.pk])
    page = client.get(url).content.decode()
    assert "6.11.1" in page and "Publish over the errors" in page
    refused = publish(client, project)
    assert refused.status_code == 400 and "6.11.1" in refused.content.decode()
    project.refresh_from_db()
    assert project.review_state == ReviewState.IN_REVIEW and not PublishOverride.objects.exists()
    response = publish(client, project, **{"publish-reason": "The dates come with the signed agreement next week."})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.review_state == ReviewState.PUBLISHED
    override = PublishOverride.objects.get()
    assert (override.project, override.user, override.published_at) == (project, staff["reviewer"],
                                                                        project.published_at)
    assert override.reason.startswith("The dates come") and [e["rule"] for e in override.errors] == ["6.11.1"]
    # Shown in the history, at the version that published, and on the project page, to staff only.
    history = client.get(reverse("editor:history", args=[project.pk])).content.decode()
    assert "Published over the IATI check" in history and "signed agreement next week" in history
    staff_page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Published over the IATI check" in staff_page and "signed agreement next week" in staff_page
    client.logout()
    public = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "signed agreement" not in public


def test_a_reason_too_long_is_refused_beside_its_field(staff, client):
    project = in_review()
    client.force_login(staff["reviewer"])
    response = publish(client, project, **{"publish-reason": "x" * (workflow.OVERRIDE_REASON_MAX + 1)})
    assert response.status_code == 400 and not PublishOverride.objects.exists()
    assert Project.objects.get(pk=project.pk).review_state == ReviewState.IN_REVIEW


def test_warnings_do_not_block_publishing_errors_and_the_parsers_doubts_do(staff, client):
    project = in_review(start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31))
    warning = ReviewFlag.objects.create(project=project, field="iati-identifier", reason="does not start with the "
                                        "reporting organisation's identifier", origin="iati", rule="1.14.8",
                                        severity=ReviewFlag.Severity.WARNING)
    ReviewFlag.objects.create(project=project, field="activity-status", reason="a code corrected", origin="iati",
                              rule="normalised", severity=ReviewFlag.Severity.INFO)
    error = ReviewFlag.objects.create(project=project, field="recipient-country/@code", reason="TA is no country",
                                      origin="iati", rule="codelist", severity=ReviewFlag.Severity.ERROR)
    doubt = ReviewFlag.objects.create(project=project, field="budget", reason="two budgets in the text")
    assert set(workflow.blocking_flags(project)) == {error, doubt}
    client.force_login(staff["reviewer"])
    queue = client.get(reverse("editor:review")).content.decode()
    assert "2 flags block publishing" in queue
    workflow.resolve_flag(error, staff["reviewer"], ReviewFlag.State.CORRECTED)
    workflow.resolve_flag(doubt, staff["reviewer"], ReviewFlag.State.ACCEPTED)
    assert publish(client, project).status_code == 302  # the warning and the correction stay open
    warning.refresh_from_db()
    assert warning.state == ReviewFlag.State.OPEN
    assert Project.objects.get(pk=project.pk).review_state == ReviewState.PUBLISHED


def test_publishing_a_working_copy_saved_after_the_reviewer_opened_it_is_refused(staff, pacb_project, client):
    """The reviewer read the copy's changes, then an editor saved more: publishing would have published what
    nobody reviewed (it asked for no version)."""
    for flag in workflow.open_flags(pacb_project):
        workflow.resolve_flag(flag, staff["reviewer"], ReviewFlag.State.ACCEPTED)
    copy = workflow.start_working_copy(pacb_project, staff["pacb"])
    copy.title = "Reviewed title"
    copy.save()
    client.force_login(staff["reviewer"])
    url = reverse("editor:publish", args=[copy.pk])
    opened = form_values(client.get(url), url)
    copy.title = "Changed after the review"
    copy._history_user = staff["pacb"]
    copy.save()
    refused = client.post(url, opened)
    assert refused.status_code == 400
    assert "ed-pacb saved this project" in refused.content.decode()
    pacb_project.refresh_from_db()
    assert pacb_project.title != "Changed after the review" and Project.objects.filter(pk=copy.pk).exists()
    # Read again, it publishes.
    assert publish(client, copy).status_code == 302
    pacb_project.refresh_from_db()
    assert pacb_project.title == "Changed after the review"


def test_a_revert_over_a_save_made_after_the_history_was_opened_is_refused(staff, client):
    project = Project.objects.create(title="First title", review_state=ReviewState.IN_REVIEW)
    project.title = "Second title"
    project._history_user = staff["reviewer"]
    project.save()
    client.force_login(staff["reviewer"])
    page = client.get(reverse("editor:history", args=[project.pk]))
    url = reverse("editor:revert", args=[project.pk, 1])
    opened = form_values(page, url)
    project.title = "Third title, saved meanwhile"
    project.save()
    response = client.post(url, opened, follow=True)
    assert "saved this project" in response.content.decode() and "nothing was restored" in response.content.decode()
    assert Project.objects.get(pk=project.pk).title == "Third title, saved meanwhile"
    assert client.post(url, {}, follow=True).status_code == 200  # no version sent: refused the same way
    assert Project.objects.get(pk=project.pk).title == "Third title, saved meanwhile"
    assert revert(client, project, 1).status_code == 302  # from the page as it is now
    assert Project.objects.get(pk=project.pk).title == "First title"


def test_a_revert_of_a_published_project_checks_its_working_copy_too(staff, dmb_project, client):
    title = dmb_project.title
    dmb_project.title = "Second title"
    dmb_project._history_user = staff["reviewer"]
    dmb_project.save()
    client.force_login(staff["reviewer"])
    url = reverse("editor:revert", args=[dmb_project.pk, 1])
    opened = form_values(client.get(reverse("editor:history", args=[dmb_project.pk])), url)
    assert opened["seen_copy"] == workflow.NO_COPY
    copy = workflow.start_working_copy(dmb_project, staff["dmb"])  # someone started editing meanwhile
    copy.summary = "Their summary"
    copy.save()
    client.post(url, opened)
    copy.refresh_from_db()
    assert copy.summary == "Their summary" and copy.title == "Second title"
    assert revert(client, dmb_project, 1).status_code == 302
    copy.refresh_from_db()
    assert copy.title == title


def test_a_working_copy_with_an_open_flag_is_in_the_review_queue_with_its_changes(staff, pacb_project, client):
    """Its edit page sent the reviewer to the queue, where only the original was listed (among the published
    projects with open flags); and the queue never showed what the copy changes."""
    assert workflow.open_flags(pacb_project).exists()
    copy = workflow.start_working_copy(pacb_project, staff["pacb"])  # a draft, not yet sent for review
    copy.title = "A clearer title"
    copy.save()
    client.force_login(staff["reviewer"])
    edit = client.get(reverse("editor:edit", args=[copy.pk])).content.decode()
    assert f'href="/review/#review-{copy.pk}"' in edit
    page = client.get(reverse("editor:review")).content.decode()
    doc = lxml.html.fromstring(page)
    item = doc.get_element_by_id(f"review-{copy.pk}")
    text = item.text_content()
    flag = workflow.open_flags(pacb_project).first()
    assert flag.reason[:40] in text  # the original's flag, reachable from the copy
    changes = item.xpath(".//*[contains(@class, 'copy-changes')]")[0].text_content()
    assert "A clearer title" in changes and pacb_project.title[:30] in changes
    original = doc.xpath("//article[contains(@class, 'published-flagged')]"
                         f"[.//a[@href='/projects/{pacb_project.pk}/']]")[0]
    assert f"#review-{copy.pk}" in lxml.html.tostring(original).decode()


def test_the_queues_publish_button_sends_the_version_it_shows(staff, client):
    project = in_review(start_date=dt.date(2024, 1, 1))
    client.force_login(staff["reviewer"])
    page = client.get(reverse("editor:review"))
    url = reverse("editor:publish", args=[project.pk])
    values = form_values(page, url)
    assert values["publish-seen"] == versions.token(project)
    assert client.post(url, values).status_code == 302
    assert Project.objects.get(pk=project.pk).review_state == ReviewState.PUBLISHED
