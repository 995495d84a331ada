"""Giving memory back to the operating system after a large, short-lived allocation.

Why: reading the in-memory index of a million projects allocates several hundred MB of int64 columns that are
narrowed and dropped within seconds. glibc's allocator keeps such freed memory for reuse instead of returning
it: measured, a worker held 1.05 GB where 0.37 GB was alive, and no later allocation of the process needed
the rest. malloc_trim hands it back.
"""
from __future__ import annotations

import ctypes
import sys


def release_freed_memory() -> bool:
    """Ask the C allocator to return the memory freed so far (glibc on Linux; elsewhere nothing): whether any was."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # another C library (musl has no malloc_trim)
        return False
    return bool(trim(0))
