"""The handbook PDF: content, Thai text, bookmarks, fonts, table of contents, metadata."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from handbook import services
from handbook.models import EditionStatus
from lessons import services as lesson_services
from tests.lessons.factories import approved_lesson, make_lesson

pytestmark = pytest.mark.django_db

# SARA AM after tone marks, tone marks on upper and lower vowels: the words whose text layer
# WeasyPrint gets wrong by itself (ดาเนิน for ดำเนิน, ท่ี for ที่).
TRICKY = "ผู้นำชุมชนดำเนินการซ้ำทุกค่ำ น้ำใจของผู้ที่เปลี่ยนแปลงสิทธิที่ควรได้รับ"
TRICKY_BOLD = "ผู้ดำเนินการที่ทำนาและกำไรสำนักงาน"
LONG_WORD = "ประชาสัมพันธ์"


@pytest.fixture
def book(staff_bangphlat, strategy, django_capture_on_commit_callbacks):
    approved_lesson(
        staff_bangphlat,
        strategy,
        title="บัญชีครัวเรือนเปลี่ยนชีวิต",
        step="understand",
        background=f"{TRICKY}\n\n**{TRICKY_BOLD}**",
    )
    approved_lesson(
        staff_bangphlat,
        strategy,
        title="ธนาคารขยะรีไซเคิล",
        step="develop",
        actions=LONG_WORD * 40,  # no spaces at all: only Thai word breaking can wrap it
    )
    make_lesson(staff_bangphlat, title="ร่างที่ยังไม่อนุมัติ")
    submitted = make_lesson(staff_bangphlat, title="บทเรียนที่รอพิจารณา")
    lesson_services.lesson_submit(lesson=submitted, by=staff_bangphlat)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _created = services.request_build(by=strategy)  # immediate backend in tests
    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY, edition.error
    data = edition.file.read()
    return edition, data, PdfReader(io.BytesIO(data))


def pdftotext(data: bytes, *args) -> str:
    return subprocess.run(
        ["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_the_pdf_holds_every_approved_lesson_and_no_draft(book):
    _edition, data, _reader = book
    text = pdftotext(data)
    assert "บัญชีครัวเรือนเปลี่ยนชีวิต" in text and "ธนาคารขยะรีไซเคิล" in text
    assert "ร่างที่ยังไม่อนุมัติ" not in text and "บทเรียนที่รอพิจารณา" not in text


def test_thai_text_extracts_correctly(book):
    _edition, data, reader = book
    text = pdftotext(data)
    for extracted in [
        text,  # poppler's layout mode, as viewers search
        pdftotext(data, "-raw"),  # content-stream order
        "".join(page.extract_text() for page in reader.pages),  # glyph by glyph (pypdf)
    ]:
        flat = "".join(extracted.split())  # lines may wrap anywhere between words
        assert TRICKY.replace(" ", "") in flat and TRICKY_BOLD in flat
        assert "ดาเนิน" not in flat and "ท่ี" not in flat
    assert "ระเบิดจากข้างใน" in text and "ปรัชญาเศรษฐกิจพอเพียง" in text
    assert "เขตนำร่องทั้ง 7 เขต" in text  # ำ (sara am) survives copy and search
    assert "คู่มือแนวทางการดำเนินการ" in text


def test_bookmarks_have_the_chapters_and_the_lessons(book):
    _edition, _data, reader = book

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    outline = list(titles(reader.outline))
    for chapter in ["ขั้นเข้าใจ", "ขั้นพัฒนา", "แผนการเป็นพี่เลี้ยง", "หลักสูตรการฝึกอบรม", "ภาคผนวก"]:
        assert chapter in outline
    assert "บัญชีครัวเรือนเปลี่ยนชีวิต" in outline and "ธนาคารขยะรีไซเคิล" in outline


def test_only_the_vendored_sarabun_font_is_embedded(book):
    edition, _data, reader = book
    # WeasyPrint warns about every character it had no font for and every CSS rule it dropped.
    assert edition.warnings == []
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
            descendant = font.get("/DescendantFonts")
            if descendant:
                assert "/FontFile2" in descendant[0].get_object()["/FontDescriptor"].get_object()
    assert fonts and all(name.startswith("Sarabun") for name in fonts), fonts


def body_text(data: bytes, page: int) -> str:
    """A page's text below the running header (which repeats the chapter title)."""
    text = pdftotext(
        data, "-f", str(page), "-l", str(page), "-x", "0", "-y", "75", "-W", "600", "-H", "770"
    )
    return " ".join(text.split())


def test_each_table_of_contents_entry_names_the_page_that_holds_the_heading(book):
    _edition, data, reader = book
    pages = [pdftotext(data, "-f", str(n), "-l", str(n)) for n in range(1, len(reader.pages) + 1)]
    toc_page = next(i for i, text in enumerate(pages) if "สารบัญ" in text and "....." in text)
    entries = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[toc_page], flags=re.M)
    titles = [re.sub(r"^บทที่ \d+ ", "", title.strip()) for title, _number in entries]
    assert "ขั้นเข้าใจ" in titles and "บัญชีครัวเรือนเปลี่ยนชีวิต" in titles and "ภาคผนวก" in titles
    # The chapters count their own pages from 1 (the front matter has Roman numerals): the
    # printed number at the foot of each page of the main matter names it.
    printed = {}
    for index in range(toc_page + 2, len(pages) + 1):
        foot = pdftotext(
            data,
            "-f",
            str(index),
            "-l",
            str(index),
            "-x",
            "0",
            "-W",
            "600",
            "-y",
            "790",
            "-H",
            "52",
        )
        if foot.strip().isdigit():
            printed.setdefault(int(foot.strip()), index)
    for title, (_entry, number) in zip(titles, entries, strict=True):
        physical = printed[int(number)]
        assert title in body_text(data, physical), (title, number)
        # ... and it is the first page that holds it (the book does not repeat headings).
        earlier = [n for n in range(toc_page + 2, physical) if title in body_text(data, n)]
        assert not earlier, (title, number, earlier)


def test_pdf_metadata_title_author_and_thai_language(book):
    edition, _data, reader = book
    assert reader.metadata.title == edition.title
    assert "สำนักยุทธศาสตร์" in reader.metadata.author
    assert str(reader.trailer["/Root"].get("/Lang")) == "th"
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


def test_thai_lines_break_between_words_never_inside_one(book):
    _edition, data, _reader = book
    lines = [line.strip() for line in pdftotext(data).splitlines() if LONG_WORD[:5] in line]
    assert len(lines) >= 3  # the paragraph wrapped
    for line in lines:
        assert line.replace(LONG_WORD, "") == "", line
