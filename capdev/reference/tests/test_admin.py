"""The reference admin pages open and search."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["region", "country", "sdggoal", "sdgtarget", "currency"])
def test_changelist(loaded, admin_client, model):
    url = reverse(f"admin:reference_{model}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    every = response.context["cl"].full_result_count
    assert every > 0 and response.context["cl"].result_count == every  # the loaded rows, all of them
    searched = admin_client.get(url, {"q": "a"})
    assert searched.status_code == 200
    assert 0 < searched.context["cl"].result_count <= every


def test_country_filters_and_history(loaded, admin_client):
    url = reverse("admin:reference_country_changelist")
    response = admin_client.get(url, {"sids__exact": "1", "ldc__exact": "1"})
    assert response.status_code == 200
    assert "Haiti" in response.content.decode()
    history = reverse("admin:reference_country_history", args=["LCA"])
    assert admin_client.get(history).status_code == 200


def test_goal_change_page_lists_targets(loaded, admin_client):
    response = admin_client.get(reverse("admin:reference_sdggoal_change", args=[16]))
    assert response.status_code == 200
    assert "16.6" in response.content.decode()
