"""Neither process of a read-ahead import outlives the other: real processes, killed with SIGKILL.

A driver process plays the importing command: it reads a file through read_ahead.in_a_second_process (the
real forked reader, the real Reader), takes the first message, then stops reading, so that the reader fills
the pipe and waits in the middle of sending its next message. Then one of the two is killed. Waits are
bounded and fail saying what is still running; nothing here measures time.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._helpers import FILES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the reader is forked on Linux only")

ROOT = Path(__file__).resolve().parents[3]
WAIT = 60  # seconds at most for the other process to react (it takes a fraction of one)

DRIVER = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capdev.settings.test")
import django
django.setup()
import multiprocessing
from capdev.iati import read_ahead
from capdev.iati.reader import Reader

read_ahead.CHUNK = 100  # messages larger than a pipe holds: a reader killed while sending leaves half of one
path = sys.argv[1]
activities = read_ahead.in_a_second_process(path, Reader(path))
next(activities)
print(multiprocessing.active_children()[0].pid, flush=True)
sys.stdin.readline()  # the test says when to read on (or kills this process first)
try:
    for _ in activities:
        pass
except read_ahead.ReaderStopped as exc:
    print(exc, flush=True)
    sys.exit(3)
print("read to the end", flush=True)
"""


@pytest.fixture
def big_file(tmp_path) -> Path:
    """400 activities: far more than the pipe holds."""
    good = (FILES / "good_activity.xml").read_bytes()
    body = good.split(b"<iati-activities", 1)[1].split(b">", 1)[1].replace(b"</iati-activities>", b"")
    path = tmp_path / "many.xml"
    path.write_bytes(good.split(b"<iati-activity ", 1)[0] +
                     b"".join(body.replace(b"GOOD-1", f"MANY-{i}".encode()) for i in range(400)) +
                     b"</iati-activities>")
    return path


def start_driver(path: Path) -> tuple[subprocess.Popen, int]:
    """The driver, and the pid of the reader it forked (once that reader waits on a full pipe)."""
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = driver.stdout.readline()
    if not line.strip().isdigit():
        driver.kill()
        pytest.fail(f"the driver did not start its reader: {line!r} {driver.stderr.read()[-2000:]}")
    reader = int(line)
    waits_on_pipe(reader)
    return driver, reader


def waits_on_pipe(pid: int) -> None:
    """Wait (bounded) until a thread of the process is blocked writing to a pipe, where the kernel says so."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            channels = [(task / "wchan").read_text() for task in Path(f"/proc/{pid}/task").iterdir()]
        except OSError:
            return
        if any("pipe" in c for c in channels) or not any(c.strip("0") for c in channels):
            return  # blocked on the pipe (or the kernel does not tell: go on all the same)
        time.sleep(0.05)


def running(pid: int) -> bool:
    """Is the process there and not a zombie (a dead child nobody has reaped yet)?"""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_until_gone(pid: int) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.05)
    return False


def test_the_reader_exits_when_the_importing_process_is_killed(big_file):
    driver, reader = start_driver(big_file)
    try:
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(WAIT)
        assert wait_until_gone(reader), f"the reader (pid {reader}) is still running {WAIT} s after its parent died"
    finally:
        if running(reader):
            os.kill(reader, signal.SIGKILL)
        driver.kill()


def test_the_import_stops_with_a_clear_error_when_its_reader_is_killed(big_file):
    driver, reader = start_driver(big_file)
    try:
        os.kill(reader, signal.SIGKILL)
        try:
            out, err = driver.communicate("go\n", timeout=WAIT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the importing process still waits {WAIT} s after its reader was killed")
        assert driver.returncode == 3, (out, err[-2000:])
        assert "stopped (killed by SIGKILL) before the end of the file" in out
        assert "nothing was imported" in out
    finally:
        driver.kill()
        if running(reader):
            os.kill(reader, signal.SIGKILL)
