"""The upload, mapping, preview and confirmation pages, who may use them, and the review that publishes a list."""
from __future__ import annotations

import pytest
from django.test import Client

from capdev.people.models import Attendance, AttendanceState, MatchProposal, Person, Sheet, SheetRow

from .conftest import FILES, attend
from .test_import import imported

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_file(client, activity, name):
    with (FILES / name).open("rb") as handle:
        return client.post(f"/activities/{activity.pk}/people/upload/", {"file": handle})


def test_upload_map_preview_confirm(workshop, staff):
    editor = logged_in(staff["editor"])
    response = post_file(editor, workshop, "liste-presence-fr.csv")
    sheet = Sheet.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/people/sheets/{sheet.pk}/"
    page = editor.get(f"/people/sheets/{sheet.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "Prénom" in html and "Marie" in html  # headers and sample values
    form = page.context["form"]
    assert form["header_row"].value() == 3 and form["column_1"].value() == "family_name"
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(action="map", column_4="ignore", default_country="", one_day="")  # no positions this time
    response = editor.post(f"/people/sheets/{sheet.pk}/", data)
    assert response.status_code == 302 and response["Location"].endswith("?step=preview")
    preview = editor.get(response["Location"])
    assert preview.status_code == 200 and not Person.objects.exists()
    assert "Marie Dupont" in preview.content.decode() and "Nothing is recorded yet" in preview.content.decode()
    # Finding 13: 7 participants where the record gives 52: the preview says the list will be taken as partial.
    assert "the list counts 7 participants where the activity&#x27;s record gives 52" in preview.content.decode()
    type(workshop).objects.filter(pk=workshop.pk).update(participants=12)
    assert "taken to be partial" not in editor.get(response["Location"]).content.decode()
    editor.post(f"/people/sheets/{sheet.pk}/", {"action": "confirm", "decision_6": "skip"})
    sheet.refresh_from_db()
    assert sheet.state == Sheet.State.CONFIRMED and Person.objects.count() == 6
    assert Person.objects.get(email="marie.dupont@mef.gouv.ht").position == ""  # column left out in the mapping
    assert SheetRow.objects.get(sheet=sheet, number=6).outcome == SheetRow.Outcome.SKIPPED
    done = editor.get(f"/people/sheets/{sheet.pk}/").content.decode()
    assert "header on row 3" in done and "Marie Dupont" in done
    # A second confirmation (a double click, another tab) writes nothing.
    editor.post(f"/people/sheets/{sheet.pk}/", {"action": "confirm"})
    assert Person.objects.count() == 6


def test_the_header_row_can_be_given_and_its_columns_are_read_again(workshop, staff):
    editor = logged_in(staff["editor"])
    post_file(editor, workshop, "no-header.csv")
    sheet = Sheet.objects.get()
    page = editor.get(f"/people/sheets/{sheet.pk}/")
    assert page.status_code == 200 and sheet.header_row is None
    editor.post(f"/people/sheets/{sheet.pk}/", {"action": "header", "header_row": "1", "worksheet": ""})
    sheet.refresh_from_db()
    assert sheet.header_row == 1


def test_the_mapping_needs_a_name_column_and_one_column_per_field(workshop, staff):
    editor = logged_in(staff["editor"])
    post_file(editor, workshop, "signin-regional-utf16.csv")
    sheet = Sheet.objects.get()
    form = editor.get(f"/people/sheets/{sheet.pk}/").context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(action="map", column_0="ignore", column_5="ignore")  # neither name nor email
    response = editor.post(f"/people/sheets/{sheet.pk}/", data)
    assert response.status_code == 200 and "Say which column holds the names" in response.content.decode()
    data.update(column_0="name", column_2="name")
    response = editor.post(f"/people/sheets/{sheet.pk}/", data)
    assert "One column per field" in response.content.decode()


def test_an_unreadable_upload_is_refused_with_a_message(workshop, staff):
    editor = logged_in(staff["editor"])
    response = post_file(editor, workshop, "old-excel.xls")
    assert response.status_code == 302 and not Sheet.objects.exists()
    page = editor.get(response["Location"])
    assert "old Excel file" in page.content.decode()


def test_who_may_upload_see_and_publish(workshop, staff, client):
    assert post_file(client, workshop, "liste-presence-fr.csv").status_code == 302  # to the login page
    for who in ("other", "viewer", "reviewer_nounit"):
        assert post_file(logged_in(staff[who]), workshop, "liste-presence-fr.csv").status_code == 403, who
    assert not Sheet.objects.exists()
    sheet, _plan, _r = imported(workshop, "liste-presence-fr.csv", staff["editor"])
    assert logged_in(staff["other"]).get(f"/people/sheets/{sheet.pk}/").status_code == 404
    assert logged_in(staff["viewer"]).get(f"/people/sheets/{sheet.pk}/").status_code == 200  # sees, cannot change
    assert logged_in(staff["viewer"]).post(f"/people/sheets/{sheet.pk}/", {"action": "discard"}).status_code == 403
    # Publishing needs a reviewer who sees the names.
    for who in ("editor", "reviewer_nounit", "other"):
        assert logged_in(staff[who]).post(f"/activities/{workshop.pk}/people/publish/").status_code == 403, who
    assert set(Attendance.objects.values_list("state", flat=True)) == {AttendanceState.PENDING}
    logged_in(staff["reviewer"]).post(f"/activities/{workshop.pk}/people/publish/")
    assert set(Attendance.objects.values_list("state", flat=True)) == {AttendanceState.PUBLISHED}
    assert Attendance.history.filter(state=AttendanceState.PUBLISHED).count() == 7  # the change is in the history


def test_the_public_counts_a_list_once_a_reviewer_publishes_it(workshop, caribbean, staff, client):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    assert "No attendance list" in client.get(f"/activities/{workshop.pk}/").content.decode()
    staff_page = logged_in(staff["editor"]).get(f"/projects/{caribbean.pk}/")
    assert staff_page.context["people"]["reach"].people.json == 10  # the unit's staff see it at once
    logged_in(staff["reviewer"]).post(f"/activities/{workshop.pk}/people/publish/")
    page = client.get(f"/projects/{caribbean.pk}/")
    reach = page.context["people"]["reach"]
    assert reach.people.json == 10 and not reach.exact
    by_sex = {c.key: c.people.json for _k, _l, cells in reach.breakdowns if _k == "sex" for c in cells}
    assert by_sex == {"female": 5, "male": None, "not_stated": None}  # 4 men and 1 not stated: hidden
    levels = {c.key: c.people for k, _l, cells in reach.breakdowns if k == "seniority" for c in cells}
    assert levels["technical"].json == 5 and levels["senior"].suppressed  # 4 senior officials: fewer than 5
    html = page.content.decode()
    # 10 on the list where the record says 52: taken to be partial, the record's number counts (finding 13).
    assert "Participants: 52 (as recorded: the attendance list counts 10 of them)" in html


def test_match_proposals_confirm_and_split(workshop, caribbean, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    imported(regional, "signin-regional-utf16.csv", staff["editor"])
    proposal = MatchProposal.objects.get()
    assert logged_in(staff["other"]).get("/people/matches/").context["proposals"] == []
    reviewer = logged_in(staff["reviewer"])
    page = reviewer.get("/people/matches/")
    assert page.context["proposals"] == [proposal] and "Karen St Rose" in page.content.decode()
    assert logged_in(staff["editor"]).post(f"/people/matches/{proposal.pk}/split/").status_code == 403
    reviewer.post(f"/people/matches/{proposal.pk}/split/")
    proposal.refresh_from_db()
    assert proposal.state == MatchProposal.State.SPLIT and proposal.decided_by == staff["reviewer"]
    split_off = Person.objects.get(name="Karen St Rose")
    assert Attendance.objects.get(activity=regional, person=split_off)
    assert not Attendance.objects.filter(activity=regional, person__name="Karen St. Rose").exists()
    assert split_off.institution.name == "Ministry of Public Service" and split_off.country_id == "LCA"


def test_a_confirmed_proposal_changes_nothing_else(workshop, caribbean, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    imported(regional, "signin-regional-utf16.csv", staff["editor"])
    proposal = MatchProposal.objects.get()
    people = Person.objects.count()
    logged_in(staff["reviewer"]).post(f"/people/matches/{proposal.pk}/confirm/")
    proposal.refresh_from_db()
    assert proposal.state == MatchProposal.State.CONFIRMED and Person.objects.count() == people
    assert logged_in(staff["reviewer"]).get("/people/matches/").context["proposals"] == []


def test_project_people_list_and_person_page(workshop, caribbean, other_project, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    person = Person.objects.get(email="john.pierre@govt.lc")
    elsewhere = other_project.activities.first() or other_project.activities.create(type="workshop", title="W")
    a = Attendance(person=person, role="participant")
    a.attach(elsewhere)
    a.save()
    editor = logged_in(staff["editor"])
    listing = editor.get(f"/projects/{caribbean.pk}/people/", {"sex": "female"})
    assert listing.status_code == 200 and listing.context["page"].paginator.count == 5
    page = editor.get(f"/people/{person.pk}/")
    # The PACB project's attendance is PACB's business: counted, not shown.
    assert page.context["elsewhere"] == 1 and list(page.context["attendance"]) != [a]
    assert logged_in(staff["admin"]).get(f"/people/{person.pk}/").context["elsewhere"] == 0


def test_a_known_person_s_row_can_be_left_out_in_the_preview(workshop, caribbean, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    editor = logged_in(staff["editor"])
    post_file(editor, regional, "signin-regional-utf16.csv")
    sheet = Sheet.objects.get(activity=regional)
    preview = editor.get(f"/people/sheets/{sheet.pk}/?step=preview")
    known = [r for r in preview.context["plan"].rows if r.outcome == "same_email"][0]  # John Pierre, row 2
    assert f'name="decision_{known.number}"' in preview.content.decode()
    # Row 3, "Jon Pierre" without an email, is proposed as him too: left out as well.
    editor.post(f"/people/sheets/{sheet.pk}/", {"action": "confirm", f"decision_{known.number}": "skip",
                                                 f"decision_{known.number + 1}": "skip"})
    assert not Attendance.objects.filter(activity=regional, person=known.person).exists()
    assert SheetRow.objects.get(sheet=sheet, number=known.number).outcome == SheetRow.Outcome.SKIPPED


def test_people_pages_say_one_in_the_singular_and_days_without_a_decimal_zero(caribbean, workshop, staff):
    """Minor findings: "1 new people", "1 attendances added", "28 new person", days "3.0"."""
    from capdev.people.importing import Report
    from capdev.people.report import Summary, report_lines

    lines = report_lines(Summary("", 0, [(2, "new", [])]), Report(people_created=1, attendance_created=1,
                                                                   proposals=1, institutions_created=1))
    assert "header on row 1, 1 row below it." in lines[0]
    written = next(line for line in lines if line.startswith("Written"))
    assert "1 new person," in written and "1 attendance added" in written and "1 proposal to review" in written
    assert "1 new institution " in written and "people" not in written
    attend(workshop, ("Three Days", "female"), days=3)
    editor = Client()
    editor.force_login(staff["editor"])
    page = editor.get(f"/activities/{workshop.pk}/").content.decode()
    assert '<td class="num">3</td>' in page and "3.0" not in page


def test_an_editor_is_told_that_proposals_await_a_reviewer_not_that_there_is_nothing(workshop, caribbean, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    imported(regional, "signin-regional-utf16.csv", staff["editor"])
    assert MatchProposal.objects.count() == 1
    page = logged_in(staff["editor"]).get("/people/matches/").content.decode()
    assert "Nothing to review" not in page and "1 proposal awaits a reviewer of the project" in page
    other = logged_in(staff["other"]).get("/people/matches/").content.decode()  # another unit's: not theirs
    assert "Nothing to review" in other and "awaits a reviewer" not in other
