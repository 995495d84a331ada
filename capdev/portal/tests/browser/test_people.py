"""People reached, in a real browser: a programme manager uploads messy sign-in sheets, maps the columns, previews
and confirms; the people of the second sheet are matched to those of the first; a reviewer decides a proposed
match and publishes; the public sees counts only. Screenshots at desktop width and at 390 px."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import axe_violations, describe_violations, new_page, settle, shot

pytestmark = pytest.mark.browser

FILES = Path(__file__).resolve().parents[3] / "people" / "tests" / "files"
PASSWORD = "browser-test-password-9"
NARROW = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def people_users(site, django_db_blocker):
    """An editor and a reviewer of DPIDG (the Caribbean project's unit), committed so that the live server sees
    them on either database; they and whatever the tests record are removed after the module."""
    from django.contrib.auth import get_user_model

    from capdev.accounts.models import UnitAssignment
    from capdev.accounts.roles import EDITOR, REVIEWER, assign_role
    from capdev.organisations.models import OrgUnit

    with django_db_blocker.unblock():
        users = {}
        for name, role in (("browser-editor-dpidg", EDITOR), ("browser-reviewer-dpidg", REVIEWER)):
            user = get_user_model().objects.create_user(name, password=PASSWORD)
            assign_role(user, role)
            UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="DPIDG"))
            users[role] = user
        yield users
        _forget_people()
        get_user_model().objects.filter(pk__in=[u.pk for u in users.values()]).delete()


def _forget_people() -> None:
    """The people data the server wrote (committed on PostgreSQL): the rest of the browser tests see none."""
    from capdev.people.models import (
        Attendance,
        Evaluation,
        Institution,
        MatchProposal,
        Membership,
        Person,
        Sheet,
        SheetRow,
    )

    MatchProposal.objects.all().delete()
    Attendance.objects.all().delete()
    Membership.objects.all().delete()
    Evaluation.objects.all().delete()
    SheetRow.objects.all().delete()
    for sheet in Sheet.objects.all():
        sheet.file.delete(save=False)
    Sheet.objects.all().delete()
    Person.objects.all().delete()
    Institution.objects.all().delete()


def sign_in(page, site, user) -> None:
    page.goto(site.url("/accounts/login/"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")


def open_activity(page, site, title_start: str) -> None:
    """From the project list to the Caribbean project, then to one of its activities by its timeline title."""
    page.goto(site.url("/projects/?country=LCA"))
    page.get_by_role("link", name=re.compile(r"^Strengthen public sector")).click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    page.locator("ol.timeline h3 a", has_text=title_start).first.click()
    page.wait_for_url(re.compile(r"/activities/\d+/$"))
    settle(page)


def upload(page, name: str) -> None:
    page.set_input_files("input[type=file]", str(FILES / name))
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(re.compile(r"/people/sheets/\d+/$"))
    settle(page)


def test_upload_map_preview_match_confirm_review_publish(browser, site, people_users):
    editor = new_page(browser)
    sign_in(editor, site, people_users["editor"])

    # 1. The Saint Lucia workshop's sign-in sheet: title rows, a merged ministry cell, "Mr. John PIERRE".
    open_activity(editor, site, "Capacity Development Workshop on Changing Mindsets in Saint Lucia")
    assert "No attendance list is recorded" in editor.content()
    upload(editor, "signin-saint-lucia-en.xlsx")
    assert editor.locator("input[name=header_row]").input_value() == "5"
    columns = {editor.locator(f"label[for=id_column_{i}]").inner_text().strip():
               editor.locator(f"select[name=column_{i}]").input_value() for i in range(7)}
    assert columns["Name"] == "name" and columns["Ministry/Department/Agency"] == "institution"
    assert columns["Sex (M/F)"] == "sex" and columns["Email"] == "email"
    shot(editor, site, "people-1-mapping")
    editor.select_option("select[name=default_role]", "participant")
    editor.get_by_role("button", name="Preview").click()
    editor.wait_for_url(re.compile(r"\?step=preview$"))
    table = editor.locator("table.sheet-table tbody")
    assert "John Pierre" in table.inner_text() and "Marcus Joseph" in table.inner_text()
    assert "Permanent Secretary" in table.inner_text()
    shot(editor, site, "people-2-preview")
    editor.get_by_role("button", name="Confirm and record").click()
    editor.wait_for_url(re.compile(r"/people/sheets/\d+/$"))
    assert "10 new people" in editor.content() and "header on row 5" in editor.content()
    shot(editor, site, "people-3-recorded")

    # 2. The regional workshop's registration export: the same people come back.
    open_activity(editor, site, "The Future of Governance")
    upload(editor, "signin-regional-utf16.csv")
    editor.get_by_role("button", name="Preview").click()
    editor.wait_for_url(re.compile(r"\?step=preview$"))
    proposed = editor.locator("tr.outcome-proposed")
    assert proposed.count() == 1 and "Karen St. Rose" in proposed.inner_text()
    known = editor.locator("tr.outcome-same_email")
    assert known.count() == 1 and "John Pierre" in known.inner_text()
    shot(editor, site, "people-4-preview-matches")
    editor.get_by_role("button", name="Confirm and record").click()
    editor.wait_for_url(re.compile(r"/people/sheets/\d+/$"))
    assert "1 proposal to review" in editor.content()

    # 3. The reviewer decides the proposal (someone else: split) and publishes both lists.
    reviewer = new_page(browser)
    sign_in(reviewer, site, people_users["reviewer"])
    reviewer.goto(site.url("/people/matches/"))
    assert "Karen St Rose" in reviewer.content() and "Karen St. Rose" in reviewer.content()
    shot(reviewer, site, "people-5-match")
    reviewer.get_by_role("button", name="Someone else: split").click()
    reviewer.wait_for_load_state("load")
    assert "Split: the row is now person" in reviewer.content()
    for title in ("Capacity Development Workshop on Changing Mindsets in Saint Lucia", "The Future of Governance"):
        open_activity(reviewer, site, title)
        reviewer.get_by_role("button", name=re.compile(r"^Publish \d+ attendances? awaiting review")).click()
        reviewer.wait_for_load_state("load")
        assert "published." in reviewer.content()

    # 4. The public: counts only, small ones "fewer than 5", and the people section at phone width.
    public = new_page(browser, viewport=NARROW)
    open_activity(public, site, "Capacity Development Workshop on Changing Mindsets in Saint Lucia")
    text = public.locator("main").inner_text()
    # 10 on a list where 52 were recorded: a partial list, so the recorded number stays (docs/people.md).
    assert "52 (as recorded: the attendance list counts 10 of them)" in text and "fewer than 5" in text
    assert "John Pierre" not in public.content() and "govt.lc" not in public.content()
    shot(public, site, "people-6-public-activity-390")
    public.goto(site.url("/dashboard/"))
    settle(public)
    assert "People reached" in public.locator("main").inner_text()
    width = public.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, width
    shot(public, site, "people-7-public-dashboard-390")
    for p in (editor, reviewer, public):
        p.context.close()


def test_the_people_pages_pass_axe(browser, site, people_users):
    page = new_page(browser, bypass_csp=True)
    sign_in(page, site, people_users["editor"])
    open_activity(page, site, "Capacity Development Workshop on Changing Mindsets in Saint Lucia")
    upload(page, "liste-presence-fr.csv")
    for step in ("mapping", "preview"):
        if step == "preview":
            page.get_by_role("button", name="Preview").click()
            page.wait_for_url(re.compile(r"\?step=preview$"))
        violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert not violations, describe_violations(page.url, violations)
    narrow = new_page(browser, viewport=NARROW)
    sign_in(narrow, site, people_users["editor"])
    narrow.goto(page.url.replace("?step=preview", ""))
    width = narrow.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, width
    shot(narrow, site, "people-mapping-390")
    page.context.close()
    narrow.context.close()
