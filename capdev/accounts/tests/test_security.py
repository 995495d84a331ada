"""Login lockout, the Content-Security-Policy, CSRF, and the admin enforcing Capdev's object permissions."""
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from capdev.activities.models import Activity
from capdev.projects.models import Project


def test_repeated_failed_sign_ins_lock_the_account_out(people, client):
    limit = settings.AXES_FAILURE_LIMIT
    url = reverse("accounts:login")
    for _ in range(limit - 1):
        response = client.post(url, {"username": "ed-pacb", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post(url, {"username": "ed-pacb", "password": "wrong"})
    assert response.status_code == 429
    # Locked out: even the right password is refused now.
    people["pacb"].set_password("the right password 123")
    people["pacb"].save()
    response = client.post(url, {"username": "ed-pacb", "password": "the right password 123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_covered_by_the_same_lockout(people, client):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "reviewer", "password": "wrong"})
    assert response.status_code == 429


def test_a_good_password_signs_in_before_the_limit(people, client):
    people["pacb"].set_password("the right password 123")
    people["pacb"].save()
    client.post(reverse("accounts:login"), {"username": "ed-pacb", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "ed-pacb", "password": "the right password 123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people["pacb"].pk)


PROXY = "10.0.0.2"  # the reverse proxy: every request reaches Capdev from it


def _through_the_proxy(client, url, client_address, password, claimed=""):
    """A sign-in sent by client_address through one proxy, which appends that address to X-Forwarded-For."""
    forwarded = f"{claimed}, {client_address}" if claimed else client_address
    return client.post(url, {"username": "reviewer", "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_behind_a_proxy_an_attacker_locks_out_only_themselves(people, settings):
    """Keyed on the user name and the address the proxy reports: five bad passwords from one client do not lock
    the reviewer out for everyone behind the proxy, and the attacker cannot claim another's address."""
    settings.CAPDEV_TRUSTED_PROXY_COUNT = 1
    people["reviewer"].set_password("the right password 123")
    people["reviewer"].save()
    url = reverse("accounts:login")
    attacker, reviewer = Client(), Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _through_the_proxy(attacker, url, "203.0.113.66", "wrong", claimed="198.51.100.7")
    assert response.status_code == 429
    assert _through_the_proxy(attacker, url, "203.0.113.66", "the right password 123").status_code == 429
    signed_in = _through_the_proxy(reviewer, url, "198.51.100.7", "the right password 123")
    assert signed_in.status_code == 302 and reviewer.session["_auth_user_id"] == str(people["reviewer"].pk)


def test_without_the_proxy_setting_the_header_changes_nothing(people, settings):
    """Off (the default), X-Forwarded-For is ignored: an attacker cannot escape the lockout by writing it."""
    assert settings.CAPDEV_TRUSTED_PROXY_COUNT == 0
    url = reverse("accounts:login")
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = _through_the_proxy(Client(), url, f"203.0.113.{n}", "wrong")
    assert response.status_code == 429
    assert _through_the_proxy(Client(), url, "203.0.113.200", "wrong").status_code == 429


def test_the_login_form_shows_its_error_and_has_csrf(db, client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "csrfmiddlewaretoken" in page
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403  # no token, no sign-in


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/login/"])
def test_every_response_carries_a_csp_without_inline_script(db, client, url):
    header = client.get(url)["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header


def test_pages_have_no_inline_script(db, client):
    import re

    page = client.get(reverse("accounts:login")).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers


def test_password_validators_refuse_weak_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short1")
    with pytest.raises(ValidationError):
        validate_password("password1234")


def test_the_admin_hides_other_units_projects_from_an_editor(people, projects, client):
    client.force_login(people["pacb"])
    own = client.get(reverse("admin:projects_project_change", args=[projects["pacb"].pk]))
    assert own.status_code == 200
    other = client.get(reverse("admin:projects_project_change", args=[projects["dmb"].pk]))
    assert other.status_code == 302  # the admin's "does not exist" redirect: the row is outside the queryset
    listing = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "PACB project" in listing and "DMB project" not in listing
    post = client.post(reverse("admin:projects_project_change", args=[projects["dmb"].pk]), {"title": "hijacked"})
    assert post.status_code in (302, 403)
    projects["dmb"].refresh_from_db()
    assert projects["dmb"].title == "DMB project"


def test_the_admin_refuses_reference_data_changes_to_editors(people, units, client):
    client.force_login(people["pacb"])
    response = client.get(reverse("admin:organisations_orgunit_change", args=[units["PACB"].pk]))
    assert response.status_code == 200  # they may look (view permission) ...
    assert 'name="_save"' not in response.content.decode()  # ... but there is no Save
    response = client.post(reverse("admin:organisations_orgunit_change", args=[units["PACB"].pk]),
                           {"code": "PACB", "name": "renamed", "kind": "branch"})
    assert response.status_code == 403
    units["PACB"].refresh_from_db()
    assert units["PACB"].name != "renamed"


def test_a_viewer_reads_projects_in_the_admin_but_cannot_change_them(people, projects, client):
    client.force_login(people["viewer"])
    page = client.get(reverse("admin:projects_project_change", args=[projects["dmb"].pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_an_editor_reads_a_published_project_in_the_admin_and_changes_it_only_through_review(people, projects,
                                                                                              client):
    """The admin's way round the working copy: closed (the editor's own unit's published project)."""
    published = projects["pacb"]
    workshop = Activity.objects.create(project=published, type="workshop", title="Public workshop")
    client.force_login(people["pacb"])
    page = client.get(reverse("admin:projects_project_change", args=[published.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    post = client.post(reverse("admin:projects_project_change", args=[published.pk]), {"title": "changed"})
    assert post.status_code == 403
    post = client.post(reverse("admin:activities_activity_change", args=[workshop.pk]),
                       {"project": published.pk, "type": "workshop", "title": "changed"})
    assert post.status_code == 403
    assert client.post(reverse("admin:activities_activity_delete", args=[workshop.pk]),
                       {"post": "yes"}).status_code == 403
    published.refresh_from_db()
    workshop.refresh_from_db()
    assert (published.title, workshop.title) == ("PACB project", "Public workshop")


def test_the_admin_shows_the_workflows_fields_and_never_sets_them(people, projects, units, client):
    """Nobody publishes from the admin (around the importer's flags and the review): the state is read-only."""
    draft = Project.objects.create(title="PACB draft", lead_unit=units["PACB"])
    for who, project in (("pacb", draft), ("reviewer", projects["pacb"]), ("admin", projects["pacb"])):
        client.force_login(people[who])
        page = client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
        assert 'name="_save"' in page, who
        assert 'name="review_state"' not in page and 'name="published_at' not in page and 'name="draft_of"' not in page
