"""What a screen reader and an archive get from the handbook, read with pypdf: the structure
tree of the tagged PDF (language, headings, lists, tables, figures with alternative text for
every chart and photo), its bookmarks, and the PDF/A identification of the archival copy."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from handbook import content, render
from lessons.models import LessonPhoto
from tests.handbook.test_handbook_layout_and_tags import structure
from tests.lessons.factories import approved_lesson, reapprove

pytestmark = pytest.mark.django_db

PHOTO_CAPTION = "แกนนำชุมชนประชุมวางแผนที่ศาลา"


@pytest.fixture
def both_pdfs(staff_bangphlat, strategy):
    """One lesson with a list, a table and a photo; the book written both ways."""
    lesson = approved_lesson(
        staff_bangphlat,
        strategy,
        title="บัญชีครัวเรือนเปลี่ยนชีวิต",
        actions="1. ชวนแกนนำ\n2. อบรมการจดบัญชี\n",
        results="| ตัวชี้วัด | ก่อน | หลัง |\n|---|---|---|\n| ครัวเรือนที่จดบัญชี | 0 | 94 |\n",
    )
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "green").save(buffer, "PNG")
    LessonPhoto.objects.create(
        lesson=lesson, caption=PHOTO_CAPTION, image=SimpleUploadedFile("p.png", buffer.getvalue())
    )
    reapprove(lesson, staff_bangphlat, strategy)
    meta = {**content.edition_meta(title="คู่มือทดสอบ", number=1), "identifier": "t" * 32}
    accessible, archival, _pages, warnings = render.render_pdfs(content.collect(), meta)
    assert warnings == []
    return PdfReader(io.BytesIO(accessible)), PdfReader(io.BytesIO(archival))


def xmp(reader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_the_structure_tree_is_in_thai_with_headings_lists_tables_and_figures(both_pdfs):
    accessible, _archival = both_pdfs
    root = accessible.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]) == "th"
    kinds = [kind for kind, _alt in structure(accessible)]
    for kind in ["/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"]:
        assert kind in kinds, kind
    # The cover's title is no heading: a reader meets the contents' H1 first, one per chapter.
    assert kinds.count("/H1") >= 7


def test_every_figure_has_an_alternative_text_the_photo_its_caption(both_pdfs):
    accessible, _archival = both_pdfs
    alts = [str(alt) if alt else "" for kind, alt in structure(accessible) if kind == "/Figure"]
    assert alts and all(alt.strip() for alt in alts), alts
    assert PHOTO_CAPTION in alts  # the photo
    assert sum("ชุมชนของเขต" in alt for alt in alts) >= 1  # a pilot district's chart


def test_the_bookmarks_name_the_chapters_and_each_lesson_under_its_step(both_pdfs):
    accessible, _archival = both_pdfs
    # pypdf gives a chapter's bookmark followed by the list of its children.
    outline = accessible.outline
    chapters = [item.title for item in outline if not isinstance(item, list)]
    assert "สารบัญ" not in chapters  # the contents page is no chapter of the book
    assert {"รูปแบบบางพลัดโมเดล", "ขั้นเข้าใจ", "ภาคผนวก"} <= set(chapters)
    under = {
        item.title: following
        for item, following in zip(outline, outline[1:], strict=False)
        if not isinstance(item, list) and isinstance(following, list)
    }
    assert [child.title for child in under["ขั้นเข้าใจ"]] == ["บัญชีครัวเรือนเปลี่ยนชีวิต"]


def test_the_archival_copy_identifies_itself_as_pdf_a_and_keeps_the_tags(both_pdfs):
    accessible, archival = both_pdfs
    metadata = xmp(archival)
    assert re.search(r"pdfaid:part(>|=\")3", metadata), metadata[:500]
    assert re.search(r"pdfaid:conformance(>|=\")B", metadata)
    assert "/OutputIntents" in archival.trailer["/Root"]
    assert "/StructTreeRoot" in archival.trailer["/Root"]
    assert str(archival.trailer["/Root"]["/Lang"]) == "th"
    # ... and the one offered first says PDF/UA, not PDF/A.
    assert re.search(r"pdfuaid:part(>|=\")1", xmp(accessible))
    assert "pdfaid:part" not in xmp(accessible)
    assert "/OutputIntents" not in accessible.trailer["/Root"]
    # Both written from one drawing of the pages (render._write_both): the same text.
    assert accessible.pages[0].extract_text() == archival.pages[0].extract_text()
    assert len(accessible.pages) == len(archival.pages)
