"""Office files are zips: one that inflates far beyond its size (a zip bomb) is refused as an
attachment in Thai, by the kernel's one check that the XLSX import uses as well."""

import io
import random
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bangphlat import uploads
from lessons import services as lesson_services
from lessons.models import LessonAttachment
from tests.lessons.factories import edit_form_data, make_lesson

pytestmark = pytest.mark.django_db

MAIN_PART = {
    ".docx": ("[Content_Types].xml", "word/document.xml"),
    ".xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    ".pptx": ("[Content_Types].xml", "ppt/presentation.xml"),
}
ODF_MIMETYPE = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def office_file(extension, *, filler_name="media/filler.bin", filler_mb=0, members=0) -> bytes:
    """A minimal but well-formed Office or OpenDocument file, with optional padding:
    ``filler_mb`` MB of zeros in one member (it compresses ~1000×) and ``members`` extra
    small members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if extension in ODF_MIMETYPE:
            archive.writestr("mimetype", ODF_MIMETYPE[extension], zipfile.ZIP_STORED)
            archive.writestr("content.xml", b"<office:document-content/>")
        else:
            for name in MAIN_PART[extension]:
                archive.writestr(name, b"<x/>")
        if filler_mb:
            with archive.open(filler_name, "w") as member:
                zeros = b"\0" * (1024 * 1024)
                for _ in range(filler_mb):
                    member.write(zeros)
        for number in range(members):
            archive.writestr(f"media/part{number}.xml", b"<p/>")
    return buffer.getvalue()


def many_one_megabyte_members(extension, count) -> bytes:
    """Each member is at the small-member limit (no ratio check), together far beyond it."""
    buffer = io.BytesIO(office_file(extension))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        for number in range(count):
            archive.writestr(f"media/zeros{number}.bin", b"\0" * uploads.ZIP_SMALL_MEMBER)
    return buffer.getvalue()


def attach(staff, name, data):
    lesson = make_lesson(staff)
    return lesson_services.lesson_add_attachment(
        lesson=lesson, by=staff, upload=SimpleUploadedFile(name, data), title="ไฟล์แนบ"
    )


@pytest.mark.parametrize("extension", [".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"])
def test_an_office_file_that_inflates_a_thousand_fold_is_refused_in_thai(
    staff_bangphlat, extension
):
    bomb = office_file(extension, filler_mb=40)
    assert len(bomb) < 100 * 1024  # 40 MB inside, under 100 KB on disk
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        attach(staff_bangphlat, f"แผนงาน{extension}", bomb)
    assert time.monotonic() - started < 1  # measured from the directory, nothing inflated
    assert "ขนาดใหญ่ผิดปกติ" in refused.value.messages[0]
    assert refused.value.error_list[0].code == "zip_bomb"
    assert not LessonAttachment.objects.exists()


def test_many_members_together_beyond_the_limit_are_refused(staff_bangphlat):
    count = uploads.MAX_ZIP_UNCOMPRESSED // uploads.ZIP_SMALL_MEMBER + 1
    with pytest.raises(ValidationError) as refused:
        attach(staff_bangphlat, "รายงาน.docx", many_one_megabyte_members(".docx", count))
    assert "ขนาดใหญ่ผิดปกติ" in refused.value.messages[0]
    assert not LessonAttachment.objects.exists()


def test_a_zip_of_thousands_of_parts_is_refused(staff_bangphlat):
    data = office_file(".pptx", members=uploads.MAX_ZIP_MEMBERS)
    with pytest.raises(ValidationError) as refused:
        attach(staff_bangphlat, "สไลด์.pptx", data)
    assert "ขนาดใหญ่ผิดปกติ" in refused.value.messages[0]


def test_a_real_sized_document_with_ordinary_compression_is_accepted(staff_bangphlat):
    """3 MB of varied Thai text (compresses a few times) and a small run of blank space."""
    rng = random.Random(30)
    words = ["ชุมชน", "บัญชีครัวเรือน", "ออมทรัพย์", "ประชุม", "แกนนำ", "ผู้สูงอายุ", "ขยะ"]
    text = " ".join(f"{rng.choice(words)}{rng.randint(1, 99999)}" for _ in range(160_000))
    buffer = io.BytesIO(office_file(".docx", filler_mb=1))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/notes.xml", text.encode())
    data = buffer.getvalue()
    assert len(text.encode()) > 3 * 1024 * 1024
    attachment = attach(staff_bangphlat, "บันทึกการประชุม.docx", data)
    assert attachment.file.name.endswith(".docx")
    assert attachment.file.size == len(data)


def test_the_form_check_refuses_the_bomb_before_anything_is_saved():
    upload = SimpleUploadedFile("แผน.docx", office_file(".docx", filler_mb=40))
    with pytest.raises(ValidationError) as refused:
        uploads.check_attachment(upload)
    assert "ขนาดใหญ่ผิดปกติ" in refused.value.messages[0]


def test_a_zip_named_as_a_pdf_is_still_refused_as_the_wrong_kind():
    """A broken or mismatched file gets the usual message, not the bomb's."""
    upload = SimpleUploadedFile("รายงาน.pdf", office_file(".docx"))
    with pytest.raises(ValidationError) as refused:
        uploads.check_attachment(upload)
    assert "รับเฉพาะไฟล์ PDF" in refused.value.messages[0]


def test_the_lesson_page_refuses_a_docx_bomb_with_the_thai_message(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    bomb = SimpleUploadedFile("คู่มือ.docx", office_file(".docx", filler_mb=40))
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_form_data(lesson) | {"attachment-file": bomb, "attachment-title": "คู่มือ"},
    )
    assert response.status_code == 200
    assert "ขนาดใหญ่ผิดปกติ" in response.content.decode()
    assert not LessonAttachment.objects.exists()
