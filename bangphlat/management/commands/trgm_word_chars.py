"""Write (or check) bangphlat/trgm_word_chars.txt: the characters pg_trgm counts as part of a
word in this PostgreSQL database's locale, so the Python twin of similarity() used on SQLite
(bangphlat.thai.trigram_similarity) splits words exactly where PostgreSQL does."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bangphlat.thai import TRGM_WORD_CHARS, trgm_word_ranges

HEADER = """\
# Characters pg_trgm counts as part of a word (PostgreSQL 15, glibc C.UTF-8 LC_CTYPE), as
# hexadecimal ranges. Thai consonants, vowels, ำ, ฺ, ํ and digits are; the tone marks ่ ้ ๊ ๋,
# ็ and ์ are not (a word ends there), as in PostgreSQL. Written by
# `manage.py trgm_word_chars` against PostgreSQL; `--check` compares it with the database.
"""
# A character joins "a" and "a" into one word exactly when 'a?a' has four trigrams
# ("  a", " a?", "a?a", "?a "); a separator leaves two ("  a", " a ").
QUERY = """
SELECT g FROM generate_series(1, 1114111) AS g
WHERE g NOT BETWEEN 55296 AND 57343 AND array_length(show_trgm('a' || chr(g) || 'a'), 1) = 4
ORDER BY g
"""


def _ranges(points: list[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return [(start, end) for start, end in ranges]


class Command(BaseCommand):
    help = (
        "Write bangphlat/trgm_word_chars.txt from PostgreSQL's pg_trgm (the characters it "
        "counts as part of a word); --check only compares the file with the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare, do not write")

    def handle(self, *args, check, **options):
        if connection.vendor != "postgresql":
            raise CommandError("ต้องใช้ฐานข้อมูล PostgreSQL / needs PostgreSQL (DATABASE_URL)")
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(QUERY)
            ranges = _ranges([row[0] for row in cursor.fetchall()])
        if check:
            if ranges != trgm_word_ranges():
                raise CommandError(
                    f"{TRGM_WORD_CHARS.name} ไม่ตรงกับฐานข้อมูล / differs from the database's "
                    "pg_trgm: run manage.py trgm_word_chars"
                )
            self.stdout.write(f"{TRGM_WORD_CHARS.name}: {len(ranges)} ranges, as in PostgreSQL")
            return
        lines = [f"{start:04X}-{end:04X}" for start, end in ranges]
        TRGM_WORD_CHARS.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
        self.stdout.write(f"{TRGM_WORD_CHARS.name}: {len(ranges)} ranges written")
