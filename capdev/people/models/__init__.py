"""The people app's models: persons and institutions, attendance and sheets, networks, evaluations, indicators."""
from .attendance import (
                         ActivityLink,
                         Attendance,
                         AttendanceState,
                         Role,
                         Sheet,
                         SheetRow,
                         counts_in_public,
                         project_is_public,
)
from .erasure import Erasure
from .evaluations import Applied, Evaluation, Response
from .indicators import IndicatorSource, Measure, Period, ValueBreakdown
from .networks import Membership, Network, NetworkActivity, NetworkProject
from .persons import Institution, InstitutionType, MatchProposal, Person, PersonQuerySet, Seniority, Sex, name_key

__all__ = [
    "ActivityLink", "Applied", "Attendance", "AttendanceState", "Erasure", "Evaluation", "IndicatorSource",
    "Institution", "InstitutionType", "MatchProposal", "Measure", "Membership", "Network", "NetworkActivity",
    "NetworkProject", "Period", "Person", "PersonQuerySet", "Response", "Role", "Seniority", "Sex", "Sheet",
    "SheetRow", "ValueBreakdown", "counts_in_public", "name_key", "project_is_public",
]
