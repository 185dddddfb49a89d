"""List pages of the districts' records kept as HTML per reader and query (bangphlat.kept).

A reload between two changes of what a list shows costs one version read and one cache read
instead of the list's queries and template (issue #24: the activity, community and lesson
lists were the main menu's slowest pages through the production stack). Kept under:

- the reader (``accounts.roles.role_key``) and the districts they may read (their own and, for
  a mentor, the mentees'): a new pairing is a new key, never another reader's list;
- the query string (filters, search, page), hashed;
- the version of what the list shows: the readable districts' ``d<id>:*``, or every
  district's data (``any``) for a reader of all of them and for a list that also shows other
  districts' shared rows (approved lessons, ``shared=True``).

What no token stands for (a user's display name on a row) is new within
``bangphlat.kept.KEPT_SECONDS``. Used by the activity, community and lesson lists and the
mentoring page. Here in mentoring because the readable districts are
(``readable_district_ids``: a mentor reads its mentees' data through the pairings)."""

from collections.abc import Callable

from accounts.roles import role_key
from bangphlat.kept import kept_html, query_key
from bangphlat.versions import ANY, district_all_key, version
from mentoring.access import readable_district_ids


def _scope(user, *, shared: bool) -> tuple[str, list[str]]:
    """(the readable districts as a key part, the version keys of what the list shows)."""
    ids = readable_district_ids(user)
    if ids is None:
        return "all", ["epoch", ANY]
    ordered = sorted(ids)
    keys = ["epoch", ANY] if shared else ["epoch", *(district_all_key(i) for i in ordered)]
    return ",".join(map(str, ordered)) or "none", keys


def kept_list(
    request,
    name: str,
    template: str,
    context: Callable[[], dict],
    *,
    shared: bool = False,
    daily: bool = False,
) -> str:
    """``template`` rendered with ``context()`` (only on a miss), kept as described above;
    ``daily`` for a page that says what is late today (kept for the day too). The template
    must hold no form that posts: its CSRF token would outlive the reader's next login."""
    scope, keys = _scope(request.user, shared=shared)
    return kept_html(
        f"list:{name}:{role_key(request.user)}:{scope}:{query_key(request)}",
        version(*keys),
        template,
        context,
        request,
        daily=daily,
    )
