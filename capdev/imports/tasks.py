"""The import page's background tasks, run by `capdev db_worker` from the queue in the database."""
from __future__ import annotations

try:  # Django 6.0 has the tasks framework built in; before it, the django-tasks backport provides it.
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from . import runs


@task()
def read_upload(job_id: int) -> None:
    """Read an uploaded file into its records' previews."""
    runs.read_job(job_id)


@task()
def import_selected(job_id: int) -> None:
    """Import the records chosen on the preview."""
    runs.import_job(job_id)
