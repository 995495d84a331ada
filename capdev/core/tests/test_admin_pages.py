"""Every model's admin pages open for a superuser, with data present."""
import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "correct horse battery")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_add_and_history_pages_open(staff_client, model, rf):
    info = (model._meta.app_label, model._meta.model_name)
    assert staff_client.get(reverse("admin:%s_%s_changelist" % info)).status_code == 200
    assert staff_client.get(reverse("admin:%s_%s_changelist" % info), {"q": "un"}).status_code == 200
    # Records of what happened (source files, import jobs, the task queue, publications over IATI errors) are
    # read only: no add page.
    request = rf.get("/")
    from django.contrib.auth import get_user_model

    request.user = get_user_model().objects.get(username="admin")
    addable = admin.site._registry[model].has_add_permission(request)
    assert staff_client.get(reverse("admin:%s_%s_add" % info)).status_code == (200 if addable else 403)
    assert addable or model._meta.label in {"projects.SourceFile", "imports.ImportJob", "projects.PublishOverride",
                                            "django_tasks_database.DBTaskResult"}


def test_project_change_page_shows_its_lists_and_history(staff_client):
    from capdev.importer.tests.test_loader import load, make_record, reference_rows  # noqa: F401

    call_command("load_reference", stdout=open("/dev/null", "w"))
    load([make_record()])
    from capdev.projects.models import Project

    project = Project.objects.get()
    page = staff_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Vision developed" in body and "Advisory Mission to the Bahamas" in body
    history = staff_client.get(reverse("admin:projects_project_history", args=[project.pk]))
    assert history.status_code == 200
