"""Retention: each timed category of privacy/categories.py applied, or counted (``dry_run``).

Every step selects only what is still there to remove (a phone not yet blank, a row not yet
deleted), so a second run finds nothing: the command is safe to run again, by hand or by the
timer. The periods come from the categories, so the page and the clean-up cannot disagree.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from accounts.models import User
from communities import services as community_services
from communities.io import importing
from communities.models import Community
from notices.models import DigestSent, Notice
from privacy.categories import CATEGORIES, Category
from training.models import Participant


@dataclass(frozen=True)
class Outcome:
    category: Category
    count: int | None  # None: no timed rule (kept while the record is)


def _community_contacts(*, cutoff, age, dry_run: bool) -> int:
    """Chair name and phone of communities deleted before ``cutoff``, in the current row and
    in the change history of those communities."""
    holding = ~Q(chair_name="") | ~Q(chair_phone="")
    expired = Community.objects.filter(is_deleted=True, updated_at__lt=cutoff)
    current = expired.filter(holding)
    history = Community.history.filter(holding, id__in=expired.values("pk"))
    count = current.count() + history.count()
    if not dry_run:
        current.update(chair_name="", chair_phone="", version=F("version") + 1)
        history.update(chair_name="", chair_phone="")
    return count


def _participant_phones(*, cutoff, age, dry_run: bool) -> int:
    """Phones of participants in runs that ended before ``cutoff`` (names stay: certificates)."""
    rows = Participant.objects.filter(run__ends_on__lt=timezone.localdate(cutoff)).exclude(phone="")
    count = rows.count()
    if not dry_run:
        rows.update(phone="")
    return count


def _closed_accounts(*, cutoff, age, dry_run: bool) -> int:
    """E-mail addresses of closed accounts not used since ``cutoff`` (never logged in: since
    they were made). The name stays: it says who recorded what."""
    unused = Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    rows = User.objects.filter(unused, is_active=False).exclude(email="")
    count = rows.count()
    if not dry_run:
        rows.update(email="")
    return count


def _notices(*, cutoff, age, dry_run: bool) -> int:
    """The notices, and the record of which day each user was sent a digest."""
    rows = Notice.objects.filter(created_at__lt=cutoff)
    digests = DigestSent.objects.filter(day__lt=timezone.localdate(cutoff))
    count = rows.count() + digests.count()
    if not dry_run:
        rows.delete()
        digests.delete()
    return count


def _unconfirmed_uploads(*, cutoff, age, dry_run: bool) -> int:
    """The two clean-ups the portal already had (file ages, so ``age`` rather than the
    cutoff), with the period from the category."""
    return importing.purge_abandoned_uploads(
        max_age=age, dry_run=dry_run
    ) + community_services.pending_photo_purge(older_than=age, dry_run=dry_run)


def _is_history_model(model) -> bool:
    return hasattr(model, "instance_type")


def history_models():
    """Every django-simple-history table of a record (communities, activities, mentoring
    sessions, …); the tables of their many-to-many fields are ``m2m_history_models``."""
    return [
        model
        for model in apps.get_models()
        if _is_history_model(model)
        and "history_date" in {field.name for field in model._meta.fields}
    ]


def m2m_history_models(history_model):
    """The many-to-many history tables whose rows belong to ``history_model``'s rows: their
    key has no database constraint and does nothing on delete, so they are deleted here."""
    return [
        model
        for model in apps.get_models()
        if _is_history_model(model)
        and any(
            field.name == "history" and field.related_model is history_model
            for field in model._meta.fields
        )
    ]


def _change_history(*, cutoff, age, dry_run: bool) -> int:
    """History rows older than ``cutoff``, except each record's latest row (who last changed
    it, and the record of a deletion), with their many-to-many rows."""
    count = 0
    for model in history_models():
        object_key = model._meta.get_field("id").attname
        latest = model.objects.values(object_key).annotate(last=Max("history_id")).values("last")
        rows = model.objects.filter(history_date__lt=cutoff).exclude(history_id__in=latest)
        found = rows.count()
        count += found
        if found and not dry_run:
            for m2m in m2m_history_models(model):
                m2m.objects.filter(history__in=rows.values("history_id")).delete()
            rows.delete()
    return count


APPLIERS = {
    "community_contacts": _community_contacts,
    "training_participants": _participant_phones,
    "user_accounts": _closed_accounts,
    "notices": _notices,
    "uploads": _unconfirmed_uploads,
    "change_history": _change_history,
}


def apply_retention(*, dry_run: bool = False, now=None) -> list[Outcome]:
    """Apply (or with ``dry_run`` only count) every category's period; one transaction, so a
    failure leaves the database as it was (deleted files cannot come back, and are the last
    step of nothing else)."""
    now = now or timezone.now()
    outcomes = []
    with transaction.atomic():
        for category in CATEGORIES:
            apply = APPLIERS.get(category.key)
            period = category.period()
            if apply is None or period is None:
                outcomes.append(Outcome(category, None))
                continue
            outcomes.append(
                Outcome(category, apply(cutoff=now - period, age=period, dry_run=dry_run))
            )
    return outcomes
