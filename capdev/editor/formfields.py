"""The editor's form fields: dates typed at their precision, organisations, places, goals and projects chosen by
typing (a <datalist> that htmx refills), numbers shown as written, and the mixins the row forms share."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.fields import PARTIAL_DATE
from capdev.narrative.types import PartialDate

from .lookups import LOOKUPS

DATE_HELP = _("A year (2010), a year and month (2010-02) or a full date (2010-02-03).")


class PartialDateField(forms.CharField):
    """A date given to the year, the month or the day in one text input ("2010", "2010-02", "2010-02-03"), in the
    years the API and the filters take too (core.fields.PARTIAL_DATE: a year outside is a typo, "0224", "2204")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "10")  # an attribute only: the value validated is a PartialDate
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("placeholder", "YYYY-MM-DD")

    def to_python(self, value):
        """The PartialDate typed, or None."""
        if isinstance(value, PartialDate):
            return value
        text = super().to_python(value)
        return PARTIAL_DATE.parse(text) if text else None

    def prepare_value(self, value):
        """Show a PartialDate as ISO at its precision."""
        return value.iso() if isinstance(value, PartialDate) else value


class LookupInput(forms.TextInput):
    """A text input tied to a <datalist> of suggestions that htmx refreshes as the user types."""

    def __init__(self, lookup: str, attrs=None):
        from django.urls import reverse_lazy

        base = {
            "list": f"dl-{lookup}", "autocomplete": "off", "class": "lookup",
            "hx-get": reverse_lazy("editor:lookup", args=[lookup]), "hx-trigger": "input changed delay:250ms",
            "hx-target": f"#dl-{lookup}", "hx-swap": "innerHTML", "hx-sync": "this:replace",
        }
        super().__init__({**base, **(attrs or {})})


class LookupField(forms.Field):
    """An organisation, country or SDG chosen by typing: "Barbados [BRB]", "BRB" or "Barbados"."""

    default_error_messages = {
        "unknown": _("No single match for “%(value)s”: choose one of the suggestions."),
    }

    def __init__(self, lookup: str, **kwargs):
        self.lookup = LOOKUPS[lookup]
        kwargs.setdefault("widget", LookupInput(lookup))
        kwargs.setdefault("help_text", _("Type a few letters, then choose a suggestion."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        """An object (or its key) as its option text; typed text as typed."""
        if isinstance(value, models.Model):
            return self.lookup.option(value)
        if value in (None, ""):
            return ""
        if isinstance(value, str) and "[" in value:
            return value  # already an option's text (a bound form re-shown)
        try:
            obj = self.lookup.model._default_manager.filter(pk=value).first()
        except (ValueError, TypeError, forms.ValidationError):
            obj = None
        return self.lookup.option(obj) if obj is not None else value

    def to_python(self, value):
        """The object the text names."""
        if isinstance(value, models.Model):
            return value
        text = (value or "").strip()
        if not text:
            return None
        obj = self.lookup.parse(text)
        if obj is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": text})
        return obj

    def has_changed(self, initial, data):
        """Compare by key, whatever form initial and data take."""
        try:
            new = self.to_python(data)
        except forms.ValidationError:
            return True
        old = initial.pk if isinstance(initial, models.Model) else initial
        return (new.pk if new is not None else None) != (old if old not in ("",) else None)


class EditorFormMixin:
    """Shared behaviour: lookups shown from already-loaded related objects (no query per row)."""

    def init_lookups(self):
        """Give each lookup field the related object the instance already holds."""
        for name, f in self.fields.items():
            if isinstance(f, LookupField) and self.instance.pk and name in self.instance._state.fields_cache:
                self.initial[name] = getattr(self.instance, name)


class StartEndFormMixin:
    """Start and end typed at their precision, stored through StartEndMixin's start/end."""

    def init_dates(self):
        """Fill start and end from the instance."""
        if self.instance.pk or self.instance.start_date:
            self.initial.setdefault("start", self.instance.start)
            self.initial.setdefault("end", self.instance.end)

    def clean_dates(self, cleaned):
        """Check the order beside the end field, then set the instance's dates."""
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end.last_day() < start.first_day():
            self.add_error("end", _("The end cannot be before the start."))
        elif "start" in cleaned and "end" in cleaned:
            self.instance.start = start
            self.instance.end = end
        return cleaned


class PlainDecimalField(forms.DecimalField):
    """A decimal shown as written, without the column's trailing zeros: "30", "30.5", not "30.0000"."""

    def prepare_value(self, value):
        """A Decimal without trailing zeros (and never in exponent form: 1E+5 is 100000)."""
        if isinstance(value, Decimal) and value.is_finite():
            value = value.normalize()
            return format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value, "f")
        return super().prepare_value(value)
