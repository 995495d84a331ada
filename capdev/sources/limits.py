"""Bounds on reading one document: size, pages, unpacked size, characters of text, and time."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .errors import SourceError


@dataclass(frozen=True)
class Limits:
    """What one document may cost; the Django settings CAPDEV_IMPORT_* set them (docs/import.md)."""

    max_bytes: int = 20 * 1024 * 1024  # the file as uploaded
    max_pages: int = 500  # PDF pages, or the page count a DOCX declares
    max_unpacked_bytes: int = 100 * 1024 * 1024  # a DOCX's zip members, all together, once unpacked
    max_ratio: int = 200  # a zip member unpacking to more than this many times its packed size is a bomb
    max_members: int = 2000  # zip members in a DOCX
    max_chars: int = 5_000_000  # characters of text produced
    max_seconds: float = 120.0  # time spent reading one document


def human_size(n: int) -> str:
    """1536 -> '1.5 KB', 20971520 -> '20 MB'."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.1f}".rstrip("0").rstrip(".") if unit != "bytes" else str(int(value))
            return f"{text} {unit}"
        value /= 1024
    return f"{n} bytes"  # pragma: no cover


@dataclass
class Budget:
    """The running account of one read: characters written so far and the deadline."""

    limits: Limits
    name: str
    started: float = field(default_factory=lambda: time.monotonic())
    chars: int = 0

    def check_time(self, where: str) -> None:
        """Refuse when the read has taken longer than max_seconds (checked between pages, blocks, rows)."""
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise SourceError(f"reading took longer than the limit of {self.limits.max_seconds:g} seconds "
                              f"(stopped at {where})", name=self.name)

    def add_text(self, text: str, where: str) -> None:
        """Count characters written; refuse past max_chars."""
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise SourceError(f"more than {self.limits.max_chars:,} characters of text (limit reached at "
                              f"{where})", name=self.name)
