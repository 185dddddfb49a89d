"""clean_text and search_key with the cases real files contain."""

import pytest

from bangphlat.thai import COMMUNITY_PREFIX, clean_text, search_key, trigram_similarity


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # decomposed ำ with a tone mark between (Word, old fonts)
        ("กํา", "กำ"),  # decomposed ำ
        ("ชุมชน\u200bร่วมใจ", "ชุมชนร่วมใจ"),  # zero-width space from web pages and LINE
        ("\ufeffชุมชนร่วมใจ", "ชุมชนร่วมใจ"),  # a BOM at the start of a CSV cell
        ("ร่วม\u200d\u200cใจ\u2060", "ร่วมใจ"),  # joiners
        ("ร่่วมใจ", "ร่วมใจ"),  # a doubled tone mark (double tap)
        ("กิ\u0e34น", "กิน"),  # a doubled vowel
        ("ก\u0e48\u0e34", "กิ่"),  # tone mark typed before the vowel above
        ("  ชุมชน \u00a0 ร่วม\tใจ \n", "ชุมชน ร่วม ใจ"),  # no-break spaces, tabs, newlines
        ("e\u0301", "é"),  # NFC
        (None, ""),
    ],
)
def test_clean_text_fixes_what_real_files_contain(dirty, clean):
    assert clean_text(dirty) == clean


def test_long_text_keeps_its_lines_and_indentation():
    text = "ข้อ 1\u200b  \n  - ย่อย\n\nข้อ 2 "
    assert clean_text(text, multiline=True) == "ข้อ 1\n  - ย่อย\n\nข้อ 2"


@pytest.mark.parametrize(
    "a, b",
    [
        ("ชุมชนคลองเตยล็อค 1 - 3", "คลองเตยล็อค 1-3"),
        ("หมู่4", "หมู่ 4"),
        ("๗๐ ไร่", "70 ไร่"),
        ("ชุมชน\u200bบ้านน\u0e4d\u0e49\u0e32ใส", "บ้านน้ำใส"),
    ],
)
def test_spellings_of_one_name_share_a_search_key(a, b):
    assert search_key(a, prefix=COMMUNITY_PREFIX) == search_key(b, prefix=COMMUNITY_PREFIX)


def test_trigram_similarity_ranks_the_closer_name_higher():
    assert trigram_similarity("คลองเตย", "คลองเตย") == 1
    assert trigram_similarity("คลองเตยล็อค1-3", "คลองเตย") > trigram_similarity(
        "วัดคลองเตยใน", "คลองเตย"
    )
    assert trigram_similarity("", "x") == 0


def test_sara_e_typed_twice_is_stored_and_searched_as_sara_ae():
    # เ + เ looks exactly like แ: the commonest Thai keyboard slip, also in text from Word.
    from bangphlat.thai import clean_text, search_key

    assert clean_text("ชุมชน\u0e40\u0e40ฟลต") == "ชุมชนแฟลต"
    assert clean_text("\u0e40\u0e40ก้\u0e40\u0e40ข", multiline=True) == "แก้แข"
    assert search_key("ชุมชน\u0e40\u0e40ฟลต 3", prefix="ชุมชน") == search_key("แฟลต3")
    assert clean_text("เกเร") == "เกเร"  # one เ at a time is left alone
