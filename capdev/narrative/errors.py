"""The errors the parser lets out: input it cannot read as project records (InputError), or larger than it takes
(LimitExceeded, a kind of InputError)."""
from __future__ import annotations


class InputError(Exception):
    """Bad input (empty, binary, unreadable or without any record), with a one-line message saying where."""

    def __init__(self, message: str, *, name: str | None = None) -> None:
        # One line always: the CLI prints this as is, and a multi-line error would hide the file name.
        text = " ".join(str(message).split())
        super().__init__(f"{name}: {text}" if name else text)
        self.name = name


class LimitExceeded(InputError):
    """Input larger than the parser takes (capdev.narrative.limits): a record or a file too long."""
