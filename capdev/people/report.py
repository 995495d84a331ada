"""The report of an attendance import, in lines: the upload's pages and `capdev import-attendance` say the same,
before writing (the preview) and after (from the plan, or from what a confirmed sheet keeps)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .importing import Plan, Report
from .models import Sheet, SheetRow

Outcome = SheetRow.Outcome


@dataclass
class Summary:
    """What a report is made of: the worksheet, its header, and each row's outcome and messages."""

    worksheet: str
    header: int | None
    rows: list[tuple[int, str, list[str]]]
    already_listed: int = 0

    @classmethod
    def of_plan(cls, plan: Plan) -> Summary:
        """Before (or as) it is written."""
        return cls(plan.worksheet, plan.header, [(r.number, r.outcome, r.message_texts()) for r in plan.rows],
                   sum(1 for r in plan.rows if r.already_listed))

    @classmethod
    def of_sheet(cls, sheet: Sheet) -> Summary:
        """As a confirmed sheet keeps it (its rows' outcomes and messages)."""
        rows = [(r.number, r.outcome, [m for m in r.message.split("; ") if m])
                for r in SheetRow.objects.filter(sheet=sheet).order_by("number")]
        return cls(sheet.worksheet, None if sheet.header_row is None else sheet.header_row - 1, rows,
                   sheet.report.get("already_listed", 0))


def report_lines(summary: Summary | Plan, report: Report | None = None, *, file_name: str = "",
                 rows: bool = True) -> list[str]:
    """What the import did (or, without a report, would do), in lines: a summary, then each row's messages."""
    if isinstance(summary, Plan):
        summary = Summary.of_plan(summary)
    counts = Counter(outcome for _n, outcome, _m in summary.rows)
    data_rows = sum(n for o, n in counts.items() if o not in (Outcome.ABOVE_HEADER, Outcome.HEADER))
    lines = []
    where = _("“%(file)s”") % {"file": file_name} if file_name else _("The sheet")
    if summary.worksheet:
        where += " " + _("(worksheet “%(name)s”)") % {"name": summary.worksheet}
    if summary.header is None:
        lines.append(_("%(where)s: no header row found; say which row it is.") % {"where": where})
    else:
        lines.append(ngettext("%(where)s: header on row %(row)d, %(n)d row below it.",
                              "%(where)s: header on row %(row)d, %(n)d rows below it.", data_rows)
                     % {"where": where, "row": summary.header + 1, "n": data_rows})
    labels = dict(Outcome.choices)
    parts = [f"{counts[o]} × {str(labels[o]).lower()}" for o in (
        Outcome.NEW, Outcome.SAME_EMAIL, Outcome.PROPOSED, Outcome.SAME_AS_ROW, Outcome.SKIPPED, Outcome.BLANK,
        Outcome.ERROR) if counts.get(o)]
    lines.append(_("Rows: %(parts)s.") % {"parts": ", ".join(parts) or _("none")})
    if summary.already_listed:
        lines.append(ngettext("%(n)d person is already on this activity's list.",
                              "%(n)d people are already on this activity's list.", summary.already_listed)
                     % {"n": summary.already_listed})
    if report is not None:
        written = [
            ngettext("%(n)d new person", "%(n)d new people", report.people_created) % {"n": report.people_created},
            ngettext("%(n)d attendance added", "%(n)d attendances added", report.attendance_created)
            % {"n": report.attendance_created},
            ngettext("%(n)d updated", "%(n)d updated", report.attendance_updated) % {"n": report.attendance_updated},
            ngettext("%(n)d proposal to review", "%(n)d proposals to review", report.proposals)
            % {"n": report.proposals},
            ngettext("%(n)d new institution", "%(n)d new institutions", report.institutions_created)
            % {"n": report.institutions_created}]
        lines.append(_("Written: %(parts)s (%(guessed)s).") % {"parts": ", ".join(written), "guessed": ngettext(
            "%(n)d type guessed", "%(n)d types guessed", report.institution_types_guessed)
            % {"n": report.institution_types_guessed}})
    else:
        lines.append(_("Nothing written (preview)."))
    if rows:
        for number, outcome, texts in summary.rows:
            if texts and outcome not in (Outcome.ABOVE_HEADER, Outcome.HEADER, Outcome.BLANK):
                lines.append(_("Row %(n)d: %(what)s") % {"n": number, "what": "; ".join(texts)})
    return lines


def stored_report(sheet: Sheet) -> list[str]:
    """The report of a confirmed sheet, as the command printed it when it was written."""
    data = {k: v for k, v in sheet.report.items() if k in Report.__dataclass_fields__ and k != "rows"}
    return report_lines(Summary.of_sheet(sheet), Report(**data), file_name=sheet.file_name)
