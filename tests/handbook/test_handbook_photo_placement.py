"""A lesson's photos are printed with the lesson, before the next lesson's title (issue #30: a
photo that did not fit at the foot of a page was reported overleaf after the next title).
Lessons of different lengths put the photos at the top, middle and foot of pages and overleaf;
positions come from the PDF's text layer (pypdf), as in the demo book's test."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from handbook import content, render
from lessons.models import LessonPhoto
from tests.handbook.test_handbook_demo_book import body_lines
from tests.lessons.factories import approved_lesson, reapprove

pytestmark = pytest.mark.django_db

PARAGRAPH = "ชุมชนร่วมกันจดบัญชีครัวเรือนทุกเดือนและประชุมทบทวนรายรับรายจ่ายร่วมกันที่ศาลา " * 6


def photo_file(colour: str, *, portrait: bool = False) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (450, 600) if portrait else (800, 600), colour).save(buffer, "JPEG")
    return SimpleUploadedFile("p.jpg", buffer.getvalue())


@pytest.fixture
def book(staff_bangphlat, strategy):
    """Lessons of growing length, each with a photo, so photos fall at every place of a page."""
    titles = []
    for n, word in enumerate(["หนึ่ง", "สอง", "สาม", "สี่"]):
        title = f"บทเรียนเรื่องที่{word}ของเขต"
        lesson = approved_lesson(
            staff_bangphlat,
            strategy,
            title=title,
            step="develop",
            background="\n\n".join([PARAGRAPH] * (1 + n % 3)) + "\n\nสรุป" * n,
            actions=PARAGRAPH,
        )
        LessonPhoto.objects.create(lesson=lesson, caption=f"รูปของ{title}", image=photo_file("teal"))
        LessonPhoto.objects.create(
            lesson=lesson, caption=f"รูปที่สองของ{title}", image=photo_file("olive", portrait=True)
        )
        reapprove(lesson, staff_bangphlat, strategy)
        titles.append(title)
    meta = content.edition_meta(title="คู่มือทดสอบ", number=1)
    pdf, _pages, warnings = render.render_pdf(content.collect(), meta)
    assert warnings == []
    return titles, PdfReader(io.BytesIO(pdf)), pdf


def positions(reader, text: str) -> list[tuple[int, float]]:
    """(page index, distance from the top) of each body line that starts with ``text``."""
    return [
        (index, top)
        for index, page in enumerate(reader.pages)
        for top, line in body_lines(page)
        if line.strip().startswith(text)
    ]


def test_each_photo_comes_before_the_next_lessons_title(book):
    titles, reader, _pdf = book
    for title, following in zip(titles, titles[1:] + [None], strict=True):
        own = positions(reader, title)[-1]  # (the first is its line in the contents)
        [caption] = positions(reader, f"ภาพ: รูปของ{title}")
        [second] = positions(reader, f"ภาพ: รูปที่สองของ{title}")
        assert own < caption < second, title
        caption = second
        if following:
            next_title = positions(reader, following)[-1]
            assert caption < next_title, (title, caption, next_title)
