"""Thai-tolerant search shared by the apps: a normalised key column (bangphlat.thai.search_key
and its SQL twin search_key_sql), matched by substring and ranked by trigram similarity —
pg_trgm on PostgreSQL (with a trigram index), the same function in Python on SQLite."""

from django.db.models import FloatField, Func, Value


class Similarity(Func):
    """similarity(column, text): pg_trgm's function; registered on SQLite by bangphlat.apps."""

    function = "similarity"
    output_field = FloatField()

    def __init__(self, expression, text: str, **extra):
        super().__init__(expression, Value(text), **extra)
