"""The error a source reader raises: the parser's InputError, so every caller that handles one handles both."""
from __future__ import annotations

from capdev.narrative.errors import InputError


class SourceError(InputError):
    """A document that cannot be turned into text (damaged, scanned, encrypted, over a limit), saying why."""
