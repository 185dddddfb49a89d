"""pg_trgm's similarity() and its Python twin registered on SQLite give the same numbers, so a
search ranks alike on both databases (issue #30: the twin split words at Thai vowel and tone
marks, pg_trgm splits at tone marks only, and "พัฒนา", "ร่วมใจ", "สามัคคี" ranked differently)."""

import pytest
from django.core.management import call_command
from django.db import connection

from bangphlat.thai import _trigrams, trigram_similarity
from communities import selectors
from communities.models import Activity
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db

# Words with above and below vowels, tone marks, ็ ์ ำ ํ, Thai digits, and a little Latin.
WORDS = [
    "พัฒนา", "ร่วมใจ", "สามัคคี", "ชุมชนร่วมใจพัฒนา", "ก๋วยเตี๋ยว", "เก็บขยะ", "ศักดิ์สิทธิ์",
    "น้ำใจ", "ผู้สูงอายุ", "ครัวเรือน", "หมู่๔", "ลำปาง", "ฤๅษี", "ไม้ไผ่", "อนุรักษ์", "OTOP ชุมชน",
    "บ้านมั่นคง-ริมคลอง", "ร้านค้า_ชุมชน", "สวนผักคนเมือง", "ซอยวัดบางพลัด",
]  # fmt: skip
PAIRS = [(a, b) for a in WORDS[:8] for b in WORDS] + [("พัฒนา", "พัฒนาชุมชน"), ("ร่วม", "ร่วมใจ")]

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compares with PostgreSQL's pg_trgm"
)


@needs_postgresql
def test_the_word_character_table_is_the_databases():
    call_command("trgm_word_chars", check=True)


@needs_postgresql
def test_the_twin_gives_pg_trgm_s_trigram_counts_and_similarities():
    with connection.cursor() as cursor:
        for word in WORDS:
            cursor.execute("SELECT coalesce(array_length(show_trgm(%s), 1), 0)", [word])
            assert cursor.fetchone()[0] == len(_trigrams(word)), word
        for a, b in PAIRS:
            cursor.execute("SELECT similarity(%s, %s)", [a, b])
            assert cursor.fetchone()[0] == pytest.approx(trigram_similarity(a, b), abs=1e-6), (a, b)


def test_a_word_ends_at_a_tone_mark_not_at_a_vowel_as_in_pg_trgm():
    # พัฒนา is one word (6 trigrams); ร่วมใจ is ร | วมใจ (the tone mark ends a word).
    assert len(_trigrams("พัฒนา")) == 6
    assert _trigrams("ร่วมใจ") == _trigrams("ร วมใจ")
    assert trigram_similarity("สามัคคี", "สามัคคี") == 1.0
    assert trigram_similarity("พัฒนา", "พัฒนาชุมชน") == pytest.approx(5 / 12)


# Closest first as PostgreSQL ranks them; the old twin put คนดีพัฒนา and ดีร่วมใจ first (it cut
# the words at ั and ่), so SQLite listed them in another order.
RANKED = {
    "พัฒนา": ["พัฒนาคน", "พัฒนาอาชีพ", "พัฒนาการเด็ก", "คนดีพัฒนา", "เยาวชนพัฒนา", "ชาวบ้านร่วมพัฒนา"],
    "ร่วมใจ": ["ร่วมใจกัน", "ร่วมใจร่วมแรง", "ดีร่วมใจ", "ร่วมใจปลูกผัก", "ชุมชนร่วมใจ", "พี่น้องร่วมใจ"],
    "สามัคคี": ["สามัคคีกัน", "สิ่งสามัคคี", "สามัคคีชุมชน", "รักสามัคคี", "กีฬาสามัคคี"],
}  # fmt: skip


@pytest.mark.parametrize("query", RANKED)
def test_a_search_ranks_the_same_on_both_databases(bangphlat, query):
    """The same list, in the same order, on SQLite and on PostgreSQL (CI runs both)."""
    community = CommunityFactory(district=bangphlat, name="ชุมชนริมน้ำ")
    for title in sorted({title for titles in RANKED.values() for title in titles}):
        ActivityFactory(community=community, title=title)
    found = selectors.search_activities(Activity.objects.all(), query)
    assert [activity.title for activity in found] == RANKED[query]
