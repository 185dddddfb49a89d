"""Writes for API tokens (keyword-only, validated, atomic)."""

import datetime as dt
import hashlib
import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from api.access import can_have_api_token, can_revoke_api_token
from api.models import ApiToken
from communities import services as community_services
from communities.access import communities_writable_by
from communities.forms import ActivityForm
from communities.models import Activity, Community

# What the activity form has beyond the service's arguments (the API sends no photo).

TOKEN_PREFIX = "bp_"
MAX_DAYS = 365
# last_used_at is written at most this often per token: not one UPDATE per request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    """Tokens are long random strings: a plain SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the raw token, shown to the user once."""
    if not can_have_api_token(user):
        raise PermissionDenied
    days = max(1, min(int(days), MAX_DAYS))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=raw[:10],
        key_hash=hash_token(raw),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> None:
    if not can_revoke_api_token(by, token):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def token_for(raw: str) -> ApiToken | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.usable()
        .select_related("user", "user__district")
        .filter(key_hash=hash_token(raw))
        .first()
    )


class KeyConflict(Exception):
    """The submission key was used before by someone else, or by a request that failed."""


def activity_submit(*, by, key: str, data: dict) -> tuple[Activity, bool]:
    """Record an activity at most once per submission key: validated by the activity form
    itself, written by ``communities.services.activity_create`` (month locks, entry checks,
    text cleaning). Returns the activity and whether it was created now; a resend of a key
    that succeeded returns the activity it created."""
    from bangphlat.models import Submission  # issue 13's one-time keys

    form = ActivityForm(
        data=data, communities=communities_writable_by(by, Community.objects.alive())
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = Submission.objects.create(key=key, user=by)
        except IntegrityError:
            done = Submission.objects.filter(key=key, user=by).first()
            match = re.search(r"/activities/(\d+)/$", done.result_url if done else "")
            activity = Activity.objects.alive().filter(pk=match[1]).first() if match else None
            if activity is None:
                raise KeyConflict from None
            return activity, False
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        fields = form.service_data()
        activity = community_services.activity_create(by=by, **fields)
        claim.result_url = reverse("api:activity-detail", args=[activity.pk])
        claim.save(update_fields=["result_url"])
    return activity, True
