"""A row's version, and writes that check it and write in one step (no lost update).

A row's version is its `last_updated` (CapdevModel: every save moves it). A page or an API client that changes
a row sends back the version it was shown; the write runs `hold` first, inside its transaction, before it
writes anything. `hold` is a single conditional UPDATE (`... SET last_updated = last_updated WHERE id = %s AND
last_updated = %s`): it matches the row only at the version seen, and keeps it locked until the transaction
ends. Two saves based on one version cannot both pass: on PostgreSQL the second UPDATE waits for the first's
row lock and then finds the version moved; on SQLite each transaction takes the database's write lock as it
begins (settings: transaction_mode IMMEDIATE), so the second reads after the first commits. A check made
before the transaction (a SELECT, then the save) lets both through.

A project's version covers its rows: every write path that changes them saves the project row too (the
editor, the admin, the API, the importer), so a page showing the project and its lists is stale after any.
"""
from __future__ import annotations

import datetime as dt

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_TOKEN_DIGITS = 20  # more than any microsecond count of a real date: a longer "version" is refused unread


class StaleVersion(Exception):
    """The row is no longer at the version the writer saw (someone saved it since), or it is gone."""

    def __init__(self, model: type[models.Model], pk, current: dt.datetime | None):
        super().__init__(f"{model._meta.label} {pk} changed since the version sent")
        self.model, self.pk, self.current = model, pk, current


def token(value: models.Model | dt.datetime) -> str:
    """The version as text (microseconds since 1970): the editor's hidden field and the API's ETag."""
    when = value if isinstance(value, dt.datetime) else value.last_updated
    return str((when - _EPOCH) // _MICROSECOND)


def parse(text: str | None) -> dt.datetime | None:
    """The version a token stands for; None for anything that is not one (absent, empty, forged)."""
    text = (text or "").strip()
    if not text or len(text) > _TOKEN_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    try:
        return _EPOCH + int(text) * _MICROSECOND
    except OverflowError:
        return None


def hold(model: type[models.Model], pk, seen: dt.datetime) -> None:
    """Lock the row if it is still at version `seen`, else raise StaleVersion. Run it first in the transaction
    that writes: the lock lasts until that transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("versions.hold() runs inside the transaction that writes (transaction.atomic)")
    manager = model._default_manager
    matched = manager.filter(pk=pk, last_updated=seen).update(last_updated=models.F("last_updated"))
    if not matched:
        current = manager.filter(pk=pk).values_list("last_updated", flat=True).first()
        raise StaleVersion(model, pk, current)


def touch(model: type[models.Model], pk, user=None) -> None:
    """Move a row's version because something below it changed: save it again, read under the transaction's
    lock (so no field goes back), which also records who in its history. Does nothing if the row is gone."""
    obj = model._default_manager.select_for_update().filter(pk=pk).first()
    if obj is None:
        return
    if user is not None:
        obj._history_user = user
    obj.save(update_fields=["last_updated"])


def last_saved_by(model: type[models.Model], pk) -> str | None:
    """The user name of whoever saved the row last (its change history), or None when nobody is recorded."""
    record = model.history.filter(id=pk).select_related("history_user").order_by("-history_date").first()
    user = record.history_user if record is not None else None
    return user.get_username() if user is not None else None


class VersionField(forms.CharField):
    """The version a form was shown (hidden); a save posted without it, or with something else, is refused."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": _("This page did not send which version of the record it showed, so nothing was saved: "
                      "reload the page and make your changes again."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        """The version's datetime (None when empty)."""
        text = super().to_python(value)
        if not text:
            return None
        seen = parse(text)
        if seen is None:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return seen

    def has_changed(self, initial, data):
        """Never: the version is not a change the user made (the admin's change message would list it)."""
        return False

    def prepare_value(self, value):
        """A datetime shown as its token."""
        return token(value) if isinstance(value, dt.datetime) else value
