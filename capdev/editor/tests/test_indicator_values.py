"""Indicator values in the editor: targets and results period by period, typed at their precision."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from capdev.editor import history
from capdev.projects.models import Indicator, IndicatorValue, Outcome, ReviewState

from .helpers import error_beside, form_values


@pytest.fixture
def indicator(pacb_project):
    """An indicator of an outcome of a PACB project in draft (a published one is edited through its copy)."""
    pacb_project.review_state = ReviewState.DRAFT
    pacb_project.save()
    outcome = Outcome.objects.create(project=pacb_project, position=0, number=1, text="Public servants trained")
    return Indicator.objects.create(outcome=outcome, title="Officials trained", unit="people", baseline_value=0)


def url(indicator) -> str:
    return reverse("editor:indicator_values", args=[indicator.outcome.project_id, indicator.outcome_id, indicator.pk])


def add_period(client, indicator) -> dict:
    """The page's form after "Add a period" (the response holds the new, empty row)."""
    data = form_values(client.get(url(indicator)), url(indicator))
    response = client.post(url(indicator), {**data, "add": "values"})
    assert response.status_code == 200
    return form_values(response, url(indicator)), response


def test_an_editor_records_targets_and_results_by_period(staff, indicator, client):
    client.force_login(staff["pacb"])
    data, response = add_period(client, indicator)
    assert "This field is required" not in response.content.decode()  # a new row starts clean
    data.update({"values-0-start": "2023", "values-0-end": "2023", "values-0-target": "40", "values-0-actual": "52"})
    data["values-TOTAL_FORMS"] = "2"  # a second period added the same way
    data.update({"values-1-start": "2024-01", "values-1-end": "2024-06", "values-1-target": "30",
                 "values-1-actual": "", "values-1-comment": "first half"})
    assert client.post(url(indicator), data).status_code == 302
    values = list(indicator.values.order_by("period_start"))
    assert [(v.period_start, v.period_end, v.target, v.actual) for v in values] == [
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31), Decimal(40), Decimal(52)),
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30), Decimal(30), None)]
    # Shown again at the precision typed; the change is in the project's history, by the editor.
    page = form_values(client.get(url(indicator)), url(indicator))
    assert (page["values-0-start"], page["values-1-start"], page["values-1-end"]) == ("2023", "2024-01", "2024-06")
    latest = history.versions(indicator.outcome.project_id)[-1]
    assert latest.user == staff["pacb"] and [n.name for n in latest.nodes] == ["indicator_values"]
    # The project page shows the result.
    client.logout()
    client.force_login(staff["reviewer"])
    assert "52" in client.get(reverse("projects:detail", args=[indicator.outcome.project_id])).content.decode()


def test_a_reversed_or_missing_period_is_refused_beside_its_field_and_nothing_is_saved(staff, indicator, client):
    client.force_login(staff["pacb"])
    data, _ = add_period(client, indicator)
    data.update({"values-0-start": "2024-06", "values-0-end": "2024-01", "values-0-actual": "3"})
    response = client.post(url(indicator), data)
    assert response.status_code == 400
    assert "cannot end before it starts" in error_beside(response, "id_values-0-end")
    data.update({"values-0-start": "", "values-0-end": "2024"})
    response = client.post(url(indicator), data)
    assert response.status_code == 400 and error_beside(response, "id_values-0-start")
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_a_row_is_removed_and_an_added_row_left_empty_is_ignored(staff, indicator, client):
    IndicatorValue.objects.create(indicator=indicator, period_start=dt.date(2022, 1, 1),
                                  period_end=dt.date(2022, 12, 31), actual=7)
    client.force_login(staff["pacb"])
    data, _ = add_period(client, indicator)
    data["values-0-DELETE"] = "on"
    assert client.post(url(indicator), data).status_code == 302
    assert not indicator.values.exists()


def test_only_the_projects_editors_reach_it_and_a_published_project_goes_to_its_copy(staff, indicator, client,
                                                                                     pacb_project):
    client.force_login(staff["dmb"])
    assert client.get(url(indicator)).status_code == 403
    assert client.post(url(indicator), {"values-TOTAL_FORMS": "0"}).status_code == 403
    client.force_login(staff["pacb"])
    other = Outcome.objects.create(project=pacb_project, position=5, number=5, text="another outcome")
    wrong = reverse("editor:indicator_values", args=[pacb_project.pk, other.pk, indicator.pk])
    assert client.get(wrong).status_code == 404  # an indicator reached through another outcome's address
    pacb_project.review_state = ReviewState.PUBLISHED
    pacb_project.save()
    assert client.get(url(indicator))["Location"] == reverse("editor:edit", args=[pacb_project.pk])
    client.logout()
    assert client.get(url(indicator)).status_code == 302  # to the sign-in page


def test_the_indicators_page_links_each_saved_indicator_to_its_values(staff, indicator, client):
    client.force_login(staff["pacb"])
    page = client.get(reverse("editor:indicators", args=[indicator.outcome.project_id, indicator.outcome_id]))
    assert url(indicator) in page.content.decode()


def test_numbers_are_shown_as_written_without_the_columns_trailing_zeros(staff, indicator, client):
    """The columns keep four decimals: "30.0000" and "30.5000" were shown in the inputs, "30.50" on the page."""
    indicator.baseline_value, indicator.target_value = Decimal("30.5"), Decimal("130000")
    indicator.save()
    IndicatorValue.objects.create(indicator=indicator, period_start=dt.date(2022, 1, 1),
                                  period_end=dt.date(2022, 12, 31), actual=Decimal("30"), target=Decimal("30.25"))
    client.force_login(staff["pacb"])
    values = form_values(client.get(url(indicator)), url(indicator))
    assert (values["values-0-actual"], values["values-0-target"]) == ("30", "30.25")
    indicators_url = reverse("editor:indicators", args=[indicator.outcome.project_id, indicator.outcome_id])
    fields = form_values(client.get(indicators_url), indicators_url)
    assert (fields["indicators-0-baseline_value"], fields["indicators-0-target_value"]) == ("30.5", "130000")
    page = client.get(reverse("projects:detail", args=[indicator.outcome.project_id])).content.decode()
    row = page[page.index("Officials trained"):]
    row = row[:row.index("</tr>")]
    assert "30.5" in row and "130,000" in row and "30 (" in row and "30.50" not in row, row
