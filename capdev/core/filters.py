"""django-filter classes over the value definitions of capdev.core.fields, and the FilterSet base that refuses a
bad parameter instead of leaving it out.

A FilterSet declares each parameter with the definition of its values: `ValuesFilter(fields.COUNTRY, ...)` for
a repeated parameter (OR within it), `ValueFilter(fields.YEAR, ...)` for one value. The API schema of each
follows from the definition.
"""
from __future__ import annotations

import django_filters
from drf_spectacular.drainage import set_override

from .fields import MAX_VALUES, Definition, ValueField, ValuesField
from .params import InvalidParameters, note_parameters


class ValueFilter(django_filters.Filter):
    """One value of a parameter, read by its definition."""

    field_class = ValueField

    def __init__(self, definition: Definition, *args, **kwargs):
        super().__init__(*args, definition=definition, **kwargs)
        set_override(self, "field", definition.schema)


class ValuesFilter(django_filters.Filter):
    """Several values of one parameter (`?country=LCA&country=DJI`), read by their definition, ORed by the
    filter's method (or `field_name__in` without one)."""

    field_class = ValuesField

    def __init__(self, definition: Definition, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, definition=definition, **kwargs)
        # A repeated query parameter in the API schema, each value by the definition.
        set_override(self, "field", {"type": "array", "items": definition.schema, "maxItems": MAX_VALUES})

    def filter(self, qs, value):
        if not value:
            return qs
        return super().filter(qs, value)


class CheckedFilterSet(django_filters.FilterSet):
    """A FilterSet whose rows and values are never those of a bad parameter left out: `qs` and `checked()` raise
    InvalidParameters (a 400 naming each parameter) when a value is bad."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if data is not None and data is getattr(request, "GET", None):  # the request's own query, not a page's slice
            note_parameters(request, self.filters, type(self))

    def check(self) -> None:
        """Raise InvalidParameters if any parameter has a bad value."""
        if self.is_bound and not self.is_valid():
            raise InvalidParameters(self.errors)

    def checked(self) -> dict:
        """The parameters' values (after check())."""
        self.check()
        return getattr(self.form, "cleaned_data", {})

    @property
    def qs(self):
        self.check()
        return super().qs
