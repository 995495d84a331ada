"""The staff pages as reviewers and editors use them, in chromium: links between projects, regions, targets and
themes in the editor; the review queue with a working copy's changes; publishing over the IATI check's errors with
a reason, shown afterwards; numbers as written; the history's headings; no stray label in the admin."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from capdev.core.testing.pages import new_page

from .conftest import sign_in


def shot(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"staff-{name}.png"), full_page=True)


def test_an_editor_links_a_copy_to_its_previous_phase_and_a_reviewer_publishes_it(browser, live, artifacts):
    from capdev.projects.models import Project

    earlier = Project.objects.get(title__startswith="Supervising the Poverty Observatory")
    project = Project.objects.get(title__startswith="Restructuring public sector")
    page = new_page(browser)
    try:
        sign_in(page, live)
        page.goto(f"{live.url}/projects/{project.pk}/edit/")
        page.get_by_role("button", name="Start a working copy").click()
        page.wait_for_url(re.compile(r"/projects/\d+/edit/$"))
        for heading in ("Regions served", "SDG targets", "Thematic areas", "Related projects"):
            assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
        # Each list gets a row (htmx swaps the section in), then its value, typed as a suggestion reads.
        for section, prefix, value in (
                ("Regions served", "region_links", "Caribbean [029]"),
                ("SDG targets", "sdg_target_links", "16.6"),
                ("Thematic areas", "thematic_area_links", "Public administration reform"),
                ("Related projects", "relations_from", f"{earlier.title} [{earlier.pk}]")):
            rows = page.locator(f"#fs-{prefix} fieldset")
            before = rows.count()
            page.get_by_role("button", name=f"Add a row to {section}").click()
            rows.nth(before).wait_for()
            rows.nth(before).locator("input.lookup").fill(value)
        page.locator("#fs-relations_from fieldset").last.locator("select[name$='-kind']").select_option(
            label="previous phase")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state("load")
        assert page.get_by_text("Saved.").is_visible()
        shot(page, artifacts, "1-edit-links")
        # The reviewer reads the copy's changes in the queue, resolves the flags on the publish page, publishes.
        page.goto(f"{live.url}/review/")
        item = page.locator("article.review-item", has_text="working copy of a published project").first
        changes = item.locator(".copy-changes").inner_text()
        assert "Caribbean" in changes and "Supervising the Poverty Observatory" in changes, changes
        shot(page, artifacts, "2-review-queue")
        copy_pk = item.get_attribute("id").removeprefix("review-")
        page.goto(f"{live.url}/projects/{copy_pk}/publish/")  # the queue's flags block: their page resolves them
        while page.get_by_role("button", name="Accept as imported").count():
            page.get_by_role("button", name="Accept as imported").first.click()
            page.wait_for_load_state("load")
        page.get_by_role("button", name=re.compile("Publish this copy")).click()
        page.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
        related = page.locator("ul.relations").inner_text()
        assert re.search(r"Previous phase: Supervising the Poverty Observatory", related), related
        shot(page, artifacts, "3-published-with-relation")
    finally:
        page.context.close()


def test_a_reviewer_publishes_over_the_iati_errors_with_a_reason_that_stays_visible(browser, live, artifacts):
    from capdev.projects.models import Project, ReviewState

    project = Project.objects.create(title="Public service innovation awards", review_state=ReviewState.IN_REVIEW)
    page = new_page(browser)
    try:
        sign_in(page, live)
        page.goto(f"{live.url}/review/")
        page.locator(f"#review-{project.pk}").get_by_role("button", name="Publish").click()
        page.wait_for_url(re.compile(rf"/projects/{project.pk}/publish/"))
        assert page.get_by_text(re.compile(r"6\.11\.1")).first.is_visible()
        assert Project.objects.get(pk=project.pk).review_state == ReviewState.IN_REVIEW
        page.get_by_label("Reason for publishing over the IATI check's errors").fill(
            "Dates follow with the signed agreement.")
        shot(page, artifacts, "4-publish-over-errors")
        page.get_by_role("button", name="Publish over the errors").click()
        page.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
        note = page.locator(".publish-override")
        assert "Dates follow with the signed agreement." in note.inner_text() and "reviewer" in note.inner_text()
        shot(page, artifacts, "5-project-page-override")
        page.goto(f"{live.url}/projects/{project.pk}/history/")
        assert "Dates follow with the signed agreement." in page.locator(".version .publish-override").inner_text()
    finally:
        page.context.close()


def test_numbers_headings_and_labels_read_as_written(browser, live, artifacts):
    from capdev.projects.models import Indicator, IndicatorValue, Outcome, Project, ReviewState

    project = Project.objects.get(title__startswith="Strengthen public sector")
    Project.objects.filter(pk=project.pk).update(review_state=ReviewState.DRAFT)
    outcome = Outcome.objects.filter(project=project).order_by("position").first()
    indicator = Indicator.objects.create(outcome=outcome, title="Officials trained", baseline_value=Decimal("30.5"),
                                         target_value=Decimal("30"))
    IndicatorValue.objects.create(indicator=indicator, period_start=dt.date(2024, 1, 1),
                                  period_end=dt.date(2024, 12, 31), actual=Decimal("30"))
    page = new_page(browser)
    try:
        sign_in(page, live, "portfolio-admin")
        page.goto(f"{live.url}/projects/{project.pk}/outcomes/{outcome.pk}/indicators/")
        assert page.get_by_label("Baseline", exact=True).first.input_value() == "30.5"
        assert page.get_by_label("Target", exact=True).first.input_value() == "30"
        page.goto(f"{live.url}/projects/{project.pk}/")
        row = page.locator("tr", has_text="Officials trained").inner_text()
        assert "30.5" in row and "0000" not in row and "30.50" not in row, row
        # An SDG removed in the editor: the history heads its rows "SDG goals".
        page.goto(f"{live.url}/projects/{project.pk}/edit/")
        page.locator("#fs-sdg_goal_links fieldset").first.get_by_label("Remove this row when saving").check()
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state("load")
        page.goto(f"{live.url}/projects/{project.pk}/history/")
        headings = page.locator(".version h3").all_inner_texts()
        assert "SDG goals" in headings and not any("Sdg" in h for h in headings), headings
        shot(page, artifacts, "6-history-headings")
        # The admin's change form carries the version without a "Seen" label.
        page.goto(f"{live.url}/admin/projects/project/{project.pk}/change/")
        assert "Seen" not in page.locator("#content").inner_text()
        assert page.locator("input[name=seen][type=hidden]").count() == 1
    finally:
        page.context.close()
