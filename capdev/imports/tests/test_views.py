"""The import page: upload, preview with spans and flags, choose, confirm; who may do what."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from capdev.imports.models import STALLED_AFTER, ImportJob, ImportRecord
from capdev.projects.models import Project, ReviewState, SourceFile, SourceRecord

from .conftest import run_worker

SAMPLES = Path(__file__).resolve().parents[2] / "sources" / "tests" / "files"
TWO_RECORDS = """Title: Open government data for municipalities
Main Expectations: Municipal open data portals in three pilot cities.
Time Frame: January 2020 - December 2021
Funding: XBTC
Proposed Budget: US$ 150,000
Division: PACB
Title: E-participation toolkit for local councils
Main Expectations: A toolkit for online consultations.
Time Frame: March 2020 - June 2022
Funding: XBTC
Proposed Budget: US$ 90,000
"""


def upload(client, name="records.txt", content=TWO_RECORDS.encode(), unit=None):
    data = {"file": SimpleUploadedFile(name, content)}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post("/imports/", data)


@pytest.fixture
def pacb(users):
    from capdev.organisations.models import OrgUnit

    return OrgUnit.objects.get(code="PACB")


@pytest.fixture
def ready_job(client, users, pacb):
    client.force_login(users["pacb"])
    response = upload(client, unit=pacb)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    run_worker()
    job.refresh_from_db()
    assert job.state == ImportJob.State.READY, job.error
    return job


# -- the flow ---------------------------------------------------------------------------------------------------

def test_upload_queues_a_job_that_the_worker_reads(client, users, pacb):
    client.force_login(users["pacb"])
    upload(client, unit=pacb)
    job = ImportJob.objects.get()
    assert (job.state, job.user, job.unit, job.format) == ("queued", users["pacb"], pacb, "narrative")
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Waiting for the worker" in page and f'hx-get="/imports/{job.pk}/status/"' in page
    assert not Project.objects.exists()
    run_worker()
    job.refresh_from_db()
    assert job.state == "ready" and job.records.count() == 2


def test_the_preview_shows_fields_spans_and_flags(ready_job, client):
    page = client.get(f"/imports/{ready_job.pk}/").content.decode()
    assert "Open government data for municipalities" in page and "E-participation toolkit" in page
    # A field links to the span it was read from; the span is marked in the source text with its label.
    assert 'href="#r0-time_frame"' in page
    assert '<mark class="src-field" id="r0-time_frame" data-field="time_frame">' in page
    assert "2020-01 – 2021-12" in page and "USD 150,000" in page
    # The second record names no unit: it gets the one chosen at upload, as its preview shows.
    second = ImportRecord.objects.get(job=ready_job, index=1)
    assert {f["key"]: f["value"] for f in second.preview["fields"]}["lead_unit"] == "PACB"
    flagged = [r for r in ready_job.records.all() if r.preview["flags"]]
    for record in flagged:
        assert record.preview["flags"][0][1] in page


def test_choose_and_confirm_makes_drafts_in_review(ready_job, client, users):
    response = client.post(f"/imports/{ready_job.pk}/records/1/keep/", {"keep": "0"})
    assert response.status_code == 302
    assert list(ready_job.records.order_by("index").values_list("keep", flat=True)) == [True, False]
    response = client.post(f"/imports/{ready_job.pk}/confirm/")
    assert response.status_code == 302
    run_worker()
    ready_job.refresh_from_db()
    assert ready_job.state == "done", ready_job.error
    project = Project.objects.get()
    assert project.title == "Open government data for municipalities"
    assert project.review_state == ReviewState.IN_REVIEW and project.lead_unit.code == "PACB"
    assert ready_job.result["created"] == 1 and ready_job.result["project_ids"] == [project.pk]
    source = SourceRecord.objects.get(project=project)
    assert source.file_name == "records.txt" and source.original.pk == SourceFile.objects.get().pk
    assert bytes(ready_job.data) == b""  # the bytes live on as the SourceFile
    review = client.get("/review/").content.decode()
    assert "Open government data for municipalities" in review
    page = client.get(f"/imports/{ready_job.pk}/").content.decode()
    assert f'href="/projects/{project.pk}/"' in page and "1 created" in page


def test_confirm_twice_imports_once(ready_job, client):
    client.post(f"/imports/{ready_job.pk}/confirm/")
    second = client.post(f"/imports/{ready_job.pk}/confirm/", follow=True)
    assert "already confirmed" in second.content.decode()
    run_worker()
    assert Project.objects.count() == 2
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="import_selected").count() == 1
    client.post(f"/imports/{ready_job.pk}/confirm/")
    run_worker()
    assert Project.objects.count() == 2


def test_a_confirm_with_nothing_kept_is_refused(ready_job, client):
    client.post(f"/imports/{ready_job.pk}/keep/", {"keep": "0"})
    response = client.post(f"/imports/{ready_job.pk}/confirm/", follow=True)
    assert "No record is kept" in response.content.decode()
    ready_job.refresh_from_db()
    assert ready_job.state == "ready"


def test_htmx_keep_returns_the_button_in_place(ready_job, client):
    response = client.post(f"/imports/{ready_job.pk}/records/0/keep/", {"keep": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Left out" in response.content.decode() and 'value="1"' in response.content.decode()


def test_status_asks_the_page_to_reload_when_the_worker_is_done(client, users, pacb):
    client.force_login(users["pacb"])
    upload(client, unit=pacb)
    job = ImportJob.objects.get()
    running = client.get(f"/imports/{job.pk}/status/", HTTP_HX_REQUEST="true")
    assert running.status_code == 200 and "every 2s" in running.content.decode()
    run_worker()
    finished = client.get(f"/imports/{job.pk}/status/", HTTP_HX_REQUEST="true")
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"


@pytest.mark.parametrize("name", ["record.html", "record.docx", "record.pdf"])
def test_documents_are_read_on_the_page_too(client, users, name):
    client.force_login(users["reviewer"])
    upload(client, name=name, content=(SAMPLES / name).read_bytes())
    run_worker()
    job = ImportJob.objects.get()
    assert job.state == "ready" and job.media_type != "text/plain"
    assert job.records.get().preview["code"] in ("DA1617B", "DA1819Z")


EXPORTS = Path(__file__).resolve().parents[2] / "narrative" / "tests" / "files" / "round5" / "exports"


@pytest.mark.parametrize("sample, name", [("csv_en_export.txt", "portfolio.csv"),
                                          ("semicolon_es_export.txt", "cartera.csv"),
                                          ("yaml_fr_projets.yaml.txt", "projets.yaml"),
                                          ("../../round16/es_mysqldump.sql.txt", "cooperacion.sql"),
                                          ("../../round17/markup/cartera_es.tex", "cartera.tex")])
def test_an_export_of_projects_is_uploaded_and_read_one_record_per_project(client, users, sample, name):
    client.force_login(users["reviewer"])
    response = upload(client, name=name, content=(EXPORTS / sample).read_bytes())
    assert response.status_code == 302, response.content.decode()[:500]
    run_worker()
    job = ImportJob.objects.get()
    assert job.state == "ready", job.error
    codes = [r.preview["code"] for r in job.records.order_by("index")]
    assert len(codes) >= 2 and all(codes), codes


def test_a_scanned_pdf_fails_with_its_reason(client, users):
    client.force_login(users["reviewer"])
    upload(client, name="scanned.pdf", content=(SAMPLES / "scanned.pdf").read_bytes())
    run_worker()
    job = ImportJob.objects.get()
    assert job.state == "failed" and "scanned PDF" in job.error
    assert "scanned PDF" in client.get(f"/imports/{job.pk}/").content.decode()


# -- bounds -----------------------------------------------------------------------------------------------------

def test_a_file_over_the_limit_is_refused_with_the_limit(client, users, settings):
    settings.CAPDEV_IMPORT_MAX_BYTES = 1000
    client.force_login(users["reviewer"])
    response = upload(client, content=TWO_RECORDS.encode() * 4)
    assert response.status_code == 413
    assert "larger than the limit of 1000" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_upload_handler_stops_reading_past_the_limit(rf, users, settings):
    from django.core.files.uploadhandler import SkipFile

    from capdev.imports.forms import LimitedUpload

    request = rf.post("/imports/")
    handler = LimitedUpload(request, 100)
    handler.new_file("file", "a.txt", "text/plain", 1000)
    assert handler.receive_data_chunk(b"x" * 64, 0) == b"x" * 64
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x" * 64, 64)
    assert request.capdev_upload_too_large


@pytest.mark.parametrize("name, says", [("notes.odt", "cannot be imported"), ("empty.txt", "empty")])
def test_unsupported_or_empty_files_are_refused(client, users, name, says):
    client.force_login(users["reviewer"])
    response = upload(client, name=name, content=b"" if "empty" in name else b"x")
    assert response.status_code == 400 and says in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_misnamed_file_is_refused_at_upload(client, users):
    client.force_login(users["reviewer"])
    response = upload(client, name="report.pdf", content=b"Title: not a pdf at all")
    assert response.status_code == 400 and "not a PDF" in response.content.decode()


# -- who may do what --------------------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_sign_in(client, reference):
    for url in ("/imports/", "/imports/1/", "/imports/1/status/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/imports/1/confirm/").status_code == 302


@pytest.mark.parametrize("who", ["viewer", "nobody"])
def test_users_who_may_not_create_projects_get_403(client, users, who):
    client.force_login(users[who])
    assert client.get("/imports/").status_code == 403
    assert upload(client).status_code == 403
    assert not ImportJob.objects.exists()


def test_another_units_editor_sees_nothing_of_a_job(ready_job, client, users):
    client.force_login(users["dmb"])
    assert client.get(f"/imports/{ready_job.pk}/").status_code == 404
    assert client.post(f"/imports/{ready_job.pk}/confirm/").status_code == 404
    assert client.post(f"/imports/{ready_job.pk}/records/0/keep/", {"keep": "0"}).status_code == 404
    assert client.post(f"/imports/{ready_job.pk}/discard/").status_code == 404
    assert "records.txt" not in client.get("/imports/").content.decode()
    ready_job.refresh_from_db()
    assert ready_job.state == "ready" and ready_job.records.filter(keep=True).count() == 2


def test_a_colleague_of_the_unit_and_a_reviewer_see_the_job(ready_job, client, users, pacb, django_user_model):
    from capdev.accounts.models import UnitAssignment
    from capdev.accounts.roles import EDITOR, assign_role

    colleague = django_user_model.objects.create_user("ed-pacb-2", password="unused in tests 123")
    assign_role(colleague, EDITOR)
    UnitAssignment.objects.create(user=colleague, unit=pacb)
    for user in (colleague, users["reviewer"]):
        client.force_login(user)
        assert client.get(f"/imports/{ready_job.pk}/").status_code == 200
        assert "records.txt" in client.get("/imports/").content.decode()


def test_records_of_another_unit_cannot_be_kept(client, users, pacb):
    client.force_login(users["dmb"])
    upload(client, unit=None)
    run_worker()
    job = ImportJob.objects.get()
    first, second = job.records.order_by("index")
    assert not first.allowed and "unit is not one you edit" in first.why_not and not first.keep
    assert not second.allowed and "names no unit" in second.why_not
    assert client.post(f"/imports/{job.pk}/records/0/keep/", {"keep": "1"}).status_code == 302
    first.refresh_from_db()
    assert not first.keep
    response = client.post(f"/imports/{job.pk}/confirm/", follow=True)
    assert "No record is kept" in response.content.decode()
    assert not Project.objects.exists()


def test_the_loader_checks_the_confirming_user_again(ready_job, client, users):
    """A record allowed when previewed but not when imported (the unit was taken away meanwhile): nothing is
    written, and the job says why."""
    from capdev.accounts.models import UnitAssignment

    client.post(f"/imports/{ready_job.pk}/confirm/")
    UnitAssignment.objects.filter(user=users["pacb"]).delete()
    run_worker()
    ready_job.refresh_from_db()
    assert ready_job.state == "failed" and "may not write projects of unit PACB" in ready_job.error
    assert not Project.objects.exists() and not SourceFile.objects.exists()


def test_a_published_project_is_not_changed_from_the_import_page_by_an_editor(client, users, pacb):
    client.force_login(users["reviewer"])
    upload(client, unit=pacb)
    run_worker()
    job = ImportJob.objects.get()
    client.post(f"/imports/{job.pk}/confirm/")
    run_worker()
    Project.objects.update(review_state=ReviewState.PUBLISHED)
    client.force_login(users["pacb"])
    upload(client, unit=pacb)  # the same records: found by their text seen before
    run_worker()
    again = ImportJob.objects.latest("pk")
    first = again.records.get(index=0)
    assert not first.allowed and "published project" in first.why_not
    assert first.preview["match"]["title"] == "Open government data for municipalities"


def test_the_job_list_reads_a_fixed_number_of_queries(ready_job, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/imports/").status_code == 200


def test_nothing_of_an_import_is_cached_or_public(ready_job, client):
    response = client.get(f"/imports/{ready_job.pk}/")
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(f"/imports/{ready_job.pk}/").status_code == 302


def test_the_staff_navigation_links_the_import_page(client, users):
    client.force_login(users["pacb"])
    assert 'href="/imports/"' in client.get("/projects/").content.decode()
    client.logout()
    assert 'href="/imports/"' not in client.get("/projects/").content.decode()


def test_a_running_import_is_discarded_only_once_it_has_stalled(client, users, pacb):
    client.force_login(users["pacb"])
    upload(client, unit=pacb)
    job = ImportJob.objects.get()
    response = client.post(f"/imports/{job.pk}/discard/", follow=True)
    assert "cannot be discarded" in response.content.decode() and ImportJob.objects.exists()
    ImportJob.objects.filter(pk=job.pk).update(last_updated=timezone.now() - STALLED_AFTER * 2)
    assert "no progress for a long time" in client.get(f"/imports/{job.pk}/").content.decode()
    client.post(f"/imports/{job.pk}/discard/")
    assert not ImportJob.objects.exists()
    run_worker()  # its queued task finds no job and does nothing
    assert not Project.objects.exists()


ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Division news</title>
  <updated>2025-06-30T09:00:00Z</updated>
  <entry>
    <title>Open budget data for municipal governments</title>
    <updated>2025-06-30T09:00:00Z</updated>
    <content type="html">&lt;p&gt;The project &lt;em&gt;Open budget data for municipal governments&lt;/em&gt;
      (code OBM-2024) supports the municipalities of Kenya from February 2024 to January 2026 with a budget of
      USD 385,000 funded by Irish Aid.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _narrative_upload(client, user, unit, name: str, content: bytes) -> ImportRecord:
    """Upload a file, check it is read as narrative records, run the worker: its one record."""
    client.force_login(user)
    upload(client, name=name, content=content, unit=unit)
    job = ImportJob.objects.get()
    assert job.format == ImportJob.Format.NARRATIVE
    run_worker()
    job.refresh_from_db()
    assert job.state == ImportJob.State.READY, job.error
    [record] = ImportRecord.objects.filter(job=job)
    return record


def test_an_atom_feed_uploaded_as_xml_is_read_as_narrative_records_not_iati(client, users, pacb):
    record = _narrative_upload(client, users["pacb"], pacb, "news.xml", ATOM_FEED.encode())
    assert record.title == "Open budget data for municipal governments"
    assert "OBM-2024" in str(record.preview)


def test_a_sites_xml_export_uploaded_as_xml_is_read_as_narrative_records(client, users, pacb):
    export = (b'<?xml version="1.0"?>\n<projects xmlns="urn:example:cms">\n<project>\n<title>Civil registration '
              b'systems for municipalities</title>\n<code>CRS-2025-02</code>\n<country>Bolivia</country>\n<budget>USD '
              b'230,000</budget>\n</project>\n</projects>\n')
    record = _narrative_upload(client, users["pacb"], pacb, "export.xml", export)
    assert record.title == "Civil registration systems for municipalities"


def test_an_iati_file_uploaded_as_xml_stays_iati(client, users, pacb):
    client.force_login(users["pacb"])
    upload(client, name="activities.xml", content=b'<?xml version="1.0"?>\n<iati-activities version="2.03">'
                                                     b'</iati-activities>', unit=pacb)
    assert ImportJob.objects.get().format == ImportJob.Format.IATI
