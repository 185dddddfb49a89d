from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 500


class ApiCursorPagination(CursorPagination):
    """Stable pages however large the table: a cursor, never an offset; at most 500 rows."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = "-pk"
