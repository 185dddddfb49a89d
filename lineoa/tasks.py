from django.tasks import task


@task
def push_line_message(message_id: int) -> None:
    """Push one queued LINE message (django-tasks-db worker: manage.py db_worker)."""
    from lineoa.delivery import deliver

    deliver(message_id)
