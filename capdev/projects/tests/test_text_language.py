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


# -- an activity's dates and the record's words among the interface's (newuser4 findings 2, 4, 27) ---------------

@pytest.fixture
def activity(project):
    import datetime as dt

    from capdev.activities.models import Activity

    return Activity.objects.create(
        project=project, type="workshop", title="Webinar series", summary="Webinar Series on integrity.",
        dates_text="21 and 28 February 2024; 20 and 27 March 2024",
        start_date=dt.date(2024, 2, 1), start_precision="month", end_date=dt.date(2024, 3, 31), end_precision="month",
        participants=40, participants_qualifier="over", participants_profile="government officials")


def test_activity_dates_are_written_in_the_pages_language(client, activity):
    root = page(client, f"/fr/projects/{activity.project_id}/")
    when = root.cssselect(".timeline-when")[0].text_content()
    assert "février 2024" in when and "mars 2024" in when
    assert "February" not in when


def test_activity_dates_as_recorded_on_a_page_in_the_records_language(client, activity):
    root = page(client, f"/projects/{activity.project_id}/")
    assert root.cssselect(".timeline-when")[0].text_content() == "21 and 28 February 2024; 20 and 27 March 2024"


def test_dates_only_in_words_are_isolated_and_marked_in_an_arabic_page(client, activity):
    type(activity).objects.filter(pk=activity.pk).update(start_date=None, end_date=None)
    root = page(client, f"/ar/projects/{activity.project_id}/")
    marked = root.cssselect(".timeline-when bdi")
    assert marked and (marked[0].get("lang"), marked[0].get("dir")) == ("en", "ltr")
    assert marked[0].text_content() == "21 and 28 February 2024; 20 and 27 March 2024"


def test_the_recorded_participants_are_marked_with_the_records_language(client, activity):
    root = page(client, f"/ar/projects/{activity.project_id}/")
    marked = [e for e in root.cssselect(".timeline-item [lang=en]") if "government officials" in e.text_content()]
    assert marked and marked[0].get("dir") == "ltr"
    assert "over 40 government officials" in marked[0].text_content()


def test_the_activity_page_marks_its_account_and_says_it_is_in_english(client, activity):
    root = page(client, f"/fr/activities/{activity.pk}/")
    account = [e for e in root.cssselect("section.prose [lang]") if "Webinar Series" in e.text_content()]
    assert account and (account[0].get("lang"), account[0].get("dir")) == ("en", "ltr")
    assert root.cssselect("section.prose .in-language"), "no visible note that the account is in English"
    assert root.cssselect("dd bdi[lang=en]"), "the record's own wording of the dates is not beside them"
    assert "février 2024" in root.cssselect("dl.facts")[0].text_content()


def test_facet_counts_say_project_in_the_singular(client, project):
    from capdev.reference.models import Country

    country = Country.objects.create(iso3="LCA", iso2="LC", name="Saint Lucia")
    project.country_links.create(country=country)
    root = page(client, "/projects/")
    words = {e.text_content().strip() for e in root.cssselect(".facet .count .visually-hidden, li .count")}
    assert "1 project" in words, words
    assert "1 projects" not in words


def test_the_project_page_says_visibly_that_its_texts_are_in_english(client, project):
    root = page(client, f"/fr/projects/{project.pk}/")
    assert root.cssselect("h2#narrative-heading .in-language")
    root = page(client, f"/projects/{project.pk}/")
    assert not root.cssselect(".in-language")
