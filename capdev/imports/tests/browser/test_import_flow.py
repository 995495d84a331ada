"""The import page in a real browser: upload, follow the worker, preview with the source highlighted, choose,
confirm, and find the draft in the review queue; on a desktop screen and on a 390 px phone."""
from __future__ import annotations

import re

from capdev.portal.tests.browser.helpers import new_page

from .conftest import work

RECORDS = """Title: Open government data for municipalities
Main Expectations: Municipal open data portals in three pilot cities.
Time Frame: January 2020 - December 2021
Funding: XBTC
Proposed Budget: US$ 150,000
Title: E-participation toolkit for local councils
Main Expectations: A toolkit for online consultations.
Time Frame: March 2020 - June 2022
Funding: XBTC
Proposed Budget: US$ 90,000
""".encode()


def sign_in(page, live):
    page.goto(live.url + "/accounts/login/")
    page.get_by_label("Username").fill("editor-pacb")
    page.get_by_label("Password").fill("browser-test-password-1")
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_load_state("load")


def upload_and_read(page, live):
    """From the staff navigation to the preview of the two records."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.wait_for_url(re.compile(r"/imports/$"))
    page.set_input_files("input[type=file]", files=[{"name": "records.txt", "mimeType": "text/plain",
                                                      "buffer": RECORDS}])
    unit = page.get_by_label("Unit for records that name none")
    assert unit.evaluate("s => s.selectedOptions[0].text").startswith("PACB")  # an editor's one unit, preselected
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.get_by_role("status").filter(has_text="Waiting for the worker").is_visible()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def test_upload_preview_choose_confirm_and_review(browser, live, artifacts):
    page = new_page(browser)
    sign_in(page, live)
    upload_and_read(page, live)
    page.screenshot(path=str(artifacts / "import-1-waiting.png"), full_page=True)
    work()
    # The page polls its progress and reloads itself when the worker is done: no click needed.
    page.get_by_role("heading", name="Records", exact=True).wait_for()
    first = page.locator("#record-0")
    assert "Open government data for municipalities" in first.inner_text()
    # A field links to the span of the source text it was read from, which is then highlighted.
    first.get_by_role("link", name="Period").click()
    assert page.url.endswith("#r0-time_frame")
    mark = page.locator("#r0-time_frame")
    assert "January 2020 - December 2021" in mark.inner_text()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(255, 191, 71)"  # :target, --focus
    page.screenshot(path=str(artifacts / "import-2-preview.png"), full_page=True)
    # Leave the second record out (htmx swaps the button in place), then confirm.
    page.get_by_role("button", name="Leave out record 2").click()
    page.locator("#record-1").get_by_text("Left out").wait_for()
    page.get_by_role("button", name="Import the kept records").click()
    page.get_by_text("You may leave this page").first.wait_for()
    work()
    page.get_by_role("heading", name="Imported", exact=True).wait_for()
    assert "1 created" in page.locator(".import-outcome").inner_text()
    page.screenshot(path=str(artifacts / "import-3-done.png"), full_page=True)
    page.get_by_role("link", name="Go to the review queue").click()
    page.wait_for_url(re.compile(r"/review/$"))
    queue = page.locator("main").inner_text()
    assert "Open government data for municipalities" in queue
    assert "E-participation toolkit for local councils" not in queue
    page.screenshot(path=str(artifacts / "import-4-review-queue.png"), full_page=True)
    page.context.close()


def test_the_import_page_fits_a_390_px_phone(browser, live, artifacts):
    page = new_page(browser, viewport={"width": 390, "height": 844})
    sign_in(page, live)
    page.goto(live.url + "/imports/")
    assert no_horizontal_scroll(page)
    page.set_input_files("input[type=file]", files=[{"name": "records.txt", "mimeType": "text/plain",
                                                      "buffer": RECORDS}])
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    work()
    page.get_by_role("heading", name="Records", exact=True).wait_for()
    assert no_horizontal_scroll(page), "the preview scrolls sideways at 390 px"
    page.screenshot(path=str(artifacts / "import-phone-preview.png"), full_page=True)
    page.goto(live.url + "/imports/")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "import-phone-list.png"), full_page=True)
    page.context.close()
