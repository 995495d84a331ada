"""Which tests the PostgreSQL run keeps (conftest.py): every one that can reach the database, none that cannot."""
import pytest
from django.test import SimpleTestCase, TestCase

from conftest import _needs_database


def test_a_test_without_the_database_is_left_to_the_sqlite_run(request):
    assert not _needs_database(request.node)


@pytest.mark.django_db
def test_a_django_db_mark_keeps_it(request):
    assert _needs_database(request.node)


def test_the_db_fixture_keeps_it(request, db):
    assert _needs_database(request.node)


def test_a_fixture_that_asks_for_the_database_keeps_it(request, admin_user):
    assert _needs_database(request.node)  # admin_user needs db: the closure of fixtures counts


def test_the_vendor_fixture_keeps_it(request, db_vendor):
    assert _needs_database(request.node)


@pytest.mark.postgres
def test_a_postgres_mark_keeps_it(request):
    assert _needs_database(request.node)


class _WithItem:
    """A unittest-style test's own pytest item, for the rule to read."""

    @pytest.fixture(autouse=True)
    def _item(self, request):
        self._pytest_item = request.node


class TestDjangoTestCase(_WithItem, TestCase):
    def test_a_django_test_case_keeps_it(self):
        self.assertTrue(_needs_database(self._pytest_item))


class TestSimpleTestCase(_WithItem, SimpleTestCase):
    def test_a_simple_test_case_is_left(self):
        self.assertFalse(_needs_database(self._pytest_item))
