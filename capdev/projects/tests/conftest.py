"""Fixtures shared by the projects app's tests."""
import pytest
from django.test import Client


@pytest.fixture
def staff_client(django_user_model):
    """A client of its own (the `client` fixture stays anonymous), signed in as staff."""
    staff = Client()
    staff.force_login(django_user_model.objects.create_user("staff-member", password="x" * 16, is_staff=True))
    return staff

