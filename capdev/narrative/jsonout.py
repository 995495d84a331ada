"""The parsed records of files as one JSON list, written without holding the records (`--json`, the CLI).

Each record is written to a temporary file as it is parsed; the list is written out once every file has
been read, so that a refused file leaves nothing half-written, and the links to related records that only a
later record revealed are added to the earlier ones on the way. The output is exactly
json.dump([record.to_json(), ...], ensure_ascii=False, indent=2).
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from typing import TextIO

from . import iter_file
from .relate import Relater


def write_json(paths: Iterable[str | os.PathLike[str]], out: TextIO) -> int:
    """Write the records of the files to out as one JSON list; returns how many. InputError when a file is
    refused (then nothing is written)."""
    later: dict[int, list[int | str]] = {}  # spooled record -> references of the later records related to it
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for path in paths:
            relater, first = Relater(), count
            for record in iter_file(path, relater=relater):
                spool.write(json.dumps(record.to_json(), ensure_ascii=False))
                spool.write("\n")
                count += 1
            later.update((first + position, refs) for position, refs in relater.later.items())
        spool.seek(0)
        if not count:
            out.write("[]")
            return 0
        out.write("[\n")
        for n, line in enumerate(spool):
            data = json.loads(line)
            for ref in later.get(n, ()):
                if ref not in data["related_to"]:
                    data["related_to"].append(ref)
            text = json.dumps(data, ensure_ascii=False, indent=2)
            out.write("  " + text.replace("\n", "\n  "))
            out.write(",\n" if n + 1 < count else "\n")
        out.write("]")
    return count
