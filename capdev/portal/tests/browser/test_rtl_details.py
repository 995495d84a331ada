"""What a new user found in the Arabic pages (newuser4 #4, #10, #17, #26), checked where it shows: in chromium.

Screenshots: test-artifacts/browser/rtl-*.png.
"""
from __future__ import annotations

import pytest

from capdev.core.testing.pages import new_page, settle, shot

from .test_pages import open_digital_government_project

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def _arabic_project(page, site) -> str:
    open_digital_government_project(page, site)
    url = page.url.replace(site.base, site.base + "/ar")
    page.goto(url)
    settle(page)
    return url


def test_the_arabic_project_page_does_not_scroll_sideways_on_a_phone(browser, site):
    page = new_page(browser)
    url = _arabic_project(page, site)
    page.context.close()
    phone = new_page(browser, viewport=PHONE_390)
    try:
        phone.goto(url)
        settle(phone)
        shot(phone, site, "rtl-ar-project-phone")
        widths = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], widths
    finally:
        phone.context.close()


def test_the_arabic_footers_links_do_not_cross(page, site):
    page.goto(site.url("/ar/"))
    settle(page)
    links = page.locator("footer .open-data-links a")
    boxes = []
    for i in range(links.count()):
        rects = sorted(links.nth(i).evaluate("e => [...e.getClientRects()].map(r => [r.left, r.right])"))
        # One label in one piece (its bidi runs side by side): "أنشطة IATI (XML)" had its Latin half carried
        # off to join "REST API", with the other link in between.
        gaps = [b[0] - a[1] for a, b in zip(rects, rects[1:], strict=False)]
        assert all(gap < 1 for gap in gaps), (links.nth(i).inner_text(), rects)
        boxes.append([rects[0][0], rects[-1][1]])
    shot(page, site, "rtl-ar-footer")
    # Right to left: each link is left of the one before it (they fit on one line at this width).
    assert all(b[1] <= a[0] + 1 for a, b in zip(boxes, boxes[1:], strict=False)), boxes


def test_arabic_bar_charts_are_mirrored(page, site):
    page.goto(site.url("/ar/dashboard/"))
    settle(page)
    shot(page, site, "rtl-ar-dashboard")
    axes = page.evaluate("""() => [...document.querySelectorAll('figure.capdev-chart canvas')]
        .map(c => Chart.getChart(c)).filter(c => c && c.options.indexAxis === 'y')
        .map(c => [c.scales.y.left, c.scales.x.left, c.scales.x.getPixelForValue(0), c.scales.x.right])""")
    assert axes, "no horizontal bar chart on the Arabic dashboard"
    for labels_left, values_left, zero, values_right in axes:
        assert labels_left > values_left, "the labels are not on the right of the bars"
        assert abs(zero - values_right) < 2, "the bars do not grow from the right"
    # In English they stay as they were: labels on the left.
    page.goto(site.url("/dashboard/"))
    settle(page)
    english = page.evaluate("""() => [...document.querySelectorAll('figure.capdev-chart canvas')]
        .map(c => Chart.getChart(c)).filter(c => c && c.options.indexAxis === 'y')
        .map(c => c.scales.y.left < c.scales.x.left)""")
    assert english and all(english)


def test_an_english_title_stays_in_its_crumb_and_starts_on_the_right(page, site):
    _arabic_project(page, site)
    shot(page, site, "rtl-ar-project-top")
    crumbs = page.locator("nav.breadcrumbs li")
    assert crumbs.nth(1).evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The separator sits between the two crumbs: the current crumb is left of the first, whole.
    first, current = crumbs.nth(0).bounding_box(), crumbs.nth(1).bounding_box()
    assert current["x"] + current["width"] <= first["x"] + 1, (first, current)
    title = page.locator("h1#project-title")
    assert title.evaluate("e => getComputedStyle(e).textAlign") == "right"


def test_what_happened_at_each_activity_is_printed(page, site):
    """newuser4 #12: the account of each activity, folded on screen, was lost on paper; a chart's folded table
    keeps its toggle off paper."""
    open_digital_government_project(page, site)
    account = page.locator(".timeline-item details > div").first
    assert not account.is_visible()  # folded on screen
    page.emulate_media(media="print")
    try:
        assert account.is_visible()
        assert account.bounding_box()["height"] > 0
    finally:
        page.emulate_media(media="screen")
    page.goto(site.url("/dashboard/"))
    settle(page)
    page.emulate_media(media="print")
    toggles = page.locator("figure details:not([open]) > summary")
    assert toggles.count() and not any(toggles.nth(i).is_visible() for i in range(toggles.count()))
