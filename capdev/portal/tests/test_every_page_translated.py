"""Every page, in every language, has no interface text left in English (docs/languages.md#the-tests).

The pages are the resolver's (every URL pattern but the API's, the admin's and the downloads), each requested as
an anonymous visitor and as a portfolio administrator (the staff pages), with the path samples of the fuzz test
(capdev/core/tests/test_fuzz_parameters.py: a new page is walked without a change here).

`test_no_english_left` runs with a pseudo-translation (every string of the catalogues comes out as ⟦string⟧,
capdev/portal/tests/untranslated.py): it fails on a string that does not go through gettext, or that `make
messages` has not extracted yet, whatever the state of the translations. `test_no_english_left_in_the_real
catalogues` and `test_catalogues_are_complete` check the real catalogues in capdev/locale (marker
`complete_catalogues`): a new string needs its five translations.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from capdev.core.tests import test_fuzz_parameters as fuzz
from capdev.core.tests.test_fuzz_parameters import ROUTES, read, url_of

from .untranslated import build_pseudo_catalogues, data_text, english_left, pieces

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The pseudo-translation walk finds strings not wrapped in gettext, which are unwrapped in every language: one
# language walks every page (Arabic: the most plural forms, right to left) unless CAPDEV_LANG_WALK names more
# ("all", or codes separated by commas), which keeps the suite within CI's budget (660 pages became 132). The
# walk with the real catalogues (what a reader sees) takes every language: a page each, about a minute.
_WALK = os.environ.get("CAPDEV_LANG_WALK", "ar")
PSEUDO_LANGUAGES = LANGUAGES if _WALK == "all" else [code for code in _WALK.split(",") if code in LANGUAGES]
NOT_WALKED = ("api", "admin")
GETTEXT_TOOLS = ("msgen", "msgfilter", "msgfmt")
world = fuzz.world  # the fuzz test's fixture: a portfolio with a row of every kind
PAGES = [r for r in ROUTES if (r[0] or "").split(":")[0] not in NOT_WALKED]


@pytest.fixture(autouse=True)
def sqlite_run_only(request):
    """Which strings a page translates does not depend on the database: the SQLite run walks the pages, the
    PostgreSQL run of the same suite leaves this module out (CI's time budget)."""
    if request.config.getoption("--db") == "postgresql":
        pytest.skip("the pages' languages are walked in the SQLite run (they do not depend on the database)")


def _locale_name(code: str) -> str:
    return translation.to_locale(code)  # zh-hans -> zh_Hans, the catalogue's folder


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory):
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"gettext's {', '.join(missing)} not installed (apt-get install gettext)")
    out = tmp_path_factory.mktemp("pseudo-locale")
    build_pseudo_catalogues(LOCALE_DIR, out, [_locale_name(code) for code in LANGUAGES])
    return out


@pytest.fixture(scope="module")
def data(world, django_db_blocker):
    with django_db_blocker.unblock():
        return data_text(apps.get_models())


def _get(client, url: str):
    response = client.get(url)
    body = read(response).decode("utf-8", "replace")
    return response, body


def same_in(lang: str) -> set[str]:
    """The strings whose translation is the English itself ("Budget", "Date", "Type" in French; the name
    Capdev; "Version %(n)s"): on a page, they are translated, not left over. One with a placeholder is a
    pattern (see `allowed_part`)."""
    import gettext

    mo = LOCALE_DIR / _locale_name(lang) / "LC_MESSAGES" / "django.mo"
    if not mo.exists():
        return set()
    with mo.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 - the compiled pairs, read as they are
    same = set()
    for key, text in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and text == msgid:
            same.add(text.strip())
    return same


PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdf]|%[sdf]|\{[a-z_0-9]*\}")


def allowed_part(part: str, allowed: frozenset) -> bool:
    """Whether a part of a page is a translation equal to its English (the placeholders filled in)."""
    if part in allowed:
        return True
    return any(PLACEHOLDER.search(text) and re.fullmatch(
        ".+?".join(re.escape(piece) for piece in PLACEHOLDER.split(text)), part) for text in allowed)


def english_left_on(client, route, world, data, lang: str, allowed: frozenset = frozenset()) -> tuple[str, list[str]]:
    """The URL of the route in lang, and the English left on it ([] for a page that is not HTML)."""
    with translation.override(settings.LANGUAGE_CODE):  # not the language the last request left active
        english_url = url_of(route, world)
    with translation.override(lang):
        url = url_of(route, world)
    response, body = _get(client, url)
    if response.status_code in (302, 405) or not response.get("Content-Type", "").startswith("text/html"):
        return url, []
    # A page the user may not see is its error page: that too must be in the page's language.
    assert response.status_code in (200, 403, 404), f"{url} answers {response.status_code}"
    page_lang, found = pieces(body, lang)
    assert page_lang == lang, f"{url} says it is in {page_lang!r}"
    _en_response, en_body = _get(client, english_url)
    english = set(pieces(en_body, settings.LANGUAGE_CODE)[1])
    left = []
    for piece in found:
        left.extend(part for part in english_left(piece, english, data) if not allowed_part(part, allowed))
    return url, sorted(set(left))


def _walk(client, route, staff, world, data, lang):
    if staff:
        client.force_login(world["admin"])
    url, left = english_left_on(client, route, world, data, lang)
    assert not left, (f"{url} ({'staff' if staff else 'anonymous'}): English left on the page (wrap it in gettext, "
                      f"then `make messages`): {left}")


@pytest.mark.parametrize("lang", PSEUDO_LANGUAGES)
@pytest.mark.parametrize("staff", [False, True], ids=["anonymous", "portfolio-admin"])
@pytest.mark.parametrize("route", PAGES, ids=lambda r: "+".join([r[0] or r[2], *sorted(r[1])]))
def test_no_english_left(route, staff, lang, world, data, pseudo_locale, client, db):
    with override_settings(LOCALE_PATHS=[pseudo_locale]):
        _walk(client, route, staff, world, data, lang)


@pytest.mark.complete_catalogues
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_english_left_in_the_real_catalogues(lang, world, data, client, db):
    """Every page with the real catalogues: one test per language, listing every page with English left."""
    if not (LOCALE_DIR / _locale_name(lang) / "LC_MESSAGES" / "django.mo").exists():
        pytest.fail(f"no compiled catalogue for {lang}: `make install` compiles them (needs gettext)")
    found = {}
    allowed = frozenset(same_in(lang))
    for staff in (False, True):
        if staff:
            client.force_login(world["admin"])
        for route in PAGES:
            url, left = english_left_on(client, route, world, data, lang, allowed)
            if left:
                found[f"{url} ({'staff' if staff else 'anonymous'})"] = left
    assert not found, "English left with the real catalogues:\n" + "\n".join(
        f"{url}: {left}" for url, left in sorted(found.items()))


@pytest.mark.complete_catalogues
@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogues_are_complete(lang):
    """Every string of the interface translated (none empty, none fuzzy), and the catalogue compiles with its
    placeholders checked (msgfmt --check)."""
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt not installed (apt-get install gettext)")
    po = LOCALE_DIR / _locale_name(lang) / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, f"{po}: {result.stderr.strip()}"
