"""Writes for API tokens (keyword-only, validated, atomic)."""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from bangphlat import permissions

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
    if not permissions.can_have_api_token(user):
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
    if not permissions.can_revoke_api_token(by, token):
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
