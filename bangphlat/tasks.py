from django.tasks import task


@task
def build_export(job_id: int) -> None:
    """Background build of one large export (django-tasks-db worker: manage.py db_worker)."""
    from bangphlat.export_jobs import run_export

    run_export(job_id)
