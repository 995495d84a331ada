"""The project page, the dashboard's charts and map, and the phone-sized screen, in a real browser."""
from __future__ import annotations

import re

import pytest

from .helpers import MONTHLY_BUDGETS, PHONE, new_page, settle, shot

pytestmark = pytest.mark.browser

DIGITAL_GOV = "Strengthen public sector"  # the Caribbean digital-government project (BHS, LCA, BRB)
LAND = "#dfe3e8"  # map.js's fill for countries not served


def open_digital_government_project(page, site) -> None:
    """Go to the Caribbean digital-government project's page the way a reader would: from the Saint Lucia list."""
    page.goto(site.url("/projects/?country=LCA"))
    page.get_by_role("link", name=re.compile(rf"^{DIGITAL_GOV}")).click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    settle(page)


def no_horizontal_scroll(page) -> dict:
    """The document's scroll width against the viewport's, and the widest elements when it overflows."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const scroll = document.documentElement.scrollWidth;
            const wide = scroll <= width + 1 ? [] : [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 10)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                          (e.className && typeof e.className === 'string'
                           ? '.' + e.className.split(' ').join('.') : '') +
                          ' right=' + Math.round(e.getBoundingClientRect().right));
            return {scrollWidth: scroll, width: width, overflowing: wide};
        }"""
    )


def test_the_project_page_shows_its_two_outcomes_and_its_workshops_on_the_timeline(page, site):
    """The digital-government project's page lists two outcomes and, on the timeline, the 2024 and 2025 workshops."""
    open_digital_government_project(page, site)
    assert page.locator("h1").inner_text().startswith(DIGITAL_GOV)

    outcomes = page.locator("section[aria-labelledby=outcomes-heading] ol.outcomes > li")
    assert outcomes.count() == 2, outcomes.all_inner_texts()
    assert all(o.is_visible() for o in outcomes.all())
    assert "digital transformation" in outcomes.nth(0).inner_text()

    items = page.locator("section[aria-labelledby=activities-heading] ol.timeline > li.timeline-item")
    timeline = [{"when": i.locator(".timeline-when").inner_text().strip(), "text": i.inner_text()}
                for i in items.all()]
    assert len(timeline) >= 2, timeline

    def on_timeline(when: str, *words: str) -> bool:
        return any(when in entry["when"] and all(w in entry["text"] for w in words) for entry in timeline)

    assert on_timeline("August 2024", "Workshop", "Saint Lucia"), timeline
    assert on_timeline("October 2025", "Training of trainers", "Bridgetown", "Barbados"), timeline
    # The small map of the countries served is drawn (SVG from map.js, not only its text fallback).
    assert page.locator("figure.capdev-map.map-drawn svg path.map-shape").count() >= 3
    shot(page, site, "03-project-page")


def test_the_dashboard_draws_non_empty_charts_and_the_world_map(page, site):
    """Every dashboard chart has data and drawn pixels; the world map has its countries and colours those served."""
    page.goto(site.url("/dashboard/"))
    settle(page)
    figures = page.locator("figure.capdev-chart[data-chart]")
    n = figures.count()
    assert n >= 5, f"expected the dashboard's charts (budget by unit, region, SDG, funding, year, ...), got {n}"
    page.wait_for_function(
        "n => document.querySelectorAll('figure.capdev-chart.chart-drawn').length === n", arg=n
    )

    charts = page.evaluate(
        """() => [...document.querySelectorAll('figure.capdev-chart[data-chart] canvas')].map(canvas => {
            const blank = document.createElement('canvas');
            blank.width = canvas.width; blank.height = canvas.height;
            const chart = window.Chart && window.Chart.getChart(canvas);
            const values = chart ? chart.data.datasets.flatMap(d => d.data).filter(v => v !== null && v !== 0) : [];
            return {id: canvas.closest('figure').id, width: canvas.width, height: canvas.height,
                    drawn: canvas.toDataURL() !== blank.toDataURL(), values: values.length};
        })"""
    )
    assert len(charts) == n
    undrawn = [c for c in charts if not (c["width"] and c["height"] and c["drawn"])]
    assert not undrawn, f"charts with no pixels drawn: {undrawn}"
    empty = [c for c in charts if not c["values"]]
    assert not empty, f"charts without data: {empty}"

    world = page.locator("figure.capdev-choropleth")
    world.locator("svg").wait_for()
    assert "map-drawn" in (world.get_attribute("class") or "")
    assert world.locator("svg path").count() > 150, "the world's countries are not drawn"
    served = page.evaluate(
        """() => [...document.querySelectorAll('figure.capdev-choropleth .map-served a.map-country')].map(a => ({
            label: a.getAttribute('aria-label'), fill: (a.querySelector('path') || {getAttribute: () => null})
                .getAttribute('fill')}))"""
    )
    names = {s["label"].split(":")[0] for s in served}
    assert {"Barbados", "Saint Lucia", "Bahamas", "Togo"} <= names, names
    uncoloured = [s for s in served if not s["fill"] or s["fill"].lower() == LAND]
    assert not uncoloured, f"served countries drawn in the land colour: {uncoloured}"
    shot(page, site, "04-dashboard")


def test_a_phone_sized_screen_has_no_horizontal_scroll_and_reaches_the_facets(browser, site):
    """At 375x812, /projects/ and the project page fit the width, and a facet can be reached and ticked."""
    page = new_page(browser, viewport=PHONE)
    try:
        page.goto(site.url("/projects/"))
        settle(page)
        fit = no_horizontal_scroll(page)
        assert fit["scrollWidth"] <= PHONE["width"] + 1, f"/projects/ scrolls sideways: {fit}"

        # Reachable: scrolled to, on screen within the width, and ticking it filters the list.
        box = page.locator("#facet-country").get_by_role("checkbox", name=re.compile(r"^Saint Lucia\b"))
        if not box.is_visible():
            page.locator("#facet-country summary").click()
        box.scroll_into_view_if_needed()
        bounds = box.bounding_box()
        assert bounds and 0 <= bounds["x"] and bounds["x"] + bounds["width"] <= PHONE["width"], bounds
        box.check()
        page.wait_for_url(re.compile(r"[?&]country=LCA\b"))
        page.locator("#results-heading").filter(has_text=re.compile(r"^\s*1 project\b")).wait_for()
        settle(page)
        fit = no_horizontal_scroll(page)
        assert fit["scrollWidth"] <= PHONE["width"] + 1, f"/projects/?country=LCA scrolls sideways: {fit}"
        shot(page, site, "07-phone-projects")

        page.get_by_role("link", name=re.compile(rf"^{DIGITAL_GOV}")).click()
        page.wait_for_url(re.compile(r"/projects/\d+/$"))
        settle(page)
        fit = no_horizontal_scroll(page)
        assert fit["scrollWidth"] <= PHONE["width"] + 1, f"{page.url} scrolls sideways: {fit}"
        shot(page, site, "07-phone-project-page")
    finally:
        page.context.close()


def test_a_project_page_with_an_indicator_table_fits_a_390_px_phone(browser, site):
    """At 390 px the page does not scroll sideways: the wide indicator table scrolls in its own box."""
    page = new_page(browser, viewport={"width": 390, "height": 844})
    try:
        open_digital_government_project(page, site)
        table = page.locator("table.indicators").first
        table.scroll_into_view_if_needed()
        fit = no_horizontal_scroll(page)
        assert fit["scrollWidth"] <= 390, f"{page.url} scrolls sideways: {fit}"
        # The table is wider than the screen (or this would prove nothing) and its box scrolls to show it all.
        box = page.evaluate("""() => { const t = document.querySelector('table.indicators');
            const s = t.closest('.table-scroll');
            return {table: t.scrollWidth, box: s && s.clientWidth, boxScroll: s && s.scrollWidth}; }""")
        assert box["box"] is not None, "the indicator table is not in a scrolling box"
        assert box["table"] > box["box"] and box["boxScroll"] >= box["table"], box
        shot(page, site, "08-phone-indicator-table")
    finally:
        page.context.close()


def test_a_project_page_with_a_year_of_monthly_budgets_fits_a_390_px_phone(browser, site):
    """IATI's budgets by month: the page gives the budget, folds the lines, and the opened table scrolls in its box."""
    page = new_page(browser, viewport={"width": 390, "height": 844})
    try:
        page.goto(site.url("/projects/?q=Poverty+Observatory+Mali"))
        page.get_by_role("link", name=re.compile(rf"^{MONTHLY_BUDGETS}")).click()
        page.wait_for_url(re.compile(r"/projects/\d+/$"))
        settle(page)
        assert page.locator(".budget-sum").inner_text().startswith("USD 160,000")  # its total line counts alone
        page.locator("details.budget-lines summary").click()
        assert page.locator("details.budget-lines tbody tr").count() == 25  # the total and 24 monthly lines
        assert page.get_by_text("Expenditure").is_visible()
        fit = no_horizontal_scroll(page)
        assert fit["scrollWidth"] <= 390, f"{page.url} scrolls sideways: {fit}"
        shot(page, site, "09-phone-monthly-budgets")
    finally:
        page.context.close()


# A portfolio's budget in one currency can run to thirteen digits and more (a CFA franc or yen portfolio; a user
# saw "1,338,832,14" of one, the rest under the next card, and then "1,339,347,6" above "22" at 1280 px). The seed's
# sums are small, and a project with such a budget would move the figures other browser tests read, so the test
# writes the figure into the page instead, with the size class the template gives it (figures.figure_size).
LONG_FIGURES = ["1,339,347,622", "1,338,832,145,678"]

CARDS_FIT = """([figure, size]) => {
    for (const amount of document.querySelectorAll('.totals .stat .amount')) {
        amount.textContent = figure;
        amount.closest('.stat').className = ('stat ' + size).trim();
    }
    const box = e => e.getBoundingClientRect();
    const problems = [];
    const cards = [...document.querySelectorAll('.totals .card')];
    for (const stat of document.querySelectorAll('.totals .stat')) {
        const card = box(stat.closest('.card')), b = box(stat);
        if (stat.scrollWidth > stat.clientWidth || b.left < card.left - 0.5 || b.right > card.right + 0.5)
            problems.push(`stat "${stat.textContent.trim()}" overflows: scroll ${stat.scrollWidth} > client ` +
                          `${stat.clientWidth}, right ${b.right} > card ${card.right}`);
    }
    for (const amount of document.querySelectorAll('.totals .stat .amount')) {
        // An inline box broken over lines has one rectangle per line: a whole figure has one.
        const lines = amount.getClientRects().length;
        if (lines !== 1) problems.push(`"${amount.textContent}" is broken over ${lines} lines`);
        const card = box(amount.closest('.card')), b = box(amount);
        if (b.right > card.right + 0.5) problems.push(`"${amount.textContent}" runs out of its card`);
    }
    cards.forEach((card, i) => {
        if (card.scrollWidth > card.clientWidth) problems.push(`card ${i} overflows: ${card.scrollWidth}`);
        for (const other of cards.slice(i + 1)) {
            const a = box(card), o = box(other);
            if (a.left < o.right - 0.5 && o.left < a.right - 0.5 && a.top < o.bottom - 0.5 && o.top < a.bottom - 0.5)
                problems.push(`card ${i} overlaps the next: ${a.right} > ${o.left}`);
        }
    });
    const written = [...document.querySelectorAll('.totals .stat .amount')].map(a => a.textContent);
    return {problems, written, cards: cards.length};
}"""


@pytest.mark.parametrize("width", [1024, 1280, 390])
def test_a_long_budget_figure_stays_whole_in_its_card_on_the_home_page_and_the_dashboard(browser, site, width):
    """Every total card holds its figure whole, on one line, and no card covers its neighbour, on a laptop, a
    desktop, a phone."""
    from capdev.portal.templatetags.figures import figure_size

    page = new_page(browser, viewport={"width": width, "height": 900})
    try:
        for path in ("/", "/dashboard/"):
            page.goto(site.url(path))
            settle(page)
            for figure in LONG_FIGURES:
                fit = page.evaluate(CARDS_FIT, [figure, figure_size(figure)])
                assert fit["written"] == [figure] and fit["cards"] >= 5, fit  # the budget card, among the others
                assert not fit["problems"], f"{path} at {width} px: {fit['problems']}"
                assert no_horizontal_scroll(page)["scrollWidth"] <= width, path
                if path == "/dashboard/":
                    page.locator(".totals").screenshot(path=str(site.artifacts / f"10-dashboard-budget-{len(figure)}-"
                                                                                f"{width}.png"))
    finally:
        page.context.close()
