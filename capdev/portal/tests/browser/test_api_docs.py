"""The API documentation page as a reader sees it: Swagger UI draws the schema's Markdown."""
from __future__ import annotations

import pytest

from capdev.core.testing.pages import new_page, shot

pytestmark = pytest.mark.browser


def test_the_api_documentation_shows_how_to_send_a_token_with_its_placeholder(browser, site):
    """"Authorization: Token <key>": the placeholder was read as an HTML tag and dropped ("Token )")."""
    page = new_page(browser)
    try:
        page.goto(site.url("/api/docs/"))
        description = page.locator(".information-container .description")
        description.wait_for()
        text = description.inner_text()
        assert "Authorization: Token <key>" in text, text
        shot(page, site, "11-api-docs")
    finally:
        page.context.close()
