"""Data versions: tokens that change when the records they stand for change, so any app can
cache under them (the dashboard's figures, open data; the coming evaluation app).

A writer announces what it changed with ``data_changed(keys)``; it knows no reader. Keys:
``epoch`` (everything, e.g. after a bulk seed), ``district_key(id)`` (a district's undated
records) and ``district_key(id, fiscal_year)`` (its dated records of that year). Every bump also
changes ``any``: a reader of the whole city's records (a count, an overview) keys its cache by
that one row (``any_version()``) instead of reading and hashing every district's tokens; and a
bump of any of a district's keys changes that district's ``d<id>:*`` as well, so a reader of
everything about one district (its page) asks ``version("epoch", district_all_key(id))``.
Keys no district owns can be named by the app that writes them (``training``).
The keys are collected per transaction and bumped once, after it commits
(``transaction.on_commit``): a writer holds no shared row while its transaction is open, so an
import into one district never makes another district's save wait (``any`` is written in the
bump's own short statement), and a rolled-back change bumps nothing. Readers read the
tokens with ``tokens()`` and key their caches by them.
"""

import datetime as dt
import secrets
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from bangphlat.models import DataVersion

_PENDING = "_data_versions_changed"  # on the connection: the keys this transaction changed
ANY = "any"  # changed with every other key


def district_key(district_id, fiscal_year=None) -> str:
    """The token key of a district's undated records, or of its records of a fiscal year."""
    return f"d{district_id}" if fiscal_year is None else f"d{district_id}:{fiscal_year}"


def district_all_key(district_id) -> str:
    """Changed with each of the district's keys, undated and dated (``bump`` adds it)."""
    return f"d{district_id}:*"


def _with_districts_all(keys) -> set[str]:
    """The keys and, for each district key among them (``d25``, ``d25:2569``), ``d25:*``."""
    result = set(keys)
    for key in keys:
        head = key.split(":", 1)[0]
        if head[:1] == "d" and head[1:].isdigit():
            result.add(district_all_key(head[1:]))
    return result


def bump(keys=None) -> None:
    """Change the tokens of these keys now, or without keys everything (bulk loads that send
    no signals, such as the demo seeders). In its own short transaction (one UPDATE, and an
    INSERT for keys that have no row yet)."""
    token, now = secrets.token_hex(8), timezone.now()
    keys = {"epoch", ANY} if keys is None else _with_districts_all({*keys, ANY})
    # Two bumps of the same rows (``any`` is in every one) locked them in whatever order each
    # UPDATE met them, and PostgreSQL found a deadlock (8 mentors saving at once: two 500s).
    # The rows are locked in key order first, in the same statement (SQLite has no row locks
    # and ignores it).
    in_key_order = DataVersion.objects.filter(key__in=keys).order_by("key").select_for_update()
    with transaction.atomic():
        updated = DataVersion.objects.filter(key__in=in_key_order.values("key")).update(
            token=token, changed_at=now
        )
    if updated < len(keys):
        DataVersion.objects.bulk_create(
            [DataVersion(key=key, token=token, changed_at=now) for key in sorted(keys)],
            ignore_conflicts=True,  # another writer created it meanwhile: its token is as good
        )


def _flush() -> None:
    """On commit: bump every key the transaction marked. The first callback of a transaction
    takes them all; the others find nothing left, so the token rows are written once."""
    keys = transaction.get_connection().__dict__.pop(_PENDING, None)
    if keys:
        bump(keys)


def data_changed(keys) -> None:
    """Bump these token keys after the current transaction commits (at once outside one)."""
    connection = transaction.get_connection()
    connection.__dict__.setdefault(_PENDING, set()).update(keys)
    # One callback per mark (a callback costs a list entry): whichever runs first flushes,
    # and one registered in a savepoint that is rolled back leaves the others in place.
    transaction.on_commit(_flush)


def tokens(district_ids=None, years=()) -> dict[str, tuple[str, dt.datetime]]:
    """key → (token, changed at) for the epoch and the given districts' keys (all without)."""
    qs = DataVersion.objects.all()
    if district_ids is not None:
        keys = ["epoch"]
        for district_id in district_ids:
            keys += [district_key(district_id), *(district_key(district_id, fy) for fy in years)]
        qs = qs.filter(key__in=keys)
    return {key: (token, at) for key, token, at in qs.values_list("key", "token", "changed_at")}


def any_version() -> str:
    """A token that changes whenever any data version changes (one indexed row). Empty before
    the first change: nothing has been written through the writers since the tables were made."""
    return DataVersion.objects.filter(key=ANY).values_list("token", flat=True).first() or ""


def version(*keys: str) -> str:
    """One string that changes whenever any of these tokens changes (one indexed query);
    a key never bumped reads as "-"."""
    found = dict(DataVersion.objects.filter(key__in=keys).values_list("key", "token"))
    return ".".join(found.get(key, "-") for key in keys)


def mark_on_change(model, keys_of: Callable, *, m2m=()) -> None:
    """Connect ``model``'s saves and deletes (and the given many-to-many fields' changes) to
    ``data_changed(keys_of(instance))``: for an app's own models whose readers cache under a
    version, called in its ``AppConfig.ready()``. Writes that send no signals (``update()``,
    ``bulk_create``) still call ``data_changed`` themselves."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def changed(instance, **kwargs):
        data_changed(keys_of(instance))

    uid = f"versions-{model._meta.label_lower}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    for field in m2m:
        through = getattr(model, field).through
        m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"{uid}-{field}")
