"""Arabic right to left on the main pages, in chromium: beyond axe-core, which does not look at the layout.

On the home page, the project list, a project, the dashboard and a country page, in Arabic: the document says
`dir="rtl"`; the layout is mirrored (the site's name and the menu's first item on the right, the list's facets
right of its results, a project's side column left of its main one); text in a Latin script written into the
page (codes, names of organisations, English project texts) is isolated so that the bidirectional algorithm
does not carry its brackets and punctuation to the wrong end; nothing is wider than the window, on a desktop
and on a phone. Screenshots: test-artifacts/browser/rtl-<page>[-phone].png.
"""
from __future__ import annotations

import pytest

from capdev.core.testing.pages import PHONE, new_page, settle, shot

from .test_pages import open_digital_government_project

pytestmark = pytest.mark.browser

PAGES = {"home": "/ar/", "projects": "/ar/projects/", "dashboard": "/ar/dashboard/", "country": "/ar/countries/LCA/"}

# Text nodes in a Latin script, without an Arabic letter, that start or end with a neutral character (a bracket,
# punctuation, a dash), inside an element laid out right to left and not isolated: the bidirectional algorithm
# gives such a neutral the paragraph's direction, so "(DA Tranche 16 Account)" reads "(DA Tranche 16 Account(".
# Returns a description of each.
UNISOLATED_LATIN = r"""() => {
    const latin = /[A-Za-z]/, arabic = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
    const neutral = /^[()\[\]{}.,:;!?"'«»\-–—\/…]|[()\[\]{}.,:;!?"'«»\-–—\/…]$/;
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !latin.test(text) || arabic.test(text) || !neutral.test(text)) continue;
        if (el.closest('script, style, noscript, [hidden], .visually-hidden, svg')) continue;
        if (!el.getClientRects().length) continue;  // not shown
        if (getComputedStyle(el).direction !== 'rtl') continue;
        // Even alone in its element, the neutral at its end takes the paragraph's direction: any of these counts.
        const classes = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '';
        found.push(el.tagName.toLowerCase() + classes + ': ' + text.slice(0, 80));
    }
    return found;
}"""


def overflow(page) -> dict:
    """The document's scroll width against the viewport's and, when it overflows, the elements past either edge
    (in a right-to-left page what overflows does so on the left)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const scroll = document.documentElement.scrollWidth;
            const out = scroll <= width + 1 ? [] : [...document.querySelectorAll('body *')]
                .filter(e => {
                    const r = e.getBoundingClientRect();
                    return r.width && (r.left < -1 || r.right > width + 1);
                })
                .filter(e => !e.closest('.skip-link'))
                .slice(0, 12)
                .map(e => { const r = e.getBoundingClientRect();
                    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                        (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
                        ` left=${Math.round(r.left)} right=${Math.round(r.right)}`; });
            return {scrollWidth: scroll, width: width, overflowing: out, overflows: scroll > width + 1};
        }"""
    )


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def open_page(page, site, name: str) -> None:
    if name == "project":
        open_digital_government_project(page, site)
        page.goto(page.url.replace(site.base, site.base + "/ar"))
        settle(page)
    else:
        page.goto(site.url(PAGES[name]))
        settle(page)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("name", ["home", "projects", "project", "dashboard", "country"])
def test_arabic_pages_are_mirrored_and_isolate_latin_text(page, site, name):
    open_page(page, site, name)
    shot(page, site, f"rtl-{name}")
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    width = page.viewport_size["width"]
    # The header is mirrored: the site's name on the right, the menu's first item right of its last.
    assert box(page, ".brand")["x"] > width / 2
    items = page.locator("nav[aria-label] ul.nav > li")
    first, last = items.first.bounding_box(), items.last.bounding_box()
    assert first["x"] > last["x"], (first, last)
    unisolated = page.evaluate(UNISOLATED_LATIN)
    assert not unisolated, "Latin text not isolated in the Arabic page:\n" + "\n".join(unisolated)
    wide = overflow(page)
    assert not wide["overflows"], wide


def test_the_list_and_the_project_page_put_their_columns_right_to_left(page, site):
    open_page(page, site, "projects")
    facets = box(page, "#project-browser > .facets")
    results = box(page, "#project-browser > section.results")
    assert facets["x"] > results["x"], (facets, results)
    # A facet's label (a name from the registry, often English) is isolated from its count.
    assert page.locator("#project-browser > .facets li label").first.locator("bdi").count() == 1
    open_page(page, site, "project")
    main, side = box(page, ".project-main"), box(page, ".project-side")
    assert side["x"] < main["x"], (main, side)


@pytest.mark.parametrize("name", ["home", "projects", "project", "dashboard", "country"])
def test_arabic_pages_fit_a_phone(browser, site, name):
    page = new_page(browser, viewport=PHONE)
    try:
        open_page(page, site, name)
        shot(page, site, f"rtl-{name}-phone")
        wide = overflow(page)
        assert not wide["overflows"], wide
    finally:
        page.context.close()
