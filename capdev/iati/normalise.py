"""Obvious corrections of codes that are not in their codelist as written: the code the publisher meant.

Real files write `TEXT/HTML` for the FileFormat `text/html`, `usd` for USD, ` LC ` for LC, and SDG targets
as `16-6` or `16.06`. Each is unknown to the codelist as written, yet there is exactly one code it can mean.
`correct(codelist, value)` gives that code, or None when there is none or more than one (then the value is an
unknown code, kept as written and flagged). The importer records every correction as a finding ("normalised"),
with the value as written, so nothing is changed silently. No database: the reading process calls it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import codelists

# FileFormat written as a file's extension ("PDF"): the MIME type it names, when the codelist has it.
_EXTENSION_MIME = {
    "pdf": "application/pdf", "htm": "text/html", "html": "text/html", "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv", "txt": "text/plain", "json": "application/json", "xml": "application/xml",
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "zip": "application/zip",
}
# "16.6", "16-6", "16 .06", "Target 16.6", "SDG 16.a": a goal, a separator, a target number or letter.
_TARGET = re.compile(r"^(?:(?:sdg|target|goal)\s*)*0*(\d{1,2})\s*[.\-_,:/ ]\s*(\d{1,2}|[a-z])\.?$", re.IGNORECASE)
# "SDG 16", "Goal 16", "SDG16", "016".
_GOAL = re.compile(r"^(?:(?:sdg|goal)\s*)*0*(\d{1,2})\.?$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _folded(name: str) -> dict[str, str | None]:
    """{code in lower case: code} of a codelist; None where two codes differ only in case (no guessing)."""
    out: dict[str, str | None] = {}
    for code in codelists.codes(name):
        key = code.lower()
        out[key] = None if key in out and out[key] != code else code
    return out


def correct(codelist: str, value: str) -> str | None:
    """The one code of `codelist` that `value` (not in it as written) obviously means, or None."""
    known = codelists.codes(codelist)
    if not known:
        return None
    stripped = " ".join(value.split())
    candidates = [stripped, _folded(codelist).get(stripped.lower())]
    if stripped.isdigit():
        candidates.append(stripped.lstrip("0") or "0")  # "02" for ActivityStatus 2
    if codelist == "UNSDG-Targets":
        m = _TARGET.match(stripped)
        if m:
            goal, target = m.groups()
            candidates.append(f"{int(goal)}.{int(target) if target.isdigit() else target.lower()}")
    elif codelist == "UNSDG-Goals":
        m = _GOAL.match(stripped)
        if m:
            candidates.append(str(int(m.group(1))))
    elif codelist == "FileFormat":
        candidates.append(_EXTENSION_MIME.get(stripped.lower().lstrip(".")))
    return next((c for c in candidates if c and c != value and c in known), None)
