"""Editing translations: the project's editors only, a published project through its working copy (its
translations reach the public only when a reviewer publishes it), versions checked, bad input refused whole."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, REVIEWER, assign_role
from capdev.editor import workflow
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project
from capdev.texts.models import OutcomeTranslation, ProjectTranslation

from .conftest import OUTCOME_FR, TITLE_FR


@pytest.fixture
def units(db):
    return {code: OrgUnit.objects.create(code=code, name=code) for code in ("PACB", "DMB")}


@pytest.fixture
def users(units, django_user_model):
    def make(name, role, unit=None):
        user = django_user_model.objects.create_user(name, password="unused in tests 123")
        assign_role(user, role)
        if unit:
            UnitAssignment.objects.create(user=user, unit=units[unit])
        return user
    return {"pacb": make("ed-pacb", EDITOR, "PACB"), "dmb": make("ed-dmb", EDITOR, "DMB"),
            "reviewer": make("reviewer", REVIEWER)}


@pytest.fixture
def project(translated, units):
    Project.objects.filter(pk=translated.pk).update(lead_unit=units["PACB"])
    translated.refresh_from_db()
    return translated


def form_data(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    data = {f"t-{name}": form[name].value() or "" for name in form.fields}
    data["version-seen"] = response.context["version"]["seen"].value()
    return data


# -- the model ---------------------------------------------------------------------------------------------

def test_one_translation_per_text_and_language(translated):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectTranslation.objects.create(project=translated, field="title", language="fr", text="Autre")


def test_a_language_outside_the_six_is_refused_by_the_database(translated):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectTranslation.objects.create(project=translated, field="objective", language="pt", text="Objetivo")


def test_a_translation_into_the_originals_language_or_of_an_empty_text_is_refused(translated):
    with pytest.raises(ValidationError) as refused:
        ProjectTranslation(project=translated, field="objective", language="en", text="Same").full_clean()
    assert "language" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        ProjectTranslation(project=translated, field="background", language="es", text="Contexto").full_clean()
    assert "field" in refused.value.message_dict


def test_a_translation_has_history(translated):
    row = ProjectTranslation.objects.get(project=translated, field="title", language="fr")
    row.text = "Gouvernement numérique"
    row.save()
    assert [h.text for h in row.history.order_by("history_id")] == [TITLE_FR, "Gouvernement numérique"]


# -- the editor's page --------------------------------------------------------------------------------------

def test_an_editor_of_another_unit_is_refused(client, users, project):
    client.force_login(users["dmb"])
    assert client.get(f"/projects/{project.pk}/translations/").status_code == 403


def test_a_published_project_is_translated_through_its_working_copy(client, users, project):
    client.force_login(users["pacb"])
    url = f"/projects/{project.pk}/translations/"
    assert client.get(url)["Location"].endswith(f"/projects/{project.pk}/edit/")  # which offers the copy
    copy = workflow.start_working_copy(project, users["pacb"])
    assert client.get(url)["Location"].endswith(f"/projects/{copy.pk}/translations/")
    copy_url = f"/projects/{copy.pk}/translations/"
    data = form_data(client, copy_url)
    data["t-es__title"] = "Gobierno digital en pequeñas islas"
    data["t-fr__title"] = ""  # removes the French title
    response = client.post(copy_url, data)
    assert response.status_code == 302, response.context["form"].errors
    # The public still sees the published translations, and none of the draft's.
    public = client.get(f"/es/projects/{project.pk}/")
    assert "Gobierno digital" not in public.content.decode()
    assert TITLE_FR in client.get(f"/fr/projects/{project.pk}/").content.decode()
    assert ProjectTranslation.objects.filter(project=project, field="title", language="fr").exists()
    workflow.publish(copy, users["reviewer"], override_reason="test")
    assert set(ProjectTranslation.objects.filter(project=project, field="title").values_list("language", "text")) \
        == {("es", "Gobierno digital en pequeñas islas")}
    client.logout()
    assert "Gobierno digital en pequeñas islas" in client.get(f"/es/projects/{project.pk}/").content.decode()
    # The outcome's translation went through the copy and back onto the same outcome.
    assert OutcomeTranslation.objects.get(outcome__project=project).text == OUTCOME_FR


def test_a_draft_projects_translations_are_saved_in_place(client, users, project):
    Project.objects.filter(pk=project.pk).update(review_state="draft")
    client.force_login(users["pacb"])
    url = f"/projects/{project.pk}/translations/"
    data = form_data(client, url)
    outcome = project.outcomes.order_by("position").last()
    data[f"t-ar__outcome_{outcome.pk}"] = "نتيجة ثانية"
    assert client.post(url, data).status_code == 302
    assert OutcomeTranslation.objects.get(outcome=outcome).language == "ar"
    client.logout()
    assert client.get(f"/ar/projects/{project.pk}/").status_code == 404  # a draft is never public


def test_a_save_over_someone_elses_is_refused(client, users, project):
    Project.objects.filter(pk=project.pk).update(review_state="draft")
    client.force_login(users["pacb"])
    url = f"/projects/{project.pk}/translations/"
    data = form_data(client, url)
    project.refresh_from_db()
    project.summary = "Changed meanwhile."
    project.save()
    data["t-ru__title"] = "Цифровое правительство"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ProjectTranslation.objects.filter(language="ru").exists()


def test_a_refused_translation_leaves_everything_unchanged(client, users, project):
    Project.objects.filter(pk=project.pk).update(review_state="draft")
    client.force_login(users["pacb"])
    url = f"/projects/{project.pk}/translations/"
    data = form_data(client, url)
    data["t-es__title"] = "x" * 501
    data["t-ru__summary"] = "Обучение"
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not ProjectTranslation.objects.filter(language__in=["es", "ru"]).exists()
