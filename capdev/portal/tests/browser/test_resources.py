"""The resources library in a browser: reached from the main navigation, narrowed by a facet (htmx swaps the
results and pushes the URL), its exports linked with the same filters; on a desktop and on a phone."""
from __future__ import annotations

import re

import pytest

from capdev.core.testing.pages import PHONE, new_page, settle, shot

pytestmark = pytest.mark.browser


def test_a_reader_finds_a_projects_toolkit_in_the_resources_library(browser, site):
    page = new_page(browser)
    try:
        page.goto(site.url("/"))
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Resources").click()
        page.wait_for_url(re.compile(r"/resources/$"))
        settle(page)
        assert page.get_by_role("heading", name=re.compile(r"^2 resources")).is_visible()
        page.locator("#facet-type").get_by_label(re.compile(r"^Toolkit")).check()
        page.wait_for_url(re.compile(r"/resources/\?type=toolkit$"))
        settle(page)
        assert page.get_by_role("heading", name=re.compile(r"^1 resource\b")).is_visible()
        results = page.locator("ol.results-list").inner_text()
        assert "Curriculum on Governance" in results and "Booklet" not in results
        assert "Strengthen public sector national capacities" in results  # its project, linked
        csv = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
        assert "type=toolkit" in csv and "format=csv" in csv
        shot(page, site, "12-resources-toolkit")
    finally:
        page.context.close()


def test_the_resources_library_fits_a_phone(browser, site):
    page = new_page(browser, viewport=PHONE)
    try:
        page.goto(site.url("/resources/"))
        settle(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        shot(page, site, "13-resources-phone")
    finally:
        page.context.close()
