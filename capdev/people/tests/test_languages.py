"""People figures in the reader's language: a figure counted for a page in one language is not shown on a page
in another (the labels of its breakdowns are words)."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from .conftest import crowd


@pytest.fixture
def french_compiled():
    if not (Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.mo").exists():
        pytest.skip("the French catalogue is not compiled (make install compiles it; needs gettext's msgfmt)")


@pytest.mark.parametrize("background", [False, True], ids=["in the request", "in a thread"])
def test_the_dashboard_in_french_then_english_gives_each_its_words(client, settings, workshop, french_compiled,
                                                                    background, monkeypatch):
    crowd(workshop, 6, 6)
    if background:  # the thread counts, then the next request finds the figures (run here, in this thread)
        from django.db import connections

        from capdev.people import aggregates

        settings.CAPDEV_PEOPLE_BACKGROUND = True
        monkeypatch.setattr(aggregates.threading, "Thread", _Inline)
        # The thread closes its connections when done; here they are the test's, inside its transaction.
        monkeypatch.setattr(connections, "close_all", lambda: None)
    french = client.get("/fr/dashboard/").content.decode()
    english = client.get("/dashboard/").content.decode()
    if background:
        french = client.get("/fr/dashboard/").content.decode()
        english = client.get("/dashboard/").content.decode()
    assert "Femme" in french
    assert "Female" in english and "Femme" not in english


class _Inline:
    """A thread that runs its target when started, in the caller's thread (the test database is this one's)."""

    def __init__(self, target, name=None, daemon=None):
        self.target = target

    def start(self):
        from django.utils import translation

        with translation.override("en"):  # as a new thread starts: in the default language
            self.target()
