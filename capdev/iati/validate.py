"""Validate IATI activity XML: the official XSD (when it is installed), IATI's ruleset and its codelists.

`validate_file` reads a file one activity at a time (memory flat in file size); `validate_project` checks
what Capdev would publish for one project, for the editor to see before publishing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterator

from django.utils.translation import gettext as _
from lxml import etree

from . import codelists, conf
from .findings import ERROR, WARNING, Finding
from .rulesets import Checker
from .safexml import UnsafeXML, iter_activities

SUPPORTED_VERSIONS = {"2.01", "2.02", "2.03"}


@lru_cache(maxsize=4)
def _schema(path: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(path, parser))


def load_schema() -> etree.XMLSchema | None:
    """The official activities XSD, or None when it is not installed (then XSD checks are skipped)."""
    path = conf.schema_file()
    if not path.exists():
        return None
    return _schema(str(path))


def schema_missing_message() -> str:
    """The message given when the XSD is absent."""
    return _("XSD validation skipped: the IATI 2.03 schema is not at %(path)s (set CAPDEV_IATI_SCHEMA_DIR or "
             "CAPDEV_SHARED); the ruleset and codelist checks still ran.") % {"path": conf.schema_file()}


def check_root(root: etree._Element) -> list[Finding]:
    """Findings about the iati-activities element itself (version, generated-datetime)."""
    out = []
    version = root.get("version", "")
    if version not in SUPPORTED_VERSIONS:
        out.append(Finding(ERROR, _("IATI version %(v)r is not supported (2.01 to 2.03 are)") % {"v": version},
                           root.sourceline, rule="version"))
    return out


def xsd_findings(schema: etree.XMLSchema, element: etree._Element, identifier: str) -> list[Finding]:
    """XSD errors of one iati-activity element, validated as its own document."""
    if schema.validate(element):
        return []
    return [Finding(ERROR, f"XSD: {e.message}", e.line or element.sourceline, identifier, rule="xsd")
            for e in schema.error_log]


def validate_stream(source: str | Path | IO[bytes], today: dt.date | None = None,
                    use_schema: bool = True) -> Iterator[Finding]:
    """Every finding about an IATI activities file, activity by activity (safe, streamed parsing)."""
    schema = load_schema() if use_schema else None
    if use_schema and schema is None:
        yield Finding(WARNING, schema_missing_message(), rule="xsd")
    checker = Checker(today=today)
    try:
        for kind, element in iter_activities(source):
            if kind == "root":
                yield from check_root(element)
                continue
            ident = (element.findtext("iati-identifier") or "").strip()
            if schema is not None:
                yield from xsd_findings(schema, element, ident)
            yield from codelists.check_activity(element, ident)
            yield from checker.check(element, ident)
    except UnsafeXML as exc:
        yield Finding(ERROR, exc.message, exc.line, exc.activity, rule="xml")


def validate_file(path: str | Path, today: dt.date | None = None) -> list[Finding]:
    """Every finding about an IATI activities file, each carrying the file name."""
    name = str(path)
    return [dataclasses.replace(f, file=name) for f in validate_stream(path, today)]


def validate_bytes(data: bytes, name: str = "<xml>", today: dt.date | None = None) -> list[Finding]:
    """Every finding about an IATI activities document given as bytes."""
    return [dataclasses.replace(f, file=name) for f in validate_stream(io.BytesIO(data), today)]


def validate_project(project, today: dt.date | None = None) -> list[Finding]:
    """What the validator says of the XML Capdev would publish for this project (shown before publishing)."""
    from .export import Context, project_document

    ctx = Context(today=today) if today else Context()
    if project.start_date is None and project.end_date is None:
        return [Finding(ERROR, _("The project has no start or end date: IATI requires at least one activity date "
                                 "(a planned start date, rule 6.11.1)."), rule="6.11.1")]
    return validate_bytes(project_document(project, ctx), name=f"project {project.pk}", today=today)
