"""What a score file would write: problems (where and why), planned assessments and scores; what writing did."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from capdev.narrative.types import PartialDate
from capdev.organisations.models import Organisation
from capdev.reference.models import Country

from .models import Assessment, AssessorType, Dimension, DimensionScore, Framework


@dataclass(frozen=True)
class Problem:
    """Something in the file that does not fit: where (row, column), the value, and why."""

    row: int
    column: str
    header: str
    value: str
    why: str

    def __str__(self) -> str:
        where = _("row %(row)d, column %(col)s (%(header)s)") % {"row": self.row, "col": self.column,
                                                                 "header": self.header}
        if self.value:
            return _("%(where)s, “%(value)s”: %(why)s") % {"where": where, "value": self.value[:80],
                                                            "why": self.why}
        return f"{where}: {self.why}"


@dataclass
class PlannedScore:
    """A score the file gives, and the one it would replace."""

    dimension: Dimension
    score: Decimal
    evidence: str = ""
    comments: str = ""
    row: int = 0
    old: DimensionScore | None = None

    @property
    def changed(self) -> bool:
        """Whether writing it changes anything."""
        old = self.old
        return old is None or (old.score, old.evidence, old.comments) != (self.score, self.evidence, self.comments)


@dataclass
class PlannedAssessment:
    """One assessment the file describes: new, or an existing one whose scores it sets."""

    framework: Framework
    country: Country
    institution: Organisation | None
    date: PartialDate
    assessor_type: str
    assessor: Organisation | None = None
    title: str = ""
    rows: list[int] = field(default_factory=list)
    scores: dict[int, PlannedScore] = field(default_factory=dict)  # dimension id -> score
    existing: Assessment | None = None

    @property
    def action(self) -> str:
        """"create", "update" or "unchanged"."""
        if self.existing is None:
            return "create"
        return "update" if any(s.changed for s in self.scores.values()) else "unchanged"

    @property
    def assessor_label(self) -> str:
        return AssessorType(self.assessor_type).label

    def ordered_scores(self) -> list[PlannedScore]:
        return sorted(self.scores.values(), key=lambda s: (s.dimension.position, s.dimension.pk))


@dataclass
class Plan:
    """What a file would write, or the problems that stop it."""

    name: str
    layout: str = "long"
    assessments: list[PlannedAssessment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for a in self.assessments if a.action == action)

    @property
    def scores(self) -> int:
        return sum(len(a.scores) for a in self.assessments)

    @property
    def to_create(self) -> int:
        return self.count("create")

    @property
    def to_update(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


@dataclass
class WriteResult:
    """What writing a plan did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    scores: int = 0
    assessment_ids: list[int] = field(default_factory=list)
