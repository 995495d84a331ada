"""The review queue as a reviewer reads it in chromium, after an editor dated one activity and added one (new-user
findings 5, 6, 7): one changed activity and one added, no untouched text listed, the copy's title opening the
copy, and the activities' pages where they were once the copy is published."""
from __future__ import annotations

import datetime as dt
import re

from capdev.core.testing.pages import new_page

from .conftest import sign_in


def test_the_queue_shows_what_the_copy_changes_and_publishing_keeps_the_activity_pages(browser, live, artifacts):
    from django.contrib.auth import get_user_model
    from django.db.models import F

    from capdev.activities.models import Activity
    from capdev.editor import workflow
    from capdev.projects.models import Project, ReviewFlag

    reviewer = get_user_model().objects.get(username="reviewer")
    project = Project.objects.get(title__startswith="Strengthen public sector national capacities for Innovation",
                                  draft_of__isnull=True)
    before = {a.pk: a.title for a in project.activities.all()}
    first = project.activities.order_by("position", "pk").first()
    Project.objects.filter(pk=project.pk).update(summary=(project.summary or "Summary.").replace("\r\n", "\n"))
    copy = workflow.start_working_copy(project, reviewer)
    mine = copy.activities.get(title=first.title, position=first.position)
    mine.start_date, mine.end_date = dt.date(2026, 2, 10), dt.date(2026, 2, 11)
    mine.save()
    Activity.objects.filter(project=copy).update(position=F("position") + 1)
    Activity.objects.create(project=copy, title="Cascade workshop, Guatemala City", position=0,
                            start_date=dt.date(2026, 3, 5))
    # A browser saved the summary: its line endings came back as CRLF.
    Project.objects.filter(pk=copy.pk).update(summary=Project.objects.get(pk=project.pk).summary.replace("\n",
                                                                                                        "\r\n"))
    workflow.submit_for_review(copy, reviewer)
    page = new_page(browser)
    try:
        sign_in(page, live)
        page.goto(f"{live.url}/review/")
        item = page.locator(f"#review-{copy.pk}")
        changes = item.locator(".copy-changes")
        page.screenshot(path=str(artifacts / "review-identity-queue.png"), full_page=True)
        activities = changes.locator("h3", has_text=re.compile(r"^Activities$")).locator(
            "xpath=following-sibling::ul[1]")
        assert activities.locator("li.change-changed").count() == 1, activities.inner_text()
        assert "2026-02-10" in activities.locator("li.change-changed").inner_text()
        assert activities.locator("li.change-added").count() == 1
        assert "Cascade workshop" in activities.locator("li.change-added").inner_text()
        assert activities.locator("li.change-removed").count() == 0
        assert "Summary" not in changes.locator("table.diff").all_inner_texts().__str__()
        # The copy's title opens the copy in the editor (it has no public page).
        item.get_by_role("link", name=copy.title).first.click()
        page.wait_for_url(re.compile(rf"/projects/{copy.pk}/edit/$"))
        assert page.locator("h1").count() and "Page not found" not in page.content()
        for flag in workflow.open_flags(copy):
            workflow.resolve_flag(flag, reviewer, ReviewFlag.State.ACCEPTED)
        workflow.publish(copy, reviewer, override_reason="test")
        for pk, title in list(before.items())[:4]:
            response = page.goto(f"{live.url}/activities/{pk}/")
            assert response.status == 200, pk
            assert title[:30] in page.locator("h1").inner_text()
    finally:
        page.context.close()
