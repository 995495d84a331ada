"""The project list in a real browser: search, a facet, and a facet toggled with the keyboard alone."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from .helpers import settle, shot

pytestmark = pytest.mark.browser

PARLIAMENTS = "Promote transparency"  # the Caribbean parliaments project (ICT in parliaments)
DRC = "Restructuring public sector organizations"  # mentions "parliament Branches" once: a weaker hit
DIGITAL_GOV = "Strengthen public sector"  # the Caribbean digital-government project (BHS, LCA, BRB)
# At most this many Tab presses from page load to the first facet checkbox: the skip link, the header's links
# and sign-in, the search box, the sort menu and the Search button come first (about 12 today).
MAX_TABS = 30


def result_titles(page) -> list[str]:
    """The titles of the listed projects, in order."""
    return [t.strip() for t in page.locator(".results-list .result h3").all_inner_texts()]


def facet_counts(page) -> dict[str, dict[str, int]]:
    """Every facet's values and their counts: {group: {value label: count}}."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('fieldset.facet[id^="facet-"]')].map(fs => [
            fs.id.slice(6),
            Object.fromEntries([...fs.querySelectorAll('li input[type=checkbox]')].map(cb => {
                const label = document.querySelector(`label[for="${cb.id}"]`);
                const count = label.querySelector('.count');
                const name = label.textContent.replace(count.textContent, '').trim();
                return [name, parseInt(count.textContent, 10)];
            }))]))"""
    )


def wait_for_results(page, heading: str) -> None:
    """Wait until the results heading matches the regular expression `heading` (after an htmx swap)."""
    page.locator("#results-heading").filter(has_text=re.compile(rf"^\s*(?:{heading})")).wait_for()
    settle(page)


def test_searching_parliament_lists_the_caribbean_parliaments_project_first(page, site):
    """Typing "parliament" and pressing Enter lists the parliaments project first, at most the DRC one after it."""
    page.goto(site.url("/projects/"))
    settle(page)
    everything = len(result_titles(page))
    assert everything >= 10, f"the unfiltered list should show the ten seed projects, not {everything}"

    page.get_by_label("Search projects").click()
    page.keyboard.type("parliament")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=parliament\b"))  # htmx pushed the state into the URL
    wait_for_results(page, r"1 project\b|2 projects\b")  # not "10 projects": the list has changed
    # The title follows, as on a full load; the URL holds no empty parameter (the sort shown is kept).
    assert page.title() == "Projects matching “parliament” · Capdev", page.title()
    assert all(v for _k, v in parse_qsl(urlsplit(page.url).query, keep_blank_values=True)), page.url

    titles = result_titles(page)
    assert titles, "no project found for “parliament”"
    assert titles[0].startswith(PARLIAMENTS), f"the parliaments project should come first: {titles}"
    others = titles[1:]
    assert all(t.startswith(DRC) for t in others), f"only the DRC project may follow: {titles}"
    # The first hit's snippet highlights the word it matched.
    first_marks = page.locator(".results-list .result").first.locator(".snippet mark").all_inner_texts()
    assert any(m.lower().startswith("parliament") for m in first_marks), first_marks
    shot(page, site, "01-search-parliament")


def test_the_saint_lucia_facet_narrows_the_list_to_the_digital_government_project(page, site):
    """Ticking the country "Saint Lucia" leaves one project, puts country=LCA in the URL, and updates the counts."""
    page.goto(site.url("/projects/"))
    settle(page)
    before = facet_counts(page)
    assert before["status"].get("Completed", 0) > 1, before["status"]  # the nine older projects

    box = page.locator("#facet-country").get_by_role("checkbox", name=re.compile(r"^Saint Lucia\b"))
    if not box.is_visible():  # behind the facet's "Show all" disclosure when there are many countries
        page.locator("#facet-country summary").click()
    box.check()
    page.wait_for_url(re.compile(r"[?&]country=LCA\b"))
    wait_for_results(page, r"1 project\b")

    titles = result_titles(page)
    assert len(titles) == 1 and titles[0].startswith(DIGITAL_GOV), titles
    assert urlsplit(page.url).query == "country=LCA", page.url  # no empty parameter, no default sort
    assert page.locator("#facet-country").get_by_role("checkbox", name=re.compile(r"^Saint Lucia\b")).is_checked()
    after = facet_counts(page)
    # The other facets now count within the one project left: nothing above 1, and its SDGs and unit at 1.
    for group, values in after.items():
        if group != "country":  # OR within a facet: the country facet still counts the other countries
            assert all(n <= 1 for n in values.values()), f"{group} counts did not follow the filter: {values}"
    assert after["sdg"].get("16. Peace, Justice and Strong Institutions") == 1, after["sdg"]
    assert after["status"].get("Active") == 1 and not after["status"].get("Completed"), after["status"]
    assert sum(after["unit"].values()) < sum(before["unit"].values()), (before["unit"], after["unit"])
    shot(page, site, "02-facet-saint-lucia")


def test_the_keyboard_alone_reaches_and_toggles_a_facet(page, site):
    """From page load, Tab reaches a facet checkbox, Space ticks it, the results update and focus stays on it."""
    page.goto(site.url("/projects/"))
    settle(page)
    assert page.locator(".active-filters").count() == 0

    focused = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                       return e && e.matches('fieldset.facet input[type=checkbox]') ? e.id : null; }"""
        )
        if focused:
            break
    assert focused, f"no facet checkbox reached in {MAX_TABS} Tab presses"
    # A visible focus indicator: the focused checkbox draws an outline (or a box shadow).
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"""
    )
    assert ring["outline"] != "none" or ring["shadow"] != "none", f"no visible focus on #{focused}: {ring}"

    name = page.locator(f"#{focused}").get_attribute("name")
    value = page.locator(f"#{focused}").get_attribute("value")
    with page.expect_response(lambda r: f"{name}={value}" in r.url and r.status == 200) as response:
        page.keyboard.press("Space")
    # htmx asked for the results region only, swapped it in, and pushed the new state into the URL.
    assert response.value.request.headers.get("hx-request") == "true", "the form was not submitted through htmx"
    page.wait_for_url(re.compile(rf"[?&]{re.escape(name)}={re.escape(value)}\b"))
    page.locator(".active-filters li").first.wait_for()  # the updated results list the filter in effect
    settle(page)

    state = page.evaluate(
        """id => ({checked: document.getElementById(id).checked,
                   active: document.activeElement
                           ? document.activeElement.id || document.activeElement.tagName : null})""",
        focused,
    )
    assert state["checked"], f"#{focused} is not checked after the update"
    assert state["active"] not in (None, "BODY"), "focus was lost to <body> after the update"
    assert state["active"] == focused, f"focus moved from #{focused} to {state['active']}"
    shot(page, site, "05-keyboard-facet")


def test_a_start_year_out_of_range_is_not_sent_and_the_browser_says_why(page, site):
    """The year inputs carry the years a filter takes: 1850 is not sent (the server would refuse it, 400) and,
    instead of the list staying as it was without a word, the browser shows why at the input."""
    page.goto(site.url("/projects/"))
    settle(page)
    year = page.locator("#id_start_year_min")
    assert (year.get_attribute("min"), year.get_attribute("max")) == ("1900", "2100")
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "start_year_min" in r.url else None)
    year.fill("1850")
    page.keyboard.press("Tab")  # a change: htmx would send the form, but the value is out of the input's range
    settle(page)
    assert sent == [], sent
    state = page.evaluate("""() => { const e = document.getElementById('id_start_year_min');
                                     return {valid: e.validity.valid, focused: document.activeElement === e}; }""")
    assert state == {"valid": False, "focused": True}, state  # reportValidity took the focus back to say why
    year.fill("2010")
    page.keyboard.press("Tab")
    page.wait_for_url(re.compile(r"[?&]start_year_min=2010\b"))
