"""The demo handbook as a reader turns its pages (issue #17): built from seed_demo's 19 lessons,
the book that once left a lesson's title and information box alone at the foot of pages 14 and
20 with the body overleaf. Positions come from the PDF's text layer (pypdf)."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from bangphlat.thai_breaks import thai_segments
from handbook import render, services
from handbook.models import EditionStatus
from lessons.models import SECTIONS
from tests.handbook.test_handbook_pdf import pdftotext

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM
BODY_TOP, BODY_BOTTOM = 24 * MM, PAGE_HEIGHT - 22 * MM  # handbook-print.css @page margins


@pytest.fixture
def demo_book(strategy, django_capture_on_commit_callbacks):
    call_command("seed_demo", force=True, verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _queued = services.request_build(by=strategy)  # the portal's own build path
    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY, edition.error
    data = edition.file.read()
    return edition, data, PdfReader(io.BytesIO(data))


def body_lines(page) -> list[tuple[float, str]]:
    """The text lines between the running head and the page number, top to bottom, as
    (distance from the top of the page in pt, text)."""
    fragments = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            # WeasyPrint flips the y axis in its page matrix: combine it with the text matrix.
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            fragments.append((round(PAGE_HEIGHT - y, 1), text))

    page.extract_text(visitor_text=visit)
    lines: dict[float, str] = {}
    for top, text in fragments:
        if BODY_TOP < top < BODY_BOTTOM:
            key = next((k for k in lines if abs(k - top) < 3), top)
            lines[key] = lines.get(key, "") + text
    return sorted(lines.items())


def lesson_bookmarks(reader):
    """(title, page index) of each lesson: the bookmarks under the step chapters."""
    found = []
    for item in reader.outline:
        if isinstance(item, list):
            found += [
                (child.title, reader.get_destination_page_number(child))
                for child in item
                if not isinstance(child, list) and "(เขต" in child.title
            ]
    return found


def test_the_demo_book_keeps_titles_with_their_text_and_its_contents_right(demo_book):
    """One test, one build: seeding and building the demo book takes over a minute."""
    edition, data, reader = demo_book
    with translation.override("th"):
        first_heading = str(SECTIONS[0][1])
    lessons = lesson_bookmarks(reader)
    assert len(lessons) == 19
    for title, index in lessons:
        lines = body_lines(reader.pages[index])
        at = next(i for i, (_top, text) in enumerate(lines) if title.startswith(text.strip()))
        after = [text.strip() for _top, text in lines[at + 1 :]]
        # Overleaf from the title would be the body: the first heading and two lines of its
        # text are on the title's page.
        assert first_heading in after, (index + 1, title, after)
        assert len(after) - after.index(first_heading) - 1 >= 2, (index + 1, title, after)
    assert_contents_front_matter_and_edition(edition, data, reader)
    assert_thai_lines_break_between_words(data)
    assert_every_thai_run_of_the_print_html_is_in_the_text_layer(edition, data)
    assert_every_pilot_chart_is_drawn(reader, data)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)  # a long title wraps in the contents


def page_number(text: str) -> str:
    """The number printed at the foot of a page (pdftotext -layout puts it last)."""
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else ""


def assert_contents_front_matter_and_edition(edition, data, reader):
    pages = [
        pdftotext(data, "-layout", "-f", str(n), "-l", str(n))
        for n in range(1, len(reader.pages) + 1)
    ]
    assert edition.number == 1
    assert "ฉบับพิมพ์ครั้งที่ 1" in pages[0]
    # The contents: no page of it holds only a line or two, and each lesson is listed at the
    # page where it is printed.
    toc = [i for i, text in enumerate(pages) if re.search(r"\.{5,}", text)]
    assert toc
    for i in toc:
        assert len(re.findall(r"\.{3,}\s*\S+\s*$", pages[i], flags=re.M)) >= 3, pages[i]
    printed_at = {page_number(text): i for i, text in enumerate(pages)}
    contents = compact("".join(pages[i] for i in toc))
    for title, index in lesson_bookmarks(reader):
        listed = re.search(re.escape(compact(title)) + r"\.{2,}(\d+)", contents)
        assert listed and printed_at[listed.group(1)] == index, title
    # Front matter (contents, foreword…) in Roman numerals; the first chapter is page 1.
    assert [page_number(pages[i]) for i in range(1, 4)] == ["ii", "iii", "iv"]
    chapter_one = next(i for i, text in enumerate(pages) if "บทที่ 1" in text and i > toc[-1])
    assert page_number(pages[chapter_one]) == "1"


def assert_thai_lines_break_between_words(data):
    """Where a line of Thai ends and the next goes on, the cut falls between two words (the
    compounds and district names of bangphlat/thai_breaks.py kept whole)."""
    lines = pdftotext(data).splitlines()
    cuts = []
    for line, following in zip(lines, lines[1:], strict=False):
        end, start = re.search(THAI + "$", line), re.match(THAI, following)
        if end and start:
            words = thai_segments(end.group() + start.group())
            ends = {sum(map(len, words[: n + 1])) for n in range(len(words))}
            if len(end.group()) not in ends:
                cuts.append(f"{end.group()}|{start.group()}")
    assert cuts == []


THAI = r"[\u0e01-\u0e5b]+"


def assert_every_thai_run_of_the_print_html_is_in_the_text_layer(edition, data):
    """All the Thai a reader should see reaches the PDF (issue #30: the wrapper's spans inside
    the charts' SVG left every chart blank, its labels loose words). A chart's <title> and
    <desc> are its alternative text, not drawn; the document <title> is metadata."""
    html, _warnings = render.render_html(
        edition.inputs["content"], edition.inputs["meta"], for_pdf=True
    )
    html = re.sub(r"<(title|desc|style)\b.*?</\1>", "", html, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", html)  # each element its own run
    runs = re.findall(THAI, visible)
    layer = compact(pdftotext(data))
    missing = sorted({run for run in runs if run not in layer})
    assert len(runs) > 1000
    assert missing == []


BAR_BLUE = (0x00, 0x72, 0xB2)  # bangphlat.charts.PALETTE[0], the pilot charts' bars


def assert_every_pilot_chart_is_drawn(reader, data):
    """Each page with a chart caption draws the bars: their fill colour is set in the page's
    content stream, and a rendered image of the page holds pixels of that colour."""
    fill = " ".join(f"{part / 255:g}"[:5] for part in BAR_BLUE)  # "0 0.447 0.698"
    chart_pages = [
        index
        for index, page in enumerate(reader.pages)
        if re.search(r"แผนภูมิ\s*\d", page.extract_text() or "")
    ]
    assert len(chart_pages) >= 4  # 7 pilot charts, one or two to a page
    for index in chart_pages:
        stream = reader.pages[index].get_contents().get_data().decode("latin-1")
        setting = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", stream)
        assert any(" ".join(f"{float(c):g}"[:5] for c in rgb) == fill for rgb in setting), index
        assert bar_pixels(data, index + 1) > 500, index + 1


def bar_pixels(data: bytes, page: int) -> int:
    """How many pixels of the bar colour page ``page`` shows at 50 dpi (poppler's raster)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-singlefile", "-r", "50", "-f", str(page), "-l", str(page)]
            + ["-", str(root)],
            input=data,
            check=True,
        )
        with Image.open(f"{root}.png") as image:
            pixels = list(image.convert("RGB").getdata())
    return sum(
        1 for pixel in pixels if all(abs(a - b) <= 12 for a, b in zip(pixel, BAR_BLUE, strict=True))
    )
