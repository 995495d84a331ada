"""The HTTP cache's rules (capdev.core.http_cache), on views of each kind: validators and 304s without rendering,
the page cache keyed on the content version and the language, and nothing personal ever public or kept."""
from __future__ import annotations

import pytest

from capdev.core import content_version, http_cache

from .http_cache_urls import RENDERS

pytestmark = [pytest.mark.urls("capdev.core.tests.http_cache_urls"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CAPDEV_PAGE_CACHE = True
    RENDERS["n"] = 0


def test_a_public_answer_has_validators_and_a_conditional_request_is_answered_without_rendering(
        client, django_assert_num_queries):
    first = client.get("/public/")
    assert first.status_code == 200 and RENDERS["n"] == 1
    etag = first["ETag"]
    assert etag.startswith('W/"') and first["Last-Modified"].endswith("GMT")
    assert first["Cache-Control"] == "public, no-cache" and first["X-Accel-Expires"] == "@1"
    assert "Cookie" not in first.get("Vary", "") and not first.cookies
    with django_assert_num_queries(1):  # the content version, nothing else
        again = client.get("/public/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and RENDERS["n"] == 1
    assert again["Cache-Control"] == "public, no-cache"


def test_the_page_cache_answers_until_the_content_version_moves(client):
    first = client.get("/public/").content
    assert client.get("/public/").content == first and RENDERS["n"] == 1
    etag = client.get("/public/")["ETag"]
    content_version.bump()
    fresh = client.get("/public/", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.content != first and RENDERS["n"] == 2
    assert fresh["ETag"] != etag


def test_a_date_alone_is_answered_304_only_for_a_copy_made_after_the_version_was_first_seen(client, monkeypatch):
    import time as real_time

    first = client.get("/public/")
    # A copy made in the second the version appeared may predate it: a date alone does not vouch for it.
    assert client.get("/public/", headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 200
    later = real_time.time() + 5
    monkeypatch.setattr(http_cache.time, "time", lambda: later)
    http_cache.clear()
    made_later = client.get("/public/")
    http_cache._FIRST_SEEN.clear()
    http_cache._FIRST_SEEN.update({content_version.current()[0]: later - 5})
    assert client.get("/public/", headers={"If-Modified-Since": made_later["Last-Modified"]}).status_code == 304
    content_version.bump()
    assert client.get("/public/", headers={"If-Modified-Since": made_later["Last-Modified"]}).status_code == 200


def test_each_language_has_its_own_validators_and_kept_pages(client):
    english = client.get("/public/", headers={"Accept-Language": "en"})
    french = client.get("/public/", headers={"Accept-Language": "fr"})
    assert english.content.decode().endswith(" en") and french.content.decode().endswith(" fr")
    assert english["ETag"] != french["ETag"]
    assert client.get("/public/", headers={"Accept-Language": "en"}).content == english.content
    assert client.get("/public/", headers={"If-None-Match": english["ETag"],
                                           "Accept-Language": "fr"}).status_code == 200
    assert "Accept-Language" in english["Vary"]


def test_a_language_chosen_by_cookie_is_never_public(client):
    client.cookies["django_language"] = "fr"
    response = client.get("/public/")
    assert response.content.decode().endswith(" fr") and response["Cache-Control"] == "private, no-cache"


def test_asking_whether_someone_is_signed_in_does_not_make_an_anonymous_page_vary_on_cookies(client):
    response = client.get("/whos-there/")
    assert response["Cache-Control"] == "public, no-cache" and "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("path", ["/whos-there/", "/public/", "/export.csv"])
def test_a_signed_in_request_is_personal_never_kept(client, django_user_model, path):
    client.force_login(django_user_model.objects.create_user("someone", password="unused in tests 123"))
    first = client.get(path)
    assert first["Cache-Control"] == "private, no-store" and "X-Accel-Expires" not in first
    if path != "/export.csv":
        assert b"" + client.get(path).content != first.content  # rendered again, not kept


def test_a_token_is_personal(client):
    response = client.get("/public/", headers={"Authorization": "Token abc"})
    assert response["Cache-Control"] == "private, no-store" and "ETag" not in response


@pytest.mark.parametrize("path", ["/form/", "/message/"])
def test_a_csrf_token_or_a_message_makes_the_answer_personal(client, path):
    first = client.get(path)
    assert first["Cache-Control"] == "private, no-store" and "ETag" not in first
    client.cookies.clear()
    assert client.get(path).content != first.content  # not kept


def test_a_view_that_declares_it_is_left_alone(client):
    response = client.get("/never/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert client.get("/never/").content != response.content


def test_an_answer_built_while_figures_are_counted_again_is_never_kept(client):
    first = client.get("/half/")
    assert first["Cache-Control"] == "no-store" and "ETag" not in first
    assert client.get("/half/").content != first.content


def test_an_export_streams_with_validators_and_a_conditional_request_skips_it(client):
    first = client.get("/export.csv")
    assert first.streaming and first["Cache-Control"] == "public, no-cache"
    assert client.get("/export.csv", headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_a_page_cache_switched_off_renders_each_time_and_keeps_the_validators(client, settings):
    settings.CAPDEV_PAGE_CACHE = False
    first = client.get("/public/")
    assert client.get("/public/").content != first.content
    assert client.get("/public/", headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_a_change_in_a_transaction_after_the_version_was_read_in_it_is_marked_again(db):
    from capdev.reference.models import Currency

    Currency.objects.create(code="XTS", name="Testing")
    read = content_version.current()[0]
    Currency.objects.filter(code="XTS").get().save()
    assert content_version.current()[0] != read
