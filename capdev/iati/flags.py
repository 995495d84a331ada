"""An imported activity's findings as the project's ReviewFlags (the narrative importer's flags, shown the same way
in the review queue and on the staff project page).

One flag per distinct finding (rule, where, value, message): a file writing `TEXT/HTML` in ten document links
gives one flag saying so ten times, not ten flags. An activity gives at most MAX_FLAGS flags; one more says how
many findings were left out (the import's report and `capdev iati validate` list them all).
"""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.projects.models import ReviewFlag

from .findings import Finding

MAX_FLAGS = 50
FIELD_LENGTH = ReviewFlag._meta.get_field("field").max_length
REASON_LENGTH = ReviewFlag._meta.get_field("reason").max_length


def flag_rows(project_id: int, findings: list[Finding], resolved: set[tuple] = frozenset()) -> list[dict]:
    """The ReviewFlag rows of one activity's findings, leaving out those a reviewer has resolved already
    (`resolved`: (field, rule, value) of the project's resolved IATI flags: a re-import brings them back
    only if the publisher wrote something else)."""
    counted: dict[tuple, int] = {}
    first: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.rule, f.path, f.value, f.message)
        counted[key] = counted.get(key, 0) + 1
        first.setdefault(key, f)
    rows = []
    for key, n in counted.items():
        f = first[key]
        line = _(" (line %(line)d)") % {"line": f.line} if f.line else ""
        times = ngettext(", written once", ", written %(n)d times", n) % {"n": n} if n > 1 else ""
        message = f.message.removesuffix(f" at {f.path}")  # the flag shows where, as its field
        reason = (message + line + times)[:REASON_LENGTH]
        field = (f.path or "iati-activity")[:FIELD_LENGTH]
        if (field, f.rule[:40], f.value) in resolved:
            continue  # a reviewer accepted or corrected this already; the same finding again is not new
        rows.append({"project_id": project_id, "field": field, "reason": reason, "value": f.value,
                     "rule": f.rule[:40], "severity": f.severity, "origin": ReviewFlag.Origin.IATI})
    if len(rows) > MAX_FLAGS:
        left = len(rows) - MAX_FLAGS + 1
        rows = rows[:MAX_FLAGS - 1] + [{
            "project_id": project_id, "field": "iati-activity", "value": "", "rule": "more",
            "severity": "warning", "origin": ReviewFlag.Origin.IATI,
            "reason": ngettext("%(n)d more finding is not listed here: run capdev iati validate on the file",
                               "%(n)d more findings are not listed here: run capdev iati validate on the file",
                               left) % {"n": left}}]
    return rows
