"""How Capdev's vocabulary maps onto IATI codelists, both ways; one place for every such decision."""
from __future__ import annotations

import datetime as dt
import re

from capdev.organisations.models import Organisation
from capdev.projects.models import BUDGET_REVISED_WORD, ProjectPartner, ProjectStatus, RelationKind

# ProjectPartner role -> IATI OrganisationRole. Cooperating partners co-organise the work in capacity
# development (workshops, missions) and so are published as implementing (4); beneficiary partners are
# omitted: IATI 2.03 has no beneficiary role, and the countries they stand for are the recipient countries.
ROLE_TO_IATI = {
    ProjectPartner.Role.FUNDING: "1",
    ProjectPartner.Role.ACCOUNTABLE: "2",
    ProjectPartner.Role.EXTENDING: "3",
    ProjectPartner.Role.IMPLEMENTING: "4",
    ProjectPartner.Role.COOPERATING: "4",
}
IATI_TO_ROLE = {"1": ProjectPartner.Role.FUNDING, "2": ProjectPartner.Role.ACCOUNTABLE,
                "3": ProjectPartner.Role.EXTENDING, "4": ProjectPartner.Role.IMPLEMENTING}

# Derived status -> IATI ActivityStatus: planned 1 (pipeline), active 2 (implementation), completed 4 (closed).
STATUS_TO_IATI = {ProjectStatus.PLANNED: "1", ProjectStatus.ACTIVE: "2", ProjectStatus.COMPLETED: "4"}
# 3 (finalisation) and 4 (closed) are both completed; 5 (cancelled) and 6 (suspended) have no Capdev
# status: they are kept on the activity's IatiActivity row and published again as they were.
IATI_TO_STATUS = {"1": ProjectStatus.PLANNED, "2": ProjectStatus.ACTIVE, "3": ProjectStatus.COMPLETED,
                  "4": ProjectStatus.COMPLETED}

# Organisation.type <-> IATI OrganisationType. Donor and other carry no type (IATI's "other" is 90,
# but a donor may be a government or a foundation: better no type than a wrong one).
ORG_TYPE_TO_IATI = {
    Organisation.Type.GOVERNMENT: "10", Organisation.Type.UN: "40", Organisation.Type.IGO: "40",
    Organisation.Type.NGO: "21", Organisation.Type.ACADEMIA: "80", Organisation.Type.PRIVATE: "70",
}


def org_type_from_iati(code: str | None, ref: str = "") -> str:
    """The Organisation.type for an IATI OrganisationType code (UN entities by their XM-DAC-41 refs)."""
    if not code:
        return Organisation.Type.OTHER
    if code in {"10", "11", "15"}:
        return Organisation.Type.GOVERNMENT
    if code in {"21", "22", "23", "24"}:
        return Organisation.Type.NGO
    if code == "40":
        return Organisation.Type.UN if ref.startswith("XM-DAC-41") else Organisation.Type.IGO
    if code in {"70", "71", "72", "73"}:
        return Organisation.Type.PRIVATE
    if code == "80":
        return Organisation.Type.ACADEMIA
    return Organisation.Type.OTHER


# Resource.type -> IATI DocumentCategory: links are the activity's web pages, everything else a project
# output (A08 "Results, outcomes and outputs").
RESOURCE_TO_CATEGORY = {"link": "A12"}
DEFAULT_CATEGORY = "A08"
CATEGORY_TO_RESOURCE = {"A12": "link", "A08": "report", "A07": "report", "A01": "report", "B01": "report",
                        "B09": "report", "B10": "report"}

MIME_BY_EXTENSION = {
    "pdf": "application/pdf", "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "zip": "application/zip", "csv": "text/csv",
    "txt": "text/plain", "json": "application/json", "xml": "application/xml",
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "mp4": "video/mp4",
}


def file_format(url: str) -> str:
    """The IATI FileFormat (a MIME type) of a URL, from its extension; web pages otherwise."""
    path = re.sub(r"[?#].*$", "", url).rstrip("/")
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return MIME_BY_EXTENSION.get(ext, "text/html")


# Region.code prefixes for regions created by the IATI importer, so they are published again in their own
# vocabulary: OECD DAC regions (RegionVocabulary 1) are kept as DAC regions rather than mapped onto UN M49, since
# IATI sums percentages per region vocabulary and a mapped region would change the sums.
DAC_REGION_PREFIX = "dac-"
OTHER_REGION_PREFIX = "iati-"

# Budget.label words that carry IATI's budget type (2 revised) and status (2 committed).
REVISED = BUDGET_REVISED_WORD
COMMITTED = "committed"


def budget_label(type_code: str | None, status_code: str | None) -> str:
    """The Budget.label an imported IATI budget gets from its type and status."""
    words = []
    if type_code == "2":
        words.append("Revised")
    if status_code == "2":
        words.append("committed" if words else "Committed")
    return " ".join(words)


def budget_codes(label: str) -> tuple[str, str]:
    """(BudgetType, BudgetStatus) codes for a Budget.label: original and indicative unless it says otherwise."""
    words = label.lower()
    return ("2" if REVISED in words else "1", "2" if COMMITTED in words else "1")


def is_one_year(start: dt.date, end: dt.date) -> bool:
    """True when a budget period is exactly one year: a calendar year or another twelve months (a fiscal year)."""
    # A budget is "yearly" only for a whole year: quarterly or monthly lines (IATI allows any period up to a
    # year) are other amounts, so that they are neither shown nor read as a year's budget.
    try:
        next_start = start.replace(year=start.year + 1)
    except ValueError:  # 29 February: the year after starts on 1 March
        next_start = dt.date(start.year + 1, 3, 1)
    return end == next_start - dt.timedelta(days=1)


# A relation's kind, read from the activity that writes it -> IATI RelatedActivityType. IATI has no phases: two
# phases of one programme, and projects related otherwise, are published as siblings (3); a duplicate is another
# report of the same activity (5, "third party"). The exact kind goes with it in Capdev's own element inside
# related-activity (the schema allows elements of another namespace there), which the import reads back.
RELATION_TO_IATI = {RelationKind.PREVIOUS_PHASE: "3", RelationKind.FOLLOW_UP: "3", RelationKind.RELATED: "3",
                    RelationKind.DUPLICATE: "5"}
# Another publisher's related-activity without Capdev's element: parent, child, sibling and co-funded
# activities are related projects; a third party's report of the same activity is a duplicate record.
IATI_TO_RELATION = {"1": RelationKind.RELATED, "2": RelationKind.RELATED, "3": RelationKind.RELATED,
                    "4": RelationKind.RELATED, "5": RelationKind.DUPLICATE}
CAPDEV_NS = "urn:capdev:iati"
RELATION_KIND_TAG = f"{{{CAPDEV_NS}}}relation"  # <capdev:relation kind="previous_phase"/>
