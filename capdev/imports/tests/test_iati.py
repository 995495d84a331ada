"""IATI activity files on the import page: previewed by capdev.iati's reader, the kept ones imported."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from capdev.iati import conf
from capdev.iati.models import IatiActivity
from capdev.imports.models import ImportJob
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project, ReviewState, SourceFile, SourceRecord

from .conftest import run_worker

IATI_FILES = Path(__file__).resolve().parents[2] / "iati" / "tests" / "files"


def two_activities() -> bytes:
    """The IATI tests' good activity, and a second one like it under another identifier and title."""
    text = (IATI_FILES / "good_activity.xml").read_text(encoding="utf-8")
    activity = re.search(r"  <iati-activity.*?</iati-activity>\n", text, re.S).group(0)
    second = (activity.replace("XM-DAC-41127-GOOD-1", "XM-DAC-41127-GOOD-2")
              .replace("Digital government capacity in small island states", "Open data for statistics offices"))
    return text.replace(activity, activity + second).encode("utf-8")


def upload(client, content: bytes, unit=None, name="activities.xml"):
    data = {"file": SimpleUploadedFile(name, content)}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post("/imports/", data)


@pytest.fixture
def dmb(reference):
    return OrgUnit.objects.get(code="DMB")


def test_an_iati_file_is_previewed_activity_by_activity(client, users, dmb):
    client.force_login(users["dmb"])
    upload(client, two_activities(), unit=dmb)
    run_worker()
    job = ImportJob.objects.get()
    assert (job.format, job.state) == ("iati", "ready"), job.error
    first, second = job.records.order_by("index")
    assert (first.preview["code"], first.title) == ("XM-DAC-41127-GOOD-1",
                                                     "Digital government capacity in small island states")
    assert second.title == "Open data for statistics offices" and first.allowed and first.keep
    values = {f["key"]: f["value"] for f in first.preview["fields"]}
    assert values["countries"] == ["LC", "BB"] and values["period"] == "2022-02-01 – 2025-12-31"
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert 'id="r0-title"' in page and "&lt;iati-identifier&gt;" in page


def test_the_kept_activities_become_projects_in_review_of_the_unit(client, users, dmb):
    client.force_login(users["dmb"])
    upload(client, two_activities(), unit=dmb)
    run_worker()
    job = ImportJob.objects.get()
    client.post(f"/imports/{job.pk}/records/1/keep/", {"keep": "0"})
    client.post(f"/imports/{job.pk}/confirm/")
    run_worker()
    job.refresh_from_db()
    assert job.state == "done", job.error
    project = Project.objects.get()
    assert project.iati_identifier == "XM-DAC-41127-GOOD-1" and project.review_state == ReviewState.IN_REVIEW
    assert project.lead_unit == dmb
    assert job.result["created"] == 1 and job.result["project_ids"] == [project.pk]
    source = SourceRecord.objects.get(project=project)
    assert (source.file_name, source.file_sha256) == ("activities.xml", job.sha256)
    assert IatiActivity.objects.get(project=project).file_name == "activities.xml"
    kept = SourceFile.objects.get()
    assert kept.media_type == "application/xml" and bytes(kept.data) == two_activities()
    assert project.history.latest().lead_unit_id == dmb.pk


def test_an_editor_needs_a_unit_for_iati_activities(client, users):
    client.force_login(users["dmb"])
    upload(client, two_activities())
    run_worker()
    job = ImportJob.objects.get()
    assert not job.records.filter(allowed=True).exists()
    assert "names no unit" in job.records.first().why_not


def test_an_activity_invalid_against_the_schema_cannot_be_kept_one_with_an_unknown_code_can(client, users):
    if not conf.schema_file().exists():
        pytest.skip("the IATI 2.03 schema is absent (set CAPDEV_SHARED): whether an activity can be "
                    "kept is decided by it")
    # the first: activity-scope after recipient-country, out of the schema's order; the second: an unknown scope
    first, second = two_activities().split(b"XM-DAC-41127-GOOD-2", 1)
    country = b'<recipient-country code="LC" percentage="60"/>'
    bad = (first.replace(country, country + b'<activity-scope code="1"/>') + b"XM-DAC-41127-GOOD-2"
           + second.replace(country, b'<activity-scope code="99"/>' + country))
    client.force_login(users["reviewer"])
    upload(client, bad)
    run_worker()
    job = ImportJob.objects.get()
    first, second = job.records.order_by("index")
    assert not first.allowed and "invalid against the IATI 2.03 schema" in first.why_not
    assert "activity-scope" in first.why_not  # the schema's own words, with the line
    assert second.allowed and second.keep
    assert any("unknown ActivityScope code '99'" in text for _where, text in second.preview["flags"])
    client.post(f"/imports/{job.pk}/confirm/")
    run_worker()
    job.refresh_from_db()
    assert job.state == "done", job.error
    project = Project.objects.get()
    assert project.iati_identifier == "XM-DAC-41127-GOOD-2" and job.result["flags"] >= 1
    assert project.review_flags.filter(rule="codelist", value="99", field="activity-scope/@code").exists()


def test_an_identifier_given_twice_is_kept_once_as_the_importer_does(client, users):
    client.force_login(users["reviewer"])
    upload(client, two_activities().replace(b"XM-DAC-41127-GOOD-2", b"XM-DAC-41127-GOOD-1"))
    run_worker()
    first, second = ImportJob.objects.get().records.order_by("index")
    assert first.allowed and not second.allowed and "already" in second.why_not


@pytest.mark.parametrize("name, says", [("dtd.xml", "DOCTYPE"), ("truncated.xml", "not well-formed"),
                                        ("wrong_root.xml", "wrong root")])
def test_an_unsafe_or_damaged_iati_file_fails_with_where(client, users, name, says):
    client.force_login(users["reviewer"])
    upload(client, (IATI_FILES / name).read_bytes(), name=name)
    run_worker()
    job = ImportJob.objects.get()
    assert job.state == "failed" and says in job.error and job.error.startswith(name)
    assert not Project.objects.exists()

