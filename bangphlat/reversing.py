"""``reverse()`` for the links a page writes by the dozen (the menu's) or by the hundred (every
district's, every activity's), at a dictionary look-up each instead of a walk of the URL
resolver (~20-50 µs each: the completeness grid made 600, the mentoring page 130, the menu
20 on every page). The same URL as ``reverse``: the resolver's answer depends only on the URL
configuration, the script prefix, the view name, the arguments and the current app, which
are the cache's key; the patterns do not change while the process runs."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Digits only: what an integer (or string) path converter writes unchanged.
_PLACEHOLDER = "9876543210123"
_CACHEABLE = (str, int)  # arguments whose text is their value (not a model, not a float)


def reverse_cached(viewname, args=(), kwargs=None, current_app=None) -> str:
    """``reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)``, kept when
    the view name and every argument are plain strings or integers."""
    kwargs = kwargs or {}
    if not (
        isinstance(viewname, str)
        and all(type(arg) in _CACHEABLE or isinstance(arg, str) for arg in args)
        and all(type(arg) in _CACHEABLE or isinstance(arg, str) for arg in kwargs.values())
        and (current_app is None or isinstance(current_app, str))
    ):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse(
        settings.ROOT_URLCONF,
        get_urlconf(),
        get_script_prefix(),
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
    )


def reverse_id(viewname: str, pk: int) -> str:
    """``reverse(viewname, args=[pk])`` for a view whose one argument is an integer id: the
    URL around the id is reversed once, then only the id changes (ids are too many to keep
    each one's URL)."""
    head, tail = _around_id(settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), viewname)
    return f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=8192)
def _reverse(root, urlconf, prefix, viewname, args, kwargs, current_app) -> str:
    return reverse(
        viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app
    )


@lru_cache(maxsize=256)
def _around_id(root, urlconf, prefix, viewname) -> tuple[str, str]:
    url = reverse(viewname, urlconf=urlconf, args=[int(_PLACEHOLDER)])
    head, found, tail = url.partition(_PLACEHOLDER)
    if not found or _PLACEHOLDER in tail:
        raise ValueError(f"{viewname} does not take one id")
    return head, tail
