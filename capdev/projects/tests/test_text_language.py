"""`lang` is only ever the language the text is in: a project's texts carry Project.language on a page in
another language, and nothing where it is the page's own."""
import pytest
from lxml import html as lxml_html

from capdev.projects.models import Project


@pytest.fixture
def project(db):
    return Project.objects.create(title="Digital government in small islands", summary="Training of officials.",
                                  objective="Officials apply what they learnt.", review_state="published")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.document_fromstring(response.content.decode())


def test_an_english_project_on_a_french_page_is_marked_english(client, project):
    root = page(client, f"/fr/projects/{project.pk}/")
    assert root.get("lang") == "fr"
    assert root.cssselect("h1#project-title")[0].get("lang") == "en"
    summary = [e for e in root.cssselect("[lang=en]") if "Training of officials." in e.text_content()]
    assert summary, "the summary is not marked as English"
    # The headings around it are the page's own: not marked.
    assert root.cssselect("h2#narrative-heading")[0].get("lang") is None


def test_on_a_page_in_its_own_language_nothing_is_marked(client, project):
    root = page(client, f"/projects/{project.pk}/")
    assert root.get("lang") == "en"
    assert root.cssselect("h1#project-title")[0].get("lang") is None


def test_a_french_project_on_an_english_page_is_marked_french(client, project):
    Project.objects.filter(pk=project.pk).update(language="fr")
    root = page(client, f"/projects/{project.pk}/")
    assert root.cssselect("h1#project-title")[0].get("lang") == "fr"
    assert root.cssselect("h1#project-title")[0].get("dir") == "ltr"
    # and in the list
    root = page(client, "/projects/")
    link = [a for a in root.cssselect("ol.results-list h3 a") if a.text_content() == project.title]
    assert link and link[0].get("lang") == "fr"


def test_an_arabic_project_reads_right_to_left_on_an_english_page(client, project):
    Project.objects.filter(pk=project.pk).update(language="ar")
    root = page(client, f"/projects/{project.pk}/")
    assert (root.cssselect("h1#project-title")[0].get("lang"), root.cssselect("h1#project-title")[0].get("dir")) == \
        ("ar", "rtl")


def test_the_language_is_a_language_code(project):
    from django.core.exceptions import ValidationError

    project.language = "French!"
    with pytest.raises(ValidationError):
        project.full_clean()
