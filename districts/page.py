"""The district page's body (its facts and every app's panel, templates/districts/_panels.html)
kept as HTML per reader and per day under the district's data version: a reload between two
changes costs one version read and one cache read instead of ~25 queries and 30 ms of panels.

Kept per reader (``accounts.roles.role_key``), not per role: the panels read who the user is
(sessions they may see, runs they take part in, their own entries), and one reader's page is
never shown to another. The version is ``epoch`` and the district's ``d<id>:*`` (every write
to the district's records) plus the keys the apps register for what no district owns
(``register_page_keys``: training's version; all data for a reader whose own entries may lie
in other districts). The day is in the key because the panels say what is due or late today.
"""

from collections.abc import Callable, Iterable

from accounts.roles import role_key
from bangphlat.kept import kept_html
from bangphlat.versions import district_all_key, version

_PAGE_KEYS: list[Callable] = []


def register_page_keys(keys: Callable[..., Iterable[str]]) -> None:
    """``keys(user, district)``: the version keys besides the district's that an app's panel
    on the page reads for this reader (called in the app's ``AppConfig.ready()``)."""
    if keys not in _PAGE_KEYS:
        _PAGE_KEYS.append(keys)


def page_version(user, district) -> str:
    keys = ["epoch", district_all_key(district.pk)]
    for extra in _PAGE_KEYS:
        keys += [key for key in extra(user, district) if key not in keys]
    return version(*keys)


def district_body(request, district) -> str:
    return kept_html(
        f"district-page:{district.pk}:{role_key(request.user)}",
        page_version(request.user, district),
        "districts/_district_body.html",
        lambda: {"district": district},
        request,
        daily=True,
    )
