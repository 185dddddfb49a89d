"""Reads of the LINE channel."""

from django.conf import settings
from django.utils import timezone

from lineoa.models import LineLink, LinkCode


def link_of(user) -> LineLink | None:
    return LineLink.objects.filter(user=user).first()


def valid_code_of(user) -> LinkCode | None:
    return (
        LinkCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )


def add_friend_url() -> str:
    """LINE's add-friend link of the Official Account (its basic ID starts with @)."""
    basic_id = settings.LINE_BASIC_ID
    return f"https://line.me/R/ti/p/{basic_id}" if basic_id else ""
