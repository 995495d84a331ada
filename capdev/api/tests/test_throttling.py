"""API throttling: anonymous clients per address (the trusted proxy's), signed-in ones per account; 429 with
Retry-After beyond the rate."""
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from capdev.settings import security

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def rates(settings, db):
    """Small rates for these tests (the suite runs without any), counted from zero."""
    settings.CAPDEV_API_RATE_ANON = "3/min"
    settings.CAPDEV_API_RATE_USER = "5/min"
    cache.clear()
    yield
    cache.clear()


def _get(client, **extra):
    return client.get("/api/sdgs/", **extra)


def test_the_defaults_limit_both_kinds_of_client():
    assert security.CAPDEV_API_RATE_ANON == "300/min" and security.CAPDEV_API_RATE_USER == "1200/min"


def test_an_anonymous_client_over_the_rate_gets_429_with_retry_after(settings):
    client = APIClient()
    assert [_get(client).status_code for _ in range(3)] == [200] * 3
    refused = _get(client)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"]
    # Another address is counted on its own.
    assert _get(client, REMOTE_ADDR="192.0.2.8").status_code == 200


def test_writing_x_forwarded_for_does_not_escape_the_count(settings):
    client = APIClient()
    statuses = [_get(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_the_proxy_each_client_is_counted_alone(settings):
    settings.CAPDEV_TRUSTED_PROXY_COUNT = 1
    client = APIClient()

    def through_proxy(address, claimed=""):
        forwarded = f"{claimed}, {address}" if claimed else address
        return _get(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [through_proxy("198.51.100.7") for _ in range(3)] == [200] * 3
    assert through_proxy("198.51.100.7", claimed="203.0.113.5") == 429  # claiming another address changes nothing
    assert through_proxy("203.0.113.5") == 200  # another client behind the same proxy is not refused


def test_signed_in_clients_are_counted_per_account(settings, django_user_model):
    def token_client(name):
        user = django_user_model.objects.create_user(name, password="a long passphrase here", is_staff=True)
        user.groups.add(Group.objects.get(name="viewer"))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return client

    ana, ben = token_client("ana"), token_client("ben")
    assert [_get(ana).status_code for _ in range(5)] == [200] * 5  # more than the anonymous rate
    assert _get(ana).status_code == 429
    assert _get(ben).status_code == 200  # the same address, another account


def test_a_rate_set_off_is_no_limit(settings):
    settings.CAPDEV_API_RATE_ANON = None
    client = APIClient()
    assert {_get(client).status_code for _ in range(10)} == {200}
