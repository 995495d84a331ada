"""generate-portfolio --jobs: several processes write the same portfolio one process would (PostgreSQL only)."""
from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from capdev.projects import synthetic
from capdev.projects.models import Project

from .test_synthetic import snapshot, wipe


def _ids() -> list[tuple[str, int]]:
    return list(Project.objects.order_by("code").values_list("code", "pk"))


@pytest.mark.django_db(transaction=True)
def test_two_processes_write_the_portfolio_one_process_writes():
    if connection.vendor != "postgresql":
        pytest.skip("--jobs needs PostgreSQL (run with --db=postgresql)")
    call_command("load_reference", stdout=io.StringIO())
    # Small batches and random blocks, so that both workers get several tasks and finish out of order.
    synthetic.generate(2500, seed=3, batch=1000)
    one, one_ids = snapshot(), _ids()
    wipe()
    synthetic.generate(2500, seed=3, batch=1000, jobs=2)
    assert snapshot() == one
    # The same ids too (both start past the largest id, none after the wipe), and the sequence moved past them.
    assert _ids() == one_ids
    extra = Project.objects.create(title="after")
    assert extra.pk > max(pk for _code, pk in one_ids)

@pytest.mark.django_db
def test_jobs_on_sqlite_are_refused_with_the_reason():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite refusal")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_portfolio", "--projects", "10", "--jobs", "2", stdout=io.StringIO())
