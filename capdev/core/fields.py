"""What Capdev accepts as a value, defined once: the portal's query parameters, the API's fields and the editor's
forms all read numbers, codes, dates and texts through the definitions below.

A definition checks one value as typed or sent and returns what the code works with (an int, a code in the
registry's spelling, a PartialDate), or raises a ValidationError that quotes the value. It refuses:

- numbers not written in ASCII digits ("²" and "١٢" are digits to str.isdigit(), not to int() or a person);
- numbers past what the column holds on PostgreSQL (SQLite would hold more: the two databases refuse alike);
- years outside the editor's range (YEAR_MIN to YEAR_MAX), in dates as in year fields;
- codes that are malformed, too long, or (for reference data) not in the registry;
- texts longer than their bound, or with a NUL character (PostgreSQL cannot store one).

The adapters take a definition and give each framework its field: `ValueField`/`ValuesField` (Django forms: the
FilterSets' parameters and the editor's inputs), `ApiValueField`/`ApiValuesField` (DRF serializers); the filters
are in capdev.core.filters. Per-model code only names a definition. The limits are listed in
docs/open-data.md#input-limits.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import set_override
from rest_framework import serializers

from capdev.narrative.types import PartialDate

# Column bounds on PostgreSQL (smallint, integer, bigint); the "positive" fields start at 0.
SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807
# A project, activity or publication of this portfolio falls between 1900 and 2100 (the years the narrative parser
# reads as years: the UN's development work began after 1945), so a year outside is a typo ("0224", "2204").
YEAR_MIN = 1900
YEAR_MAX = 2100
MAX_VALUES = 100  # values of one repeated parameter or list: more is not a person choosing facets
MAX_COUNTRIES = 300  # countries of one record: more than ISO 3166 has
QUOTED = 40  # characters of a refused value quoted back in the message


def _quote(value: Any) -> str:
    text = str(value)
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


class Definition:
    """One kind of value: parse() checks a value alone, known() which of several the registry holds."""

    schema: dict = {"type": "string"}  # the OpenAPI schema of one value
    widget = forms.TextInput

    def __deepcopy__(self, memo):
        return self  # a definition never changes: every form and filterset field shares it (django copies fields)

    def parse(self, raw: Any) -> Any:
        """The value, or a ValidationError quoting it."""
        raise NotImplementedError

    def known(self, values: list) -> dict:
        """The values the registry holds, each mapped to its spelling there (all of them, without a registry)."""
        return {v: v for v in values}

    def unknown_error(self, values: list) -> ValidationError:
        """The error for values the registry does not hold (its message keeps its parameters apart: django-filter
        formats it again)."""
        return ValidationError(_("Unknown value: %(values)s."), code="unknown",
                               params={"values": ", ".join(_quote(v) for v in values)})

    def widget_attrs(self) -> dict:
        return {}

    def describe(self) -> str:
        """The values it takes, in words (the docs' parameter tables)."""
        return str(_("text"))

    def check(self, raw: Any) -> Any:
        """parse(), then known(): the value in the registry's spelling."""
        value = self.parse(raw)
        found = self.known([value])
        if value not in found:
            raise self.unknown_error([value])
        return found[value]

    @cached_property
    def form_class(self) -> type[ValueField]:
        """A form field class of this definition, for a ModelForm's Meta.field_classes."""
        return type(f"{type(self).__name__}Field", (ValueField,), {"definition": self, "widget": self.widget})


class WholeNumber(Definition):
    """A whole number from `low` to `high`, written in the ASCII digits 0-9 (a JSON integer in the API)."""

    widget = forms.NumberInput

    def __init__(self, low: int, high: int, message=None):
        self.low, self.high = low, high
        self.message = message or _("“%(value)s” is not a whole number from %(low)s to %(high)s (digits 0–9).")
        self.schema = {"type": "integer", "minimum": low, "maximum": high}

    def parse(self, raw: Any) -> int:
        number = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            number = raw
        elif isinstance(raw, float) and raw.is_integer():
            number = int(raw)
        elif isinstance(raw, str):
            text = raw.strip()
            # The length bound first: int() of a few thousand digits is slow, and Python refuses more.
            if text.isascii() and text.isdigit() and len(text) <= len(str(self.high)) + 4:
                number = int(text)
        if number is None or not self.low <= number <= self.high:
            raise ValidationError(self.message, code="invalid",
                                  params={"value": _quote(raw), "low": self.low, "high": self.high})
        return number

    def widget_attrs(self) -> dict:
        return {"min": str(self.low), "max": str(self.high), "inputmode": "numeric"}

    def describe(self) -> str:
        return str(_("a whole number from %(low)s to %(high)s") % {"low": self.low, "high": self.high})


class Code(Definition):
    """A code of reference data: well formed (`pattern`, ASCII, at most `max_length`), and held in `model`'s
    `field` where a model is given. `case`: "upper" reads "lca" as "LCA", "lower" "EN" as "en"; "fold" matches any
    case and gives the registry's spelling."""

    def __init__(self, what, pattern: str, max_length: int, model: str | None = None, field: str = "",
                 case: str = ""):
        self.what, self.max_length, self.model, self.field, self.case = what, max_length, model, field, case
        self.regex = re.compile(pattern, re.ASCII)
        self.schema = {"type": "string", "maxLength": max_length, "pattern": f"^{pattern}$"}

    def parse(self, raw: Any) -> str:
        text = raw.strip() if isinstance(raw, str) else None
        if not text or len(text) > self.max_length or not self.regex.fullmatch(text):
            raise ValidationError(_("“%(value)s” is not a %(what)s."), code="invalid",
                                  params={"value": _quote(raw), "what": self.what})
        return text.upper() if self.case == "upper" else text.lower() if self.case == "lower" else text

    def known(self, values: list) -> dict:
        if self.model is None or not values:
            return super().known(values)
        manager = apps.get_model(self.model)._default_manager
        if self.case == "fold":
            condition = Q()
            for value in values:
                condition |= Q(**{f"{self.field}__iexact": value})
            spelling = {c.casefold(): c for c in manager.filter(condition).values_list(self.field, flat=True)}
            return {v: spelling[v.casefold()] for v in values if v.casefold() in spelling}
        held = set(manager.filter(**{f"{self.field}__in": values}).values_list(self.field, flat=True))
        return {v: v for v in values if v in held}

    def unknown_error(self, values: list) -> ValidationError:
        return ValidationError(_("Unknown %(what)s: %(values)s."), code="unknown",
                               params={"what": self.what, "values": ", ".join(_quote(v) for v in values)})

    def widget_attrs(self) -> dict:
        return {"maxlength": str(self.max_length)}

    def describe(self) -> str:
        known = _(", one the registry holds") if self.model else ""
        return f"{self.what}{known}"


class Choice(Definition):
    """One of a fixed list of values (an enumeration's values); `fold`: in any case ("CSV" for "csv")."""

    def __init__(self, values: Iterable[str] | type, fold: bool = False):
        self._values, self.fold = values, fold

    @property
    def values(self) -> list[str]:
        """The values, read when asked (an enumeration's choices may be extended after import)."""
        source = self._values
        return list(source.values if isinstance(source, type) else source)

    @property
    def schema(self) -> dict:
        return {"type": "string", "enum": self.values}

    def parse(self, raw: Any) -> str:
        text = raw.strip() if isinstance(raw, str) else None
        if text is not None and self.fold:
            text = text.lower()
        if text not in self.values:
            raise ValidationError(_("“%(value)s” is not one of %(values)s."), code="invalid_choice",
                                  params={"value": _quote(raw), "values": ", ".join(self.values)})
        return text

    def describe(self) -> str:
        return str(_("one of %(values)s") % {"values": ", ".join(f"`{v}`" for v in self.values)})


class Flag(Definition):
    """Yes or no: true/false, 1/0, yes/no, on/off in any case (a JSON boolean in the API)."""

    TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")
    schema = {"type": "boolean"}

    def parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = raw.strip().lower() if isinstance(raw, str) else None
        if text in self.TRUE or text in self.FALSE:
            return text in self.TRUE
        raise ValidationError(_("“%(value)s” is not true or false (or 1 or 0)."), code="invalid",
                              params={"value": _quote(raw)})

    def describe(self) -> str:
        return str(_("`true` or `false` (`1` or `0`, `yes` or `no`, `on` or `off`)"))


class Text(Definition):
    """Text of at most `max_length` characters, without NUL."""

    def __init__(self, max_length: int):
        self.max_length = max_length
        self.schema = {"type": "string", "maxLength": max_length}

    def parse(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise ValidationError(_("Enter text."), code="invalid")
        if len(raw) > self.max_length:
            raise ValidationError(_("“%(value)s” is longer than %(max)s characters."), code="max_length",
                                  params={"value": _quote(raw), "max": self.max_length})
        if "\x00" in raw:
            raise ValidationError(_("The text holds a NUL character."), code="null_characters_not_allowed")
        return raw

    def widget_attrs(self) -> dict:
        return {"maxlength": str(self.max_length)}

    def describe(self) -> str:
        return str(_("text of at most %(max)s characters") % {"max": self.max_length})


_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)


class DateValue(Definition):
    """A date known to the year, the month or the day ("2010", "2010-02", "2010-02-03"), in the editor's years;
    `day=True` wants the day."""

    def __init__(self, day: bool = False):
        self.day = day
        pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$" if day else r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        self.schema = {"type": "string", "pattern": pattern}

    def parse(self, raw: Any) -> PartialDate:
        if isinstance(raw, PartialDate):
            date = raw
        elif isinstance(raw, dt.date):
            date = PartialDate(raw.year, raw.month, raw.day)
        else:
            found = _ISO_DATE.fullmatch(raw.strip()) if isinstance(raw, str) else None
            try:
                date = PartialDate(*(int(g) if g else None for g in found.groups())) if found else None
            except ValueError:  # 31 February
                date = None
            if date is None or (self.day and date.day is None):
                message = (_("“%(value)s” is not a date (2010-02-03).") if self.day else _(
                    "“%(value)s” is not a year (2010), a year and month (2010-02) or a date (2010-02-03)."))
                raise ValidationError(message, code="invalid", params={"value": _quote(raw)})
        if not YEAR_MIN <= date.year <= YEAR_MAX:
            raise ValidationError(_("“%(value)s” is not in a year from %(low)s to %(high)s."), code="year",
                                  params={"value": _quote(raw), "low": YEAR_MIN, "high": YEAR_MAX})
        return date

    def describe(self) -> str:
        return str(_("a date (2010-02-03)") if self.day else _("a year, a year and month or a date (2010, "
                                                                  "2010-02, 2010-02-03)"))


# -- the definitions -----------------------------------------------------------------------------------

YEAR = WholeNumber(YEAR_MIN, YEAR_MAX, _("“%(value)s” is not a year from %(low)s to %(high)s."))
PARTIAL_DATE = DateValue()
DAY = DateValue(day=True)
ROW_ID = WholeNumber(1, BIGINT_MAX)  # a row's id (BigAutoField)
PAGE = WholeNumber(1, INTEGER_MAX)
PARTICIPANTS = WholeNumber(0, INTEGER_MAX)  # PositiveIntegerField
SMALL_COUNT = WholeNumber(0, SMALLINT_MAX)  # PositiveSmallIntegerField: an outcome's number, a tranche
COUNTRIES_REPRESENTED = WholeNumber(1, SMALLINT_MAX)
SDG_GOAL = WholeNumber(1, 17, _("“%(value)s” is not an SDG: a goal number from %(low)s to %(high)s."))
SDG_TARGET = Code(_("SDG target (16.6, 16.a)"), r"[0-9]{1,2}\.[0-9a-z]{1,2}", 5, "reference.SdgTarget", "code")
COUNTRY = Code(_("country code (ISO 3166-1 alpha-3)"), r"[A-Za-z]{3}", 3, "reference.Country", "iso3", case="upper")
CURRENCY = Code(_("currency code (ISO 4217)"), r"[A-Za-z]{3}", 3, "reference.Currency", "code", case="upper")
REGION = Code(_("region code"), r"[A-Za-z0-9_-]+", 40, "reference.Region", "code")
# Units and funding sources are named by their writers (an import creates "DA Tranche 16 Account"): any printable
# text the column holds, looked up.
PRINTABLE = r"[^\x00-\x1f\x7f]+"
UNIT = Code(_("unit code"), PRINTABLE, 20, "organisations.OrgUnit", "code", case="fold")
FUNDING_SOURCE = Code(_("funding source code"), PRINTABLE, 60, "organisations.FundingSource", "code")
# An organisation is not checked against the registry: one named only by an unpublished record must look like
# one that does not exist (see docs/open-data.md#input-limits); a slug no visible project names matches nothing.
ORGANISATION = Code(_("organisation slug"), r"[A-Za-z0-9_-]+", 120)
SEARCH = Text(256)  # capdev.projects.search reads at most this many characters
LANGUAGE = Code(_("language code (ISO 639-1, en)"), r"[A-Za-z]{2,3}", 3, case="lower")
FLAG = Flag()


# -- Django form fields -----------------------------------------------------------------------------------

class ValueField(forms.Field):
    """One value of a definition, in a form (a FilterSet's parameter, an editor's input)."""

    definition: Definition | None = None

    def __init__(self, definition: Definition | None = None, **kwargs):
        self.definition = definition or type(self).definition
        # What a ModelForm passes for the model field it replaces (Meta.field_classes): the definition rules.
        for key in ("min_value", "max_value", "step_size", "max_length", "min_length", "empty_value",
                    "max_digits", "decimal_places", "choices", "coerce"):
            kwargs.pop(key, None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        return self.definition.check(value)

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), **self.definition.widget_attrs()}


class ValuesField(forms.Field):
    """Several values of a definition from a repeated parameter (`?country=LCA&country=DJI`), in the registry's
    spelling, each once; unknown ones are named together."""

    widget = forms.SelectMultiple

    def __init__(self, definition: Definition, **kwargs):
        self.definition = definition
        super().__init__(**kwargs)

    def to_python(self, value) -> list:
        if value in self.empty_values:
            return []
        raw = [value] if isinstance(value, str) else list(value)
        raw = [v for v in raw if not (isinstance(v, str) and not v.strip())]
        if len(raw) > MAX_VALUES:
            raise ValidationError(_("At most %(max)s values."), code="max_values", params={"max": MAX_VALUES})
        errors, values = [], []
        for v in raw:
            try:
                values.append(self.definition.parse(v))
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)
        values = list(dict.fromkeys(values))
        found = self.definition.known(values)
        missing = [v for v in values if v not in found]
        if missing:
            raise self.definition.unknown_error(missing)
        return list(dict.fromkeys(found[v] for v in values))

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


# -- DRF serializer fields ------------------------------------------------------------------------------

def _api_error(exc: ValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(exc.messages)


class ApiValueField(serializers.Field):
    """One value of a definition, in an API record; "" reads as no value where the field may be empty."""

    def __init__(self, definition: Definition, **kwargs):
        self.definition = definition
        super().__init__(**kwargs)
        set_override(self, "field", {**definition.schema, **({"nullable": True} if self.allow_null else {})})

    def validate_empty_values(self, data):
        if data == "" and not self.required:
            data = None
            if not self.allow_null:
                raise serializers.SkipField()
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        try:
            return self.definition.check(data)
        except ValidationError as exc:
            raise _api_error(exc) from None

    def to_representation(self, value):
        return value.iso() if isinstance(value, PartialDate) else value


class ApiValuesField(serializers.ListField):
    """A list of values of a definition (at most `max_items`), checked against the registry in one query."""

    def __init__(self, definition: Definition, max_items: int = MAX_VALUES, **kwargs):
        self.definition, self.max_items = definition, max_items
        super().__init__(child=ApiValueField(definition), max_length=max_items, **kwargs)
        set_override(self, "field", {"type": "array", "items": definition.schema, "maxItems": max_items})

    def to_internal_value(self, data):
        if isinstance(data, (str, dict)) or not hasattr(data, "__iter__"):
            self.fail("not_a_list", input_type=type(data).__name__)
        data = list(data)
        if len(data) > self.max_items:
            self.fail("max_length", max_length=self.max_items)
        errors, values = {}, []
        for i, item in enumerate(data):
            try:
                values.append(self.definition.parse(item))
            except ValidationError as exc:
                errors[i] = exc.messages
        if errors:
            raise serializers.ValidationError(errors)
        found = self.definition.known(list(dict.fromkeys(values)))
        missing = list(dict.fromkeys(v for v in values if v not in found))
        if missing:
            raise _api_error(self.definition.unknown_error(missing))
        return [found[v] for v in values]
