"""A file read by a second process (capdev.iati.read_ahead) imports exactly as one read in the importing process:
the same rows, history and documents, the same findings in the same order, the same refusals, nothing left
behind when either side fails."""
from __future__ import annotations

import io
import multiprocessing
import os

import pytest
from django.core.management import call_command

from capdev.iati import importer, read_ahead
from capdev.iati.importer import IatiImporter

from ._helpers import FILES, count_activities, data_files
from .test_import import table_sizes
from .test_import_fast import import_and_dump


@pytest.fixture
def ahead(monkeypatch):
    """Every file read ahead (however small), in chunks of two activities; counts the files read so."""
    monkeypatch.setattr(read_ahead, "MIN_BYTES", 0)
    monkeypatch.setattr(read_ahead, "CHUNK", 2)
    used = []
    real = read_ahead.in_a_second_process
    monkeypatch.setattr(read_ahead, "in_a_second_process", lambda path, reader: used.append(path) or real(path, reader))
    return used


def assert_same_import(path, ahead_used, **options):
    here, here_result = import_and_dump(path, "copy", **options)
    there, there_result = import_and_dump(path, "copy", read_ahead=True, **options)
    assert ahead_used == [path]
    assert (there_result.activities, there_result.created, there_result.updated, there_result.unchanged,
            there_result.skipped, there_result.by_rule, there_result.skip_reasons) == (
        here_result.activities, here_result.created, here_result.updated, here_result.unchanged, here_result.skipped,
        here_result.by_rule, here_result.skip_reasons)
    assert [str(f) for f in there_result.findings] == [str(f) for f in here_result.findings]
    assert there == here
    return there, there_result


@pytest.mark.parametrize("name, activities", [("good_activity.xml", 1), ("warnings_activity.xml", 1),
                                               ("publisher_faults.xml", 7), ("skipped_activities.xml", 8)])
def test_a_file_read_ahead_imports_as_one_read_here(portfolio, db, ahead, name, activities):
    written, result = assert_same_import(FILES / name, ahead, publish=True)
    assert written["projects.Project"] and result.activities == activities


@pytest.mark.slow
@pytest.mark.parametrize("path", data_files() or [None], ids=lambda p: p.name if p else "absent")
def test_each_shared_file_read_ahead_imports_as_one_read_here(portfolio, db, ahead, path):
    if path is None:
        pytest.skip("shared/iati/data is absent (set CAPDEV_SHARED)")
    written, result = assert_same_import(path, ahead)
    assert len(written["projects.Project"]) == result.created == result.activities == count_activities(path)


def test_findings_reported_as_they_come_arrive_in_the_same_order(portfolio, db, ahead):
    path = FILES / "warnings_activity.xml"
    heard_here, heard_there = [], []
    IatiImporter(dry_run=True, on_finding=heard_here.append).import_file(path)
    IatiImporter(dry_run=True, on_finding=heard_there.append, read_ahead=True).import_file(path)
    assert len(heard_there) == 4 and heard_there == heard_here and ahead == [path]


@pytest.mark.parametrize("name", ["xxe.xml", "billion_laughs.xml", "truncated.xml", "wrong_root.xml", "version_1.xml"])
def test_a_damaged_or_hostile_file_is_refused_as_in_one_process(portfolio, db, ahead, name):
    sizes = table_sizes()
    here = IatiImporter(publish=True).import_file(FILES / name)
    there = IatiImporter(publish=True, read_ahead=True).import_file(FILES / name)
    assert there.refused and [str(f) for f in there.errors] == [str(f) for f in here.errors]
    assert table_sizes() == sizes and ahead == [FILES / name]


def test_damage_late_in_a_file_undoes_the_batches_written_before_it(portfolio, db, ahead, tmp_path):
    good = (FILES / "good_activity.xml").read_bytes()
    body = good.split(b"<iati-activities", 1)[1].split(b">", 1)[1].replace(b"</iati-activities>", b"")
    many = b"".join(body.replace(b"GOOD-1", f"MANY-{i}".encode()) for i in range(7))
    path = tmp_path / "cut.xml"
    path.write_bytes(good.split(b"<iati-activity ", 1)[0] + many + b"<iati-activity><iati-ident")  # cut mid-element
    sizes = table_sizes()
    result = IatiImporter(batch=2, read_ahead=True).import_file(path)
    assert result.refused and result.activities == 7 and "not well-formed" in result.errors[0].message
    assert table_sizes() == sizes


def _dies(path, reader_class, file_name, channel):
    os._exit(3)


def test_a_reading_process_that_dies_fails_the_import_and_changes_nothing(portfolio, db, ahead, monkeypatch):
    monkeypatch.setattr(read_ahead, "POLL_SECONDS", 0.05)
    monkeypatch.setattr(read_ahead, "_read", _dies)
    sizes = table_sizes()
    with pytest.raises(RuntimeError, match="stopped \\(exit code 3\\)"):
        IatiImporter(read_ahead=True).import_file(FILES / "good_activity.xml")
    assert table_sizes() == sizes


def test_an_error_while_writing_stops_the_reading_process(portfolio, db, ahead, monkeypatch, tmp_path):
    good = (FILES / "good_activity.xml").read_bytes()
    body = good.split(b"<iati-activities", 1)[1].split(b">", 1)[1].replace(b"</iati-activities>", b"")
    path = tmp_path / "long.xml"
    path.write_bytes(good.split(b"<iati-activity ", 1)[0] +
                     b"".join(body.replace(b"GOOD-1", f"LONG-{i}".encode()) for i in range(400))
                     + b"</iati-activities>")
    # many small messages: the child is still sending when the parent gives up
    monkeypatch.setattr(read_ahead, "CHUNK", 1)

    def fails(self):
        raise ValueError("the disk is full")

    monkeypatch.setattr(importer.BatchWriter, "write", fails)
    with pytest.raises(ValueError, match="disk is full"):
        IatiImporter(batch=2, read_ahead=True).import_file(path)
    assert multiprocessing.active_children() == []


def test_small_files_are_read_here():
    assert not read_ahead.available(FILES / "good_activity.xml")  # 1 MB at least is worth a process
    assert not read_ahead.available(FILES / "no-such-file.xml")


def test_the_command_reads_ahead_unless_told_to_use_one_process(portfolio, db, ahead):
    out, err = io.StringIO(), io.StringIO()
    call_command("iati", "import", str(FILES / "good_activity.xml"), "--dry-run", stdout=out, stderr=err)
    assert len(ahead) == 1 and "1 activities read, 1 imported" in out.getvalue()
    call_command("iati", "import", str(FILES / "good_activity.xml"), "--dry-run", "--one-process", stdout=out,
                 stderr=err)
    assert len(ahead) == 1 and out.getvalue().count("1 activities read, 1 imported") == 2


def test_the_command_says_its_reader_stopped_and_exits_non_zero(portfolio, db, ahead, monkeypatch):
    from django.core.management import CommandError

    monkeypatch.setattr(read_ahead, "_read", _dies)
    sizes = table_sizes()
    with pytest.raises(CommandError, match=r"good_activity.xml stopped \(exit code 3\) before the end of the file; "
                                           r"nothing was imported"):
        call_command("iati", "import", str(FILES / "good_activity.xml"), stdout=io.StringIO(), stderr=io.StringIO())
    assert table_sizes() == sizes
