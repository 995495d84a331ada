"""A working copy's rows keep their identity: the review diff pairs each with the published row it came from, and
publishing writes it back over that row, so that ids and URLs stay (new-user findings 5, 6 and 18)."""
import datetime as dt
from decimal import Decimal

import lxml.html
from django.urls import reverse

from capdev.activities.models import Activity
from capdev.editor import workflow
from capdev.projects import models as pm
from capdev.projects.models import Project, ReviewFlag

from .helpers import publish


def resolve_all(project, user):
    for flag in workflow.open_flags(project):
        workflow.resolve_flag(flag, user, ReviewFlag.State.ACCEPTED)


def with_indicator(project):
    outcome = project.outcomes.first() or pm.Outcome.objects.create(project=project, text="Capacity built")
    return pm.Indicator.objects.create(outcome=outcome, title="Services online", baseline_value=3)


def undated_first(project) -> Activity:
    """The project's activities in list order, the first one made undated (a copy gives it a date later)."""
    first = project.activities.order_by("position", "pk").first()
    Activity.objects.filter(pk=first.pk).update(start_date=None, end_date=None)
    return first


def test_dating_one_activity_and_adding_one_shows_one_change_and_one_addition(staff, big_project, client):
    p = big_project
    assert p.activities.count() >= 3
    first = undated_first(p)
    copy = workflow.start_working_copy(p, staff["reviewer"])
    mine = copy.activities.get(title=first.title, start_date__isnull=True)
    mine.start_date, mine.end_date = dt.date(2026, 2, 10), dt.date(2026, 2, 11)
    mine.save()
    # A new activity at the head of the list: every other one moves down a place.
    Activity.objects.filter(project=copy).update(position=models_f("position") + 1)
    Activity.objects.create(project=copy, title="Cascade workshop, Guatemala City", position=0,
                            start_date=dt.date(2026, 3, 5))
    workflow.submit_for_review(copy, staff["reviewer"])
    client.force_login(staff["reviewer"])
    page = lxml.html.fromstring(client.get(reverse("editor:review")).content)
    changes = [" ".join(li.text_content().split()) for li in page.cssselect("li")
               if li.text_content().split()[:1] in (["changed"], ["added"], ["removed"])]
    activity_rows = [c for c in changes if "Cascade workshop" in c or first.title[:30] in c
                     or any(a.title[:30] in c for a in p.activities.all())]
    assert len([c for c in activity_rows if c.startswith("changed")]) == 1, activity_rows
    assert [c for c in activity_rows if c.startswith("added")] == [
        next(c for c in activity_rows if "Cascade workshop" in c)], activity_rows
    assert not [c for c in changes if c.startswith("removed")], changes
    assert "2026-02-10" in next(c for c in activity_rows if c.startswith("changed"))


def models_f(name):
    from django.db.models import F

    return F(name)


def test_publishing_a_copy_keeps_the_ids_and_urls_of_activities_and_indicators(staff, big_project, client):
    p = big_project
    indicator = with_indicator(p)
    activities = set(p.activities.values_list("pk", flat=True))
    indicators = set(pm.Indicator.objects.filter(outcome__project=p).values_list("pk", flat=True))
    copy = workflow.start_working_copy(p, staff["reviewer"])
    changed = copy.activities.order_by("position", "pk").first()
    changed.title = "Training of Trainers, second round"
    changed.save()
    Activity.objects.create(project=copy, title="Cascade workshop, Guatemala City", start_date=dt.date(2026, 3, 5))
    pm.Indicator.objects.filter(outcome__project=copy, title=indicator.title).update(title="Services online (%)")
    resolve_all(copy, staff["reviewer"])
    client.force_login(staff["reviewer"])
    assert publish(client, copy).status_code == 302
    now = set(p.activities.values_list("pk", flat=True))
    assert activities < now and len(now - activities) == 1  # every old id kept, the new activity added
    assert indicators == set(pm.Indicator.objects.filter(outcome__project=p).values_list("pk", flat=True))
    assert pm.Indicator.objects.get(pk=indicator.pk).title == "Services online (%)"
    assert Activity.objects.filter(pk__in=activities, title="Training of Trainers, second round").count() == 1
    client.logout()
    for pk in activities:
        assert client.get(reverse("people:activity", args=[pk])).status_code == 200, pk


def test_a_copy_deleting_an_activity_deletes_it_and_keeps_the_others(staff, big_project, client):
    p = big_project
    activities = list(p.activities.order_by("position", "pk").values_list("pk", "uid"))
    copy = workflow.start_working_copy(p, staff["reviewer"])
    copy.activities.order_by("position", "pk").first().delete()
    resolve_all(copy, staff["reviewer"])
    workflow.publish(copy, staff["reviewer"], override_reason="test")
    assert set(p.activities.values_list("pk", flat=True)) == {pk for pk, _ in activities[1:]}


def test_publishing_a_copy_never_brings_back_computed_values_it_holds(staff, big_project, client):
    from capdev.people.indicators import compute
    from capdev.people.models import IndicatorSource

    p = big_project
    indicator = with_indicator(p)
    IndicatorSource.objects.create(indicator=indicator, measure="people_reached")
    copy = workflow.start_working_copy(p, staff["reviewer"])
    # The copy holds a value computed before the data changed (say, before a person was erased).
    stale = pm.IndicatorValue.objects.create(indicator=pm.Indicator.objects.get(outcome__project=copy,
                                                                                title=indicator.title),
                                             period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                             actual=Decimal("85.7"))
    workflow.submit_for_review(copy, staff["reviewer"])
    client.force_login(staff["reviewer"])
    queue = client.get(reverse("editor:review")).content.decode()
    assert "85.7" not in queue  # not listed as the editor's change
    resolve_all(copy, staff["reviewer"])
    assert publish(client, copy).status_code == 302
    source = IndicatorSource.objects.get(indicator=indicator)
    now = sorted((v.period_start, v.actual) for v in pm.IndicatorValue.objects.filter(indicator=indicator))
    assert now == sorted((c.start, c.actual) for c in compute(source))
    assert (stale.period_start, stale.actual) not in now


def test_a_text_saved_again_with_crlf_line_endings_is_no_change(staff, big_project):
    from capdev.editor import history, tree

    p = big_project
    Project.objects.filter(pk=p.pk).update(summary="First line.\nSecond line.")
    copy = workflow.start_working_copy(p, staff["reviewer"])
    Project.objects.filter(pk=copy.pk).update(summary="First line.\r\nSecond line.")  # as a browser sends it
    fields, _nodes = history.compare(tree.live_state(Project.objects.get(pk=p.pk)),
                                     tree.live_state(Project.objects.get(pk=copy.pk)), workflow.origins(copy))
    assert not [f for f in fields if f[0] == str(Project._meta.get_field("summary").verbose_name)]
    Project.objects.filter(pk=copy.pk).update(summary="First line.\r\nAnother line.")
    fields, _nodes = history.compare(tree.live_state(Project.objects.get(pk=p.pk)),
                                     tree.live_state(Project.objects.get(pk=copy.pk)), workflow.origins(copy))
    assert [f for f in fields if f[0] == str(Project._meta.get_field("summary").verbose_name)]


def test_a_copy_without_row_origins_pairs_its_activities_by_their_lasting_identifier(staff, big_project, client):
    """A working copy started before row origins were recorded: its activities still stand for the published ones
    through their uid, in the review's diff (one changed activity, nothing removed) and when it is published (the
    activities keep their ids)."""
    from capdev.editor.models import RowOrigin

    p = big_project
    activities = set(p.activities.values_list("pk", flat=True))
    copy = workflow.start_working_copy(p, staff["reviewer"])
    RowOrigin.objects.filter(copy=copy, node="activities").delete()
    changed = copy.activities.order_by("position", "pk").first()
    changed.title = "Training of Trainers, second round"
    changed.save()
    workflow.submit_for_review(copy, staff["reviewer"])
    client.force_login(staff["reviewer"])
    page = lxml.html.fromstring(client.get(reverse("editor:review")).content)
    changes = [" ".join(li.text_content().split()) for li in page.cssselect("li")
               if li.text_content().split()[:1] in (["changed"], ["added"], ["removed"])]
    assert not [c for c in changes if c.startswith(("removed", "added"))], changes
    assert any(c.startswith("changed") and "second round" in c for c in changes), changes
    resolve_all(copy, staff["reviewer"])
    assert publish(client, copy).status_code == 302
    assert set(p.activities.values_list("pk", flat=True)) == activities
    assert p.activities.filter(title="Training of Trainers, second round").count() == 1


def test_the_review_diff_pairs_a_moved_and_renamed_activity_by_its_lasting_identifier(staff, big_project, client):
    """Without row origins, an activity both renamed and moved down a place (one added above it) is neither paired
    by its content nor by its place: only its uid says it is the same activity, changed, not removed and added."""
    from capdev.editor.models import RowOrigin

    p = big_project
    copy = workflow.start_working_copy(p, staff["reviewer"])
    RowOrigin.objects.filter(copy=copy, node="activities").delete()
    first = copy.activities.order_by("position", "pk").first()
    Activity.objects.filter(project=copy).update(position=models_f("position") + 1)
    Activity.objects.filter(pk=first.pk).update(title="Training of Trainers, second round")
    Activity.objects.create(project=copy, title="Cascade workshop, Guatemala City", position=0,
                            start_date=dt.date(2026, 3, 5))
    workflow.submit_for_review(copy, staff["reviewer"])
    client.force_login(staff["reviewer"])
    page = lxml.html.fromstring(client.get(reverse("editor:review")).content)
    changes = [" ".join(li.text_content().split()) for li in page.cssselect("li")
               if li.text_content().split()[:1] in (["changed"], ["added"], ["removed"])]
    assert not [c for c in changes if c.startswith("removed")], changes
    assert [c for c in changes if c.startswith("added")] == [
        next(c for c in changes if "Cascade workshop" in c)], changes
    assert [c for c in changes if c.startswith("changed") and "second round" in c], changes
