"""Read an IATI file in a second process while this one writes what was read.

An import spends about a third of its time reading (parsing, the codelist checks, turning elements into
ActivityData) and the rest writing; on a machine with a core to spare the two can overlap. A forked child
reads the file and sends the activities, with the findings made while reading each one, in chunks through
a bounded queue (memory stays flat whatever the file's size); the parent yields them in file order and
records the findings on its own Reader, so an import reports and decides exactly as it does in one process.
The child never touches the database (reading needs none): it inherits the parent's connections and must
leave them alone. Only where `fork` is the platform's way of starting processes (Linux); elsewhere, and
for small files, the file is read in this process (`available`).
"""
from __future__ import annotations

import multiprocessing
import queue as queues
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from .safexml import UnsafeXML, iter_activities

CHUNK = 50  # activities per message: fewer, larger messages cost less to send
QUEUED = 8  # messages waiting at most (some 400 activities' XML and values)
POLL_SECONDS = 1.0  # how often the parent looks whether a silent child is still alive
MIN_BYTES = 1 << 20  # smaller files are read in this process (starting a process costs more than it saves)


def available(path: str | Path) -> bool:
    """Whether this file is worth reading in a second process here (fork available, the file large enough)."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return Path(path).stat().st_size >= MIN_BYTES
    except OSError:
        return False


def in_this_process(path: str | Path, reader) -> Iterator:
    """Each activity of the file as reader.read makes it (its values, or Skipped), read here."""
    index = 0
    with open(path, "rb") as fh:  # opened here, so that reader.position can say how far the parser has read
        for kind, el in iter_activities(fh):
            if kind == "root":
                continue
            reader.position = fh.tell()
            yield reader.read(el, index)
            index += 1


def in_a_second_process(path: str | Path, reader) -> Iterator:
    """Each activity of the file as reader.read makes it (its values, or Skipped), read by a forked child;
    the findings it made are recorded on reader just before the activity they concern is yielded."""
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=QUEUED)
    child = context.Process(target=_read, args=(str(path), type(reader), reader.file, channel),
                            name="capdev-iati-reader", daemon=True)
    child.start()
    try:
        while True:
            try:
                kind, payload = channel.get(timeout=POLL_SECONDS)
            except queues.Empty:
                if not child.is_alive() and channel.empty():
                    raise RuntimeError(f"the process reading {reader.file} stopped (exit code {child.exitcode})")
                continue
            if kind == "activities":
                for data, findings in payload:
                    for finding in findings:
                        reader.record(finding)
                    yield data
            elif kind == "unsafe":
                raise UnsafeXML(*payload)
            elif kind == "failed":
                raise RuntimeError(f"reading {reader.file} failed in its process:\n{payload}")
            else:  # "end"
                return
    finally:
        if child.is_alive():  # the parent stopped early (an error while writing): the rest is not wanted
            child.terminate()
        child.join()
        channel.close()


def _read(path: str, reader_class, file_name: str, channel) -> None:
    """The child: read the file and send what it holds (then the end, or why reading stopped)."""
    made: list = []
    reader = reader_class(file_name, on_finding=made.append)
    chunk: list = []
    try:
        for data in in_this_process(path, reader):
            chunk.append((data, made.copy()))
            made.clear()
            if len(chunk) >= CHUNK:
                channel.put(("activities", chunk))
                chunk = []
        channel.put(("activities", chunk))
        channel.put(("end", None))
    except UnsafeXML as exc:  # what was read before the damage is reported first, as in one process
        channel.put(("activities", chunk))
        channel.put(("unsafe", (exc.message, exc.line, exc.activity)))
    except Exception:
        channel.put(("failed", traceback.format_exc()))
    channel.close()
    channel.join_thread()
