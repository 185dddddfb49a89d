"""Optimistic locking: a form carries the ``version`` of the record it was opened from, and a
write refuses (``StaleEdit``) when the record was saved since, so concurrent edits never
overwrite each other. Domain-free: any model with an integer ``version`` field."""

from django.db import models


class StaleEdit(Exception):
    """Someone saved the record after this form was opened: refuse, never overwrite.
    ``current`` is the record as saved (None when it is gone), for the form to show."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def check_version(current, version: int | None):
    """``current`` when the form was opened from its version; StaleEdit otherwise, also when
    the form does not say which version (an edit without its version is not an edit) or the
    record is gone (``current`` None)."""
    if current is None or version is None or current.version != version:
        raise StaleEdit(current)
    return current


def lock_at_version(rows: type[models.Model] | models.QuerySet, pk, version: int | None):
    """The row as saved, locked until the transaction ends (PostgreSQL), when it is still at
    ``version``; StaleEdit otherwise. ``rows``: a model or a queryset of it."""
    queryset = rows if isinstance(rows, models.QuerySet) else rows._default_manager.all()
    return check_version(queryset.select_for_update(of=("self",)).get(pk=pk), version)


def update_at_version(rows: type[models.Model] | models.QuerySet, pk, version: int, **values):
    """Write ``values`` and the next version in one UPDATE that matches only the row still at
    ``version`` (the check and the write cannot be interleaved, on SQLite too). Returns the
    new version; StaleEdit with the row as saved when someone saved in between."""
    queryset = rows if isinstance(rows, models.QuerySet) else rows._default_manager.all()
    if not queryset.filter(pk=pk, version=version).update(**values, version=version + 1):
        raise StaleEdit(queryset.get(pk=pk))
    return version + 1
