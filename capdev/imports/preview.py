"""What the import page shows of a record before it is imported: its fields as read, the source text with each
field's span marked, the parser's flags, and what importing it would do."""
from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from capdev.narrative.types import Record

# (key in the preview, label, the span fields it was read from) in the order the page lists them.
FIELDS = [
    ("title", _("Title"), ("title",)),
    ("code", _("Code"), ("code",)),
    ("lead_unit", _("Lead unit"), ("lead_unit",)),
    ("period", _("Period"), ("time_frame",)),
    ("status", _("Status"), ("status",)),
    ("funding_source", _("Funding source"), ("funding_source",)),
    ("budgets", _("Budget"), ("budget",)),
    ("partners", _("Partners"), ("partners",)),
    ("region", _("Region"), ("region",)),
    ("countries", _("Countries"), ("countries",)),
    ("sdgs", _("SDGs"), ("sdgs",)),
    ("thematic_areas", _("Thematic areas"), ("thematic_areas",)),
    ("summary", _("Summary"), ("summary",)),
    ("objective", _("Objective"), ("objective",)),
    ("expected_accomplishments", _("Expected accomplishments"), ("expected_accomplishments",)),
    ("planned_activities", _("Planned activities"), ("planned_activities",)),
    ("key_accomplishments", _("Key accomplishments"), ("key_accomplishments",)),
    ("outcomes", _("Outcomes"), ("outcomes",)),
    ("beneficiaries", _("Beneficiaries"), ("beneficiaries",)),
    ("activities", _("Activities"), ()),
    ("background", _("Background (not placed in a field)"), ("background", "narrative")),
]
LABELS = {key: label for key, label, _spans in FIELDS}
SPAN_LABELS = {**LABELS, "time_frame": _("Period"), "budget": _("Budget"), "narrative": _("Narrative"),
               "unparsed": _("Not placed")}


def _values(r: Record) -> dict[str, Any]:
    """Each field's value as the page shows it: text, or a list of texts."""
    period = " – ".join(x for x in (r.start.iso() if r.start else "", r.end.iso() if r.end else "") if x)
    sdgs = [f"SDG {g}" for g in r.sdgs] + [f"{t}" for t in r.sdg_targets]
    return {
        "title": r.title + (" " + str(_("(proposed)")) if r.title and r.title_is_proposed else ""),
        "code": r.code or "", "lead_unit": r.lead_unit or "", "period": period, "status": r.status or "",
        "funding_source": r.funding_source or "",
        "budgets": [f"{b.currency} {b.amount:,}" + (f" ({b.kind})" if b.kind != "total" else "") for b in r.budgets],
        "partners": [p.name + (f" ({p.acronym})" if p.acronym and p.acronym != p.name else "") for p in r.partners],
        "region": ", ".join(r.regions or ([r.region] if r.region else [])), "countries": list(r.countries),
        "sdgs": sdgs, "thematic_areas": list(r.thematic_areas), "summary": r.summary, "objective": r.objective,
        "expected_accomplishments": list(r.expected_accomplishments), "planned_activities": list(r.planned_activities),
        "key_accomplishments": list(r.key_accomplishments), "outcomes": [o.text for o in r.outcomes],
        "beneficiaries": " / ".join(x for x in (r.beneficiaries_direct, r.beneficiaries_indirect) if x),
        "activities": [" · ".join(x for x in (a.type, a.title, a.dates_text, a.city) if x) for a in r.activities],
        "background": r.background,
    }


def record_preview(r: Record) -> dict[str, Any]:
    """The preview of one narrative record, JSON-ready (stored on its ImportRecord)."""
    values = _values(r)
    spans = [[s.field, s.start - r.offset, s.end - r.offset] for s in r.spans]
    fields_with_spans = {f for f, _s, _e in spans}
    fields = []
    for key, _label, span_fields in FIELDS:
        value = values.get(key)
        if value in ("", [], None):
            continue
        anchor = next((f for f in span_fields if f in fields_with_spans), "")
        fields.append({"key": key, "value": value, "span": anchor})
    return {"kind": "narrative", "title": r.title, "code": r.code or "", "text": r.text, "spans": spans,
            "fields": fields, "flags": [[f.field, f.reason] for f in r.flags],
            "unparsed": [u for u in r.unparsed if str(u).strip()]}


def text_markup(preview: dict[str, Any], prefix: str) -> SafeString:
    """The record's text, each span a <mark> labelled with its field and anchored (#<prefix>-<field>), so that the
    field list links to where each value was read; text in no span stays plain. Everything is escaped."""
    text = preview.get("text", "")
    spans = sorted((int(s), int(e), str(f))
                   for f, s, e in preview.get("spans", []) if 0 <= int(s) < int(e) <= len(text))
    parts, cursor, anchored = [], 0, set()
    for start, end, field in spans:
        start = max(start, cursor)
        if start >= end:
            continue
        if start > cursor:
            parts.append(format_html("{}", text[cursor:start]))
        anchor = f"{prefix}-{field}" if field not in anchored else ""
        anchored.add(field)
        label = SPAN_LABELS.get(field) or field.replace("_", " ")
        css = "src-unplaced" if field in ("background", "narrative", "unparsed") else "src-field"
        if anchor:
            parts.append(format_html('<mark class="{}" id="{}" data-field="{}"><span '
                                     'class="src-label">{}</span>{}</mark>',
                                     css, anchor, field, label, text[start:end]))
        else:
            parts.append(format_html('<mark class="{}" data-field="{}"><span class="src-label">{}</span>{}</mark>',
                                     css, field, label, text[start:end]))
        cursor = end
    if cursor < len(text):
        parts.append(format_html("{}", text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is format_html output
