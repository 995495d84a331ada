"""Countries' and regions' names in the reader's language, from iso-codes (pycountry) and CLDR (Babel); names
with no translation in English, isolated and marked lang="en" (newuser4 #3)."""
import pytest
from django.utils import translation
from lxml import html as lxml_html

from capdev.reference import names
from capdev.reference.models import Country, Region, SdgGoal


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "Sainte-Lucie"), ("es", "Santa Lucía"), ("ru", "Сент-Люсия"), ("ar", "سانت لوسيا"),
    ("zh-hans", "圣卢西亚"), ("en", "Saint Lucia")])
def test_country_names_in_the_six_languages(language, expected):
    assert names.country_name("LC", "Saint Lucia", language) == expected


def test_region_names_from_cldr_where_the_area_is_the_same():
    assert names.region_name("019", "Americas", "ru") == "Америка"
    assert names.region_name("202", "Sub-Saharan Africa", "fr") == "Afrique subsaharienne"
    # CLDR's 419 is Latin America alone: M49's Latin America and the Caribbean keeps its English name.
    assert names.region_name("419", "Latin America and the Caribbean", "fr") is None


def test_a_name_without_translation_is_marked_english():
    with translation.override("ar"):
        html = names.local_name(Region(code="arab-states", name="Arab States", m49=""))
    assert html == '<bdi lang="en" dir="ltr">Arab States</bdi>'


@pytest.fixture
def portfolio(db):
    from capdev.projects.models import Project

    americas = Region.objects.create(code="019", m49="019", name="Americas", kind="region")
    lca = Country.objects.create(iso3="LCA", iso2="LC", numeric="662", name="Saint Lucia", region=americas)
    goal = SdgGoal.objects.create(number=16, short_title="Peace, Justice and Strong Institutions",
                                  title="Promote peaceful and inclusive societies")
    project = Project.objects.create(title="Digital government", review_state="published")
    project.country_links.create(country=lca)
    project.sdg_goal_links.create(goal=goal)
    return project


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.document_fromstring(response.content.decode())


def test_the_country_page_names_the_country_in_french(client, portfolio):
    root = _page(client, "/fr/countries/LCA/")
    assert "Sainte-Lucie" in root.cssselect("h1")[0].text_content()
    assert "Amériques" in root.cssselect("dl.facts")[0].text_content()


def test_the_project_page_gives_countries_in_arabic(client, portfolio):
    root = _page(client, f"/ar/projects/{portfolio.pk}/")
    facts = root.cssselect("dl")[0].text_content()
    assert "سانت لوسيا" in facts and "Saint Lucia" not in facts


def test_list_facets_translate_countries(client, portfolio):
    root = _page(client, "/ar/projects/")
    labels = [e.text_content() for e in root.cssselect("input[name=country] + label")]
    assert any("سانت لوسيا" in label for label in labels), labels


def test_english_reference_and_project_texts_are_marked_on_arabic_profile_pages(client, portfolio):
    """newuser4 #18: the goal's and its targets' text, and activity and project titles in activity tables."""
    from capdev.reference.models import SdgTarget

    SdgTarget.objects.create(code="16.6", goal_id=16, position=6,
                             text="Develop effective, accountable and transparent institutions at all levels")
    root = _page(client, "/ar/sdgs/16/")
    assert root.cssselect("p.profile-lead")[0].get("lang") == "en"
    target = [td for td in root.cssselect("td[lang=en]") if td.text_content().startswith("Develop effective")]
    assert target and target[0].get("dir") == "ltr"

    portfolio.activities.create(type="workshop", title="Workshops in Saint Lucia", country_id="LCA")
    root = _page(client, "/ar/countries/LCA/")
    titles = [a for a in root.cssselect("a[lang=en]") if a.text_content() == "Workshops in Saint Lucia"]
    assert titles and titles[0].get("dir") == "ltr"


def test_facet_labels_the_registry_keeps_in_english_are_marked_and_interface_choices_are_not():
    with translation.override("ar"):
        unit = names.facet_label("unit", "DMB", "DMB – Development Management Branch")
        status = names.facet_label("status", "ongoing", "جارٍ")
    assert unit == '<bdi lang="en" dir="ltr">DMB – Development Management Branch</bdi>'
    assert status == "جارٍ"


def test_the_list_results_name_countries_in_french(client, portfolio):
    root = _page(client, "/fr/projects/")
    assert "Sainte-Lucie" in root.cssselect(".result-countries")[0].text_content()
