"""A paginator for lists too long to count on every page view."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows: an exact count of the city's 300,000 activities took
    most of the list's time, and nobody pages through more than ``cap`` rows (filters narrow
    the list; the export has them all). ``more`` says the list goes on beyond the cap."""

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        # COUNT(*) over a LIMIT subquery without ORDER BY: PostgreSQL stops after cap + 1 rows.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def more(self) -> bool:
        return self.counted > self.cap
