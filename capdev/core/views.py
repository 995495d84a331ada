"""Generic views: one list URL serves the HTML page and CSV and JSON of the same filtered rows.

A list view declares its FilterSet, its base queryset and its columns; `?format=csv` streams every filtered
row (UTF-8 with a BOM, lists joined with "; "), `?format=json` returns `{count, results, ...}` paginated like
the HTML (`&all=1` for every row, streamed). Another format is one method: list it in `export_formats` and
define `render_<format>(queryset)` (`render_xlsx` writes the columns on one sheet); `export_row()` is the one place
a row becomes values, and `json_row()` the place to give JSON its own shape. A bad parameter, the FilterSet's
or the list's own (`format`, `page`, `all`), is a 400 naming it (capdev.core.params).

Also the small presentation helpers lists and pages share (dates at their precision).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Manager, QuerySet
from django.http import FileResponse, HttpRequest, JsonResponse, QueryDict, StreamingHttpResponse
from django.utils import formats, translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.generic import ListView

from capdev.core import fields
from capdev.core.models import DatePrecision
from capdev.core.month_names import year_month
from capdev.core.params import InvalidParameters, Parameters, invalid_parameters_response, note_parameters
from capdev.narrative.types import PartialDate

LIST_SEPARATOR = "; "
CSV_BOM = "\ufeff"
# Spreadsheets run a cell that starts with these as a formula: such text cells get a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK = 1000


# -- presentation helpers ---------------------------------------------------------------------------

def format_partial_date(date: dt.date | None, precision: str) -> str:
    """A date at its precision: "2010", "February 2010" or "3 February 2010" (localised month names)."""
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(date.year)
    if precision == DatePrecision.MONTH:
        return year_month(date)
    return formats.date_format(date, "DATE_FORMAT")


def format_period(start: dt.date | None, start_precision: str, end: dt.date | None, end_precision: str) -> str:
    """A time frame at its precisions: "February 2010 – June 2012", "From 2024", "Until 2030"."""
    a = format_partial_date(start, start_precision)
    b = format_partial_date(end, end_precision)
    if a and b:
        return a if a == b else f"{a} – {b}"
    if a:
        return _("From %(start)s") % {"start": a}
    if b:
        return _("Until %(end)s") % {"end": b}
    return ""


def event_when(event, text_language: str) -> tuple[str, str]:
    """When an activity was held as (the date in the page's language, the record's own wording to show beside
    it or ""). Its start and end are written the page's language's way ("août 2024"); the record's wording
    ("21 and 28 February 2024; 20 and 27 March 2024") replaces them on a page in the record's language, and is
    what there is when the record has no date. The wording comes isolated and marked with its language."""
    from capdev.core.templatetags.languages import in_language

    period = format_period(event.start_date, event.start_precision, event.end_date, event.end_precision)
    written = event.dates_text
    if written and (not period or text_language == translation.get_language()):
        return in_language(written, text_language), ""
    return period, in_language(written, text_language) if written and written != period else ""


def plain_number(value: Decimal | int | float | None) -> str:
    """A measured number as written, without a column's trailing zeros: "30", "30.5", "130,000" (grouped as the
    language groups thousands); "" for none."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))  # 1.3E+5 back to 130000
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def partial_iso(date: dt.date | None, precision: str) -> str | None:
    """ISO 8601 at the date's precision ("2010-02"), None for no date."""
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def query_string(request: HttpRequest, drop: Iterable[str] = (), **changes: Any) -> str:
    """The request's query string with parameters dropped or replaced (a value of None drops it), "?..." or ""."""
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        elif isinstance(value, (list, tuple)):
            params.setlist(name, [str(v) for v in value])
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


# -- columns ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of a list's exports: a stable key, a human header, and how to read the value from a row.

    value: a dotted attribute path ("lead_unit.code"), a callable taking the row, or None for the key itself.
    A manager (a to-many relation) becomes the list of its rows' strings.
    """

    key: str
    header: str | Promise = ""
    value: str | Callable[[Any], Any] | None = None

    def get(self, obj: Any) -> Any:
        """This column's value for one row."""
        if callable(self.value):
            return self.value(obj)
        value = obj
        for part in (self.value or self.key).split("."):
            if value is None:
                return None
            value = getattr(value, part, None)
        if isinstance(value, Manager):
            return [str(v) for v in value.all()]
        if callable(value):
            value = value()
        return value


def csv_cell(value: Any) -> str:
    """A value as CSV text: lists joined with "; ", booleans as true/false, no formula can run."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(csv_cell(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def json_value(value: Any) -> Any:
    """A value as JSON: lists stay lists, dates ISO 8601, decimals exact strings, lazy text resolved."""
    if isinstance(value, (list, tuple, set)):
        return [json_value(v) for v in value]
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Promise):
        return str(value)
    return value


def xlsx_cell(value: Any) -> Any:
    """A value as a spreadsheet cell shows it as written: lists joined, numbers as numbers, dates as dates, no text
    a spreadsheet would run as a formula."""
    if isinstance(value, (list, tuple, set)):
        value = LIST_SEPARATOR.join(str(csv_cell(v)) for v in value)
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


# -- the view ---------------------------------------------------------------------------------------

# Formats another app adds to a list without the list's app importing it (the project list's PDF report, from
# capdev.reports): list name -> format -> renderer(view) -> response. Registered in the adding app's ready().
_FORMATS: dict[str, dict[str, Any]] = {}


def register_format(export_name: str, fmt: str, renderer) -> None:
    """Offer `?format=<fmt>` on the list whose export_name this is, answered by renderer(view)."""
    _FORMATS.setdefault(export_name, {})[fmt] = renderer


class FilteredListView(ListView):
    """A list page whose filtered rows are also CSV (`?format=csv`) and JSON (`?format=json`, `&all=1`)."""

    filterset_class = None
    columns: Sequence[Column] = ()
    paginate_by = 20
    export_formats: Sequence[str] = ("csv", "json")
    export_name = "export"
    partial_template_name: str | None = None  # the region an htmx request swaps

    # -- rows ----------------------------------------------------------------------------------------

    def get_base_queryset(self) -> QuerySet:
        """The rows this request may see before any filter (override to restrict by permission)."""
        return self.model._default_manager.all()

    def get_filterset(self):
        """The FilterSet bound to the request's parameters (built once per request)."""
        if not hasattr(self, "filterset"):
            self.filterset = self.filterset_class(self.request.GET, queryset=self.get_base_queryset(),
                                                  request=self.request)
            note_parameters(self.request, self.filterset.filters, self.filterset_class)
        return self.filterset

    def get_queryset(self) -> QuerySet:
        """The filtered rows, with what rendering them needs prefetched (see optimise_queryset)."""
        return self.optimise_queryset(self.get_filterset().qs)

    def optimise_queryset(self, queryset: QuerySet) -> QuerySet:
        """Hook: select_related/prefetch_related for the page and the exports."""
        return queryset

    def get_export_queryset(self) -> QuerySet:
        """The rows every export format writes: the same filtered, ordered rows as the page."""
        return self.get_queryset()

    def export_row(self, obj: Any) -> dict[str, Any]:
        """One row's values, column key to value."""
        return {c.key: c.get(obj) for c in self.columns}

    def json_row(self, obj: Any) -> dict[str, Any]:
        """One row as JSON (the row's values by default; override for a format of its own)."""
        return {k: json_value(v) for k, v in self.export_row(obj).items()}

    # -- dispatch ------------------------------------------------------------------------------------

    def get_parameters(self) -> Parameters:
        """The list's own parameters (the filters are the FilterSet's)."""
        return Parameters(format=fields.Choice(("html", *self.all_formats()), fold=True), page=fields.PAGE,
                          all=fields.FLAG)

    def list_parameters(self) -> dict[str, Any]:
        """The list's own parameters' values, read once (InvalidParameters, a 400, for a bad one)."""
        if not hasattr(self, "_list_parameters"):
            self._list_parameters = self.get_parameters().read(self.request)
        return self._list_parameters

    def all_formats(self) -> tuple[str, ...]:
        """The list's own export formats, then those other apps registered for it (register_format)."""
        return (*self.export_formats, *_FORMATS.get(self.export_name, {}))

    def get_format(self) -> str:
        """The format asked for ("" for the HTML page)."""
        fmt = (self.request.GET.get("format") or "").strip().lower()
        return "" if fmt == "html" else fmt

    def get(self, request, *args, **kwargs):
        try:  # a bad parameter is a 400 naming it, whatever the format
            self.list_parameters()
            filterset = self.get_filterset()
            if not filterset.is_valid():
                raise InvalidParameters(filterset.errors)
        except InvalidParameters as exc:
            return invalid_parameters_response(request, exc)
        fmt = self.get_format()
        if fmt:
            registered = _FORMATS.get(self.export_name, {}).get(fmt)
            if registered is not None:
                return registered(self)
            return getattr(self, f"render_{fmt}")(self.get_export_queryset())
        response = super().get(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])  # the same URL answers htmx with a fragment
        if self.partial_template_name and self.is_htmx():
            # htmx would push the URL it requested, every field of the form in it, empty ones too
            # (?q=&start_year_min=...): push the URL the state would be bookmarked as instead.
            response["HX-Push-Url"] = self.shareable_url()
        return response

    def shareable_url(self) -> str:
        """The request's URL without empty parameters or ones at their default (see the filterset's is_default)."""
        is_default = getattr(self.get_filterset(), "is_default", lambda name, value: False)
        params = QueryDict(mutable=True)
        for name, values in self.request.GET.lists():
            kept = [v for v in values if v.strip() and not is_default(name, v)]
            if kept:
                params.setlist(name, kept)
        encoded = params.urlencode()
        return self.request.path + (f"?{encoded}" if encoded else "")

    def is_htmx(self) -> bool:
        """An htmx request for the results region (a history restore wants the whole page)."""
        headers = self.request.headers
        return headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"

    def get_template_names(self) -> list[str]:
        if self.partial_template_name and self.is_htmx():
            return [self.partial_template_name]
        return super().get_template_names()

    def paginate_queryset(self, queryset, page_size):
        """Like ListView's, but a page number out of range shows the nearest page instead of a 404."""
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans(),
                                       allow_empty_first_page=self.get_allow_empty())
        page = paginator.get_page(self.list_parameters()["page"])
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.get_filterset()
        context["export_links"] = [(fmt, self.request.path + query_string(self.request, drop=("page",), format=fmt))
                                   for fmt in self.all_formats()]
        return context

    # -- formats -------------------------------------------------------------------------------------

    def export_filename(self, ext: str) -> str:
        """The download's file name."""
        return f"{self.export_name}-{dt.date.today().isoformat()}.{ext}"

    def iter_rows(self, queryset: QuerySet) -> Iterator[Any]:
        """Every row, read in chunks (prefetches run per chunk, so memory and queries stay bounded)."""
        return queryset.iterator(chunk_size=EXPORT_CHUNK)

    def render_csv(self, queryset: QuerySet) -> StreamingHttpResponse:
        """Every filtered row as CSV, streamed; UTF-8 with a BOM so spreadsheets read the accents right."""
        writer = csv.writer(_Echo())
        keys = [c.key for c in self.columns]

        def lines() -> Iterator[str]:
            yield CSV_BOM + writer.writerow(keys)
            for obj in self.iter_rows(queryset):
                row = self.export_row(obj)
                yield writer.writerow([csv_cell(row[k]) for k in keys])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.export_filename("csv")}"'
        return response

    def render_json(self, queryset: QuerySet):
        """The filtered rows as JSON: one page like the HTML, or every row (streamed) with `all=1`."""
        if self.list_parameters()["all"]:
            return self._stream_json(queryset)
        paginator = Paginator(queryset, self.get_paginate_by(queryset) or 20)
        page = paginator.get_page(self.list_parameters()["page"])
        path = self.request.path

        def link(number: int | None) -> str | None:
            return None if number is None else path + query_string(self.request, page=number)

        return JsonResponse({
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "page_size": paginator.per_page,
            "next": link(page.next_page_number() if page.has_next() else None),
            "previous": link(page.previous_page_number() if page.has_previous() else None),
            "results": [self.json_row(obj) for obj in page.object_list],
        }, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})

    def render_xlsx(self, queryset: QuerySet) -> FileResponse:
        """Every filtered row as a one-sheet workbook (the columns' keys as its header), written row by row."""
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(self.export_name[:31])
        keys = [c.key for c in self.columns]
        sheet.append(keys)
        for obj in self.iter_rows(queryset):
            row = self.export_row(obj)
            sheet.append([xlsx_cell(row[k]) for k in keys])
        out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        book.save(out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=self.export_filename("xlsx"),
                            content_type=XLSX_CONTENT_TYPE)

    def _stream_json(self, queryset: QuerySet) -> StreamingHttpResponse:
        count = queryset.count()

        def chunks() -> Iterator[str]:
            yield '{"count": %d, "results": [' % count
            for i, obj in enumerate(self.iter_rows(queryset)):
                yield ("," if i else "") + json.dumps(self.json_row(obj), cls=DjangoJSONEncoder, ensure_ascii=False)
            yield "]}"

        return StreamingHttpResponse(chunks(), content_type="application/json")
