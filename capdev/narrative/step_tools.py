"""What every assembling step uses: value parsers imported on first need, a guard that keeps one odd value from
costing the whole file, and the forms text takes in values and in flags."""
from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

from .types import Record

log = logging.getLogger(__name__)
T = TypeVar("T")
EXCERPT = 80  # characters of a misplaced stretch quoted in its flag

def _values(name: str) -> Any:
    """A value-parser module (capdev.narrative.values.NAME), imported when first needed."""
    return importlib.import_module(f"{__package__}.values.{name}")


def _guard(record: Record, field: str, default: T, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a value parser; if it fails, flag the field and go on, so one odd value never costs the whole file."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - any parser bug must stay local to its field
        log.warning("value parser %s failed on %r: %r", getattr(fn, "__qualname__", fn), args[:1], exc)
        record.flag(field, f"could not be read ({type(exc).__name__})")
        return default


_LINE_BREAK = re.compile(r"\r\n?")


def _nl(text: str) -> str:
    """Line breaks as '\n' in a value (spans still index the text as written)."""
    return _LINE_BREAK.sub("\n", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str) -> str:
    """A stretch of text as quoted in a flag: one line, cut at a word near EXCERPT characters."""
    line = " ".join(text.split())
    if len(line) <= EXCERPT:
        return f"\u201c{line}\u201d"
    return f"\u201c{line[:EXCERPT].rsplit(' ', 1)[0]}\u2026\u201d"


def unbracketed(value: str) -> str:
    """"[open data, budgeting]": a YAML page's inline list without its brackets."""
    v = value.strip()
    return v[1:-1] if v[:1] == "[" and v[-1:] == "]" else value
