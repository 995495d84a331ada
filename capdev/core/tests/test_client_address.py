"""The client's address: REMOTE_ADDR unless the trusted proxies say, and never what the client wrote itself."""
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from capdev.core.client_address import client_address
from capdev.settings.base import env_int, env_rate

PROXY = "10.0.0.2"


def _request(xff=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_off_by_default_the_header_is_ignored(settings):
    assert settings.CAPDEV_TRUSTED_PROXY_COUNT == 0
    assert client_address(_request("198.51.100.7")) == PROXY


@pytest.mark.parametrize("count, xff, expected", [
    (1, "198.51.100.7", "198.51.100.7"),  # the one proxy appended the client's address
    (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),  # what the client wrote itself (left) is not trusted
    (2, "203.0.113.66, 198.51.100.7, 10.0.0.9", "198.51.100.7"),  # a CDN, then the proxy
    (1, "2001:db8::7", "2001:db8::7"),
    (2, "198.51.100.7", PROXY),  # fewer hops than proxies: it did not come through them
    (1, "", PROXY),
    (1, None, PROXY),
    (1, "unknown", PROXY),  # not an address
    (1, "198.51.100.7:4711", PROXY),
])
def test_behind_proxies_the_right_most_untrusted_hop(settings, count, xff, expected):
    settings.CAPDEV_TRUSTED_PROXY_COUNT = count
    assert client_address(_request(xff)) == expected


def test_the_settings_are_read_and_a_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("CAPDEV_TRUSTED_PROXY_COUNT", "1")
    assert env_int("CAPDEV_TRUSTED_PROXY_COUNT", 0) == 1
    for bad in ("-1", "one", "1.5", "١"):
        monkeypatch.setenv("CAPDEV_TRUSTED_PROXY_COUNT", bad)
        with pytest.raises(ImproperlyConfigured, match="CAPDEV_TRUSTED_PROXY_COUNT must be a whole number"):
            env_int("CAPDEV_TRUSTED_PROXY_COUNT", 0)
    for value, expected in (("60/min", "60/min"), ("10/s", "10/s"), ("off", None), (" 1000/day ", "1000/day")):
        monkeypatch.setenv("CAPDEV_API_RATE_ANON", value)
        assert env_rate("CAPDEV_API_RATE_ANON", "300/min") == expected
    for bad in ("fast", "60", "60/week", "-5/min", "0/min"):
        monkeypatch.setenv("CAPDEV_API_RATE_ANON", bad)
        with pytest.raises(ImproperlyConfigured, match="CAPDEV_API_RATE_ANON must be a rate"):
            env_rate("CAPDEV_API_RATE_ANON", "300/min")
