"""Lesson pages: visibility per role, safe Markdown, no lost edits, query budgets."""

import pytest
from django.urls import reverse

from lessons import services
from tests.lessons.factories import TEXT, approved_lesson, make_lesson

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_login(client, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    for url in [
        reverse("lessons:list"),
        reverse("lessons:detail", args=[lesson.pk]),
        reverse("lessons:create"),
        reverse("lessons:review_queue"),
    ]:
        assert client.get(url).url.startswith("/accounts/login/")


def test_drafts_of_one_district_are_invisible_to_another(login, staff_bangphlat, staff_mentee):
    draft = make_lesson(staff_bangphlat, title="ร่างลับของบางพลัด")
    client = login(staff_mentee)
    assert client.get(reverse("lessons:detail", args=[draft.pk])).status_code == 404
    assert "ร่างลับของบางพลัด" not in client.get(reverse("lessons:list")).content.decode()
    assert client.get(reverse("lessons:edit", args=[draft.pk])).status_code == 404
    client.post(reverse("lessons:transition", args=[draft.pk]), {"action": "submit"})
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_approved_lessons_are_visible_to_every_logged_in_user_with_the_approved_text(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy, title="ชื่อที่อนุมัติ")
    services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, title="ชื่อที่ยังแก้อยู่"
    )
    body = login(staff_mentee).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert "ชื่อที่อนุมัติ" in body and "ชื่อที่ยังแก้อยู่" not in body
    assert 'id="thread"' not in body  # the review thread is the district's business
    assert "นางสมศรี" not in body
    assert "ชื่อที่อนุมัติ" in login(staff_mentee).get(reverse("lessons:list")).content.decode()
    own = login(staff_bangphlat).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert "ชื่อที่ยังแก้อยู่" in own


def test_interviewee_names_are_shown_to_the_districts_staff_and_to_others_only_with_consent(
    login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(
        staff_bangphlat,
        strategy,
        interviewees=[
            {"name": "นางสมศรี ใจดี", "role": "ประธานชุมชน", "consent": False},
            {"name": "นายบุญมี รักถิ่น", "role": "อาสาสมัครสาธารณสุข", "consent": True},
        ],
    )
    url = reverse("lessons:detail", args=[lesson.pk])
    own = login(staff_bangphlat).get(url).content.decode()
    assert "นางสมศรี ใจดี" in own and "นายบุญมี รักถิ่น" in own
    assert own.count("ไม่ยินยอมเผยแพร่ชื่อ") == 1  # the district sees who others see by role
    for reader in (strategy, staff_mentee):
        body = login(reader).get(url).content.decode()
        assert "นางสมศรี" not in body and "ประธานชุมชน" in body
        assert "นายบุญมี รักถิ่น อาสาสมัครสาธารณสุข" in body


def test_markdown_is_rendered_safely(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, background="**สำคัญ** <script>alert('x')</script>")
    body = login(staff_bangphlat).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert "<strong>สำคัญ</strong>" in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body or "&lt;script&gt;" in body
    assert "<script>alert" not in body


def test_thai_substring_search_over_title_and_text(login, staff_bangphlat):
    make_lesson(staff_bangphlat, title="ธนาคารขยะ", results="ขยะลดลงร้อยละ 35")
    make_lesson(staff_bangphlat, title="ปลูกผัก")
    client = login(staff_bangphlat)
    assert "ธนาคารขยะ" in client.get(reverse("lessons:list"), {"q": "ร้อยละ 35"}).content.decode()
    assert "ปลูกผัก" not in client.get(reverse("lessons:list"), {"q": "ขยะ"}).content.decode()


def test_the_second_concurrent_save_is_refused_and_the_text_kept(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    client = login(staff_bangphlat)
    url = reverse("lessons:edit", args=[lesson.pk])
    form = {"title": lesson.title, "step": "understand", "version": lesson.version, **TEXT}
    assert client.post(url, form | {"results": "ผลของคนแรก 10 ครัวเรือน"}).status_code == 302
    response = client.post(url, form | {"results": "ผลของคนที่สอง 20 ครัวเรือน"})
    body = response.content.decode()
    assert "มีผู้อื่นบันทึกบทเรียนนี้ไปก่อนแล้ว" in body
    assert "ผลของคนที่สอง 20 ครัวเรือน" in body  # kept in the form
    assert "<ins>" in body.split('id="conflict"')[1]  # shows what changed
    lesson.refresh_from_db()
    assert lesson.results == "ผลของคนแรก 10 ครัวเรือน"


@pytest.mark.parametrize("version", [None, 0, ""])
def test_a_lesson_edit_without_a_real_version_is_refused(login, staff_bangphlat, version):
    lesson = make_lesson(staff_bangphlat)
    client = login(staff_bangphlat)
    form = {"title": lesson.title, "step": "understand", **TEXT, "results": "ข้อความใหม่"}
    if version is not None:
        form["version"] = version
    response = client.post(reverse("lessons:edit", args=[lesson.pk]), form)
    body = response.content.decode()
    assert response.status_code == 200
    assert "ข้อความใหม่" in body  # kept in the form
    lesson.refresh_from_db()
    assert lesson.results != "ข้อความใหม่"
    armed = response.context["form"].data["version"]
    client.post(reverse("lessons:edit", args=[lesson.pk]), form | {"version": armed})
    lesson.refresh_from_db()
    assert lesson.results == "ข้อความใหม่"


def test_reviewer_queue_is_oldest_first_and_only_for_the_strategy_office(
    login, staff_bangphlat, strategy
):
    first = make_lesson(staff_bangphlat, title="ส่งก่อน")
    second = make_lesson(staff_bangphlat, title="ส่งทีหลัง")
    services.lesson_submit(lesson=first, by=staff_bangphlat)
    services.lesson_submit(lesson=second, by=staff_bangphlat)
    assert login(staff_bangphlat).get(reverse("lessons:review_queue")).status_code == 403
    body = login(strategy).get(reverse("lessons:review_queue")).content.decode()
    assert body.index("ส่งก่อน") < body.index("ส่งทีหลัง")


def test_revisions_show_a_readable_diff(login, staff_bangphlat, strategy):
    lesson = make_lesson(staff_bangphlat, results="ครัวเรือนเข้าร่วม 20 ครัวเรือน")
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    services.lesson_request_changes(lesson=lesson, by=strategy, comment="ขอตัวเลขล่าสุด")
    lesson.refresh_from_db()
    services.lesson_update(
        lesson=lesson,
        by=staff_bangphlat,
        version=lesson.version,
        results="ครัวเรือนเข้าร่วม 45 ครัวเรือน",
    )
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    body = login(strategy).get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    revision = body.split('id="revision-2"')[1]
    assert "<del>20</del>" in revision and "<ins>45</ins>" in revision


@pytest.mark.parametrize("count", [2, 15])
def test_list_and_detail_query_counts_are_bounded(
    login, staff_bangphlat, strategy, count, django_assert_max_num_queries
):
    lessons = [
        approved_lesson(staff_bangphlat, strategy, title=f"บทเรียน {i}") for i in range(count)
    ]
    client = login(staff_bangphlat)
    # 8, the kept list's version (mentoring/kept_lists.py), the bell's unread count (then cached)
    with django_assert_max_num_queries(10):
        client.get(reverse("lessons:list"))
    with django_assert_max_num_queries(14):
        client.get(reverse("lessons:detail", args=[lessons[0].pk]))


@pytest.mark.parametrize("impossible", ["9" * 400, "-1", "abc", "๑"])
def test_an_impossible_topic_id_is_an_invalid_choice_not_an_error_page(
    login, staff_bangphlat, impossible
):
    client = login(staff_bangphlat)
    response = client.post(
        reverse("lessons:create"),
        {"title": "บทเรียนใหม่", "step": "understand", **TEXT, "topics": [impossible]},
    )
    assert response.status_code == 200
    assert "ตัวเลือกไม่ถูกต้อง" in response.content.decode()


def test_a_forged_number_of_interviewee_rows_is_refused_quickly(login, staff_bangphlat):
    import time

    from lessons.models import Lesson

    client = login(staff_bangphlat)
    started = time.monotonic()
    response = client.post(
        reverse("lessons:create"),
        {"title": "บทเรียนใหม่", "step": "understand", **TEXT,
         "interviewees-TOTAL_FORMS": "9" * 400, "interviewees-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert not Lesson.objects.filter(title="บทเรียนใหม่").exists()
