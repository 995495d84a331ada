"""The six languages in a real browser: Arabic laid out right to left, the switcher used from the keyboard, the
charts' numbers written as the server writes them, and no accessibility violation in any language.

Screenshots: test-artifacts/browser/lang-<code>-<page>.png (look at the Arabic ones: the menu starts on the
right, the facets are on the right of the list, the timeline's line is on the right of its items).
"""
from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

from capdev.core.testing.pages import axe_violations, describe_violations, new_page, settle, shot

from .test_pages import no_horizontal_scroll, open_digital_government_project

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]
BLOCKING = {"serious", "critical"}


def _prefix(lang: str) -> str:
    return "" if lang == settings.LANGUAGE_CODE else f"/{lang}"


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_arabic_is_laid_out_right_to_left(page, site):
    open_digital_government_project(page, site)
    page.goto(page.url.replace(site.base, site.base + "/ar"))
    settle(page)
    shot(page, site, "lang-ar-project")
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    width = page.viewport_size["width"]
    # The header starts on the right: the site's name is right of the menu.
    assert box(page, ".brand")["x"] > box(page, "nav[aria-label] .nav")["x"]
    assert box(page, ".brand")["x"] > width / 2
    # The timeline's line (its border) is on the items' right: CSS logical properties, not left/right.
    timeline = page.locator("ol.timeline").first
    border = timeline.evaluate("e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]")
    assert border[0] != "0px" and border[1] == "0px", border
    # The project's title is English, marked so: read and laid out left to right inside the Arabic page.
    title = page.locator("h1#project-title")
    assert title.get_attribute("lang") == "en"
    assert title.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert not no_horizontal_scroll(page)["overflowing"]

    page.goto(site.url("/ar/projects/"))
    settle(page)
    shot(page, site, "lang-ar-projects")
    # The facets, first in the page, are on the right of the results.
    facets = page.locator("#project-browser > .facets").bounding_box()
    results = page.locator("#project-browser > section.results").bounding_box()
    assert facets["x"] > results["x"], (facets, results)
    assert not no_horizontal_scroll(page)["overflowing"]


def test_the_language_switcher_works_from_the_keyboard(page, site):
    page.goto(site.url("/projects/"))
    settle(page)
    switcher = page.locator("nav.languages a[hreflang=fr]")
    switcher.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('hreflang')") == "fr"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fr/projects/$"))
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    current = page.locator("nav.languages a[aria-current]")
    assert current.get_attribute("lang") == "fr"
    # Back to English by the same links: the page is the same one.
    page.locator("nav.languages a[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/projects/$"))
    assert page.evaluate("() => document.documentElement.lang") == "en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_charts_write_numbers_as_the_server_does(page, site, lang):
    """charts.js and map.js format with Intl.NumberFormat in the page's language; the tables beside them come
    from Django's formats: the same number must read the same in both."""
    page.goto(site.url(f"{_prefix(lang)}/dashboard/"))
    settle(page)
    shot(page, site, f"lang-{lang}-dashboard")
    in_browser = page.evaluate(
        "() => new Intl.NumberFormat(document.documentElement.lang + '-u-nu-latn').format(1234567.5)")
    with translation.override(lang):
        on_server = number_format(1234567.5, force_grouping=True)
    assert in_browser == on_server, (lang, ascii(in_browser), ascii(on_server))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_accessibility_violation_in_any_language(browser, site, lang):
    page = new_page(browser, bypass_csp=True)
    try:
        for path in ("/", "/projects/", "/dashboard/"):
            url = site.url(f"{_prefix(lang)}{path}")
            page.goto(url)
            settle(page)
            blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
            assert not blocking, describe_violations(url, blocking)
    finally:
        page.context.close()
