"""Settings read from the environment: a bad value stops start-up with the variable's name."""
import pytest
from django.core.exceptions import ImproperlyConfigured

from capdev.settings.base import env_bool, env_seconds


def test_seconds_are_read_and_bad_values_name_the_variable(monkeypatch):
    monkeypatch.delenv("CAPDEV_TEST_WAIT", raising=False)
    assert env_seconds("CAPDEV_TEST_WAIT", 10.0) == 10.0
    monkeypatch.setenv("CAPDEV_TEST_WAIT", "2.5")
    assert env_seconds("CAPDEV_TEST_WAIT", 10.0) == 2.5
    for bad in ("ten", "-1", "nan", ""):
        monkeypatch.setenv("CAPDEV_TEST_WAIT", bad)
        with pytest.raises(ImproperlyConfigured, match="CAPDEV_TEST_WAIT must be a number of seconds"):
            env_seconds("CAPDEV_TEST_WAIT", 10.0)


def test_booleans_are_read_and_a_typo_names_the_variable(monkeypatch):
    monkeypatch.delenv("CAPDEV_TEST_FLAG", raising=False)
    assert env_bool("CAPDEV_TEST_FLAG", True) is True
    for value, expected in (("1", True), ("On", True), (" yes ", True), ("0", False), ("off", False), ("", False)):
        monkeypatch.setenv("CAPDEV_TEST_FLAG", value)
        assert env_bool("CAPDEV_TEST_FLAG", not expected) is expected
    for bad in ("treu", "2", "enabled"):
        monkeypatch.setenv("CAPDEV_TEST_FLAG", bad)
        with pytest.raises(ImproperlyConfigured, match="CAPDEV_TEST_FLAG must be one of"):
            env_bool("CAPDEV_TEST_FLAG", True)
