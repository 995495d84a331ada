"""The 17 goals' short titles in the reader's language (the UN's official titles, data/sdg_goal_titles.json):
on the list's facets, the SDG pages, a project's page, the dashboard's chart, the fact sheet (newuser4 #3).
English stays what the registry stores; a title in the page's language is not marked lang="en"."""
import json

import pytest
from django.utils import translation
from lxml import html as lxml_html

from capdev.reference import names
from capdev.reference.loading import DATA_DIR, read_sdgs
from capdev.reference.models import Currency, SdgGoal, SdgTarget

LANGUAGES = ("en", "fr", "es", "ru", "zh-hans", "ar")
ENGLISH = "Peace, Justice and Strong Institutions"
LOCAL = {"fr": "Paix, justice et institutions efficaces", "ar": "السلام والعدل والمؤسسات القوية",
         "zh-hans": "和平、正义与强大机构"}


def test_the_data_file_gives_17_goals_in_the_six_languages_and_cites_its_source():
    data = json.loads((DATA_DIR / "sdg_goal_titles.json").read_text(encoding="utf-8"))
    assert "un.org/sustainabledevelopment" in data["_source"]
    goals = data["goals"]
    assert sorted(goals, key=int) == [str(n) for n in range(1, 18)]
    for number, titles in goals.items():
        assert set(titles) == set(LANGUAGES), number
        assert all(t.strip() == t and t for t in titles.values()), number
    # Its English is the registry's own short title, so that each line translates the goal it names.
    stored = {g["number"]: g["short_title"] for g in read_sdgs()["goals"]}
    assert {int(n): t["en"] for n, t in goals.items()} == stored
    # Each language's 17 titles differ from one another and from the English (none left untranslated).
    for language in LANGUAGES[1:]:
        titles = [t[language] for t in goals.values()]
        assert len(set(titles)) == 17, language
        assert not set(titles) & set(stored.values()), language


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "Pas de pauvreté"), ("es", "Fin de la pobreza"), ("ru", "Ликвидация нищеты"), ("zh-hans", "无贫穷"),
    ("ar", "القضاء على الفقر"), ("en", "No Poverty")])
def test_goal_1_in_the_six_languages(language, expected):
    assert names.sdg_title(1, "No Poverty", language) == expected


def test_the_facet_label_is_the_local_title_unmarked_in_the_pages_language():
    with translation.override("ar"):
        assert names.facet_label("sdg", "16", f"16. {ENGLISH}") == f"16. {LOCAL['ar']}"
    with translation.override("en"):
        assert names.facet_label("sdg", "16", f"16. {ENGLISH}") == f"16. {ENGLISH}"


@pytest.fixture
def portfolio(db):
    from capdev.projects.models import Project

    goal = SdgGoal.objects.create(number=16, short_title=ENGLISH, title="Promote peaceful and inclusive societies")
    SdgTarget.objects.create(code="16.6", goal=goal, position=6,
                             text="Develop effective, accountable and transparent institutions at all levels")
    project = Project.objects.create(title="Digital government", review_state="published")
    project.sdg_goal_links.create(goal=goal)
    Currency.objects.get_or_create(code="USD", defaults={"name": "US Dollar"})
    project.budgets.create(amount=1000, currency_id="USD", kind="total")
    return project


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.document_fromstring(response.content.decode())


def _shows_local_title(root, selector, language):
    """The text of selector holds the goal's title in language and not the English one, unmarked."""
    elements = root.cssselect(selector)
    assert elements, selector
    text = " ".join(e.text_content() for e in elements)
    assert LOCAL[language] in text, (selector, text)
    assert ENGLISH not in text, (selector, text)
    assert not [e for e in elements for m in e.iter() if m.get("lang") == "en"], selector


@pytest.mark.parametrize("language", ["fr", "ar", "zh-hans"])
def test_pages_show_the_goals_title_in_the_readers_language(client, portfolio, language):
    root = _page(client, f"/{language}/projects/{portfolio.pk}/")
    _shows_local_title(root, ".sdg-list", language)
    root = _page(client, f"/{language}/projects/")
    _shows_local_title(root, "input[name=sdg] + label", language)
    root = _page(client, f"/{language}/projects/?sdg=16")  # the filter in force, named
    assert LOCAL[language] in root.text_content()
    root = _page(client, f"/{language}/sdgs/")
    _shows_local_title(root, ".profile-goal.sdg-16 h2", language)
    root = _page(client, f"/{language}/sdgs/16/")
    _shows_local_title(root, "h1", language)
    assert LOCAL[language] in root.cssselect("title")[0].text_content()
    # The targets stay in English, marked.
    assert [td for td in root.cssselect("td[lang=en]") if td.text_content().startswith("Develop effective")]


@pytest.mark.parametrize("language", ["fr", "ar", "zh-hans"])
def test_the_dashboards_sdg_chart_labels_the_goal_in_the_readers_language(client, portfolio, language):
    root = _page(client, f"/{language}/dashboard/")
    table = root.cssselect("#budget-by-sdg table, [id*=budget-by-sdg] table")
    assert table, "no SDG chart table"
    text = table[0].text_content()
    assert LOCAL[language] in text and ENGLISH not in text
