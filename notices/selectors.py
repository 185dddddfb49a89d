"""Reads for notices: the bell's count and list."""

from notices.models import Notice


def unread_count(user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notices_of(user):
    return Notice.objects.filter(user=user)
