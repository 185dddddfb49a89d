"""The district page's body is kept per reader under the district's data version
(districts/page.py): a reload with nothing changed reads no panel again, and every change a
panel shows is on the next load, including those the dashboard does not count (a photo, a
month sent, a deadline, a stage, a training run), and no reader ever gets another's page."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Role
from bangphlat.versions import ANY, bump, district_all_key, district_key, version
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.conftest import CSRF

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(login, django_capture_on_commit_callbacks):
    """``page(user, code)`` → the district page's HTML as that user sees it."""

    def _page(user, code="1001"):
        response = login(user).get(reverse("districts:detail", args=[code]))
        assert response.status_code == 200
        return response.content.decode()

    return _page


def test_a_reload_with_nothing_changed_reads_no_panel_again(
    login, staff_mentee, django_assert_max_num_queries
):
    client = login(staff_mentee)
    first = client.get("/districts/1001/")
    # session, user, district, the page's version, the bell's count
    with django_assert_max_num_queries(5):
        again = client.get("/districts/1001/")
    assert CSRF.sub(b"", again.content) == CSRF.sub(b"", first.content)
    assert "สิ่งที่ต้องทำตอนนี้" in again.content.decode()


def test_no_reader_gets_another_readers_page(page, staff_mentee, strategy, portal_admin):
    own = page(staff_mentee)
    assert 'id="district-tasks"' in own and "รายการล่าสุดของฉัน" in own
    # The same district right after, as the strategy office and an administrator: their
    # own page (no tasks; the facts open), not the staff's kept one.
    for other in (strategy, portal_admin):
        body = page(other)
        assert 'id="district-tasks"' not in body
        assert '<details class="card district-facts" open' in body


def test_a_changed_role_is_a_new_page(page, staff_mentee):
    assert 'id="district-tasks"' in page(staff_mentee)
    staff_mentee.role = Role.STRATEGY
    staff_mentee.district = None
    staff_mentee.save()
    assert 'id="district-tasks"' not in page(staff_mentee)


def send_august_and_september(district, by):
    from reporting import services

    for month in (dt.date(2026, 8, 1), dt.date(2026, 9, 1)):  # October is the month to send
        services.reporting_month_submit(district=district, month=month, by=by)


def test_a_new_photo_leaves_the_months_checklist_on_the_next_load(
    page, staff_mentee, phranakhon, committed, frozen
):
    from communities.services import photos

    frozen(dt.datetime(2026, 11, 20, 9, 0))
    with committed():
        send_august_and_september(phranakhon, staff_mentee)
    with committed():
        activity = ActivityFactory(
            community=CommunityFactory(district=phranakhon), date=dt.date(2026, 10, 12)
        )
    assert "กิจกรรมที่ยังไม่มีรูป 1 กิจกรรม" in page(staff_mentee)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "green").save(buffer, "JPEG")
    upload = SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg")
    with committed():
        photo = photos.activity_add_photo(activity=activity, by=staff_mentee, upload=upload)
    assert "กิจกรรมที่ยังไม่มีรูป" not in page(staff_mentee)
    with committed():
        photo.delete()
    assert "กิจกรรมที่ยังไม่มีรูป 1 กิจกรรม" in page(staff_mentee)


def test_a_month_sent_and_returned_shows_on_the_next_load(
    page, staff_mentee, strategy, phranakhon, committed, frozen
):
    from reporting import services

    frozen(dt.datetime(2026, 11, 20, 9, 0))
    with committed():
        send_august_and_september(phranakhon, staff_mentee)
    assert "รายงานเดือนตุลาคม 2569" in page(staff_mentee)
    with committed():
        services.reporting_month_submit(
            district=phranakhon, month=dt.date(2026, 10, 1), by=staff_mentee
        )
    assert "รายงานเดือนพฤศจิกายน 2569" in page(staff_mentee)
    with committed():
        services.reporting_month_return(
            district=phranakhon, month=dt.date(2026, 10, 1), by=strategy, comment="ขาดรูป"
        )
    report = page(staff_mentee).split('id="task-report"')[1].split('class="task-item')[0]
    assert "รายงานเดือนตุลาคม 2569" in report and "ส่งกลับให้แก้ไข" in report


def test_a_new_deadline_moves_the_due_date_on_the_next_load(
    page, staff_mentee, strategy, committed, frozen
):
    from periods.services import deadline_set

    frozen(dt.datetime(2026, 11, 2, 9, 0))  # October is due on the 5th by default
    with committed():
        send_august_and_september(staff_mentee.district, staff_mentee)
    assert "กำหนดส่ง 5 พ.ย. 2569" in page(staff_mentee)
    with committed():
        deadline_set(fiscal_year=2570, due_day=10, by=strategy)
    assert "กำหนดส่ง 10 พ.ย. 2569" in page(staff_mentee)


def test_the_next_day_is_a_new_page(page, staff_mentee, phranakhon, frozen, committed):
    frozen(dt.datetime(2026, 11, 5, 20, 0))  # October's last day to send
    with committed():
        send_august_and_september(phranakhon, staff_mentee)
    body = page(staff_mentee)
    assert "รายงานเดือนตุลาคม 2569" in body and "เลยกำหนดแล้ว" not in body
    frozen(dt.datetime(2026, 11, 6, 8, 0))
    assert "เลยกำหนดแล้ว" in page(staff_mentee)


def test_a_decided_stage_change_shows_on_the_next_load(
    page, staff_mentee, strategy, phranakhon, committed
):
    from mentoring import services

    page(staff_mentee)
    with committed():
        services.stage_change(
            district=phranakhon, stage="preparing", reason="เริ่มลงชุมชนแล้ว", by=strategy
        )
    assert "เริ่มลงชุมชนแล้ว" in page(staff_mentee)


def test_a_new_training_run_shows_on_the_invited_districts_page(
    page, staff_mentee, staff_bangphlat, bangphlat, phranakhon, committed
):
    from training import services
    from training.models import Course

    with committed():
        course = Course.objects.create(title="หลักสูตรพี่เลี้ยงชุมชน", district=bangphlat)
    assert "หลักสูตรพี่เลี้ยงชุมชน" not in page(staff_mentee)
    with committed():
        services.course_run_create(
            by=staff_bangphlat,
            course=course,
            host=bangphlat,
            starts_on=dt.date(2026, 12, 14),
            ends_on=dt.date(2026, 12, 15),
            capacity=20,
            venue="สำนักงานเขตบางพลัด",
            target_districts=[phranakhon],
        )
    training = page(staff_mentee).split('id="training-panel"')[1]
    assert "หลักสูตรพี่เลี้ยงชุมชน" in training and "บางพลัด" in training


def test_an_administrators_recent_entries_follow_every_districts_data(
    page, portal_admin, bangphlat, committed
):
    body = page(portal_admin)
    assert "คุณยังไม่ได้บันทึกกิจกรรม" in body
    with committed():  # in another district than the page's
        ActivityFactory(
            community=CommunityFactory(district=bangphlat),
            title="ประชุมประชาคมริมน้ำ",
            created_by=portal_admin,
        )
    entries = page(portal_admin).split('id="my-recent-entries"')[1]
    assert "ประชุมประชาคมริมน้ำ" in entries


def test_a_districts_all_key_changes_with_each_of_its_keys(committed):
    with committed():
        bump({district_key(25)})
    before = version("epoch", district_all_key(25), district_all_key(26))
    with committed():
        bump({district_key(25, 2570)})
    after = version("epoch", district_all_key(25), district_all_key(26))
    assert after.split(".")[1] != before.split(".")[1]  # d25:* changed
    assert after.split(".")[0] == before.split(".")[0]  # the epoch did not
    assert version("never-bumped") == "-"
    # Keys that name no district (training's, the epoch, any) add none.
    with committed():
        bump({"training"})
    assert version(district_all_key(25)) == after.split(".")[1]
    assert version(ANY) != "-"


def test_a_renamed_zone_group_shows_on_the_next_load(page, staff_mentee, phranakhon, committed):
    assert phranakhon.zone_group.name_th in page(staff_mentee)
    group = phranakhon.zone_group
    group.name_th = "กลุ่มรัตนโกสินทร์ใหม่"
    with committed():
        group.save()
    assert "กลุ่มรัตนโกสินทร์ใหม่" in page(staff_mentee)
