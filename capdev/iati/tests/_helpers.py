"""Shared helpers of the IATI tests: files, the schema, counting activities."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

FILES = Path(__file__).with_name("files")


def iati_shared() -> Path:
    """shared/iati (it may be absent: tests that need it skip)."""
    from capdev.iati.conf import shared_dir

    return shared_dir() / "iati"


def data_files() -> list[Path]:
    """The real publishers' files in shared/iati/data."""
    folder = iati_shared() / "data"
    return sorted(folder.glob("*.xml")) if folder.exists() else []


def schema() -> etree.XMLSchema | None:
    """The official XSD, or None when shared/ is absent."""
    from capdev.iati.validate import load_schema

    return load_schema()


def count_activities(path: Path) -> int:
    """How many iati-activity elements a file has (counted with iterparse)."""
    return sum(1 for _ in etree.iterparse(str(path), tag="iati-activity", resolve_entities=False, no_network=True))


def without_generated(xml: bytes) -> bytes:
    """The document without its generated-datetime (the only thing that differs between two exports)."""
    return re.sub(rb'generated-datetime="[^"]*"', b'generated-datetime=""', xml)
