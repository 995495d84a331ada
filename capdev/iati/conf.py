"""Where the IATI reference material is, and the IATI settings with their defaults."""
from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).with_name("data")
# Stored on each SourceRecord: an activity imported by another version is written again even when unchanged.
# iati-2: the goal of each SDG target is linked too; budget kind "yearly" only for a period of exactly one year;
# a lone type-1 description repeating the title (the export's stand-in) is not stored as a summary.
# iati-3: codes obviously meant are corrected (TEXT/HTML, usd, 16-6...); every finding becomes a ReviewFlag.
# iati-4: related activities become relations between projects (their kind from Capdev's element, else the type).
IMPORTER_VERSION = "iati-4"


def shared_dir() -> Path:
    """The shared/ folder: $CAPDEV_SHARED, or `shared/` beside the repository root (it may not exist)."""
    env = os.environ.get("CAPDEV_SHARED")
    if env:
        return Path(env)
    return (Path(settings.PROJECT_DIR) / ".." / "shared").resolve()


def schema_dir() -> Path:
    """The folder with the official IATI 2.03 XSDs (setting CAPDEV_IATI_SCHEMA_DIR)."""
    configured = getattr(settings, "CAPDEV_IATI_SCHEMA_DIR", None)
    return Path(configured) if configured else shared_dir() / "iati" / "schema-2.03"


def schema_file() -> Path:
    """The activities schema; it may be absent, in which case XSD validation is skipped."""
    return schema_dir() / "iati-activities-schema.xsd"


def reporting_org() -> dict[str, str]:
    """The reporting organisation: ref, name and IATI OrganisationType code."""
    org = getattr(settings, "CAPDEV_REPORTING_ORG", {}) or {}
    return {"ref": org.get("ref", ""), "name": org.get("name", ""), "type": org.get("type", "")}


def default_currency() -> str:
    """The currency of activities whose budgets say none."""
    return getattr(settings, "CAPDEV_IATI_DEFAULT_CURRENCY", "USD")


def default_dac_sector() -> str:
    """The DAC 5-digit sector used when neither the project nor its units give one."""
    return getattr(settings, "CAPDEV_IATI_DEFAULT_DAC_SECTOR", "15110")


def unspecified_region() -> str:
    """The DAC region code published for projects with no country and no region ('' to omit)."""
    return getattr(settings, "CAPDEV_IATI_UNSPECIFIED_REGION", "998")


def language() -> str:
    """The default language (xml:lang) of the narratives Capdev writes."""
    return getattr(settings, "LANGUAGE_CODE", "en").split("-")[0]
