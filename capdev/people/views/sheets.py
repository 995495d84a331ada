"""An uploaded sheet's steps: map its columns once, preview what each row becomes, confirm; then its report."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import evaluations_import, importing, permissions, reading
from .. import report as reports
from ..forms import MappingForm
from ..models import Attendance, Role, Sheet, SheetRow
from ..reading import Mapping, Options
from ..sheets.read import SheetError
from .common import staff_required

PREVIEW_ROWS = 5000  # every row of a sheet (MAX_ROWS): the preview shows them all


def _sheet(request, pk: int) -> Sheet:
    sheet = get_object_or_404(Sheet.objects.select_related("activity__project", "project", "evaluation"), pk=pk)
    project = sheet.activity.project if sheet.activity else sheet.project
    if not permissions.can_view_people(request.user, project):
        raise Http404(_("No such sheet."))  # its existence is the unit's business
    sheet.owner = project
    return sheet


def _worksheet(sheet: Sheet, name: str | None = None):
    with sheet.file.open("rb") as handle:
        workbook = reading.load(handle.read(), sheet.file_name)
    return workbook, workbook.worksheet(name if name is not None else sheet.worksheet)


def _mapping(sheet: Sheet) -> Mapping:
    header = None if sheet.header_row is None else sheet.header_row - 1
    return Mapping(header, {int(k): v for k, v in sheet.mapping.items()})


def _plan(sheet: Sheet, worksheet, decisions=None):
    if sheet.kind == Sheet.Kind.EVALUATION:
        return evaluations_import.make_plan(worksheet, _mapping(sheet))
    return importing.make_plan(sheet.activity, worksheet, _mapping(sheet), Options.from_dict(sheet.options),
                               decisions)


@staff_required
def sheet_page(request, pk: int):
    """The sheet: its mapping step, its preview, or (once confirmed) what it did."""
    sheet = _sheet(request, pk)
    manage = permissions.can_manage_people(request.user, sheet.owner)
    if request.method == "POST" and not manage:
        raise PermissionDenied
    if sheet.state != Sheet.State.MAPPING:
        rows = SheetRow.objects.filter(sheet=sheet).select_related("person", "sheet").order_by("number")
        report = reports.stored_report(sheet) if sheet.kind == Sheet.Kind.ATTENDANCE else []
        return render(request, "people/sheet_done.html", {"sheet": sheet, "rows": rows, "report": report})
    if sheet.activity is None:
        messages.error(request, _("The activity of this sheet is gone: attach the sheet to an activity first."))
        return render(request, "people/sheet_done.html", {"sheet": sheet, "rows": [], "report": []})
    try:
        workbook, worksheet = _worksheet(sheet, request.POST.get("worksheet") or None)
    except (SheetError, OSError) as exc:
        messages.error(request, reading.sheet_error_message(exc) if isinstance(exc, SheetError) else str(exc))
        return redirect("people:activity", pk=sheet.activity_id)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "discard":
            sheet.state = Sheet.State.DISCARDED
            sheet._history_user = request.user
            sheet.save()
            messages.info(request, _("The sheet was discarded: nothing was recorded from it (the file is kept)."))
            return redirect("people:activity", pk=sheet.activity_id)
        if action == "confirm":
            return _confirm(request, sheet, worksheet)
        return _map(request, sheet, workbook, worksheet)
    preview = request.GET.get("step") == "preview" and sheet.header_row is not None
    context = {"sheet": sheet, "manage": manage, "worksheet": worksheet}
    if preview:
        plan = _plan(sheet, worksheet)
        context.update(plan=plan, counts=_counts(plan), report=_preview_lines(sheet, plan),
                       partial=_partial_warning(sheet, plan),
                       earlier=list(importing.earlier_uploads(sheet.activity, sheet.sha256, exclude=sheet.pk)[:5]))
        return render(request, "people/sheet_preview.html", context)
    context["form"] = _mapping_form(sheet, workbook, worksheet)
    return render(request, "people/sheet_map.html", context)


def _mapping_form(sheet: Sheet, workbook, worksheet, data=None) -> MappingForm:
    mapping = _mapping(sheet)
    header_index = mapping.header if mapping.header is not None else 0
    if data is not None and str(data.get("header_row", "")).isdigit():
        header_index = min(max(int(data["header_row"]) - 1, 0), max(len(worksheet.rows) - 1, 0))
    header = worksheet.rows[header_index] if worksheet.rows else []
    width = max(worksheet.width, len(header))
    header = header + [""] * (width - len(header))
    options = Options.from_dict(sheet.options)
    initial = {"worksheet": worksheet.name, "header_row": header_index + 1, "default_role": options.default_role,
               "default_country": options.default_country, "m_means": options.m_means, "one_day": options.one_day}
    initial.update({f"column_{i}": mapping.columns.get(i, "ignore") for i in range(width)})
    return MappingForm(data, initial=initial, header=header, kind=sheet.kind,
                       samples=worksheet.rows[header_index + 1:header_index + 6],
                       worksheets=[w.name for w in workbook.worksheets], rows=len(worksheet.rows))


def _map(request, sheet: Sheet, workbook, worksheet):
    form = _mapping_form(sheet, workbook, worksheet, request.POST)
    header_changed = request.POST.get("action") == "header"
    if header_changed or not form.is_valid():
        if header_changed and str(request.POST.get("header_row", "")).isdigit():
            # A new header row: its columns guessed again, then shown for checking.
            from ..sheets.columns import guess_mapping

            index = int(request.POST["header_row"]) - 1
            if 0 <= index < len(worksheet.rows):
                sheet.header_row = index + 1
                sheet.worksheet = worksheet.name
                sheet.mapping = {str(k): v for k, v in guess_mapping(
                    worksheet.rows[index], worksheet.rows[index + 1:index + 21], sheet.kind).items()}
                sheet._history_user = request.user
                sheet.save()
            return redirect("people:sheet", pk=sheet.pk)
        return render(request, "people/sheet_map.html", {"sheet": sheet, "form": form, "manage": True,
                                                         "worksheet": worksheet})
    data = form.cleaned_data
    sheet.worksheet = worksheet.name
    sheet.header_row = data["header_row"]
    sheet.mapping = {str(k): v for k, v in form.mapping().items()}
    if sheet.kind == Sheet.Kind.ATTENDANCE:
        sheet.options = Options(default_role=data.get("default_role") or "participant",
                                default_country=data.get("default_country") or "", m_means=data.get("m_means") or "",
                                one_day=bool(data.get("one_day")), worksheet=worksheet.name).as_dict()
    sheet._history_user = request.user
    sheet.save()
    return redirect(f"{request.path}?step=preview")


def _decisions(request) -> dict[int, str]:
    out = {}
    for key, value in request.POST.items():
        if key.startswith("decision_") and key[9:].isdigit() and value in ("new", "skip"):
            out[int(key[9:])] = value
    return out


def _confirm(request, sheet: Sheet, worksheet):
    if sheet.header_row is None:
        messages.error(request, _("Say which row is the header first."))
        return redirect("people:sheet", pk=sheet.pk)
    plan = _plan(sheet, worksheet, _decisions(request))
    try:
        if sheet.kind == Sheet.Kind.EVALUATION:
            n = evaluations_import.confirm(sheet, plan, request.user)
            messages.success(request, _("%(n)d responses recorded.") % {"n": n})
            return redirect("people:evaluation", pk=sheet.activity_id)
        importing.confirm(sheet, plan, request.user)
    except importing.ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect("people:sheet", pk=sheet.pk)
    messages.success(request, _("The attendance list was recorded. It counts in public figures once a reviewer "
                                "publishes it."))
    return redirect("people:sheet", pk=sheet.pk)


def _counts(plan) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for r in plan.rows:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
        labels[r.outcome] = r.outcome_label
    return [(labels[o], n) for o, n in counts.items() if o not in (SheetRow.Outcome.ABOVE_HEADER,
                                                                  SheetRow.Outcome.HEADER)]


def _partial_warning(sheet: Sheet, plan) -> str:
    """Said before confirming when the list will count fewer than half the participants the record gives: it
    will be taken to be partial (capdev.people.aggregates, finding 13), and the recorded number stays."""
    activity = sheet.activity
    if sheet.kind != Sheet.Kind.ATTENDANCE or activity is None or not activity.participants:
        return ""
    recorded_here = {SheetRow.Outcome.NEW, SheetRow.Outcome.SAME_EMAIL, SheetRow.Outcome.PROPOSED}
    rows = sum(1 for r in plan.rows if r.outcome in recorded_here and r.values is not None
               and r.values.role == Role.PARTICIPANT and not r.already_listed)
    listed = Attendance.objects.filter(activity=activity, role=Role.PARTICIPANT).count()
    if (rows + listed) * 2 >= activity.participants:
        return ""
    return ngettext(
        "With this sheet the list counts %(n)d participant where the activity's record gives %(recorded)d: fewer "
        "than half, so the list will be taken to be partial and the recorded %(recorded)d stays the activity's "
        "participant number (the people on the list count as people reached).",
        "With this sheet the list counts %(n)d participants where the activity's record gives %(recorded)d: fewer "
        "than half, so the list will be taken to be partial and the recorded %(recorded)d stays the activity's "
        "participant number (the people on the list count as people reached).", rows + listed) % {
        "n": rows + listed, "recorded": activity.participants}


def _preview_lines(sheet: Sheet, plan) -> list[str]:
    if sheet.kind != Sheet.Kind.ATTENDANCE:
        return []
    return reports.report_lines(plan, None, file_name=sheet.file_name, rows=False)
