"""The suite runs on the database it was asked for."""
import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_requested_database(db_vendor):
    assert connection.vendor == db_vendor
