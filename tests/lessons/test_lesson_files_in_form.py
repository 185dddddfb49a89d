"""The lesson form sends its text, a photo and an attachment in one submit: nothing typed is
lost by uploading, a refused file saves nothing but keeps the text, and the version check
still refuses a stale edit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lessons.models import Lesson, LessonAttachment, LessonPhoto
from tests.lessons.factories import TEXT, make_lesson

pytestmark = pytest.mark.django_db
TYPED = "ชุมชนจดบัญชีครัวเรือนครบ 40 ครัวเรือน รายจ่ายลดลงเดือนละ 800 บาท"


def jpeg(name="แปลงผัก.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="รายงานผล.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n%%EOF", content_type="application/pdf")


def edit_data(lesson, **overrides):
    return {
        "title": lesson.title,
        "step": "understand",
        "version": lesson.version,
        **TEXT,
        "results": TYPED,
    } | overrides


def test_typed_sections_and_a_photo_are_saved_by_one_submit(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_data(lesson) | {"photo-image": jpeg(), "photo-caption": "แปลงผักหลังบ้าน"},
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.results == TYPED
    photo = LessonPhoto.objects.get(lesson=lesson)
    assert photo.caption == "แปลงผักหลังบ้าน"
    assert photo.image.name.endswith(".jpg")


def test_a_photo_and_an_attachment_together_with_default_caption_and_title(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, title="ธนาคารขยะริมคลอง")
    login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_data(lesson) | {"photo-image": jpeg(), "attachment-file": pdf()},
    )
    assert LessonPhoto.objects.get().caption == "ธนาคารขยะริมคลอง"
    assert LessonAttachment.objects.get().title == "รายงานผล"
    lesson.refresh_from_db()
    assert lesson.results == TYPED


def test_a_refused_photo_saves_nothing_and_keeps_the_typed_text(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    before = lesson.results
    script = SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>")
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]), edit_data(lesson) | {"photo-image": script}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert TYPED in body  # still in the form
    assert "ไม่ใช่รูปภาพที่รองรับ" in body
    lesson.refresh_from_db()
    assert lesson.results == before
    assert not LessonPhoto.objects.exists()


def test_a_file_the_service_refuses_rolls_the_text_back_and_says_so_beside_the_file(
    login, staff_bangphlat
):
    """A truncated JPEG passes the form's header check but fails to decode in the service."""
    lesson = make_lesson(staff_bangphlat)
    whole = jpeg().read()
    truncated = SimpleUploadedFile("ตัด.jpg", whole[: len(whole) // 2])
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_data(lesson) | {"photo-image": truncated, "attachment-file": pdf()},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert TYPED in body
    assert "ไม่ใช่รูปภาพที่รองรับ" in body
    assert "เลือกไฟล์อีกครั้ง" in body  # the attachment, not saved either, must be chosen again
    lesson.refresh_from_db()
    assert lesson.results != TYPED
    assert not LessonPhoto.objects.exists() and not LessonAttachment.objects.exists()
    # The version was not used up: the same form, files chosen again, saves.
    resent = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]), edit_data(lesson) | {"photo-image": jpeg()}
    )
    assert resent.status_code == 302


def test_a_stale_edit_with_a_photo_saves_neither(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    client = login(staff_bangphlat)
    url = reverse("lessons:edit", args=[lesson.pk])
    stale_version = lesson.version
    client.post(url, edit_data(lesson, results="คนแรกบันทึกก่อน"))
    response = client.post(url, edit_data(lesson, version=stale_version) | {"photo-image": jpeg()})
    body = response.content.decode()
    assert "มีผู้อื่นบันทึกบทเรียนนี้ไปก่อนแล้ว" in body
    assert TYPED in body
    assert "เลือกไฟล์อีกครั้ง" in body
    assert not LessonPhoto.objects.exists()


def test_an_invalid_form_with_a_photo_asks_for_the_photo_again(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_data(lesson, title="") | {"photo-image": jpeg()},
    )
    body = response.content.decode()
    assert "กรุณากรอกช่องนี้" in body
    assert "เลือกไฟล์อีกครั้ง" in body
    assert TYPED in body
    assert not LessonPhoto.objects.exists()


def test_a_new_lesson_is_written_with_its_photo_in_one_submit(login, staff_bangphlat):
    client = login(staff_bangphlat)
    page = client.get(reverse("lessons:create")).content.decode()
    assert 'name="photo-image"' in page and 'enctype="multipart/form-data"' in page
    response = client.post(
        reverse("lessons:create"),
        {"title": "บทเรียนใหม่", "step": "reach", **TEXT, "results": TYPED}
        | {"photo-image": jpeg(), "photo-caption": "วันเปิดโครงการ"},
    )
    lesson = Lesson.objects.get()
    assert response.url == lesson.get_absolute_url()
    assert lesson.results == TYPED
    assert LessonPhoto.objects.get(lesson=lesson).caption == "วันเปิดโครงการ"


def test_a_new_lesson_with_a_refused_photo_is_not_created_and_keeps_the_text(
    login, staff_bangphlat
):
    response = login(staff_bangphlat).post(
        reverse("lessons:create"),
        {"title": "บทเรียนใหม่", "step": "reach", **TEXT, "results": TYPED}
        | {"photo-image": SimpleUploadedFile("x.jpg", b"junk")},
    )
    assert response.status_code == 200
    assert TYPED in response.content.decode()
    assert not Lesson.objects.exists()


def test_the_upload_inputs_have_labels_and_the_form_warns_before_leaving(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    body = login(staff_bangphlat).get(reverse("lessons:edit", args=[lesson.pk])).content.decode()
    for field in (
        "id_photo-image",
        "id_photo-caption",
        "id_attachment-file",
        "id_attachment-title",
    ):
        assert f'for="{field}"' in body
    assert "data-warn-unsaved" in body and 'data-warn-unsaved="dirty"' not in body


def test_a_form_sent_back_unsaved_is_marked_dirty(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]), edit_data(lesson, title="")
    )
    assert 'data-warn-unsaved="dirty"' in response.content.decode()
