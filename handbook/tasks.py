from django.tasks import task


@task
def build_edition(edition_id: int) -> None:
    """Background build of one handbook edition (django-tasks-db worker: manage.py db_worker)."""
    from handbook.services import run_build

    run_build(edition_id)
