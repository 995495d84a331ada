"""The background-job base (capdev.core.jobs): import and report jobs share its state, progress and constraints."""
import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from capdev.core.jobs import BackgroundJob
from capdev.imports.models import ImportJob, ImportState
from capdev.reports.models import ReportJob, ReportState

JOBS = [ImportJob, ReportJob]


@pytest.mark.parametrize("job", JOBS)
def test_both_jobs_are_background_jobs_with_their_tables_constraint_names(job):
    assert issubclass(job, BackgroundJob)
    prefix = {ImportJob: "imports_job", ReportJob: "reports_job"}[job]
    assert {c.name for c in job._meta.constraints} == {f"{prefix}_state", f"{prefix}_done_not_past_total"}


@pytest.mark.parametrize(("job", "first"), [(ImportJob, ImportState.QUEUED), (ReportJob, ReportState.QUEUED)])
def test_a_new_job_waits_for_the_worker(job, first):
    made = job(done=1, total=4)
    assert made.state == first and made.running
    assert made.percent == 25
    assert job(total=0).percent is None


def _save(job, **values):
    if job is ImportJob:
        values.setdefault("user", get_user_model().objects.create(username="importer"))
    return job.objects.create(**values)


@pytest.mark.django_db
@pytest.mark.parametrize("job", JOBS)
def test_progress_cannot_pass_the_total(job):
    with pytest.raises(IntegrityError), transaction.atomic():
        _save(job, done=5, total=4)
    assert _save(job, done=4, total=4).percent == 100


@pytest.mark.django_db
@pytest.mark.parametrize("job", JOBS)
def test_an_unknown_state_is_refused(job):
    with pytest.raises(IntegrityError), transaction.atomic():
        _save(job, state="lost")
