"""Only reviewed text leaves a district: what another district, a mentor, search and the
handbook read of a lesson is its approved revision, with interviewees named only with consent."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lessons import services
from lessons.access import can_view_lesson_file
from lessons.models import Interviewee, LessonAttachment, LessonPhoto, Topic
from mentoring.models import Pairing
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import (
    TEXT,
    approved_lesson,
    edit_form_data,
    make_lesson,
    reapprove,
)

pytestmark = pytest.mark.django_db


def without_word_spans(html: str) -> str:
    """The page without the spans that keep Thai words whole (a heading's title is split
    into them by the line-break filter): what a reader sees, for "is it shown" checks."""
    return re.sub(r'<span class="(?:nobr|name-long)">|</span>|<wbr>', "", html)


PEOPLE = [
    {"name": "นางสมศรี ใจดี", "role": "ประธานชุมชน", "consent": False},
    {"name": "นายบุญมี รักถิ่น", "role": "อาสาสมัครสาธารณสุข", "consent": True},
]


def png_upload(name="รูป.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def topic(name):
    return Topic.objects.get_or_create(name_th=name, defaults={"name_en": name})[0]


@pytest.fixture
def shared(staff_bangphlat, strategy):
    """An approved lesson with one topic, one community and one activity, then re-edited:
    a second topic, community and activity, a new step and dimension, and a photo."""
    first_community = CommunityFactory(name="ชุมชนที่อนุมัติแล้ว")
    lesson = approved_lesson(
        staff_bangphlat,
        strategy,
        title="ชื่อที่อนุมัติ",
        step="understand",
        dimensions=["income"],
        topics=[topic("หัวข้อที่อนุมัติ")],
        communities=[first_community],
        activities=[ActivityFactory(community=first_community, title="กิจกรรมที่อนุมัติ")],
    )
    added_community = CommunityFactory(name="ชุมชนที่เพิ่มทีหลัง")
    lesson = services.lesson_update(
        lesson=lesson,
        by=staff_bangphlat,
        version=lesson.version,
        step="develop",
        dimensions=["income", "health"],
        topics=[topic("หัวข้อที่อนุมัติ"), topic("หัวข้อที่เพิ่มทีหลัง")],
        communities=[first_community, added_community],
        activities=[ActivityFactory(community=added_community, title="กิจกรรมที่เพิ่มทีหลัง")],
        results="ผลที่ยังไม่ผ่านการพิจารณา",
    )
    return lesson


def test_edits_after_approval_stay_invisible_to_other_districts_until_approved_again(
    login, shared, staff_bangphlat, staff_mentee, strategy
):
    client = login(staff_bangphlat)
    client.post(
        reverse("lessons:edit", args=[shared.pk]),
        edit_form_data(shared) | {"photo-image": png_upload(), "photo-caption": "รูปที่เพิ่มทีหลัง"},
    )
    photo = LessonPhoto.objects.get(lesson=shared)
    url = reverse("lessons:detail", args=[shared.pk])
    own = without_word_spans(client.get(url).content.decode())
    assert "รูปที่เพิ่มทีหลัง" in own and "ชุมชนที่เพิ่มทีหลัง" in own

    body = without_word_spans(login(staff_mentee).get(url).content.decode())
    for unreviewed in [
        "รูปที่เพิ่มทีหลัง",
        "หัวข้อที่เพิ่มทีหลัง",
        "ชุมชนที่เพิ่มทีหลัง",
        "กิจกรรมที่เพิ่มทีหลัง",
        "สุขภาพ",  # the added dimension
        "ขั้นพัฒนา",
        "ผลที่ยังไม่ผ่านการพิจารณา",
    ]:
        assert unreviewed not in body, unreviewed
    for approved in ["ชื่อที่อนุมัติ", "หัวข้อที่อนุมัติ", "ชุมชนที่อนุมัติแล้ว", "กิจกรรมที่อนุมัติ"]:
        assert approved in body, approved
    assert login(staff_mentee).get(photo.image.url).status_code == 404

    services.lesson_submit(lesson=shared, by=staff_bangphlat)
    services.lesson_approve(lesson=shared, by=strategy)
    body = without_word_spans(login(staff_mentee).get(url).content.decode())
    for reviewed in ["รูปที่เพิ่มทีหลัง", "หัวข้อที่เพิ่มทีหลัง", "ชุมชนที่เพิ่มทีหลัง", "สุขภาพ"]:
        assert reviewed in body, reviewed
    assert login(staff_mentee).get(photo.image.url).status_code == 200


def test_adding_a_photo_to_an_approved_lesson_starts_a_new_draft(login, staff_bangphlat, strategy):
    lesson = approved_lesson(staff_bangphlat, strategy)
    login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_form_data(lesson) | {"photo-image": png_upload(), "photo-caption": "ใหม่"},
    )
    lesson.refresh_from_db()
    assert lesson.status == "draft" and lesson.approved_revision is not None
    assert "เริ่มแก้ไขฉบับใหม่" in lesson.transitions.last().comment


def test_a_caption_changed_after_approval_is_shown_to_others_as_approved(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = make_lesson(staff_bangphlat)
    photo = LessonPhoto.objects.create(lesson=lesson, caption="คำบรรยายเดิม", image=png_upload())
    attachment = LessonAttachment.objects.create(
        lesson=lesson, title="รายงานเดิม", file=SimpleUploadedFile("r.pdf", b"%PDF-1.4\n")
    )
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    services.lesson_approve(lesson=lesson, by=strategy)
    LessonPhoto.objects.filter(pk=photo.pk).update(caption="คำบรรยายใหม่")
    LessonAttachment.objects.filter(pk=attachment.pk).update(title="รายงานใหม่")
    body = login(staff_mentee).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert "คำบรรยายเดิม" in body and "คำบรรยายใหม่" not in body
    assert "รายงานเดิม" in body and "รายงานใหม่" not in body


@pytest.mark.parametrize(
    "query",
    [
        {"status": "draft"},
        {"step": "develop"},
        {"dimension": "health"},
        {"q": "ผลที่ยังไม่ผ่านการพิจารณา"},
    ],
)
def test_no_filter_tells_another_district_which_approved_lessons_are_being_re_edited(
    login, shared, staff_mentee, strategy, query
):
    listing = reverse("lessons:list")
    assert "ชื่อที่อนุมัติ" not in login(staff_mentee).get(listing, query).content.decode()
    assert "ชื่อที่อนุมัติ" in login(strategy).get(listing, query).content.decode()


def test_filters_find_an_approved_lesson_by_what_was_approved(login, shared, staff_mentee):
    listing = reverse("lessons:list")
    client = login(staff_mentee)
    added = Topic.objects.get(name_th="หัวข้อที่เพิ่มทีหลัง")
    assert "ชื่อที่อนุมัติ" not in client.get(listing, {"topic": added.pk}).content.decode()
    approved_topic = Topic.objects.get(name_th="หัวข้อที่อนุมัติ")
    for query in [
        {"status": "approved"},
        {"step": "understand"},
        {"dimension": "income"},
        {"topic": approved_topic.pk},
        {"q": TEXT["results"]},
    ]:
        body = client.get(listing, query).content.decode()
        assert "ชื่อที่อนุมัติ" in body and "ขั้นพัฒนา" not in body, query


def test_the_lesson_list_shows_others_the_approved_step_and_never_the_draft_status(
    login, shared, staff_mentee, staff_bangphlat
):
    body = login(staff_mentee).get(reverse("lessons:list")).content.decode()
    assert "ขั้นเข้าใจ" in body and "ขั้นพัฒนา" not in body and "status-draft" not in body
    own = login(staff_bangphlat).get(reverse("lessons:list")).content.decode()
    assert "ขั้นพัฒนา" in own and "status-draft" in own


def test_a_mentor_reads_the_approved_revision_of_its_mentees_lesson(
    login, staff_bangphlat, staff_mentee, strategy, bangphlat, phranakhon
):
    Pairing.objects.create(mentor=bangphlat, mentee=phranakhon, start_date="2025-10-01")
    lesson = approved_lesson(staff_mentee, strategy, title="บทเรียนพระนคร", interviewees=PEOPLE)
    services.lesson_update(
        lesson=lesson, by=staff_mentee, version=lesson.version, title="ร่างพระนคร"
    )
    body = login(staff_bangphlat).get(reverse("lessons:detail", args=[lesson.pk])).content
    assert "บทเรียนพระนคร" in body.decode() and "ร่างพระนคร" not in body.decode()
    assert "นางสมศรี" not in body.decode() and "ประธานชุมชน" in body.decode()


# --- Interviewees --------------------------------------------------------------------------
def test_the_lesson_form_records_each_interviewee_with_consent(login, staff_bangphlat):
    client = login(staff_bangphlat)
    form = client.get(reverse("lessons:create")).content.decode()
    assert "ยินยอมให้เผยแพร่ชื่อ" in form
    response = client.post(
        reverse("lessons:create"),
        {
            "title": "บทเรียนใหม่",
            "step": "reach",
            **TEXT,
            "interviewees-TOTAL_FORMS": "3",
            "interviewees-INITIAL_FORMS": "0",
            "interviewees-0-name": "นางสมศรี ใจดี",
            "interviewees-0-role": "ประธานชุมชน",
            "interviewees-1-name": "นายบุญมี รักถิ่น",
            "interviewees-1-role": "อสส.",
            "interviewees-1-consent": "on",
        },
    )
    assert response.status_code == 302
    people = list(Interviewee.objects.values_list("name", "role", "consent"))
    assert people == [("นางสมศรี ใจดี", "ประธานชุมชน", False), ("นายบุญมี รักถิ่น", "อสส.", True)]


def test_an_interviewee_without_a_role_is_refused_in_thai(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, interviewees=PEOPLE)
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        {
            "title": lesson.title,
            "step": lesson.step,
            **TEXT,
            "version": lesson.version,
            "interviewees-TOTAL_FORMS": "1",
            "interviewees-INITIAL_FORMS": "1",
            "interviewees-0-name": "นายไม่มีตำแหน่ง",
            "interviewees-0-role": "",
        },
    )
    assert response.status_code == 200
    assert "ระบุตำแหน่งหรือบทบาทด้วย" in response.content.decode()
    assert lesson.interviewees.count() == 2  # nothing saved


def test_an_edit_without_the_interviewee_rows_keeps_the_interviewees(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, interviewees=PEOPLE)
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        {"title": "ชื่อใหม่", "step": lesson.step, **TEXT, "version": lesson.version},
    )
    assert response.status_code == 302
    assert lesson.interviewees.count() == 2


def test_a_name_without_consent_never_reaches_another_districts_search_or_lesson_page(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=PEOPLE)
    client = login(staff_mentee)
    for response in [
        client.get(reverse("lessons:detail", args=[lesson.pk])),
        client.get(reverse("lessons:list"), {"q": TEXT["background"]}),
        client.get(reverse("districts:detail", args=["1025"])),
    ]:
        assert "นางสมศรี" not in response.content.decode()
    # Names are not searchable text either (the query itself is echoed in the search box).
    found = client.get(reverse("lessons:list"), {"q": "นางสมศรี"}).content.decode()
    assert "ไม่พบบทเรียน" in found


def test_consent_given_after_approval_reaches_others_only_with_the_next_approval(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=PEOPLE)
    services.lesson_update(
        lesson=lesson,
        by=staff_bangphlat,
        version=lesson.version,
        interviewees=[{**PEOPLE[0], "consent": True}],
    )
    url = reverse("lessons:detail", args=[lesson.pk])
    assert "นางสมศรี" not in without_word_spans(login(staff_mentee).get(url).content.decode())
    reapprove(lesson, staff_bangphlat, strategy)
    assert "นางสมศรี ใจดี ประธานชุมชน" in without_word_spans(
        login(staff_mentee).get(url).content.decode()
    )


def test_a_withdrawn_consent_hides_the_name_at_once_without_a_new_approval(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=PEOPLE)
    url = reverse("lessons:detail", args=[lesson.pk])
    assert "นายบุญมี รักถิ่น" in without_word_spans(login(staff_mentee).get(url).content.decode())
    services.lesson_update(
        lesson=lesson,
        by=staff_bangphlat,
        version=lesson.version,
        interviewees=[PEOPLE[0], {**PEOPLE[1], "consent": False}],
    )
    body = without_word_spans(login(staff_mentee).get(url).content.decode())
    assert "นายบุญมี" not in body and "อาสาสมัครสาธารณสุข" in body


def test_an_author_who_joins_after_approval_is_credited_to_others_after_the_next_approval(
    login, staff_bangphlat, staff_mentee, strategy
):
    from tests.conftest import make_user

    lesson = approved_lesson(staff_bangphlat, strategy)
    newcomer = make_user(
        "newcomer_t", "district_staff", staff_bangphlat.district, first_name="สมหมาย"
    )
    services.lesson_update(lesson=lesson, by=newcomer, version=lesson.version, title="ใหม่")
    url = reverse("lessons:detail", args=[lesson.pk])
    assert "สมหมาย" not in without_word_spans(login(staff_mentee).get(url).content.decode())
    reapprove(lesson, staff_bangphlat, strategy)
    assert "สมหมาย" in without_word_spans(login(staff_mentee).get(url).content.decode())


# --- Files ---------------------------------------------------------------------------------
def test_who_may_open_a_lessons_file(staff_bangphlat, staff_mentee, strategy, portal_admin):
    lesson = approved_lesson(staff_bangphlat, strategy)
    lesson.refresh_from_db()
    added = LessonPhoto.objects.create(lesson=lesson, caption="ใหม่", image=png_upload())
    assert can_view_lesson_file(staff_bangphlat, lesson, added)
    assert can_view_lesson_file(strategy, lesson, added)
    assert not can_view_lesson_file(staff_mentee, lesson, added)
    reapprove(lesson, staff_bangphlat, strategy)
    lesson.refresh_from_db()
    assert can_view_lesson_file(staff_mentee, lesson, added)
    attachment = LessonAttachment.objects.create(
        lesson=lesson, title="x", file=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n")
    )
    assert not can_view_lesson_file(staff_mentee, lesson, attachment)
    draft = make_lesson(staff_bangphlat)
    draft_photo = LessonPhoto.objects.create(lesson=draft, caption="ร่าง", image=png_upload())
    assert not can_view_lesson_file(staff_mentee, draft, draft_photo)
