"""A part of a page that is the same for every reader allowed to see it, kept as HTML under a
data version (bangphlat.versions): between two changes of the data a request costs one cache
read instead of its queries and its template. The caller checks access before asking."""

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

KEPT_SECONDS = 600  # also bounds what no token stands for
RELEASE_SUFFIXES = (".py", ".html", ".txt", ".mo", ".json", ".csv")


@lru_cache(maxsize=1)
def release() -> str:
    """A digest of the code, templates, translations and data files this process runs, and of
    the static files' manifest (their hashed names are in the HTML). It is part of every kept
    name: a shared cache (Redis) outlives a deploy's restart, and without it the pages would
    show HTML the old release made for up to KEPT_SECONDS. Read once per process, at its first
    kept part (about 500 files, 1.9 MB: ~25 ms)."""
    base = Path(settings.BASE_DIR).resolve()
    libraries = Path(sys.prefix).resolve()  # the virtualenv may lie inside the project
    roots = {base / "templates", base / "locale"}
    roots.update(
        path
        for path in (Path(config.path).resolve() for config in apps.get_app_configs())
        if path.is_relative_to(base) and not path.is_relative_to(libraries)
    )
    # The libraries' own templates change with their pinned versions.
    requirements = base / "requirements.txt"
    digest = hashlib.sha256(requirements.read_bytes() if requirements.exists() else b"")
    for root in sorted(roots):
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith(RELEASE_SUFFIXES):
                    path = Path(folder, name)
                    digest.update(str(path.relative_to(base)).encode())
                    # A stray file the service user cannot read (an editor's dangling lock
                    # link): its name stands for it, and no kept page fails over it.
                    with contextlib.suppress(OSError):
                        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


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
        f"kept:{release()}:{name}:{version}:{get_language()}",
        lambda: render_to_string(template, context(), request=request),
        KEPT_SECONDS,
    )
    return mark_safe(html)  # our own template's output, escaped when it was rendered
