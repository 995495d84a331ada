"""The reports' background task, run by `capdev db_worker` from the queue in the database."""
from __future__ import annotations

try:  # Django 6.0 has the tasks framework built in; before it, the django-tasks backport provides it.
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from . import jobs


@task()
def build_report(job_id: int) -> None:
    """Build a portfolio report's PDF, then delete the expired ones (the worker prunes as it works)."""
    jobs.build(job_id)
    jobs.prune()
