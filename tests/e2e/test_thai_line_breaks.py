"""Thai line breaking on a phone, measured in Chromium: proper names never split across lines,
and running text breaks only between words: Chromium's Thai word breaker (ICU) corrected by the
portal's word list, so ดำเนินการ, เข้าร่วม and พี่เลี้ยง are never cut."""

import pytest
from django.urls import reverse

from bangphlat.thai_breaks import thai_segments
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = ".nobr, .district-name, .community-name"
# The text of an element as it is laid out: one string per rendered line.
RENDERED_LINES = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const lines = []; let current = "", top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect && top !== null && rect.top > top + 4) { lines.push(current); current = ""; }
      if (rect && (top === null || rect.top > top + 4)) top = rect.top;
      current += node.data[i];
    }
  }
  lines.push(current); return lines.map(l => l.trim()).filter(Boolean);
}"""


def test_district_and_community_names_never_split_on_a_phone(phone_page, staff_bangphlat):
    CommunityFactory(name="ชุมชนคลองสามวาร่วมใจพัฒนา")
    log_in(phone_page, staff_bangphlat.username)
    for url in [reverse("districts:list"), reverse("communities:list")]:
        phone_page.goto(url)
        names = phone_page.locator(NAMES)
        assert names.count() > 0
        split = phone_page.evaluate(
            f"() => [...document.querySelectorAll('{NAMES}')]"
            ".filter(s => s.getClientRects().length > 1).map(s => s.textContent)"
        )
        assert split == [], (url, split)
    assert phone_page.locator("text=ชุมชนคลองสามวาร่วมใจพัฒนา").count() == 1


def test_the_longest_district_name_stays_on_one_line_in_the_narrow_table(
    phone_page, staff_bangphlat
):
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto(reverse("districts:list"))
    name = phone_page.locator(NAMES, has_text="ป้อมปราบศัตรูพ่าย").first
    assert name.evaluate("el => el.getClientRects().length") == 1
    # ... and the page itself does not scroll sideways for it.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390


def test_running_thai_text_breaks_only_between_words(phone_page, staff_bangphlat, strategy):
    sentence = "ชุมชนร่วมกันเก็บข้อมูลครัวเรือนและวางแผนพัฒนาอาชีพเพื่อลดความเหลื่อมล้ำ"
    lesson = approved_lesson(staff_bangphlat, strategy, background=sentence * 4)
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto(reverse("lessons:detail", args=[lesson.pk]))
    assert phone_page.evaluate("document.documentElement.lang") == "th"
    paragraph = phone_page.locator(f"text={sentence[:20]}").first
    lines = paragraph.evaluate(RENDERED_LINES)
    assert len(lines) >= 3  # it wrapped
    assert_breaks_between_words(lines)


def word_boundaries(text):
    boundaries, position = set(), 0
    for word in thai_segments(text):
        position += len(word)
        boundaries.add(position)
    return boundaries


def assert_breaks_between_words(lines):
    text = "".join(lines)
    boundaries, position = word_boundaries(text), 0
    for line in lines[:-1]:
        position += len(line)
        assert position in boundaries, (line, text[position : position + 10])


# The compounds Chromium cut on a phone (issue #17), each at many places along the lines.
COMPOUNDS = ["ดำเนินการ", "เข้าร่วม", "พี่เลี้ยง", "ศาสตร์พระราชา", "ลงพื้นที่", "ข้างใน"]
FILLERS = ["", "ชุมชน", "เขต", "ร่วมกัน", "โดย", "และ", "ทุกครัวเรือน", "อีกครั้ง"]


def compound_paragraph():
    """Every compound after fillers of different lengths, so that across ~40 lines some line
    would end inside each of them if the browser were left to ICU alone."""
    return "".join(
        f"{filler}{compound}" for filler in FILLERS for compound in COMPOUNDS for _ in (1, 2)
    )


def test_programme_compounds_are_never_cut_in_a_lesson_on_a_phone(
    phone_page, staff_bangphlat, strategy
):
    paragraph = compound_paragraph()
    lesson = approved_lesson(staff_bangphlat, strategy, background=paragraph)
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto(reverse("lessons:detail", args=[lesson.pk]))
    body = phone_page.locator(".lesson-body p", has_text=paragraph[:15]).first
    lines = body.evaluate(RENDERED_LINES)
    assert len(lines) >= 20
    assert_breaks_between_words(lines)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        following = paragraph[position:]
        for compound in COMPOUNDS:
            for cut in range(1, len(compound)):
                assert not (
                    line.endswith(compound[:cut]) and following.startswith(compound[cut:])
                ), f"{compound[:cut]}|{compound[cut:]}"
    # Nothing is added to the text: a reader who copies the paragraph gets what was typed.
    assert body.evaluate("el => el.textContent") == paragraph
    assert "\u200b" not in phone_page.content()
