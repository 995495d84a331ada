"""Helpers for every app's browser tests: pages in fresh contexts, signing in, waiting for a page to settle,
axe-core, screenshots. The fixtures that start chromium and the live servers are in capdev.core.testing.browser."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root in a container; the rest keeps chromium from phoning home (one test checks that
# the *pages* make no outside request, and chromium's own background traffic would only add noise and delay).
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
AXE = Path(__file__).resolve().parent / "files" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# Long enough for a 2-core CI machine, short enough that a broken page fails fast instead of hanging.
TIMEOUT_MS = 15_000


@dataclass
class Recorder:
    """What the pages of one browser context did: every request's URL, console messages, page errors."""

    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str, str]] = field(default_factory=list)  # (page URL, type, text)
    page_errors: list[tuple[str, str]] = field(default_factory=list)

    def attach(self, page) -> None:
        """Listen to a page's requests, console and uncaught errors."""
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append((page.url, m.type, m.text)))
        page.on("pageerror", lambda e: self.page_errors.append((page.url, str(e))))


def new_page(browser, *, viewport=None, bypass_csp=False, recorder: Recorder | None = None):
    """A page in a fresh context (no shared cookies or cache), English, motion reduced so charts draw at once."""
    context = browser.new_context(viewport=viewport or DESKTOP, locale="en-GB", reduced_motion="reduce",
                                  bypass_csp=bypass_csp, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    if recorder is not None:
        recorder.attach(page)
    return page


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the login page of the server at base_url, as a person would."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_load_state("load")


# True once the page's scripts are done: no htmx request or swap under way, every chart drawn by charts.js and
# every map by map.js (which first fetches the world topology). Charts and maps mark themselves "...-drawn".
SETTLED = """() =>
    !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling') &&
    [...document.querySelectorAll('figure.capdev-chart[data-chart]')].every(f => f.classList.contains('chart-drawn')) &&
    [...document.querySelectorAll('figure.capdev-choropleth[data-map] .map-canvas, figure.capdev-map[data-countries]')]
        .every(e => e.closest('figure').classList.contains('map-drawn'))"""


def settle(page) -> None:
    """Wait until the page has loaded and its scripts are done (charts and maps drawn, no htmx request pending).

    Faster than waiting for the network to be idle (half a second per page at least); when a chart or map
    never reports itself drawn (the tests that check them will say so), it falls back to that.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_load_state("load")
    try:
        page.wait_for_function(SETTLED, timeout=5_000)
    except PlaywrightTimeout:
        page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[dict]:
    """Run axe-core's default rules (WCAG 2.x A/AA and best practices) on the page; its violations, all impacts.

    The page must come from a context made with bypass_csp=True: add_script_tag inserts an inline <script>,
    which the portal's Content-Security-Policy (rightly) refuses. The CSP itself is checked without the bypass.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }"""
    )


def invisible_text(page) -> list[str]:
    """Text drawn in the colour of its background (a 1:1 contrast), which axe reports only as "needs review":
    the selectors of such elements (a button styled as a link that kept the buttons' white text, for one)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['incomplete']});
            return r.incomplete.flatMap(v => v.nodes)
                .filter(n => n.any.some(c => c.data && c.data.messageKey === 'equalRatio'))
                .map(n => n.target.join(' '));
        }"""
    )


def describe_violations(url: str, violations: list[dict]) -> str:
    """A readable list of axe violations for an assertion message."""
    lines = [f"axe on {url}: {len(violations)} violation(s)"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']}")
        for n in v["nodes"][:8]:
            lines.append(f"    {n['target']}  {n['html']}")
            lines.append("      " + (n["summary"] or "").replace("\n", " / "))
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def as_json(value) -> str:
    """Pretty JSON for assertion messages."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def shot(page, site, name: str) -> Path:
    """A full-page screenshot in test-artifacts/browser/<name>.png; returns its path."""
    path = site.artifacts / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
