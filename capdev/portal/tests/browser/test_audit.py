"""Every public page in a real browser: axe-core finds no serious or critical violation, no request leaves the
machine, and the Content-Security-Policy is never violated.

/api/docs/ is left out: it is Swagger UI, a third-party interface served as is (its accessibility is theirs).
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from .helpers import Recorder, axe_violations, describe_violations, new_page, settle, shot

pytestmark = pytest.mark.browser

# The public pages; "<project>" and "<partner>" stand for the Caribbean digital-government project's page and
# one of its partners' pages, found by following links (their ids come from the data).
PAGES = ["/", "/projects/", "/projects/?q=parliament", "<project>", "/dashboard/", "/countries/", "/countries/BRB/",
         "/sdgs/", "/sdgs/16/", "/units/", "/units/PACB/", "/partners/", "<partner>"]
BLOCKING = {"serious", "critical"}
CSP_WORDS = re.compile(r"content[- ]security[- ]policy|\bCSP\b", re.IGNORECASE)
# Collects CSP violations as the page reports them to itself (securitypolicyviolation events), a second witness
# besides the console. Playwright's init scripts are injected by the browser, so the page's CSP does not stop it.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
     sample: e.sample}));
"""


@pytest.fixture(scope="module")
def paths(browser, site) -> dict[str, str]:
    """Each entry of PAGES as a real path: the project page and a partner page found by following links."""
    page = new_page(browser)
    try:
        page.goto(site.url("/projects/?country=LCA"))
        page.get_by_role("link", name=re.compile(r"^Strengthen public sector")).click()
        page.wait_for_url(re.compile(r"/projects/\d+/$"))
        project = urlsplit(page.url).path
        partner = page.locator("section[aria-labelledby=partners-heading] a[href^='/partners/']").first
        partner_path = partner.get_attribute("href")
    finally:
        page.context.close()
    return {p: {"<project>": project, "<partner>": partner_path}.get(p, p) for p in PAGES}


@pytest.fixture(scope="module")
def axe_page(browser, site):
    """One page for the axe runs, in a context that lets axe's inline <script> through the CSP."""
    page = new_page(browser, bypass_csp=True)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def axe_report(site):
    """Every page's axe violations (all impacts), written to test-artifacts/browser/axe-report.json at the end."""
    report: dict[str, list] = {}
    yield report
    (site.artifacts / "axe-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def tour(browser, site, paths) -> dict:
    """Visit every page with the real CSP in force, and tick a facet on /projects/ (an htmx request), recording
    every request, console message, page error and securitypolicyviolation event."""
    recorder = Recorder()
    page = new_page(browser, recorder=recorder)
    page.context.add_init_script(CSP_LISTENER)
    violations: dict[str, list] = {}
    try:
        for path in paths.values():
            page.goto(site.url(path))
            settle(page)
            violations[path] = page.evaluate("() => window.__cspViolations")
        page.goto(site.url("/projects/"))
        settle(page)
        with page.expect_response(re.compile(r"[?&]country=LCA\b")):
            page.locator("#facet-country").get_by_role("checkbox", name=re.compile(r"^Saint Lucia\b")).check()
        settle(page)
        violations["/projects/ (after ticking a facet)"] = page.evaluate("() => window.__cspViolations")
    finally:
        page.context.close()
    return {"requests": recorder.requests, "console": recorder.console, "page_errors": recorder.page_errors,
            "csp_events": {k: v for k, v in violations.items() if v}}


@pytest.mark.parametrize("entry", PAGES)
def test_axe_finds_no_serious_or_critical_violation(entry, paths, axe_page, axe_report, site):
    """axe-core reports no serious or critical violation on the page (every violation is listed on failure)."""
    path = paths[entry]
    axe_page.goto(site.url(path))
    settle(axe_page)
    violations = axe_violations(axe_page)
    axe_report[path] = violations
    if violations:
        print(describe_violations(path, violations))  # shown with -rP: the minor and moderate ones too
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe_violations(path, violations)


def test_no_request_leaves_the_machine(tour, site):
    """Every request the pages make (documents, static files, the map's topology, htmx) goes to the live server."""
    requests = tour["requests"]
    # The tour really loaded the pages' scripts, the vendored map data and an htmx response, all of it counted.
    assert any("/static/vendor/chartjs/" in u for u in requests), requests
    assert any("countries-50m.json" in u for u in requests), requests
    assert any("country=LCA" in u for u in requests), requests
    outside = sorted({u for u in requests
                      if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != site.host})
    assert not outside, f"requests to other hosts than {site.host}:\n" + "\n".join(outside)


def test_no_content_security_policy_violation(tour):
    """No page (nor an htmx update) violates the CSP: no console message about it, no violation event, no JS error."""
    csp_console = [c for c in tour["console"] if CSP_WORDS.search(c[2])]
    assert not csp_console, "CSP messages in the console:\n" + "\n".join(f"{u}: [{t}] {m}" for u, t, m in csp_console)
    assert not tour["csp_events"], f"securitypolicyviolation events: {json.dumps(tour['csp_events'], indent=2)}"
    assert not tour["page_errors"], "uncaught JavaScript errors:\n" + "\n".join(f"{u}: {e}" for u,
                                                                                e in tour["page_errors"])


def test_the_detectors_see_a_violation(browser, site):
    """The CSP witnesses above are not blind: an inline script on a page is reported by both of them."""
    recorder = Recorder()
    page = new_page(browser, recorder=recorder)
    page.context.add_init_script(CSP_LISTENER)
    try:
        page.goto(site.url("/"))
        settle(page)
        page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';
                                 document.body.appendChild(s); }""")
        page.wait_for_function("() => window.__cspViolations.length > 0")
        assert any(CSP_WORDS.search(m) for _, _, m in recorder.console), recorder.console
        assert all(urlsplit(u).netloc == site.host for u in recorder.requests)
        shot(page, site, "09-home")
    finally:
        page.context.close()
