"""A file of any size is imported a batch at a time, in one transaction; what exceeds a limit is refused whole.

Streaming is checked by what stays alive, not by how long anything takes: while the loader takes record n
from the parser, no parsed record before the current batch is still held anywhere.
"""
from __future__ import annotations

import gc
import io
import os
import weakref

import pytest
from django.core.management import CommandError, call_command

from capdev.importer.loader import FileResult, RecordLoader
from capdev.narrative import decode, limits
from capdev.projects.models import Project, ProjectRelation, SourceFile, SourceRecord
from capdev.reference.models import Currency

from .test_loader import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference():
    Currency.objects.create(code="USD", name="US Dollar")  # what the pages below name (load_reference is slow)


def page(i: int, objective: str | None = None) -> str:
    return (f"Objective: {objective or f'To strengthen the civil service of ministry number {i}.'}\n"
            f"Division: DMB\nBudget: US$ {i + 1},000\n")


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_legacy", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_loader_holds_no_more_than_one_batch_of_parsed_records():
    alive: list[weakref.ref] = []
    most = 0

    def records():
        nonlocal most
        for i in range(23):
            gc.collect()
            # Records handed over before this one and not yet let go of: the current batch at most.
            most = max(most, sum(1 for ref in alive if ref() is not None))
            record = make_record(index=i, code=f"S{i}", text=f"record {i}")
            alive.append(weakref.ref(record))
            yield record

    result = RecordLoader(batch=5).load_records(records(), FileResult("portfolio.txt"))
    assert (result.found, result.created) == (23, 23) and result.error is None
    assert 0 < most <= 5, f"{most} parsed records were held at once"
    assert Project.objects.count() == 23


def test_records_written_in_batches_are_those_written_at_once(tmp_path):
    path = tmp_path / "pages.txt"
    # Records 0 and 5 nearly the same (related), in different batches of two.
    same = "To strengthen the capacities of public institutions to deliver services through digital government."
    path.write_text("".join(page(i, same if i in (0, 5) else None) for i in range(7)), encoding="utf-8")
    one_by_one = RecordLoader(batch=2, dry_run=True).load_path(path)
    assert (one_by_one.found, one_by_one.created) == (7, 7)
    result = RecordLoader(batch=2).load_path(path)
    assert (result.found, result.created, result.error) == (7, 7, None)
    first, sixth = (Project.objects.get(pk=result.project_ids[i]) for i in (0, 5))
    assert ProjectRelation.objects.filter(from_project=first, to_project=sixth).exists()
    assert [s.index for s in SourceRecord.objects.order_by("index")] == list(range(7))
    again = RecordLoader(batch=3).load_path(path)
    assert (again.unchanged, again.created, again.updated) == (7, 0, 0)


def test_a_record_over_the_limit_refuses_the_file_and_writes_nothing(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(page(1) + "Objective: a page that never ends.\n" +
                    "A line of narrative telling more.\n" * (limits.MAX_RECORD_CHARS // 30) + "Division: EGB\n",
                    encoding="utf-8")
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        run(path)
    assert Project.objects.count() == 0
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_legacy", str(path), "--dry-run", stdout=io.StringIO(), stderr=err)
    message = err.getvalue().strip()
    assert message.startswith("error: long.txt: the record from line 4 runs over 200,000 characters")
    assert "one record may hold at most 200,000 characters" in message and "nothing written" in message
    with pytest.raises(CommandError, match="the record from line 4 runs over 200,000 characters"):
        run(path, "--json")


def test_a_line_longer_than_a_record_may_be_is_refused(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("Objective: " + "word " * limits.MAX_RECORD_CHARS, encoding="utf-8")
    with pytest.raises(CommandError):
        run(path)
    assert Project.objects.count() == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: takes no room on the disk
        fh.truncate(limits.MAX_FILE_BYTES + 1)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_legacy", str(path), stdout=io.StringIO(), stderr=err)
    assert f"the file is {limits.MAX_FILE_BYTES + 1:,} bytes, over the limit of {limits.MAX_FILE_BYTES:,}" \
        in err.getvalue()
    assert Project.objects.count() == 0


def test_an_error_late_in_a_file_undoes_the_batches_written_before_it(tmp_path):
    path = tmp_path / "late.txt"
    path.write_text("".join(page(i) for i in range(9)) + "Objective: the last.\n" + "x\n" * limits.MAX_RECORD_CHARS,
                    encoding="utf-8")
    result = RecordLoader(batch=2).load_path(path)
    assert result.error and "runs over" in result.error
    assert (result.created, result.project_ids) == (0, [])
    assert Project.objects.count() == 0 and SourceRecord.objects.count() == 0


def test_a_large_file_shows_how_far_the_import_is(tmp_path, capsys):
    path = tmp_path / "pages.txt"
    path.write_text("".join(page(i) for i in range(1500)), encoding="utf-8")
    assert os.path.getsize(path) > 100_000
    out, _ = run(path, "--dry-run")
    assert "1500 records, 1500 created" in out and "dry run: nothing was written" in out
    bar = capsys.readouterr().err
    assert "importing: 100%" in bar and "1500 records" in bar
    assert Project.objects.count() == 0


def test_a_text_file_kept_a_chunk_at_a_time_is_kept_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "CHUNK", 1000)  # the file's 60 KB go to its SourceFile in some sixty pieces
    path = tmp_path / "pages.txt"
    path.write_bytes("".join(page(i).replace("ministry", "ministère").replace("\n", "\r\n")
                             for i in range(600)).encode("utf-8"))
    assert RecordLoader().load_path(path).created == 600
    kept = SourceFile.objects.get()
    assert bytes(kept.data) == path.read_bytes() and kept.size == path.stat().st_size
    assert (kept.file_name, kept.media_type) == ("pages.txt", "text/plain")
    assert RecordLoader().load_path(path).unchanged == 600 and SourceFile.objects.count() == 1


def test_keeping_a_large_original_takes_no_room_in_memory_on_sqlite(tmp_path, db_vendor):
    """SQLite makes room for the bytes without holding them only when they are the row's last column."""
    if db_vendor != "sqlite":
        pytest.skip("the order of columns matters to SQLite only")
    from django.db import connection

    with connection.cursor() as cursor:
        columns = [row[1] for row in cursor.execute('PRAGMA table_info("projects_sourcefile")').fetchall()]
    assert columns[-1] == "data", columns
