"""Working copies, review flags, publishing, activity logging, history and revert."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse

from capdev.activities.models import Activity, ActivityOrganiser, Resource
from capdev.core import versions
from capdev.editor import history, tree, workflow
from capdev.organisations.models import Organisation, OrgUnit
from capdev.projects import models as pm
from capdev.projects.models import Project, ReviewFlag, ReviewState

from .helpers import form_values, publish, revert


def content(state: dict) -> dict:
    """A state without ids: each kind of row as a sorted list of its content (nested rows under their parent's)."""
    out = {"project": {k: v for k, v in state["project"].items() if k not in tree.WORKFLOW_FIELDS}}
    labels: dict[str, dict[int, tuple]] = {}
    for node, parent in tree.walk():
        rows = []
        labels[node.name] = {}
        for pk, row in state["rows"][node.name].items():
            key = tuple(repr(row[f]) for f in node.content_fields)
            if parent is not None:
                key = (labels[parent.name].get(row[node.parent_key]), *key)
            labels[node.name][pk] = key
            rows.append(key)
        out[node.name] = sorted(rows)
    return out


def resolve_all(project, user):
    for flag in workflow.open_flags(project):
        workflow.resolve_flag(flag, user, ReviewFlag.State.ACCEPTED)


def test_editing_a_published_project_keeps_the_public_page_at_the_published_version(
        staff, dmb_project, client):
    public = reverse("projects:detail", args=[dmb_project.pk])
    old_title = dmb_project.title
    client.force_login(staff["dmb"])
    url = reverse("editor:edit", args=[dmb_project.pk])
    assert "Start a working copy" in client.get(url).content.decode()  # GET changes nothing
    assert not Project.objects.filter(draft_of=dmb_project).exists()
    response = client.post(url, {"start_copy": "1"})
    copy = Project.objects.get(draft_of=dmb_project)
    assert response["Location"] == reverse("editor:edit", args=[copy.pk])
    edit = reverse("editor:edit", args=[copy.pk])
    data = form_values(client.get(edit), edit)
    data.update({"project-title": "A new title, not yet public", "action": "submit"})
    assert client.post(edit, data).status_code == 302
    assert client.get(url)["Location"] == edit  # the copy is reused, not made twice
    # The public keeps the published version.
    client.logout()
    page = client.get(public)
    assert page.status_code == 200
    assert old_title[:40] in page.content.decode() and "A new title, not yet public" not in page.content.decode()
    assert client.get(reverse("projects:detail", args=[copy.pk])).status_code == 404
    # A reviewer resolves the flags and publishes the copy over the original.
    client.force_login(staff["reviewer"])
    page = client.get(reverse("editor:publish", args=[copy.pk])).content.decode()
    assert "block publishing" in page and "A new title, not yet public" in page  # the flags, and the copy's change
    copy.refresh_from_db()
    refused = client.post(reverse("editor:publish", args=[copy.pk]), {"publish-seen": versions.token(copy)})
    assert refused.status_code == 400 and "still open" in refused.content.decode()
    resolve_all(copy, staff["reviewer"])
    assert publish(client, copy).status_code == 302
    client.logout()
    page = client.get(public).content.decode()
    assert "A new title, not yet public" in page
    assert not Project.objects.filter(pk=copy.pk).exists()
    dmb_project.refresh_from_db()
    assert dmb_project.review_state == ReviewState.PUBLISHED and dmb_project.draft_of_id is None
    # The original's history shows the change, who published it, and who made it in the copy.
    latest = history.versions(dmb_project.pk)[-1]
    assert ("title", old_title[:300], "A new title, not yet public") in [
        (name, before[:300], after) for name, before, after in latest.fields]
    assert latest.user == staff["reviewer"]
    assert latest.copy_started_by == staff["dmb"] and latest.copy_editors == [staff["dmb"]]
    assert ("title", old_title[:300], "A new title, not yet public") in [
        (name, before[:300], after) for edit in latest.copy_versions for name, before, after in edit.fields]
    client.force_login(staff["reviewer"])
    page = client.get(reverse("editor:history", args=[dmb_project.pk])).content.decode()
    assert "Published from a working copy" in page and "edited by ed-dmb" in page


def test_the_working_copy_is_a_deep_copy_of_every_row(staff, big_project):
    # Give the project a row of every kind, so the copy is tested on each.
    p = big_project
    outcome = p.outcomes.first() or pm.Outcome.objects.create(project=p, text="o")
    indicator = pm.Indicator.objects.create(outcome=outcome, title="Services online", baseline_value=3)
    value = pm.IndicatorValue.objects.create(indicator=indicator, period_start=dt.date(2020, 1, 1),
                                             period_end=dt.date(2020, 12, 31), actual=Decimal("7"))
    from capdev.people.models import IndicatorSource, ValueBreakdown

    IndicatorSource.objects.create(indicator=indicator, measure="people_reached")
    ValueBreakdown.objects.create(value=value, dimension="sex", category="female", actual=4)
    activity = p.activities.first()
    ActivityOrganiser.objects.get_or_create(activity=activity, organisation=Organisation.objects.first())
    pm.ProjectSector.objects.create(project=p, code="15110", name="Public sector policy")
    pm.ProjectRegion.objects.create(project=p, region=pm.ProjectRegion._meta.get_field("region")
                                    .related_model.objects.first())
    pm.ProjectSdgTarget.objects.create(project=p, target_id="16.6")
    theme = pm.ThematicArea.objects.create(name="Digital government", slug="digital-government")
    pm.ProjectThematicArea.objects.create(project=p, thematic_area=theme)
    pm.KeyAccomplishment.objects.create(project=p, text="Portal launched")
    pm.PlannedActivity.objects.create(project=p, text="Train trainers")
    pm.ExpectedAccomplishment.objects.create(project=p, text="Capacity built")
    pm.Budget.objects.create(project=p, amount=10, currency_id="USD")
    Resource.objects.create(project=p, title="Toolkit", url="https://example.org/t")
    other = Project.objects.registry().exclude(pk=p.pk).first()
    pm.ProjectRelation.objects.create(from_project=p, to_project=other, kind=pm.ProjectRelation.Kind.PREVIOUS_PHASE)
    from capdev.texts.models import OutcomeTranslation, ProjectTranslation

    ProjectTranslation.objects.create(project=p, field="title", language="fr", text="Gouvernement numérique")
    OutcomeTranslation.objects.create(outcome=outcome, language="es", text="Resultado")
    before = tree.live_state(p)
    assert all(before["rows"][name] for name in tree.NODES), [n for n in tree.NODES if not before["rows"][n]]
    copy = workflow.start_working_copy(p, staff["reviewer"])
    assert copy.draft_of == p and copy.review_state == ReviewState.DRAFT and copy.code == p.code
    copied = content(tree.live_state(copy))
    original = content(before)
    assert copied == {**original, "project": {**original["project"]}}
    assert content(tree.live_state(p)) == original  # the original is untouched
    assert Project.objects.published().filter(pk=copy.pk).count() == 0
    assert copy not in Project.objects.registry()


def test_publish_is_refused_while_flags_are_open_and_needs_a_reviewer(staff, dmb_project):
    dmb_project.review_state = ReviewState.IN_REVIEW
    dmb_project.save()
    with pytest.raises(PermissionDenied):
        workflow.publish(dmb_project, staff["dmb"])
    with pytest.raises(ValidationError, match="open"):
        workflow.publish(dmb_project, staff["reviewer"])
    flags = list(workflow.open_flags(dmb_project))
    assert flags
    with pytest.raises(PermissionDenied):
        workflow.resolve_flag(flags[0], staff["dmb"], ReviewFlag.State.ACCEPTED)
    workflow.resolve_flag(flags[0], staff["reviewer"], ReviewFlag.State.CORRECTED)
    for flag in flags[1:]:
        workflow.resolve_flag(flag, staff["reviewer"], ReviewFlag.State.ACCEPTED)
    flags[0].refresh_from_db()
    assert flags[0].state == "corrected" and flags[0].resolved_by == staff["reviewer"] and flags[0].resolved_at
    published = workflow.publish(dmb_project, staff["reviewer"])
    assert published.review_state == ReviewState.PUBLISHED and published.published_at


def test_a_reviewers_publish_makes_an_in_review_project_public(staff, dmb_project, client):
    dmb_project.review_state = ReviewState.IN_REVIEW
    dmb_project.save()
    public = reverse("projects:detail", args=[dmb_project.pk])
    assert client.get(public).status_code == 404
    client.force_login(staff["reviewer"])
    queue = client.get(reverse("editor:review")).content.decode()
    assert dmb_project.title[:40] in queue
    for flag in workflow.open_flags(dmb_project):
        assert client.post(reverse("editor:flag", args=[flag.pk, "accept"])).status_code == 302
    response = publish(client, dmb_project)
    assert response.status_code == 302 and response["Location"] == public
    client.logout()
    assert client.get(public).status_code == 200


def test_the_review_queue_reads_a_fixed_number_of_queries(staff, client, django_assert_max_num_queries):
    client.force_login(staff["reviewer"])
    Project.objects.filter(pk=Project.objects.first().pk).update(review_state=ReviewState.IN_REVIEW)
    client.get(reverse("editor:review"))  # the process reads its similarity index once (possible duplicates)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("editor:review"))
    assert page.content.decode().count('class="card review-item"') == 1
    Project.objects.update(review_state=ReviewState.IN_REVIEW)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("editor:review"))
    assert page.content.decode().count('class="card review-item"') == 10


def test_published_projects_with_open_flags_are_listed_for_the_reviewers(staff, client,
                                                                          django_assert_max_num_queries):
    """`import-legacy --publish` publishes records with the parser's doubts open: the review page lists them."""
    flagged = ReviewFlag.objects.filter(state=ReviewFlag.State.OPEN, project__review_state=ReviewState.PUBLISHED)
    projects = set(flagged.values_list("project_id", flat=True))
    assert projects, "the seed, imported with --publish, carries open flags"
    client.force_login(staff["reviewer"])
    with django_assert_max_num_queries(14):
        page = client.get(reverse("editor:review")).content.decode()
    assert "Published with open importer flags" in page
    assert page.count('class="card review-item published-flagged"') == len(projects)
    for project in Project.objects.filter(pk__in=projects):
        assert reverse("editor:edit", args=[project.pk]) in page
    # Resolved, a project leaves the list.
    first = Project.objects.get(pk=min(projects))
    resolve_all(first, staff["reviewer"])
    page = client.get(reverse("editor:review")).content.decode()
    assert page.count('class="card review-item published-flagged"') == len(projects) - 1


def test_logging_an_activity_on_a_published_project_goes_to_its_working_copy(staff, pacb_project, client):
    client.force_login(staff["pacb"])
    url = reverse("editor:log_activity", args=[pacb_project.pk])
    response = client.post(url, {"log-type": "workshop", "log-start": "2024-05-14", "log-end": "2024-05-16",
                                 "log-country": "Barbados [BRB]", "log-city": "Bridgetown",
                                 "log-participants": "35", "log-participants_profile": "senior officials",
                                 "log-participant_countries": "6", "log-summary": "Went well."})
    assert response.status_code == 302
    copy = Project.objects.get(draft_of=pacb_project)
    logged = Activity.objects.get(project=copy, city="Bridgetown")
    assert ((logged.title, logged.participants, logged.participant_countries)
            == ("Workshop, Bridgetown, Barbados", 35, 6))
    assert (logged.start_date, logged.end_date) == (dt.date(2024, 5, 14), dt.date(2024, 5, 16))
    assert not pacb_project.activities.filter(city="Bridgetown").exists()  # public stays as published
    # A second activity reuses the same copy.
    client.post(url, {"log-type": "webinar", "log-start": "2024-06", "log-online": "on"})
    assert Project.objects.filter(draft_of=pacb_project).count() == 1
    assert copy.activities.filter(type="webinar", online=True, start_precision="month").exists()


def test_logging_an_activity_on_an_unpublished_project_adds_it_in_place(staff, pacb_project, client):
    pacb_project.review_state = ReviewState.DRAFT
    pacb_project.save()
    client.force_login(staff["pacb"])
    client.post(reverse("editor:log_activity", args=[pacb_project.pk]), {"log-type": "advisory_mission",
                                                                         "log-start": "2024"})
    assert pacb_project.activities.filter(type="advisory_mission").exists()


def _change_everything(p: Project, user):
    """Change every content field of p and every kind of row below it, as an editor's save would."""
    p._history_user = user
    for f in Project._meta.concrete_fields:
        if f.attname in tree.TIMESTAMPS | tree.WORKFLOW_FIELDS | {"id"}:
            continue
        if f.attname == "lead_unit_id":
            p.lead_unit = OrgUnit.objects.exclude(pk=p.lead_unit_id).first()
        elif f.attname == "funding_source_id":
            p.funding_source = None if p.funding_source_id else f.related_model.objects.first()
        elif isinstance(f, models.BooleanField):
            setattr(p, f.attname, not getattr(p, f.attname))
        elif isinstance(f, models.DateField):
            setattr(p, f.attname, dt.date(2001, 2, 3))
        elif f.choices:
            current = getattr(p, f.attname)
            setattr(p, f.attname, next(v for v, _ in f.choices if v != current))
        else:
            setattr(p, f.attname, f"changed {f.attname}"[: f.max_length or 100])
    p.end_date = dt.date(2002, 2, 3)
    p.save()
    for node in tree.TREE:
        rows = list(node.model.objects.filter(**{node.parent_key: p.pk}))
        if rows:
            rows[0]._history_user = user
            rows[0].delete()
    pm.Budget.objects.create(project=p, amount=1, currency_id="EUR")
    Activity.objects.filter(project=p).update(title="renamed")
    pm.ProjectCountry.objects.create(project=p, country_id="FRA")


def test_revert_restores_every_field_and_row(staff, big_project, client):
    p = big_project
    p.review_state = ReviewState.IN_REVIEW  # reverted in place
    p._history_user = staff["reviewer"]
    p.save()
    pm.Indicator.objects.create(outcome=p.outcomes.first(), title="Services online", baseline_value=3)
    ActivityOrganiser.objects.get_or_create(activity=p.activities.first(), organisation=Organisation.objects.first())
    expected = content(tree.live_state(p))
    number = len(history.versions(p.pk))
    _change_everything(p, staff["reviewer"])
    changed = content(tree.live_state(p))
    assert changed != expected
    differing = [k for k in expected["project"] if expected["project"][k] != changed["project"][k]]
    assert set(differing) >= set(tree.project_fields()) - {"iati_identifier"} - (
        {k for k, v in expected["project"].items() if v is None and k.endswith("_id")})
    client.force_login(staff["reviewer"])
    response = revert(client, p, number)
    assert response.status_code == 302
    p.refresh_from_db()
    assert content(tree.live_state(p)) == expected
    assert p.review_state == ReviewState.IN_REVIEW


def test_revert_of_a_published_project_goes_to_its_working_copy(staff, pacb_project):
    title = pacb_project.title
    pacb_project.title = "Second title"
    pacb_project._history_user = staff["reviewer"]
    pacb_project.save()
    copy = workflow.revert(pacb_project, 1, staff["pacb"])
    pacb_project.refresh_from_db()
    assert pacb_project.title == "Second title"  # the public version is untouched
    assert copy.draft_of == pacb_project and copy.title == title and copy.code == pacb_project.code
    with pytest.raises(PermissionDenied):
        workflow.revert(pacb_project, 1, staff["dmb"])


def test_the_history_page_shows_who_when_and_a_readable_diff(staff, big_project, client,
                                                             django_assert_max_num_queries):
    p = big_project
    p.review_state = ReviewState.DRAFT
    p.save()
    client.force_login(staff["reviewer"])
    url = reverse("editor:edit", args=[p.pk])
    data = form_values(client.get(url), url)
    data.update({"project-title": "Digital government in the Caribbean", "action": "save",
                 "country_links-0-DELETE": "on", "sdg_goal_links-0-DELETE": "on"})
    removed = p.country_links.order_by("country__name").first().country.name
    client.post(url, data)
    # One query per kind of row (the translations of the texts and of the outcomes are two), and as many again
    # per working copy it published (none here).
    with django_assert_max_num_queries(35):
        page = client.get(reverse("editor:history", args=[p.pk]))
    text = page.content.decode()
    assert "reviewer" in text and "Digital government in the Caribbean" in text
    assert "<th scope=\"row\">Title</th>" in text
    assert "removed" in text and removed in text
    assert "Revert to version 1" in text
    # Each kind of row under its reader's name, through gettext, with its capitals ("Sdg goals of projects" was
    # the model's admin name, capitalized()).
    headings = re.findall(r"<h3>([^<]*)</h3>", text)
    assert {"Focus countries", "SDG goals"} <= set(headings) and not any("Sdg" in h for h in headings), headings


def test_history_versions_group_a_save_with_its_rows(staff, pacb_project):
    pacb_project._history_user = staff["pacb"]
    workflow.touch(pacb_project, staff["pacb"])
    pm.ExpectedAccomplishment.objects.create(project=pacb_project, text="New expectation")
    found = history.versions(pacb_project.pk)
    last = found[-1]
    assert last.user == staff["pacb"]
    assert [(n.name, [r.kind for r in n.rows]) for n in last.nodes] == [("expected_accomplishments", ["added"])]
    assert found[0].number == 1 and len({v.number for v in found}) == len(found)


def test_an_editor_discards_a_working_copy_and_the_public_version_stays(staff, dmb_project, client):
    title = dmb_project.title
    copy = workflow.start_working_copy(dmb_project, staff["dmb"])
    copy.title = "Changes nobody wants"
    copy.save()
    client.force_login(staff["pacb"])  # another unit's editor may not
    assert client.post(reverse("editor:discard", args=[copy.pk])).status_code == 403
    client.force_login(staff["dmb"])
    page = client.get(reverse("editor:edit", args=[copy.pk])).content.decode()
    assert reverse("editor:discard", args=[copy.pk]) in page
    response = client.post(reverse("editor:discard", args=[copy.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("projects:detail", args=[dmb_project.pk])
    assert not Project.objects.filter(pk=copy.pk).exists()
    dmb_project.refresh_from_db()
    assert dmb_project.title == title and dmb_project.review_state == ReviewState.PUBLISHED
    assert client.post(reverse("editor:discard", args=[dmb_project.pk])).status_code == 302  # not a copy: refused
    assert Project.objects.filter(pk=dmb_project.pk).exists()
    assert Project.history.filter(id=copy.pk, history_type="-").exists()  # its history stays


@pytest.mark.parametrize("action", ["submit", "publish"])
def test_submitting_or_publishing_saves_the_project_as_it_is_now(staff, action):
    """A project found at the start of the request, then saved by someone else, is submitted or published with
    their change: the workflow reads it again under the lock instead of writing the older fields back."""
    project = Project.objects.create(title="Digital government strategy", review_state=ReviewState.DRAFT,
                                     start_date=dt.date(2024, 1, 1))  # a date: IATI requires one to publish
    found = Project.objects.get(pk=project.pk)  # what the request read
    project.summary = "Saved meanwhile by someone else"
    project.save()
    if action == "submit":
        workflow.submit_for_review(found, staff["reviewer"])
    else:
        workflow.publish(found, staff["reviewer"])
    project.refresh_from_db()
    assert project.summary == "Saved meanwhile by someone else"
    assert project.review_state == (ReviewState.IN_REVIEW if action == "submit" else ReviewState.PUBLISHED)
