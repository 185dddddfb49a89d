"""The client's address, as the lock-out and the rate limits must see it.

In production gunicorn listens on a unix socket behind nginx, so ``REMOTE_ADDR`` is empty
and every visitor would share one "address". nginx appends the address it saw to
``X-Forwarded-For`` (``$proxy_add_x_forwarded_for``, deploy/nginx/bangphlat.conf), so the
rightmost entry is the one nginx vouches for; anything to its left was sent by the client
and may be forged. The header is believed only from a trusted proxy: the unix socket (an
empty ``REMOTE_ADDR``) or an address in ``TRUSTED_PROXIES``.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of whoever sent the request (a string), or None when nobody says."""
    peer = request.META.get("REMOTE_ADDR") or ""
    if peer and peer not in settings.TRUSTED_PROXIES:
        return _valid(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    nearest = forwarded.rsplit(",", 1)[-1]
    return _valid(nearest) or _valid(peer)
