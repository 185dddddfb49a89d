"""The English catalogue is complete, current and unambiguous; the pages use it."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from bangphlat.thai import fiscal_year_label_en

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Thai words with two meanings in the UI: every use must say which one (a message context),
# otherwise one English translation serves both ("Notes" on every Save button).
AMBIGUOUS = {
    "บันทึก": "Save (button) or Notes (noun)",
    "ลำดับ": "No. (a community's number) or Order (sort order)",
    "ชุมชน": "Community or Communities",
    "พี่เลี้ยง": "Mentoring (menu) or Mentor (a district)",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
# Copied to a scratch directory to regenerate the catalogue from the sources.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "staticfiles", "media", "var", "node_modules", "__pycache__", "*.mo", "bench"
)


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO_PATH))


def _label(entry):
    return f"{entry.msgctxt!r}: {entry.msgid!r}" if entry.msgctxt else repr(entry.msgid)


def test_every_english_message_is_translated(catalogue):
    missing = [_label(e) for e in catalogue.untranslated_entries() if not e.obsolete]
    assert missing == []


def test_no_english_message_is_left_fuzzy(catalogue):
    assert [_label(e) for e in catalogue.fuzzy_entries()] == []


def test_english_messages_keep_every_placeholder_of_the_thai_source(catalogue):
    wrong = []
    for entry in catalogue.translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append(f"{_label(entry)} → {text!r}")
    assert wrong == []


@pytest.mark.parametrize("word", sorted(AMBIGUOUS))
def test_ambiguous_thai_words_always_carry_a_message_context(catalogue, word):
    without_context = [e.occurrences for e in catalogue if e.msgid == word and not e.msgctxt]
    assert without_context == [], f"{word} means {AMBIGUOUS[word]}: use pgettext or context"


def test_english_catalogue_is_up_to_date_with_the_sources(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_SOURCES)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
        + ["--ignore=.venv", "--ignore=staticfiles", "--verbosity=0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(PO_PATH))

    def ids(po):
        return {(e.msgctxt, e.msgid) for e in po if not e.obsolete}

    assert sorted(ids(fresh) - ids(committed)) == [], "new strings: run makemessages"
    assert sorted(ids(committed) - ids(fresh)) == [], "stale strings: makemessages --no-obsolete"


def test_english_fiscal_year_names_the_gregorian_months():
    assert fiscal_year_label_en(2570) == "FY 2570 B.E. (Oct 2026 – Sep 2027)"
    assert fiscal_year_label_en(2570, short=True) == "2570 (2026–27)"


def test_fiscal_year_filter_is_the_plain_buddhist_year_in_thai():
    template = Template("{{ fy|fiscal_year }}|{{ fy|fiscal_year_short }}")
    with translation.override("th"):
        assert template.render(Context({"fy": 2570})) == "2570|2570"
    with translation.override("en"):
        assert template.render(Context({"fy": 2570})) == (
            "FY 2570 B.E. (Oct 2026 – Sep 2027)|2570 (2026–27)"
        )


def test_save_buttons_read_save_and_session_notes_read_notes_in_english():
    with translation.override("en"):
        button = Template('{% load i18n %}{% translate "บันทึก" context "button" %}').render(
            Context()
        )
        notes = Template('{% load i18n %}{% translate "บันทึก" context "notes" %}').render(Context())
    assert (button, notes) == ("Save", "Notes")


def test_empty_choice_of_a_select_is_thai_in_the_thai_ui(db):
    from communities.models import Community

    field = Community._meta.get_field("community_type").formfield()
    with translation.override("th"):
        assert str(field.choices[0][1]) == "— เลือก —"
    with translation.override("en"):
        assert str(field.choices[0][1]) == "— choose —"


def test_english_community_list_says_communities_in_the_menu_and_no_in_rows(
    client, login, staff_bangphlat
):
    from tests.communities.factories import CommunityFactory

    CommunityFactory(district=staff_bangphlat.district, number=7)
    login(staff_bangphlat)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("communities:list")).content.decode()
    assert ">Communities</a>" in body
    assert "No. 7" in body
    assert "Order 7" not in body
