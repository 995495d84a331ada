"""The error pages (capdev.core.errors): 400, 403, 404 and 500 in the site's layout and the reader's language,
saying what happened and what to do; under /api/ the same errors as JSON.

"In the reader's language" is checked with a pseudo-translation (every string of the catalogues as ⟦string⟧,
capdev/portal/tests/untranslated.py), so that it does not wait for the translators: a French page whose title
comes out ⟦...⟧ went through gettext in French.
"""
from __future__ import annotations

import json
import re
import shutil
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, override_settings
from lxml import html as lxml_html

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, assign_role
from capdev.organisations.models import OrgUnit
from capdev.portal.tests.untranslated import build_pseudo_catalogues
from capdev.projects.models import Project

LANGUAGES = ["en", "fr"]


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory):
    if not all(shutil.which(tool) for tool in ("msgen", "msgfilter", "msgfmt")):
        pytest.skip("gettext's msgen, msgfilter and msgfmt are needed (apt-get install gettext)")
    out = tmp_path_factory.mktemp("pseudo-locale")
    build_pseudo_catalogues(settings.LOCALE_PATHS[0], out, ["fr"])
    with override_settings(LOCALE_PATHS=[out]):
        yield out


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"/{lang}"


def read_page(response, lang: str):
    """The page's root, checked to be in the layout and in lang (⟦ ⟧ in French: through gettext)."""
    assert response["Content-Type"].startswith("text/html")
    root = lxml_html.document_fromstring(response.content.decode())
    assert root.get("lang") == lang
    assert root.cssselect("header.site-header ul.nav"), "not in the site's layout"
    switcher = {a.get("lang"): a.get("href") for a in root.cssselect("nav.languages a")}
    assert len(switcher) == len(settings.LANGUAGES), "no language switcher"
    assert not root.cssselect("link[hreflang]")  # an error is not a page to index in other languages
    title = root.cssselect("h1")[0].text_content().strip()
    if lang == "fr":
        assert title.startswith("⟦") and title.endswith("⟧"), title
    else:
        assert "⟦" not in title
    home = [a.get("href") for a in root.cssselect("main a")]
    assert f"{prefix(lang)}/" in home, home  # a way on: the home page in the same language
    return root, title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_in_the_layout_and_the_readers_language(pseudo_locale, client, db, lang):
    response = client.get(f"{prefix(lang)}/no-such-page/")
    assert response.status_code == 404
    root, title = read_page(response, lang)
    assert "There is no page at this address" in title
    links = {a.get("lang"): a.get("href") for a in root.cssselect("nav.languages a")}
    assert (links["en"], links["ar"]) == ("/no-such-page/", "/ar/no-such-page/")  # the same address, another language
    assert f"{prefix(lang)}/projects/" in [a.get("href") for a in root.cssselect("main a")]  # search instead


@pytest.mark.parametrize("lang", LANGUAGES)
def test_400_in_the_layout_and_the_readers_language(pseudo_locale, client, db, lang):
    # A request the site cannot take (a host it does not serve): Django raises DisallowedHost, a 400.
    response = client.get(f"{prefix(lang)}/", HTTP_HOST="not-this-site.example")
    assert response.status_code == 400
    _root, title = read_page(response, lang)
    assert "The request could not be understood" in title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_500_in_the_layout_and_the_readers_language(pseudo_locale, client, db, lang):
    with mock.patch("capdev.portal.views.HomeView.get", side_effect=RuntimeError("a fault")):
        response = client.get(f"{prefix(lang)}/")
    assert response.status_code == 500
    root, title = read_page(response, lang)
    assert "Something went wrong on our side" in title
    assert "a fault" not in response.content.decode()  # nothing of the fault's details reaches the visitor


@pytest.fixture
def refused_edit(db, django_user_model):
    """An editor of unit A (and so of its sub-unit A1) opening a project of unit B."""
    a = OrgUnit.objects.create(code="UNIT-A", name="Unit A")
    OrgUnit.objects.create(code="UNIT-A1", name="Unit A one", parent=a)
    b = OrgUnit.objects.create(code="UNIT-B", name="Unit B")
    project = Project.objects.create(title="A project of unit B", lead_unit=b, review_state="published")
    editor = django_user_model.objects.create_user("editor-a", password="unused in tests 123")
    assign_role(editor, EDITOR)
    UnitAssignment.objects.create(user=editor, unit=a)
    return editor, project


@pytest.mark.parametrize("lang", LANGUAGES)
def test_403_on_an_edit_names_the_units_and_links_back(pseudo_locale, refused_edit, client, lang):
    editor, project = refused_edit
    client.force_login(editor)
    response = client.get(f"{prefix(lang)}/projects/{project.pk}/edit/")
    assert response.status_code == 403
    root, title = read_page(response, lang)
    assert "You may not do this" in title
    text = " ".join(root.cssselect("main")[0].text_content().split())
    assert "UNIT-B" in text or "Unit B" in text  # whose project it is
    units = [li.text_content() for li in root.cssselect("ul.error-units li")]
    assert len(units) == 2 and any("Unit A one" in u for u in units), units  # which units they may edit
    assert f"{prefix(lang)}/projects/{project.pk}/" in [a.get("href") for a in root.cssselect("main a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_403_elsewhere_says_what_to_do(pseudo_locale, client, db, django_user_model, lang):
    user = django_user_model.objects.create_user("no-role", password="unused in tests 123")
    client.force_login(user)  # signed in, but no staff role
    response = client.get(f"{prefix(lang)}/review/")
    assert response.status_code == 403
    root, _title = read_page(response, lang)
    assert not root.cssselect("ul.error-units")


@pytest.mark.parametrize("path, status", [("/api/no-such-thing/", 404), ("/api/projects/999999/", 404)])
def test_the_api_answers_errors_as_json(client, db, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["detail"]


def test_a_500_in_the_api_is_json(client, db):
    with mock.patch("capdev.projects.api.views.ProjectViewSet.list", side_effect=RuntimeError("a fault")):
        response = client.get("/api/projects/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["status"] == 500 and "a fault" not in body["detail"]


def test_make_demo_runs_without_the_debug_page():
    """`make demo` serves with DEBUG off, so that a visitor sees these pages, never Django's debug page."""
    makefile = (settings.PROJECT_DIR / "Makefile").read_text()
    demo = re.search(r"^demo: .*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert re.search(r"DEBUG=0 \$\(BIN\)/capdev runserver", demo), demo
