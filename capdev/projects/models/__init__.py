"""Project and everything a project record says, one module per part: the project and its states (project),
budgets (budget), what it is linked to (links), its results (results), where it came from and what review flagged
(provenance), and the derived search documents and index markers (indexing). Every name is re-exported here:
`from capdev.projects.models import Project` is the way to import them, and Django finds the models here."""
from ..overrides import PublishOverride  # a model of this app, in a module of its own
from .budget import BUDGET_REVISED_WORD, Budget, BudgetQuerySet, counted_budget_lines, project_budget_lines
from .indexing import IndexChange, ProjectSearchDocument
from .links import (
    ProjectCountry,
    ProjectPartner,
    ProjectRegion,
    ProjectRelation,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectSector,
    ProjectThematicArea,
    RelationKind,
)
from .project import (
    PERCENT_VALIDATORS,
    REGISTRY_UNIQUE_INDEXES,
    Project,
    ProjectQuerySet,
    ProjectStatus,
    ReviewState,
    ThematicArea,
    derive_status,
)
from .provenance import ReviewFlag, SourceFile, SourceRecord
from .results import ExpectedAccomplishment, Indicator, IndicatorValue, KeyAccomplishment, Outcome, PlannedActivity

__all__ = [
    "BUDGET_REVISED_WORD", "PERCENT_VALIDATORS", "REGISTRY_UNIQUE_INDEXES", "Budget", "BudgetQuerySet",
    "ExpectedAccomplishment", "IndexChange", "Indicator", "IndicatorValue", "KeyAccomplishment", "Outcome",
    "PlannedActivity", "Project", "ProjectCountry", "ProjectPartner", "ProjectQuerySet", "ProjectRegion",
    "ProjectRelation", "ProjectSdgGoal", "ProjectSdgTarget", "ProjectSearchDocument", "ProjectSector",
    "ProjectStatus", "ProjectThematicArea", "PublishOverride", "RelationKind", "ReviewFlag", "ReviewState",
    "SourceFile", "SourceRecord", "ThematicArea", "counted_budget_lines", "derive_status", "project_budget_lines",
]
