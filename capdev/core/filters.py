"""django-filter classes over the value definitions of capdev.core.fields, and the FilterSet base that refuses a
bad parameter instead of leaving it out.

A FilterSet declares each parameter once, with the definition of its values: `ValuesFilter(fields.COUNTRY, ...)`
for a repeated parameter (OR within it), `ValueFilter(fields.YEAR, ...)` for one value. As in NetBox, the filter
object is the declaration, and everything about the parameter hangs on it:

- `label`, and `doc`: one sentence for the docs' parameter table (`parameter_table()`);
- `sql(qs, value)`: what it selects in SQL, the reference meaning (or django-filter's `field_name`/`lookup_expr`
  or `method`, as any filter);
- `pairs`: for a parameter over a link table, the rows linking each row to its values (an object with
  `condition(values)`, e.g. capdev.projects.facet_index.sources.Pairs): its SQL meaning is then "has one of
  these values", and an in-memory index reads the same pairs;
- `index(query, value)`: what it selects on an in-memory index (a mask of rows; None when it selects nothing
  out, as a search without terms); derived from `pairs` where given (`query.linked(name, value)`). A
  parameter without one makes the index answer Unsupported (SQL answers);
- `facet`: how its values are counted beside a list (an object with `sql(fs, selected)` and
  `index(query, mask, selected)`: capdev.projects.facets);
- `staff_only`: only staff have the parameter (for everyone else the filterset leaves it out).

The API's filters and their OpenAPI schema come from the same objects (DRF's DjangoFilterBackend and
drf-spectacular read the FilterSet), the schema of each from its definition.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import django_filters
from django.utils.translation import gettext as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.drainage import set_override

from .fields import MAX_VALUES, Definition, ValueField, ValuesField
from .params import InvalidParameters, note_parameters


class NotIndexed(Exception):
    """A parameter has no meaning on the index: the request is answered in SQL."""


@dataclass(frozen=True)
class Meaning:
    """What a parameter declares besides its values: one object per declaration, shared by every filterset made
    from it (django-filter copies each filter for each filterset; this it need not copy)."""

    sql: Callable | None = None
    index: Callable | None = None
    pairs: Any = None
    facet: Any = None
    doc: str = ""
    staff_only: bool = False

    def __deepcopy__(self, memo):
        return self


class Declared:
    """What a parameter declares besides its values (see the module's docstring)."""

    definition: Definition
    meaning: Meaning

    def _declare(self, **meaning) -> None:
        self.meaning = Meaning(**meaning)
        self.param = ""  # its name in a filterset, given by the filterset (CheckedFilterSet.get_filters)
        if self.meaning.facet is not None:
            self.meaning.facet.param = self

    @property
    def sql_meaning(self) -> Callable | None:
        return self.meaning.sql

    @property
    def index_meaning(self) -> Callable | None:
        return self.meaning.index

    @property
    def pairs(self):
        return self.meaning.pairs

    @property
    def facet(self):
        return self.meaning.facet

    @property
    def doc(self) -> str:
        return self.meaning.doc

    @property
    def staff_only(self) -> bool:
        return self.meaning.staff_only

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        if self.sql_meaning is not None:
            return self.sql_meaning(qs, value)
        if self.pairs is not None:
            return qs.filter(self.pairs.condition(value))
        return super().filter(qs, value)

    @property
    def indexed(self) -> bool:
        """Whether an in-memory index can answer this parameter."""
        return self.index_meaning is not None or self.pairs is not None

    def on_index(self, query, value):
        """The rows this value selects on `query`'s index (None: no rows left out); NotIndexed without a meaning."""
        if self.index_meaning is not None:
            return self.index_meaning(query, value)
        if self.pairs is not None:
            return query.linked(self.param, value)
        raise NotIndexed(self.param)


class ValueFilter(Declared, django_filters.Filter):
    """One value of a parameter, read by its definition."""

    field_class = ValueField

    def __init__(self, definition: Definition, *args, sql: Callable | None = None, index: Callable | None = None,
                 facet: Any = None, doc: str = "", staff_only: bool = False, **kwargs):
        super().__init__(*args, definition=definition, **kwargs)
        self.definition = definition
        self._declare(sql=sql, index=index, pairs=None, facet=facet, doc=doc, staff_only=staff_only)
        set_override(self, "field", definition.schema)


class ValuesFilter(Declared, django_filters.Filter):
    """Several values of one parameter (`?country=LCA&country=DJI`), read by their definition and ORed: by `sql`,
    `pairs`, the filter's method, or `field_name__in`."""

    field_class = ValuesField

    def __init__(self, definition: Definition, *args, sql: Callable | None = None, index: Callable | None = None,
                 pairs: Any = None, facet: Any = None, doc: str = "", staff_only: bool = False, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, definition=definition, **kwargs)
        self.definition = definition
        self._declare(sql=sql, index=index, pairs=pairs, facet=facet, doc=doc, staff_only=staff_only)
        # A repeated query parameter in the API schema, each value by the definition.
        set_override(self, "field", {"type": "array", "items": definition.schema, "maxItems": MAX_VALUES})

    def filter(self, qs, value):
        if not value:
            return qs
        return super().filter(qs, value)


class CheckedFilterSet(django_filters.FilterSet):
    """A FilterSet whose rows and values are never those of a bad parameter left out: `qs` and `checked()` raise
    InvalidParameters (a 400 naming each parameter) when a value is bad. Its parameters are declared once
    (ValueFilter, ValuesFilter); a staff-only one exists only where `is_staff` says so."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if data is not None and data is getattr(request, "GET", None):  # the request's own query, not a page's slice
            note_parameters(request, self.filters, type(self))  # staff-only ones too: sent, they must be ignored
        for name, declared in list(self.filters.items()):
            if getattr(declared, "staff_only", False) and not self.is_staff:
                del self.filters[name]  # for everyone else the parameter does not exist

    @classmethod
    def get_filters(cls):
        """The class's filters, each knowing its name (a facet is named after its parameter)."""
        filters = super().get_filters()
        for name, declared in filters.items():
            if isinstance(declared, Declared):
                declared.param = name
        return filters

    @property
    def is_staff(self) -> bool:
        """Whether the request may use staff-only parameters (a FilterSet that has some says)."""
        return False

    # (low, high) pairs of parameters bounding one range: a low above its high is refused, naming the high one
    # (a reversed range selects nothing, and a report of it would be pages of zeros).
    ranges: tuple[tuple[str, str], ...] = ()

    def check(self) -> None:
        """Raise InvalidParameters if any parameter has a bad value, or a range is reversed."""
        if not self.is_bound:
            return
        if not self.is_valid():
            raise InvalidParameters(self.errors)
        values = self.form.cleaned_data
        errors = {high: [_("%(high)s=%(high_value)s is before %(low)s=%(low_value)s: the range is reversed.") % {
                      "high": high, "high_value": values[high], "low": low, "low_value": values[low]}]
                  for low, high in self.ranges
                  if values.get(low) not in EMPTY_VALUES and values.get(high) not in EMPTY_VALUES
                  and values[low] > values[high]}
        if errors:
            raise InvalidParameters(errors)

    def checked(self) -> dict:
        """The parameters' values (after check())."""
        self.check()
        return getattr(self.form, "cleaned_data", {})

    @property
    def qs(self):
        self.check()
        return super().qs

    def facets(self) -> dict[str, Any]:
        """The facets of this request's parameters, in the order they are declared, by name."""
        return {f.facet.name: f.facet for f in self.filters.values() if getattr(f, "facet", None) is not None}

    @classmethod
    def extend(cls, name: str, declared: Declared) -> None:
        """Add a parameter another app declares (its AppConfig.ready()), so that the app owning the FilterSet
        never imports that app: people's facets on the project list. A name is declared once."""
        if name in cls.base_filters:
            raise ValueError(f"{cls.__name__} already has a parameter {name!r}")
        declared.param = name
        cls.base_filters[name] = declared

    @classmethod
    def declared(cls) -> Iterator[tuple[str, django_filters.Filter]]:
        """(name, filter) of every parameter, in the order they are declared, staff-only ones included."""
        yield from cls.base_filters.items()


def parameter_table(filterset_class: type[CheckedFilterSet]) -> str:
    """The docs' table of a FilterSet's parameters (Markdown), from their declarations."""
    lines = ["| parameter | takes | selects | facet |", "| --- | --- | --- | --- |"]
    for name, declared in filterset_class.declared():
        definition = getattr(declared, "definition", None)
        takes = definition.describe() if definition is not None else ""
        if isinstance(declared, ValuesFilter):
            takes += " (repeat it for several: any of them)"
        facet = getattr(declared, "facet", None)
        staff = " Staff only." if getattr(declared, "staff_only", False) else ""
        lines.append(f"| `{name}` | {takes} | {getattr(declared, 'doc', '')}{staff} | "
                     f"{str(facet.label) if facet is not None else ''} |")
    return "\n".join(lines)
