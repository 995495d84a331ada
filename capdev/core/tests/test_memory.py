"""Memory freed by a large build is handed back to the operating system (glibc keeps it otherwise)."""
import sys

import pytest

from capdev.core import memory


def _rss_kb() -> int:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim: Linux only")
def test_memory_freed_in_small_pieces_goes_back_to_the_system():
    pieces = [bytearray(4000) for _ in range(50_000)]  # 200 MB in pieces below the mmap threshold: the heap
    keep = pieces[::1000]  # a few stay alive, as objects of a running process do
    grown = _rss_kb()
    del pieces
    held = _rss_kb()
    assert memory.release_freed_memory()
    assert _rss_kb() < held - 100_000 and held > grown - 100_000  # freed but held, then given back
    assert len(keep) == 50


def test_the_index_build_gives_its_transient_columns_back(synthetic, db, monkeypatch, settings):
    from capdev.projects.facet_index import cache, lexemes

    calls = []
    monkeypatch.setattr(cache, "release_freed_memory", lambda: calls.append(True))
    monkeypatch.setattr(lexemes, "release_freed_memory", lambda: calls.append(True))
    settings.CAPDEV_FACET_INDEX_BACKGROUND = False
    cache.clear()
    index = cache.get_index()
    assert calls == [True] * (1 + (index.lexemes is not None))  # after the index, and after the lexemes (PostgreSQL)
