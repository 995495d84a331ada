"""The narrative parser: free-text project pages to Record objects, every character kept in a span.

Plain Python, no Django. Entry points: decode_bytes, parse_text, parse_file; `python -m capdev.narrative FILE...`.

Status is passed through from a "Status:" label only; deriving one from the dates is the loader's job,
because it knows today's date.
"""
from __future__ import annotations

import os
from pathlib import Path

from .assemble import assemble as _assemble_record
from .decode import decode_bytes
from .errors import InputError
from .prose_records import prose_records
from .relate import link_related
from .segment import segment
from .types import Record

PARSER_VERSION = "1.0.0"

__all__ = ["PARSER_VERSION", "InputError", "Record", "decode_bytes", "parse_file", "parse_text"]


def parse_text(text: str, source_file: str | None = None) -> list[Record]:
    """Records found in decoded text, in order; InputError when there is none."""
    raws = segment(text) or prose_records(text)
    if not raws:
        raise InputError("no recognisable project record", name=source_file or "<input>")
    records = [_assemble_record(text, raw, i, source_file) for i, raw in enumerate(raws)]
    link_related(records)
    return records


def parse_file(path: str | os.PathLike[str]) -> list[Record]:
    """Read, decode and parse one file; InputError when it is unreadable, empty, binary or holds no record."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", name=name) from None
    return parse_text(decode_bytes(data, name=name), source_file=name)
