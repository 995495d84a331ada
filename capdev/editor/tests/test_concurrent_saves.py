"""Two people save one project at the same moment: one save goes through, the other is refused with who saved.

The saves are real requests to a server in its own process, sent while a third connection holds the project's
row, so that both have passed everything before the database when it is let go (capdev.core.tests.live).
"""
import pytest
from django.urls import reverse

from capdev.projects.models import Outcome, Project, ReviewState

pytestmark = pytest.mark.slow


@pytest.fixture
def two_editors(django_user_model):
    return [django_user_model.objects.create_superuser(name, f"{name}@example.org", "a long passphrase 123")
            for name in ("ana", "ben")]


def _project() -> Project:
    return Project.objects.create(title="Digital government strategy", summary="The first summary",
                                  review_state=ReviewState.IN_REVIEW)


def _one_saved_one_refused(replies, names):
    """The index of the save that went through; the other was refused naming who saved."""
    statuses = [r.status for r in replies]
    assert sorted(statuses) == [200, 302], f"both saves were answered {statuses}: one was written over the other"
    winner = statuses.index(302)
    assert f"{names[winner]} saved this project" in replies[1 - winner].text
    return winner


def test_two_simultaneous_saves_of_the_edit_page_do_not_undo_each_other(live_capdev, two_editors):
    project = _project()
    url = reverse("editor:edit", args=[project.pk])
    ana, ben = (live_capdev.signed_in(user) for user in two_editors)
    live_capdev.start()
    forms = [ana.get(url).form(url), ben.get(url).form(url)]
    forms[0].update({"project-summary": "Ana's summary", "action": "save"})
    forms[1].update({"project-title": "Ben's title", "action": "save"})
    replies = live_capdev.race("projects_project", project.pk,
                               lambda: ana.post(url, forms[0]), lambda: ben.post(url, forms[1]))
    winner = _one_saved_one_refused(replies, ["ana", "ben"])
    title = live_capdev.value("SELECT title FROM projects_project WHERE id = %s", (project.pk,))
    summary = live_capdev.value("SELECT summary FROM projects_project WHERE id = %s", (project.pk,))
    # What the winner saved stays, and nothing of the refused save was written.
    assert (title, summary) == [("Digital government strategy", "Ana's summary"),
                                ("Ben's title", "The first summary")][winner]


def test_two_simultaneous_saves_of_the_indicators_page_do_not_undo_each_other(live_capdev, two_editors):
    project = _project()
    outcome = Outcome.objects.create(project=project, number=1, text="Better services")
    outcome.indicators.create(title="Services online")
    url = reverse("editor:indicators", args=[project.pk, outcome.pk])
    ana, ben = (live_capdev.signed_in(user) for user in two_editors)
    live_capdev.start()
    forms = [ana.get(url).form(url), ben.get(url).form(url)]
    forms[0]["indicators-0-title"] = "Services online, counted by Ana"
    forms[1]["indicators-0-baseline_value"] = "12"
    replies = live_capdev.race("projects_project", project.pk,
                               lambda: ana.post(url, forms[0]), lambda: ben.post(url, forms[1]))
    winner = _one_saved_one_refused(replies, ["ana", "ben"])
    title = live_capdev.value("SELECT title FROM projects_indicator WHERE outcome_id = %s", (outcome.pk,))
    baseline = live_capdev.value("SELECT baseline_value FROM projects_indicator WHERE outcome_id = %s",
                                 (outcome.pk,))
    assert (title, baseline is None) == [("Services online, counted by Ana", True),
                                         ("Services online", False)][winner]


def test_two_activities_logged_at_once_are_both_kept_and_found(live_capdev, two_editors):
    """Appending asks for no version: both go through, one after the other, and the search finds both."""
    project = _project()
    url = reverse("editor:log_activity", args=[project.pk])
    ana, ben = (live_capdev.signed_in(user) for user in two_editors)
    live_capdev.start()
    forms = [ana.get(url).form(url), ben.get(url).form(url)]
    for form, title in zip(forms, ("Ana's workshop", "Ben's webinar")):
        form.update({"log-type": "workshop", "log-title": title, "log-start": "2025-03"})
    replies = live_capdev.race("projects_project", project.pk,
                               lambda: ana.post(url, forms[0]), lambda: ben.post(url, forms[1]))
    assert [r.status for r in replies] == [302, 302], live_capdev.log()
    assert live_capdev.value("SELECT count(*) FROM activities_activity WHERE project_id = %s", (project.pk,)) == 2
    # Each save's search document was written after the other's (neither failed on the other's row).
    document = live_capdev.value("SELECT context FROM projects_projectsearchdocument WHERE project_id = %s",
                                 (project.pk,))
    assert "Ana's workshop" in document and "Ben's webinar" in document
