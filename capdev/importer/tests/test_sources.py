"""`capdev import-legacy` on saved web pages, Word documents and PDFs: the text is parsed, the original kept."""
import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from capdev.accounts.roles import VIEWER, assign_role
from capdev.projects.models import Project, SourceFile, SourceRecord

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "sources" / "tests" / "files"
NARRATIVE = Path(__file__).resolve().parents[2] / "narrative" / "tests" / "files"


@pytest.fixture(autouse=True)
def reference():
    call_command("load_reference", stdout=io.StringIO())


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_legacy", *map(str, args), stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.parametrize("name, media_type, code, title", [
    ("record.html", "text/html", "DA1617B", "Strengthening e-Government in the Caribbean"),
    ("record.pdf", "application/pdf", "DA1819Z", "Digital skills for parliamentary staff in small island States"),
    ("record.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DA1819Z",
     "Digital skills for parliamentary staff in small island States"),
])
def test_a_document_becomes_a_project_with_its_original_kept(name, media_type, code, title):
    path = SAMPLES / name
    output = run(path)
    assert "1 records, 1 created" in output
    project = Project.objects.get()
    assert (project.code, project.title) == (code, title)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    source = SourceRecord.objects.get(project=project)
    assert source.file_sha256 == sha and source.file_name == name
    assert title in source.text  # the record's text as read from the document, the spans index it
    kept = SourceFile.objects.get()
    assert (kept.sha256, kept.media_type, kept.size, kept.file_name) == (sha, media_type, len(data), name)
    assert bytes(kept.data) == data
    assert source.original.pk == kept.pk


def test_the_pdf_record_is_read_whole_across_its_page_breaks():
    run(SAMPLES / "record.pdf")
    project = Project.objects.get()
    assert project.lead_unit.code == "DPIDG"
    assert (project.start.iso(), project.end.iso()) == ("2019-03", "2021-12")
    assert [(b.amount, b.currency_id) for b in project.budgets.all()] == [(412500, "USD")]
    assert "UN DESA - Project document" not in SourceRecord.objects.get().text


def test_importing_the_same_document_again_keeps_one_original():
    run(SAMPLES / "record.pdf")
    assert "0 created, 0 updated, 1 unchanged" in run(SAMPLES / "record.pdf")
    assert SourceFile.objects.count() == 1


def test_plain_text_files_keep_their_original_too():
    run(NARRATIVE / "record_cp1252.txt")
    kept = SourceFile.objects.get()
    assert kept.media_type == "text/plain" and bytes(kept.data) == (NARRATIVE / "record_cp1252.txt").read_bytes()


def test_a_dry_run_keeps_nothing():
    run(SAMPLES / "record.html", "--dry-run")
    assert not SourceFile.objects.exists() and not Project.objects.exists()


@pytest.mark.parametrize("name, says", [("scanned.pdf", "scanned pdf"), ("bomb.docx", "zip bomb"),
                                        ("many-pages.pdf", "over the limit"), ("old-word.doc", "word 97-2003")])
def test_an_unreadable_document_is_one_clear_line_and_writes_nothing(name, says):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_legacy", str(SAMPLES / name), stdout=io.StringIO(), stderr=err)
    lines = [line for line in err.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and says in lines[0].lower()
    assert not Project.objects.exists() and not SourceFile.objects.exists()


def test_the_page_limit_is_a_setting(settings):
    settings.CAPDEV_IMPORT_MAX_PAGES = 2
    with pytest.raises(CommandError):
        call_command("import_legacy", str(SAMPLES / "record.pdf"), stdout=io.StringIO(), stderr=io.StringIO())
    settings.CAPDEV_IMPORT_MAX_PAGES = 3
    assert "1 created" in run(SAMPLES / "record.pdf")


# -- the download -----------------------------------------------------------------------------------------------

@pytest.fixture
def imported():
    run(SAMPLES / "record.pdf")
    project = Project.objects.get()
    return project, SourceRecord.objects.get(project=project)


def url(project, source):
    return f"/projects/{project.pk}/sources/{source.pk}/original/"


def test_staff_download_the_original_as_an_attachment(imported, client, django_user_model):
    project, source = imported
    viewer = django_user_model.objects.create_user("viewer", password="unused in tests 123")
    assign_role(viewer, VIEWER)
    client.force_login(viewer)
    response = client.get(url(project, source))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''record.pdf"
    assert response.content == (SAMPLES / "record.pdf").read_bytes()
    page = client.get(f"/projects/{project.pk}/")
    assert url(project, source) in page.content.decode()


def test_the_original_is_never_public(imported, client, django_user_model):
    project, source = imported
    project.review_state = "published"
    project.save()
    response = client.get(url(project, source))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert url(project, source) not in client.get(f"/projects/{project.pk}/").content.decode()
    client.force_login(django_user_model.objects.create_user("someone", password="unused in tests 123"))
    assert client.get(url(project, source)).status_code == 403


def test_no_original_is_a_404(imported, client, django_user_model, admin_user):
    project, source = imported
    SourceFile.objects.all().delete()
    client.force_login(admin_user)
    assert client.get(url(project, source)).status_code == 404
    other = Project.objects.create(title="Other")
    assert client.get(f"/projects/{other.pk}/sources/{source.pk}/original/").status_code == 404
