"""A finding of the validator or the importer: where, which activity, what, how serious."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"  # a value the importer corrected (a code in the wrong case...): kept as a finding, never silent


@dataclass(frozen=True)
class Finding:
    """One message about an IATI file or activity, printed as `FILE:LINE: activity ID: message`."""

    severity: str
    message: str
    line: int | None = None
    activity: str = ""
    rule: str = ""
    file: str = ""
    # The value as the file writes it, and where (a path below iati-activity: "recipient-country/@code"), so
    # that an imported project's flag can show both.
    value: str = ""
    path: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        """True for errors (they block an import and fail `capdev iati validate`)."""
        return self.severity == ERROR

    def format(self, file: str | None = None) -> str:
        """The finding as one line: FILE:LINE: activity IDENTIFIER: [rule] message (severity)."""
        where = file if file is not None else (self.file or "-")
        line = self.line if self.line is not None else 0
        act = f" activity {self.activity}:" if self.activity else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}:{line}:{act}{rule} {self.message} ({self.severity})"

    def __str__(self) -> str:
        return self.format()


def has_errors(findings) -> bool:
    """True when any finding is an error."""
    return any(f.is_error for f in findings)
