"""A part of a page that is the same for every reader allowed to see it, kept as HTML under a
data version (bangphlat.versions): between two changes of the data a request costs one cache
read instead of its queries and its template. The caller checks access before asking."""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

KEPT_SECONDS = 600  # also bounds what no token stands for


def query_key(request) -> str:
    """The request's query string (filters, search, sort, page) as a short part of a name."""
    return hashlib.sha1(request.GET.urlencode().encode(), usedforsecurity=False).hexdigest()


def kept_html(
    name: str,
    version: str,
    template: str,
    context: Callable[[], dict],
    request,
    *,
    daily: bool = False,
):
    """``template`` rendered with ``context()`` (called only on a miss), kept per version and
    language (names and labels are in the reader's language), and per day if ``daily`` (a
    part that says what is due or late today)."""
    if daily:
        version = f"{version}:{timezone.localdate().isoformat()}"
    html = cache.get_or_set(
        f"kept:{name}:{version}:{get_language()}",
        lambda: render_to_string(template, context(), request=request),
        KEPT_SECONDS,
    )
    return mark_safe(html)  # our own template's output, escaped when it was rendered
