"""A paginator for lists too long to count on every page view."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_SECONDS = 600  # a kept count is also dropped by any change of the data (its version)


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows: an exact count of the city's 300,000 activities took
    most of the list's time, and nobody pages through more than ``cap`` rows (filters narrow
    the list; the export has them all). ``more`` says the list goes on beyond the cap.

    ``version``: a data version (bangphlat.versions) that changes whenever the rows may have;
    with it the count is kept in the cache under the query's own SQL (its filters and the
    reader's scope) and that version, so paging and re-reading cost no count until the data
    changes. Even capped, the count was most of PostgreSQL's work per view of the list."""

    def __init__(self, object_list, per_page, *, cap: int, version: str | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.version = version

    @cached_property
    def counted(self) -> int:
        # COUNT(*) over a LIMIT subquery without ORDER BY: PostgreSQL stops after cap + 1 rows.
        query = self.object_list.order_by()[: self.cap + 1]
        if self.version is None:
            return query.count()
        try:
            sql, params = query.query.sql_with_params()
        except EmptyResultSet:  # a filter no row can match (an empty list of ids)
            return 0
        key = (
            "capped-count:"
            + hashlib.sha1(
                f"{self.version}|{sql}|{params!r}".encode(), usedforsecurity=False
            ).hexdigest()
        )
        return cache.get_or_set(key, query.count, COUNT_SECONDS)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def more(self) -> bool:
        return self.counted > self.cap
