"""The portal shows a project's texts in the reader's language where translated, else the original marked with its
language; a translation is marked with its own."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from capdev.projects.models import Project
from capdev.texts.models import ProjectTranslation

from .conftest import OUTCOME_FR, SUMMARY_FR, TITLE_FR


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return lxml_html.document_fromstring(response.content.decode())


def by_text(root, text):
    return [e for e in root.iter() if isinstance(e.tag, str) and (e.text or "").strip() == text]


def test_the_french_page_shows_the_french_title_marked_french(client, translated):
    root = page(client, f"/fr/projects/{translated.pk}/")
    h1 = root.cssselect("h1#project-title")[0]
    assert (h1.text_content(), h1.get("lang"), h1.get("data-translated")) == (TITLE_FR, "fr", "en")
    assert root.cssselect("title")[0].text_content().startswith(TITLE_FR)
    summary = [e for e in root.cssselect("[lang=fr]") if SUMMARY_FR in e.text_content()]
    assert summary, "the French summary is not shown, marked French"
    # The objective has no French: the English original, marked English.
    objective = [e for e in root.cssselect("[lang=en]") if "Officials apply what they learnt." in e.text_content()]
    assert objective and "Training of officials." not in root.text_content()
    outcome = by_text(root, OUTCOME_FR)
    assert outcome and outcome[0].get("lang") == "fr"
    untranslated = by_text(root, "A second outcome, untranslated.")
    assert untranslated and untranslated[0].get("lang") == "en"


def test_the_english_page_shows_the_original_unmarked(client, translated):
    root = page(client, f"/projects/{translated.pk}/")
    h1 = root.cssselect("h1#project-title")[0]
    assert (h1.text_content(), h1.get("lang")) == ("Digital government in small islands", None)
    assert TITLE_FR not in root.text_content()


def test_a_spanish_page_without_spanish_shows_the_english_marked_english(client, translated):
    h1 = page(client, f"/es/projects/{translated.pk}/").cssselect("h1#project-title")[0]
    assert (h1.text_content(), h1.get("lang")) == ("Digital government in small islands", "en")


@pytest.mark.parametrize("url", ["/fr/projects/", "/fr/projects/?q=islands", "/fr/projects/?q=fonctionnaires",
                                 "/fr/countries/KEN/"])
def test_lists_show_the_translated_title(client, translated, url):
    from capdev.projects.search import reindex_projects

    reindex_projects([translated.pk])  # as the commit would (the test's transaction never commits)
    if "countries" in url:
        from capdev.projects.models import ProjectCountry
        from capdev.reference.models import Country

        country = Country.objects.create(iso3="KEN", iso2="KE", numeric="404", name="Kenya")
        ProjectCountry.objects.create(project=translated, country=country)
    root = page(client, url)
    links = [a for a in root.cssselect(f'a[href$="/projects/{translated.pk}/"]') if a.text_content() == TITLE_FR]
    assert links and links[0].get("lang") == "fr"


def test_the_list_reads_translations_in_one_query_whatever_the_rows(client, translated, index_check):
    index_check.enabled = False
    for n in range(5):
        other = Project.objects.create(title=f"Project {n}", review_state="published")
        ProjectTranslation.objects.create(project=other, field="title", language="fr", text=f"Projet {n}")
    client.get("/fr/projects/")  # the index is built
    with CaptureQueriesContext(connection) as queries:
        root = page(client, "/fr/projects/")
    assert {f"Projet {n}" for n in range(5)} <= {a.text_content() for a in root.cssselect("ol.results-list h3 a")}
    reads = [q for q in queries.captured_queries if "texts_projecttranslation" in q["sql"]]
    assert len(reads) == 1


def test_the_fact_sheet_is_in_the_readers_language(client, translated):
    from capdev.reports.tests.conftest import read_pdf

    text = read_pdf(client.get(f"/fr/projects/{translated.pk}/factsheet.pdf")).flat
    assert "Gouvernement numérique" in text and OUTCOME_FR.split(" ce ")[0] in text
    assert "Digital government in small islands" not in text
    english = read_pdf(client.get(f"/projects/{translated.pk}/factsheet.pdf")).flat
    assert "Digital government in small islands" in english and "Gouvernement" not in english
