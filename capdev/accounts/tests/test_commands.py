"""capdev create-user and capdev demo-users."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from capdev.accounts import permissions as perms


def test_create_user_makes_an_editor_of_a_unit(units, monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "a long enough passphrase 42")
    out = io.StringIO()
    call_command("create_user", "alice", "--role", "editor", "--unit", "pacb", "--password-env", "NEW_PASSWORD",
                 stdout=out)
    alice = get_user_model().objects.get(username="alice")
    assert alice.is_staff and alice.check_password("a long enough passphrase 42")
    assert set(perms.editable_units(alice)) == {units["PACB"]}
    assert "created alice: editor for PACB" in out.getvalue()


def test_create_user_refuses_an_editor_without_a_unit_and_a_weak_password(units, monkeypatch):
    with pytest.raises(CommandError, match="unit"):
        call_command("create_user", "bob", "--role", "editor")
    monkeypatch.setenv("WEAK", "123")
    with pytest.raises(CommandError):
        call_command("create_user", "bob", "--role", "viewer", "--password-env", "WEAK")
    with pytest.raises(CommandError, match="XYZ"):
        call_command("create_user", "bob", "--role", "editor", "--unit", "XYZ")


def test_demo_users_covers_every_role(units, settings):
    settings.DEBUG = True  # demo accounts are for development servers
    out = io.StringIO()
    call_command("demo_users", "--password", "demo passphrase 2024", stdout=out)
    users = {u.username: u for u in get_user_model().objects.all()}
    assert perms.can_edit_project is not None
    assert perms.is_portfolio_admin(users["portfolio-admin"])
    assert perms.can_publish(users["reviewer"]) and not perms.can_publish(users["editor-pacb"])
    assert set(perms.editable_units(users["editor-dmb"])) == {units["DMB"]}
    assert perms.can_view_internal(users["viewer"]) and not perms.can_create_project(users["viewer"])


def test_demo_users_are_refused_with_debug_off(units, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("demo_users", "--password", "demo passphrase 2024", stdout=io.StringIO())
    call_command("demo_users", "--password", "demo passphrase 2024", "--force", stdout=io.StringIO())
