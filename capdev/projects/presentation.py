"""What the project list and a project's page show, as text and HTML: budgets, facet checkboxes, a record's
original text with its fields marked, who an activity reached."""
from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal
from functools import lru_cache
from html import escape

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capdev.activities.models import Activity

from .facets import FacetValue
from .models import Budget, SourceRecord, project_budget_lines


def budget_summary(budgets) -> str:
    """The project's budget per currency ("USD 1,308,543", "USD 96,000 (yearly)"), from prefetched rows: its
    total lines, else its other lines, a revised line replacing the original of its period (project_budget_lines).
    """
    totals = project_budget_lines(budgets)
    if not totals:
        return ""
    sums: dict[str, Decimal] = OrderedDict()
    for b in totals:
        sums[b.currency_id] = sums.get(b.currency_id, Decimal(0)) + b.amount
    kind = "" if totals[0].kind == Budget.Kind.TOTAL else f" ({totals[0].get_kind_display().lower()})"
    return "; ".join(f"{cur} {number_format(amount, 0 if amount == amount.to_integral() else 2, force_grouping=True)}"
                     for cur, amount in sums.items()) + kind


@lru_cache(maxsize=4096)
def _slug(value: str) -> str:
    # Facet values repeat on every list request, and slugify's regular expressions were a tenth of the page.
    return slugify(value)


def facet_items_html(name: str, values: list[FacetValue], noun=None) -> SafeString:
    """The <li> checkbox of each facet value, its count read out as a number of `noun` ("projects" unless
    another list says what it counts: "resources").

    Written here rather than by an included template per value: a country facet has some two hundred values,
    and the template engine took most of the list page's time rendering them one include at a time.
    """
    projects = escape(noun if noun is not None else _("projects"))
    items = []
    for v in values:
        ident = escape(f"f-{name}-{_slug(v.value)}")
        items.append(f'<li class="depth-{int(v.depth)}"><input type="checkbox" id="{ident}" name="{escape(name)}" '
                     f'value="{escape(v.value)}"{" checked" if v.selected else ""}> <label for="{ident}">'
                     f'<bdi>{escape(v.label)}</bdi> <span class="count">{int(v.count)}<span class="visually-hidden"> '
                     f'{projects}</span></span></label></li>')
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


def source_markup(source: SourceRecord) -> str:
    """The original text with each field's span wrapped and labelled; everything escaped (format_html)."""
    text = source.text
    spans = sorted((int(s), int(e), str(f)) for f, s, e in source.spans if 0 <= int(s) < int(e) <= len(text))
    parts, cursor = [], 0
    for start, end, field in spans:
        start = max(start, cursor)  # an overlapping span shows from where the previous one ended
        if start >= end:
            continue
        if start > cursor:
            parts.append(format_html('<span class="src-gap">{}</span>', text[cursor:start]))
        parts.append(format_html('<span class="src-field" data-field="{}"><span class="src-label">{}</span>{}</span>',
                                 field, field.replace("_", " "), text[start:end]))
        cursor = end
    if cursor < len(text):
        parts.append(format_html('<span class="src-gap">{}</span>', text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part above is format_html output


def participants_text(activity: Activity) -> str:
    """"over 64 senior government officials from 16 countries", from an activity's participant fields."""
    bits = []
    if activity.participants:
        bits.append(" ".join(b for b in (activity.participants_qualifier, f"{activity.participants:,}") if b))
    if activity.participants_profile:
        bits.append(activity.participants_profile)
    elif activity.participants:
        bits.append(_("participants"))
    text = " ".join(bits)
    if activity.participant_countries:
        countries = _("%(n)d countries") % {"n": activity.participant_countries}
        text = _("%(who)s from %(countries)s") % {"who": text, "countries": countries} if text else countries
    return text
