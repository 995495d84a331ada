"""What the project list and a project's page show, as text and HTML: budgets, facet checkboxes, a record's
original text with its fields marked, who an activity reached."""
from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal
from functools import lru_cache
from html import escape

from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.activities.models import Activity
from capdev.core.templatetags.languages import in_language
from capdev.reference.names import facet_label

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
    """The <li> checkbox of each facet value, its count read out as a number of `noun`: a function of the count
    giving the word in its plural form (projects unless another list says what it counts: resources).

    Written here rather than by an included template per value: a country facet has some two hundred values,
    and the template engine took most of the list page's time rendering them one include at a time.
    """
    noun = noun or project_noun
    words: dict[int, str] = {}  # one ngettext per distinct count, not per value
    items = []
    for v in values:
        count = int(v.count)
        if count not in words:
            words[count] = escape(noun(count))
        ident = escape(f"f-{name}-{_slug(v.value)}")
        items.append(f'<li class="depth-{int(v.depth)}"><input type="checkbox" id="{ident}" name="{escape(name)}" '
                     f'value="{escape(v.value)}"{" checked" if v.selected else ""}> <label for="{ident}">'
                     f'{facet_label(name, v.value, v.label)} <span class="count">{count}<span class="visually-hidden"> '
                     f'{words[count]}</span></span></label></li>')
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


def project_noun(count: int) -> str:
    """"project" or "projects" in the plural form the page's language gives count (Arabic has six)."""
    return ngettext("project", "projects", count)


def resource_noun(count: int) -> str:
    """"resource" or "resources", as project_noun."""
    return ngettext("resource", "resources", count)


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
    """"over 64 senior government officials from 16 countries", from an activity's participant fields: the
    record's own words (its qualifier and profile) isolated and marked with the project's language where that is
    not the page's, the interface's words around them in the page's."""
    language = activity.project.language if activity.project_id else ""
    number = number_format(activity.participants, force_grouping=True) if activity.participants else ""
    recorded = " ".join(b for b in (activity.participants_qualifier if number else "", number,
                                    activity.participants_profile) if b)
    if activity.participants_profile or (activity.participants_qualifier and number):
        text = in_language(recorded, language)
    elif number:
        text = format_html("{} {}", number, ngettext("participant", "participants", activity.participants))
    else:
        text = ""
    if activity.participant_countries:
        n = activity.participant_countries
        countries = ngettext("%(n)s country", "%(n)s countries", n) % {"n": number_format(n)}
        if text:  # the translation's words escaped, the two parts already HTML-safe
            text = mark_safe(conditional_escape(_("%(who)s from %(countries)s")) % {
                "who": conditional_escape(text), "countries": conditional_escape(countries)})
        else:
            text = countries
    return text
