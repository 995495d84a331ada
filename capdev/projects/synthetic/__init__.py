"""A deterministic synthetic portfolio for scale tests: `capdev generate-portfolio --projects N --seed S`.

The same N and seed give the same projects (titles, dates, budgets, places, SDGs, partners, activities...)
on any database that holds the same reference data (`capdev load-reference`): every random choice comes
from a `random.Random` seeded per block of BLOCK projects with (seed, block), so the data do not depend on
the batch size either. Only the row timestamps (`created`, `last_updated`) and the primary keys differ
between runs.

One module per part: the parameters, weights and vocabulary (vocabulary), the reference data drawn from
(reference), the generated values (values) and the bulk writing (writing); every name is re-exported here.

Distributions (see docs/performance.md): lead units from the loaded OrgUnit tree (a unit only within its
years of existence), funding sources by weight, 1-5 countries weighted towards developing regions (LDCs and
SIDS count more), 1-4 SDGs (16 and 17 most often), 0-10 activities with participants, a total budget
log-normal between 20,000 and 5,000,000 USD, time frames between 2000 and 2030 at day, month or year
precision, and text from a small domain vocabulary (no external corpus). Every project is published.

Writing is bulk only, in batches of `batch` projects (one transaction per batch; memory bounded by the
batch): one statement per table and batch, by COPY on PostgreSQL and executemany on SQLite (method "copy",
the default) or by Django's `bulk_create` (method "orm": the same rows, slower: docs/performance.md). The search
documents are built from the generated values (the same text `capdev.projects.search.build_document` would
build) and inserted in the same batch, so the full-text index (FTS5 triggers on SQLite, the generated
tsvector on PostgreSQL) is filled as it goes; ANALYZE runs at the end.
No change-history rows are written for synthetic data: neither method goes through django-simple-history, on
purpose (a generated portfolio has no editorial history, and history rows would double the volume).
"""
from capdev.core.bulk import METHODS  # the generate-portfolio command reads it here

from .reference import OrgRef, Reference, UnitRef
from .values import SynActivity, SynProject, iter_projects, make_project, search_document
from .vocabulary import (
    ACTIVITY_COUNTS,
    ACTIVITY_TYPES,
    ACTIVITY_WORDS,
    BENEFICIARIES,
    BLOCK,
    BUDGET_MAX,
    BUDGET_MEDIAN,
    BUDGET_MIN,
    BUDGET_SIGMA,
    CAPACITIES,
    CODE_PREFIX,
    COUNTRY_COUNTS,
    DEFAULT_BATCH,
    EA_TEMPLATES,
    FUNDING_WEIGHTS,
    OUTCOME_TEMPLATES,
    OUTPUTS,
    PROFILES,
    PUBLISHED_AT,
    PURPOSES,
    QUALIFIERS,
    REGION_WEIGHTS,
    ROLE_BY_TYPE,
    SDG_COUNTS,
    SDG_WEIGHTS,
    SYNTHETIC_UIDS,
    THEMES,
    TOPICS,
    TYPE_WEIGHTS,
    VERBS,
    YEAR_MAX,
    YEAR_MIN,
    Weighted,
)
from .writing import WRITE_ORDER, Progress, batch_rows, generate, write_batch

__all__ = [
    "ACTIVITY_COUNTS", "ACTIVITY_TYPES", "ACTIVITY_WORDS", "BENEFICIARIES", "BLOCK", "BUDGET_MAX", "BUDGET_MEDIAN",
    "BUDGET_MIN", "BUDGET_SIGMA", "CAPACITIES", "CODE_PREFIX", "COUNTRY_COUNTS", "DEFAULT_BATCH", "EA_TEMPLATES",
    "FUNDING_WEIGHTS", "METHODS", "OUTCOME_TEMPLATES", "OUTPUTS", "OrgRef", "PROFILES", "PUBLISHED_AT", "PURPOSES",
    "Progress", "QUALIFIERS", "REGION_WEIGHTS", "ROLE_BY_TYPE", "Reference", "SDG_COUNTS", "SDG_WEIGHTS",
    "SYNTHETIC_UIDS", "SynActivity", "SynProject", "THEMES", "TOPICS", "TYPE_WEIGHTS", "UnitRef", "VERBS",
    "WRITE_ORDER", "Weighted", "YEAR_MAX", "YEAR_MIN", "batch_rows", "generate", "iter_projects", "make_project",
    "search_document", "write_batch",
]
