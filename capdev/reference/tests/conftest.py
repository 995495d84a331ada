"""Fixtures for the reference-data tests."""
import pytest

from capdev.reference.loading import load_reference


@pytest.fixture
def loaded(db):
    """A database with all reference tables loaded; the value is the loader's per-table results."""
    return load_reference()
