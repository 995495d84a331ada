"""The issue's scenario in a real browser: two assessments of Saint Lucia, one entered through the form (before the
seed's Caribbean project) and one through a CSV upload (since it started), a dimension linked to the project;
the country page's scores, change, charts and projects on weak dimensions; the project page's before and after
and its similar projects with reasons; the dashboard's comparison; at 1280 and at 390 px."""
from __future__ import annotations

import re

from capdev.portal.tests.browser.helpers import new_page, settle

from .conftest import PASSWORD

DIGITAL_GOV = "Strengthen public sector"
PHONE = {"width": 390, "height": 844}
SINCE_CSV = """country,date,framework,assessor_type,dimension,score,evidence,comments,title
Saint Lucia,2026-03,capdev-example-digital-government,peer,strategy,3,Digital Transformation Strategy updated in 2024,,Peer review
Saint Lucia,2026-03,capdev-example-digital-government,peer,institutions,2,,,Peer review
Saint Lucia,2026-03,capdev-example-digital-government,peer,legal,3,,,Peer review
Saint Lucia,2026-03,capdev-example-digital-government,peer,services,3,,,Peer review
Saint Lucia,2026-03,capdev-example-digital-government,peer,data,2,Data-sharing rules drafted,,Peer review
Saint Lucia,2026-03,capdev-example-digital-government,peer,mindsets,3,Permanent Secretaries trained in April 2025,,Peer review
""".encode()  # noqa: E501 (a CSV file as uploaded, one record a line: a line cannot be cut)


def sign_in(page, live):
    page.goto(live.url + "/accounts/login/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_load_state("load")


def overflowing(page) -> list[str]:
    """The elements reaching past the viewport's right edge (none when the page does not scroll sideways)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width + 1) return [];
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 8).map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')
                             + ' right=' + Math.round(e.getBoundingClientRect().right));
    }""")


def enter_the_baseline_by_the_form(page, live, artifacts):
    page.goto(live.url + "/countries/LCA/")
    page.get_by_role("link", name="Enter an assessment").click()
    page.wait_for_url(re.compile(r"/assessments/new/"))
    assert page.locator("#id_country").evaluate("s => s.selectedOptions[0].text") == "Saint Lucia"
    page.locator("#id_date_text").fill("2023-11")
    page.get_by_label("Self-assessment").check()
    page.locator("#id_title").fill("Baseline self-assessment")
    for code, value in (("strategy", "2"), ("institutions", "2"), ("legal", "3"), ("services", "2"), ("data", "1"),
                        ("mindsets", "1")):
        page.locator(f"#id_score-{code}-score").select_option(value)
    page.locator("#id_score-data-evidence").fill("No rules for sharing data between ministries")
    page.locator("#id_priorities-0-text").fill("Rules for sharing data between ministries")
    page.locator("#id_priorities-0-dimension").select_option(label="Data governance")
    page.locator("#id_state").select_option("published")
    page.screenshot(path=str(artifacts / "assessment-1-form.png"), full_page=True)
    page.get_by_role("button", name="Save the assessment").click()
    page.wait_for_url(re.compile(r"/assessments/\d+/$"))
    assert "Assessment saved." in page.locator(".messages").inner_text()
    assert "1 – Initial" in page.locator("table.scores-table").inner_text()


def upload_the_later_one(page, live, artifacts):
    page.goto(live.url + "/assessments/upload/")
    page.set_input_files("#id_file", files=[{"name": "saint-lucia-2026.csv", "mimeType": "text/csv",
                                             "buffer": SINCE_CSV}])
    page.get_by_label("Publish the new assessments").check()
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("heading", name="What will be written").wait_for()
    preview = page.locator(".upload-preview").inner_text()
    assert "1 new" in preview and "Saint Lucia · 2026-03 · Peer assessment" in preview
    page.screenshot(path=str(artifacts / "assessment-2-upload-preview.png"), full_page=True)
    page.get_by_role("button", name="Write these assessments").click()
    page.get_by_role("heading", name="Scores written").wait_for()
    page.get_by_role("link", name=re.compile(r"Saint Lucia, 2026-03")).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/$"))


def link_data_governance_to_the_project(page, project_pk: int):
    page.get_by_role("link", name="Link to a project").click()
    page.locator("#id_target").select_option(label="Dimension: Data governance")
    # The projects serving Saint Lucia are offered: choosing one needs no number.
    page.locator(".link-suggestions").get_by_role("button", name=re.compile(DIGITAL_GOV)).click()
    page.wait_for_load_state("load")
    assert page.locator("#id_project").input_value() == str(project_pk)
    assert page.locator("#id_target").evaluate("s => s.selectedOptions[0].text") == "Dimension: Data governance"
    page.get_by_role("button", name="Save the link").click()
    page.wait_for_url(re.compile(r"/assessments/\d+/#work$"))
    assert DIGITAL_GOV in page.locator("#work + ul").inner_text()


def test_two_assessments_of_saint_lucia_by_form_and_upload_shown_with_the_change(browser, live, artifacts):
    from capdev.projects.models import Project

    project = Project.objects.get(title__startswith=DIGITAL_GOV)
    page = new_page(browser)
    sign_in(page, live)
    enter_the_baseline_by_the_form(page, live, artifacts)
    upload_the_later_one(page, live, artifacts)
    link_data_governance_to_the_project(page, project.pk)

    # The country page, as the public sees it.
    public = new_page(browser)
    public.goto(live.url + "/countries/LCA/")
    settle(public)
    panel = public.locator("section.assessments-panel")
    table = panel.locator("table.scores-table").inner_text()
    assert "Latest (2026-03)" in table and "Previous (2023-11)" in table
    rows = {r.locator("th").inner_text().split("\n")[0].replace(" weak", "").strip(): r.inner_text()
            for r in panel.locator("table.scores-table tbody tr").all()}
    assert "+2" in rows["Skills and mindsets"] and "no change" in rows["Institutional arrangements and coordination"]
    assert DIGITAL_GOV in rows["Data governance"] and "weak" in rows["Data governance"]  # 2: still weak, worked on
    charts = panel.locator("figure.capdev-chart.chart-drawn")
    assert charts.count() == 7, "a chart per dimension and the radar, drawn"
    drawn = public.evaluate("""() => [...document.querySelectorAll('section.assessments-panel canvas')].every(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false; })""")
    assert drawn, "every assessment chart has pixels"
    panel.screenshot(path=str(artifacts / "assessment-3-country-panel.png"))
    public.screenshot(path=str(artifacts / "assessment-3-country-page.png"), full_page=True)

    # The project page: before and after, the linked dimension, similar projects with reasons.
    public.goto(live.url + f"/projects/{project.pk}/")
    settle(public)
    before_after = public.locator("section[aria-labelledby=project-assessments-heading]").inner_text()
    assert "Before (2023-11)" in before_after and "Since it started (2026-03)" in before_after
    assert "this project works on it" in before_after
    similar = public.locator("section.similar-projects").inner_text()
    assert "shares CARICAD" in similar
    public.screenshot(path=str(artifacts / "assessment-4-project-page.png"), full_page=True)

    # The dashboard compares the countries on a dimension.
    public.goto(live.url + "/dashboard/?assessment_dimension=capdev-example-digital-government:mindsets#assessments")
    settle(public)
    assert public.locator("#chart-assessment-comparison.chart-drawn").count() == 1
    public.locator("#assessments").screenshot(path=str(artifacts / "assessment-5-dashboard.png"))

    # At 390 px: nothing scrolls sideways.
    phone = new_page(browser, viewport=PHONE)
    for path, name in (("/countries/LCA/", "country"), (f"/projects/{project.pk}/", "project"),
                       ("/assessments/", "list")):
        phone.goto(live.url + path)
        settle(phone)
        assert not overflowing(phone), f"the {name} page scrolls sideways at 390 px: {overflowing(phone)}"
        phone.screenshot(path=str(artifacts / f"assessment-6-phone-{name}.png"), full_page=True)
        panel = phone.locator("section.assessments-panel")
        if panel.count():
            panel.first.screenshot(path=str(artifacts / f"assessment-6-phone-{name}-panel.png"))
    # The project's before-and-after table fits a phone: the levels' numbers, the change in view, a legend.
    phone.goto(live.url + f"/projects/{project.pk}/")
    settle(phone)
    before_after = phone.locator("section[aria-labelledby=project-assessments-heading]")
    assert before_after.locator(".profile-table-wrap").evaluate("w => w.scrollWidth <= w.clientWidth + 1")
    assert before_after.locator("th", has_text="Change").is_visible()
    assert before_after.locator(".level-legend").is_visible()
    assert not before_after.locator(".level-name").first.is_visible()
    phone.goto(live.url + "/assessments/upload/")
    for context in (page.context, public.context, phone.context):
        context.close()


def test_the_igf_records_find_each_other_on_their_pages(browser, live, artifacts):
    from capdev.projects.models import Project

    first, second = Project.objects.filter(objective__startswith="The IGF mandate").order_by("start_date")
    page = new_page(browser)
    page.goto(live.url + f"/projects/{first.pk}/")
    settle(page)
    section = page.locator("section.similar-projects")
    first_item = section.locator("li").first
    assert first_item.locator("a").get_attribute("href") == f"/projects/{second.pk}/"
    assert "nearly the same text" in first_item.inner_text()
    section.screenshot(path=str(artifacts / "similar-igf.png"))
    page.context.close()


def test_the_assessment_pages_pass_axe_and_keep_the_content_security_policy(browser, live, artifacts):
    """axe-core finds no serious or critical violation on the pages assessments add or fill, staff's included, and
    no text in the colour of its background; no page reports a CSP violation, an error, or a request leaving the
    machine."""
    from capdev.assessments import score_files, score_import
    from capdev.assessments.models import Dimension, WorkLink
    from capdev.portal.tests.browser.helpers import Recorder, axe_violations, describe_violations, invisible_text
    from capdev.projects.models import Project

    plan = score_import.plan(score_files.read(SINCE_CSV, "since.csv"))
    assessment = score_import.write(plan, publish=True).assessment_ids[0]
    project = Project.objects.get(title__startswith=DIGITAL_GOV)
    # A link, so that staff's page has its Remove button, and the link page offers the projects serving the country.
    WorkLink.objects.create(assessment_id=assessment, project=project,
                            dimension=Dimension.objects.get(code="data"))
    pages = ["/countries/LCA/", f"/projects/{project.pk}/", "/assessments/", f"/assessments/{assessment}/",
             "/dashboard/", "/assessments/new/", "/assessments/upload/", f"/assessments/{assessment}/links/new/"]
    recorder = Recorder()
    page = new_page(browser, bypass_csp=True)
    checked = new_page(browser, recorder=recorder)
    sign_in(page, live)
    sign_in(checked, live)
    checked.context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                                    "e => window.__csp.push(e.violatedDirective));")
    problems = []
    for path in pages:
        page.goto(live.url + path)
        settle(page)
        blocking = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        if blocking:
            problems.append(describe_violations(path, blocking))
        if hidden := invisible_text(page):
            problems.append(f"{path}: text in the colour of its background: {hidden}")
        checked.goto(live.url + path)
        settle(checked)
        assert checked.evaluate("() => window.__csp") == [], path
    assert not problems, "\n".join(problems)
    assert not recorder.page_errors, recorder.page_errors
    outside = [u for u in recorder.requests if not u.startswith(live.url) and not u.startswith("data:")]
    assert not outside, outside
    page.context.close()
    checked.context.close()
