"""Read an IATI file in a second process while this one writes what was read.

An import spends about a third of its time reading (parsing, the codelist checks, turning elements into
ActivityData) and the rest writing; on a machine with a core to spare the two can overlap. A forked child
reads the file and sends the activities, with the findings made while reading each one, in chunks through
a one-way pipe (a send waits while the pipe is full: memory stays flat whatever the file's size); the parent
yields them in file order and records the findings on its own Reader, so an import reports and decides
exactly as it does in one process. The child never touches the database (reading needs none): it inherits
the parent's connections and must leave them alone. Only where `fork` is the platform's way of starting
processes (Linux); elsewhere, and for small files, the file is read in this process (`available`).

Neither process outlives the other. Each holds only its own end of the pipe, so when the reader dies the
parent's next read finds the pipe closed (even halfway through a message) and the import stops with
ReaderStopped (its transaction rolled back); when the parent dies, however killed, the kernel kills the
reader (PR_SET_PDEATHSIG), and a reader that missed that (the parent died before it was set up) sees its
parent gone at its next send and exits.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from .safexml import UnsafeXML, iter_activities

CHUNK = 50  # activities per message: fewer, larger messages cost less to send
POLL_SECONDS = 1.0  # how often each side looks whether the other is still alive while it waits
MIN_BYTES = 1 << 20  # smaller files are read in this process (starting a process costs more than it saves)
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class ReaderStopped(RuntimeError):
    """The process reading the file stopped before the end (killed, or crashed): nothing was imported."""


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
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(str(path), type(reader), reader.file, sending, receiving, os.getpid()),
                            name="capdev-iati-reader", daemon=True)
    child.start()
    sending.close()  # the child's end: once the child is gone, nothing holds it open and a read finds it closed
    try:
        while True:
            if not receiving.poll(POLL_SECONDS):
                continue  # the child is still reading (a dead child closes the pipe: poll says so at once)
            try:
                kind, payload = receiving.recv()
            except (EOFError, OSError):
                child.join(POLL_SECONDS)
                raise ReaderStopped(f"the process reading {reader.file} stopped {_how(child.exitcode)} before "
                                    f"the end of the file; nothing was imported from it") from None
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
        receiving.close()  # a child still sending gets a broken pipe and exits
        if child.is_alive():  # the parent stopped early (an error while writing): the rest is not wanted
            child.terminate()
        child.join()


def _how(exitcode: int | None) -> str:
    if exitcode is None:
        return "(it does not answer)"
    if exitcode < 0:
        try:
            return f"(killed by {signal.Signals(-exitcode).name})"
        except ValueError:
            return f"(killed by signal {-exitcode})"
    return f"(exit code {exitcode})"


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux); if the parent is already gone, exit."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the parent is looked for at each send instead
        pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _child(path: str, reader_class, file_name: str, channel, parents_end, parent: int) -> None:
    die_with_parent(parent)
    parents_end.close()  # only the parent reads: with its end closed here, a dead parent means a broken pipe
    _read(path, reader_class, file_name, _Sender(channel, parent))


class _Sender:
    """The child's end of the pipe: a send waits while the pipe is full, looking every POLL_SECONDS whether
    the parent is still there (a child whose parent died is adopted by another process)."""

    def __init__(self, channel, parent: int) -> None:
        self.channel = channel
        self.parent = parent

    def put(self, message) -> None:
        if os.getppid() != self.parent:
            os._exit(1)
        try:
            self.channel.send(message)
        except (BrokenPipeError, OSError):  # the parent closed its end (it stopped, or died): nobody reads
            os._exit(1)

    def close(self) -> None:
        self.channel.close()


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
