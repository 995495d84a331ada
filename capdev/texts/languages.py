"""The languages a project's texts may be translated into, and their IATI codes (no model: the IATI reader, which
may run in a process of its own, imports this)."""
from __future__ import annotations

from django.conf import settings

# The six UN languages, as the interface names them (settings.LANGUAGES): "zh-hans" for Chinese.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def same_language(a: str, b: str) -> bool:
    """Whether two language codes name the same language ("zh" and "zh-hans", "en" and "en-gb")."""
    return (a or "").lower().split("-")[0] == (b or "").lower().split("-")[0]


def from_iati(code: str) -> str:
    """The interface's code of an IATI Language code ("zh" -> "zh-hans"), "" for a language that is not one of
    the six."""
    base = (code or "").strip().lower().split("-")[0]
    return next((c for c in LANGUAGE_CODES if c.split("-")[0] == base), "")


def to_iati(code: str) -> str:
    """The IATI Language code of a language code ("zh-hans" -> "zh": the codelist is ISO 639-1)."""
    return (code or "").lower().split("-")[0]
