"""A part of a page that is the same for every reader allowed to see it, kept as HTML under a
data version (bangphlat.versions): between two changes of the data a request costs one cache
read instead of its queries and its template. The caller checks access before asking."""

from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

KEPT_SECONDS = 600  # also bounds what no token stands for


def kept_html(name: str, version: str, template: str, context: Callable[[], dict], request):
    """``template`` rendered with ``context()`` (called only on a miss), kept per version and
    language (names and labels are in the reader's language)."""
    html = cache.get_or_set(
        f"kept:{name}:{version}:{get_language()}",
        lambda: render_to_string(template, context(), request=request),
        KEPT_SECONDS,
    )
    return mark_safe(html)  # our own template's output, escaped when it was rendered
