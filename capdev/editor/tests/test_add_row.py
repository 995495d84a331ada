""""Add a row" (htmx or the plain button): the new row is clean, with the model's defaults, and ignored if left
empty."""
import lxml.html
import pytest
from django.urls import reverse

from capdev.editor.forms import FORMSETS
from capdev.projects.models import Indicator, Project, ReviewState

from .helpers import form_values

HTMX = {"HTTP_HX_REQUEST": "true"}
# Half the formsets through htmx, half through the button without JavaScript: the view treats both alike.
HTMX_OR_PLAIN = {p: (HTMX if i % 2 else {}) for i, (p, *_r) in enumerate(FORMSETS)}


def _row(response, prefix: str, n: int):
    """The fieldset of row n of a formset, as rendered."""
    doc = lxml.html.fromstring(response.content.decode())
    section = doc.get_element_by_id(f"fs-{prefix}")
    rows = section.xpath(".//fieldset[contains(@class, 'row-form')]")
    assert len(rows) > n, f"{prefix} has {len(rows)} rows"
    return rows[n]


def _assert_clean(row):
    text = row.text_content()
    assert "required" not in text, text
    assert not row.xpath(".//*[contains(@class, 'field-error') or contains(@class, 'has-error') or @aria-invalid]")
    assert "has-error" not in (row.get("class") or "")


@pytest.fixture
def draft(big_project):
    """The seed's richest project, in draft (edited in place)."""
    big_project.review_state = ReviewState.DRAFT
    big_project.save()
    return big_project


@pytest.mark.parametrize("prefix", [p for p, *_ in FORMSETS])
def test_a_row_added_to_a_new_project_is_clean_and_an_empty_one_is_ignored_on_save(staff, client, prefix):
    client.force_login(staff["pacb"])
    url = reverse("editor:create")
    data = form_values(client.get(url), url)
    data.update({"project-title": "Rows added and left empty", "project-start": "2024"})
    response = client.post(url, {**data, "add": prefix}, **HTMX_OR_PLAIN[prefix])
    assert response.status_code == 200
    _assert_clean(_row(response, prefix, 0))
    # Saved as the browser submits the page with the new row untouched: nothing is refused, no row is written.
    data = form_values(response, url)
    assert data[f"{prefix}-TOTAL_FORMS"] == "1"
    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(title="Rows added and left empty")
    related = next(fs for p, _t, fs, _r in FORMSETS if p == prefix)
    assert not related.model.objects.filter(**{related.fk.name: project}).exists()


def test_a_row_added_beside_existing_rows_shows_the_model_defaults(staff, client):
    client.force_login(staff["pacb"])
    url = reverse("editor:create")
    data = form_values(client.get(url), url)
    data.update({"budgets-TOTAL_FORMS": "1", "budgets-0-kind": "yearly", "budgets-0-amount": "10",
                 "budgets-0-currency": "USD"})
    response = client.post(url, {**data, "add": "budgets"}, **HTMX)
    first, new = _row(response, "budgets", 0), _row(response, "budgets", 1)
    # The row typed keeps what was typed; the new one starts at the model's default kind, empty otherwise.
    assert first.xpath(".//select[@name='budgets-0-kind']/option[@selected]/@value") == ["yearly"]
    assert new.xpath(".//select[@name='budgets-1-kind']/option[@selected]/@value") == ["total"]
    assert new.xpath(".//input[@name='budgets-1-amount']")[0].get("value") in (None, "")
    _assert_clean(new)


def test_a_new_indicator_starts_higher_is_better_and_keeps_it_when_saved(staff, draft, client):
    client.force_login(staff["reviewer"])
    outcome = draft.outcomes.first()
    url = reverse("editor:indicators", args=[draft.pk, outcome.pk])
    data = form_values(client.get(url), url)
    n = int(data["indicators-TOTAL_FORMS"])
    response = client.post(url, {**data, "add": "indicators"}, **HTMX)
    assert response.status_code == 200
    new = _row(response, "indicators", n)
    _assert_clean(new)
    assert new.xpath(f".//input[@name='indicators-{n}-ascending']")[0].get("checked") is not None
    data = form_values(response, url)
    assert data[f"indicators-{n}-ascending"] == "on"
    # Left empty, the row is ignored.
    before = outcome.indicators.count()
    assert client.post(url, data).status_code == 302
    assert outcome.indicators.count() == before
    # Filled in without touching the box (on the page as reloaded after that save), the indicator is higher-is-better.
    data["version-seen"] = form_values(client.get(url), url)["version-seen"]
    data[f"indicators-{n}-title"] = "Services online"
    assert client.post(url, data).status_code == 302
    assert Indicator.objects.get(outcome=outcome, title="Services online").ascending is True


def test_a_new_indicator_unticked_by_the_user_is_lower_is_better(staff, draft, client):
    client.force_login(staff["reviewer"])
    outcome = draft.outcomes.first()
    url = reverse("editor:indicators", args=[draft.pk, outcome.pk])
    data = form_values(client.get(url), url)
    n = int(data["indicators-TOTAL_FORMS"])
    data = form_values(client.post(url, {**data, "add": "indicators"}), url)
    del data[f"indicators-{n}-ascending"]  # the user unticks "Higher is better"
    data[f"indicators-{n}-title"] = "Days to register a company"
    assert client.post(url, data).status_code == 302
    assert Indicator.objects.get(outcome=outcome, title="Days to register a company").ascending is False
