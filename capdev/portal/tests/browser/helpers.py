"""Helpers for the browser tests: pages in fresh contexts, waiting for a page to settle, axe-core, screenshots."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root in a container; the rest keeps chromium from phoning home (one test checks that
# the *pages* make no outside request, and chromium's own background traffic would only add noise and delay).
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
AXE = Path(__file__).resolve().parent.parent / "files" / "axe.min.js"
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


def settle(page) -> None:
    """Wait until the page has loaded and its network is quiet (scripts, the map's topology, htmx requests)."""
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page and return its violations, all impacts."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }"""
    )
    return result


def describe_violations(url: str, violations: list[dict]) -> str:
    """A readable list of axe violations for an assertion message."""
    lines = [f"axe on {url}: {len(violations)} violation(s)"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']}")
        for n in v["nodes"][:8]:
            lines.append(f"    {n['target']}: {n['summary']}".replace("\n", " / "))
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
