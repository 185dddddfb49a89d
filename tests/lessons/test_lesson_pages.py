"""Writing, uploads, filters, the district panel and the reopened-lesson view, per role."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lessons import services
from lessons.models import Lesson, LessonAttachment, LessonPhoto, Topic
from tests.lessons.factories import TEXT, approved_lesson, edit_form_data, make_lesson

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


def form_data(**overrides):
    return {"title": "บทเรียนใหม่", "step": "reach", **TEXT} | overrides


def test_district_staff_write_a_draft_for_their_own_district(login, staff_bangphlat):
    topic = Topic.objects.get(name_th="สิ่งแวดล้อมและขยะ")
    response = login(staff_bangphlat).post(
        reverse("lessons:create"),
        form_data(topics=[topic.pk], dimensions=["living", "income"]),
    )
    lesson = Lesson.objects.get()
    assert response.url == reverse("lessons:detail", args=[lesson.pk])
    assert (lesson.district, lesson.status, lesson.dimensions) == (
        staff_bangphlat.district,
        "draft",
        ["living", "income"],
    )
    assert list(lesson.topics.all()) == [topic]
    assert list(lesson.authors.all()) == [staff_bangphlat]


def test_the_form_reports_missing_fields_in_thai(login, staff_bangphlat):
    response = login(staff_bangphlat).post(reverse("lessons:create"), {"title": ""})
    assert response.status_code == 200
    assert "กรุณากรอกช่องนี้" in response.content.decode()
    assert not Lesson.objects.exists()


def test_the_strategy_office_and_admins_do_not_write_lessons(login, strategy, portal_admin):
    for user in (strategy, portal_admin):
        assert login(user).get(reverse("lessons:create")).status_code == 403
        assert login(user).post(reverse("lessons:create"), form_data()).status_code == 403
    assert not Lesson.objects.exists()


def test_another_district_cannot_edit_or_upload(login, staff_bangphlat, staff_mentee, strategy):
    lesson = approved_lesson(staff_bangphlat, strategy, title="ของบางพลัด")
    client = login(staff_mentee)
    assert client.get(reverse("lessons:edit", args=[lesson.pk])).status_code == 403
    response = client.post(
        reverse("lessons:edit", args=[lesson.pk]),
        form_data(title="ถูกแก้โดยเขตอื่น", version=lesson.version),
    )
    assert response.status_code == 403
    upload = SimpleUploadedFile("a.png", png_bytes(), "image/png")
    response = client.post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_form_data(lesson) | {"photo-image": upload, "photo-caption": "x"},
    )
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert (lesson.title, lesson.status) == ("ของบางพลัด", "approved")
    assert not LessonPhoto.objects.exists()


def test_the_strategy_office_reads_but_does_not_edit(login, staff_bangphlat, strategy):
    lesson = make_lesson(staff_bangphlat)
    client = login(strategy)
    assert client.get(reverse("lessons:detail", args=[lesson.pk])).status_code == 200
    assert client.get(reverse("lessons:edit", args=[lesson.pk])).status_code == 403


def test_photos_and_pdf_attachments_are_checked_by_content_and_size(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    client = login(staff_bangphlat)
    url = reverse("lessons:edit", args=[lesson.pk])

    def send(files):
        lesson.refresh_from_db()  # each save uses up a version
        return client.post(url, edit_form_data(lesson) | files)

    send({"photo-image": SimpleUploadedFile("p.png", png_bytes()), "photo-caption": "เวทีประชาคม"})
    send(
        {
            "attachment-file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 report"),
            "attachment-title": "รายงานสรุป",
        }
    )
    assert LessonPhoto.objects.get().caption == "เวทีประชาคม"
    assert LessonAttachment.objects.get().title == "รายงานสรุป"

    response = send(
        {
            "attachment-file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"),
            "attachment-title": "แอบอ้าง",
        }
    )
    assert "รับเฉพาะไฟล์ PDF" in response.content.decode()
    big = b"%PDF" + b"0" * (10 * 1024 * 1024)
    response = send({"attachment-file": SimpleUploadedFile("big.pdf", big)})
    assert "ไฟล์ใหญ่เกิน 10 MB" in response.content.decode()
    response = send(
        {
            "photo-image": SimpleUploadedFile("fake.png", b"not an image"),
            "photo-caption": "ภาพปลอม",
        }
    )
    assert response.status_code == 200
    assert LessonAttachment.objects.count() == 1 and LessonPhoto.objects.count() == 1

    body = client.get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert "เวทีประชาคม" in body and "รายงานสรุป" in body


def test_filters_by_district_step_topic_dimension_and_status(login, staff_bangphlat, strategy):
    waste = Topic.objects.get(name_th="สิ่งแวดล้อมและขยะ")
    first = approved_lesson(staff_bangphlat, strategy, title="ธนาคารขยะ", step="develop")
    first.topics.set([waste])
    Lesson.objects.filter(pk=first.pk).update(dimensions=["living"])
    make_lesson(staff_bangphlat, title="สำรวจครัวเรือน", step="understand")
    client = login(strategy)

    def titles(**params):
        body = client.get(reverse("lessons:list"), params).content.decode()
        return {t for t in ("ธนาคารขยะ", "สำรวจครัวเรือน") if t in body}

    assert titles() == {"ธนาคารขยะ", "สำรวจครัวเรือน"}
    assert titles(step="develop") == {"ธนาคารขยะ"}
    assert titles(topic=waste.pk) == {"ธนาคารขยะ"}
    assert titles(dimension="living") == {"ธนาคารขยะ"}
    assert titles(dimension="income") == set()
    assert titles(status="draft") == {"สำรวจครัวเรือน"}
    assert titles(district="1025") == {"ธนาคารขยะ", "สำรวจครัวเรือน"}
    assert titles(district="1001") == set()
    assert client.get(reverse("lessons:list"), {"topic": "abc"}).status_code == 200


def test_outsiders_search_only_the_approved_text(login, staff_bangphlat, staff_mentee, strategy):
    lesson = approved_lesson(staff_bangphlat, strategy, title="ธนาคารขยะ")
    services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, results="คำลับในฉบับร่าง"
    )
    client = login(staff_mentee)
    assert "ธนาคารขยะ" not in client.get(reverse("lessons:list"), {"q": "คำลับ"}).content.decode()
    assert "ธนาคารขยะ" in client.get(reverse("lessons:list"), {"q": "ขยะ"}).content.decode()
    own = login(staff_bangphlat).get(reverse("lessons:list"), {"q": "คำลับ"}).content.decode()
    assert "ธนาคารขยะ" in own


def test_a_reopened_lesson_shows_its_thread_and_stays_approved_for_others(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy)
    services.lesson_update(lesson=lesson, by=staff_bangphlat, version=lesson.version, title="ใหม่")
    own = login(staff_bangphlat).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert "เริ่มแก้ไขฉบับใหม่" in own.split('id="thread"')[1]
    assert "ผู้อื่นและคู่มือยังใช้ฉบับที่อนุมัติแล้ว" in own
    listing = login(staff_mentee).get(reverse("lessons:list")).content.decode()
    assert "status-approved" in listing and "ฉบับร่าง" not in listing.split('id="lesson-list"')[1]


def test_the_list_is_paginated(login, staff_bangphlat):
    for number in range(23):
        make_lesson(staff_bangphlat, title=f"บทเรียนที่ {number:02d}")
    client = login(staff_bangphlat)
    first = client.get(reverse("lessons:list")).content.decode()
    second = client.get(reverse("lessons:list"), {"page": 2}).content.decode()
    assert first.count('class="lesson-title"') == 20
    assert second.count('class="lesson-title"') == 3


def test_district_page_panel(login, staff_bangphlat, staff_mentee, strategy, bangphlat):
    approved_lesson(staff_bangphlat, strategy, title="บทเรียนที่อนุมัติ")
    make_lesson(staff_bangphlat, title="ร่างที่ยังไม่ส่ง")
    url = reverse("districts:detail", args=[bangphlat.code])
    own = login(staff_bangphlat).get(url).content.decode()
    panel = own.split('id="lessons-panel"')[1]
    assert "บทเรียนที่อนุมัติ" in panel and "กำลังเขียนหรือแก้ไข 1" in panel
    panel = login(staff_mentee).get(url).content.decode().split('id="lessons-panel"')[1]
    assert "บทเรียนที่อนุมัติ" in panel and "กำลังเขียน" not in panel


def test_demo_lessons_cover_every_state_with_real_thai_text(staff_bangphlat):
    from accounts import demo as accounts_demo
    from districts import demo as districts_demo
    from lessons import demo

    accounts_demo.seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    districts_demo.seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    demo.seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    statuses = set(Lesson.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "changes_requested", "approved", "archived"}
    approved = Lesson.objects.approved().select_related("approved_revision")
    assert approved.count() >= 12
    assert {lesson.approved_revision.step for lesson in approved} == {
        "understand",
        "reach",
        "develop",
    }
    for lesson in Lesson.objects.all():
        for name in TEXT:
            text = getattr(lesson, name)
            assert len(text) > 40 and "lorem" not in text.lower()
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in text)
    assert set(Lesson.objects.values_list("district__code", flat=True)) == set(
        Lesson.objects.model._meta.get_field("district")
        .related_model.objects.pilots()
        .values_list("code", flat=True)
    )
    assert demo.seed(scale="small", rng=random.Random(1), stdout=io.StringIO()) == (
        "already seeded"
    )


def test_a_lesson_links_its_districts_communities_and_activities(
    login, staff_bangphlat, staff_mentee, strategy, phranakhon
):
    from tests.communities.factories import ActivityFactory, CommunityFactory

    community = CommunityFactory(name="ชุมชนริมคลองทดสอบ")
    activity = ActivityFactory(community=community, title="เวทีประชาคมเรื่องหนี้")
    foreign = ActivityFactory(community=CommunityFactory(district=phranakhon, number=99))
    client = login(staff_bangphlat)
    response = client.post(
        reverse("lessons:create"),
        form_data(communities=[community.pk], activities=[activity.pk, foreign.pk]),
    )
    assert response.status_code == 200  # another district's activity is not a valid choice
    assert not Lesson.objects.exists()
    client.post(
        reverse("lessons:create"),
        form_data(communities=[community.pk], activities=[activity.pk]),
    )
    lesson = Lesson.objects.get()
    assert list(lesson.activities.all()) == [activity]
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    services.lesson_approve(lesson=lesson, by=strategy)
    own = client.get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    links = own.split('id="lesson-links"')[1].split("</ul>")[0]
    assert "เวทีประชาคมเรื่องหนี้" in links and activity.get_absolute_url() in links
    other = login(staff_mentee).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    links = other.split('id="lesson-links"')[1].split("</ul>")[0]
    assert "ชุมชนริมคลองทดสอบ" in links and community.get_absolute_url() not in links
