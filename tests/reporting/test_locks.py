"""An approved month is locked: activities dated in it cannot be added, changed, deleted or
imported, by form, by import or through the services, until the strategy office unlocks it;
approving it again locks it again."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from communities import services
from communities.io import importing
from communities.io.resources import ACTIVITY_COLUMNS
from communities.models import Activity
from periods.selectors import locked_months
from periods.services import assert_month_open
from reporting import services as reporting
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
AUGUST = dt.date(2025, 8, 1)
LOCK_MESSAGE = "เดือนสิงหาคม 2568 ของเขตนี้อนุมัติแล้วและถูกล็อก"


@pytest.fixture
def community(bangphlat):
    return CommunityFactory(district=bangphlat, number=1)


@pytest.fixture
def locked(bangphlat, staff_bangphlat, strategy):
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    return AUGUST


def form_data(community, **overrides):
    return {
        "community": community.pk, "date": "2025-08-04", "title": "อบรมบัญชีครัวเรือน",
        "activity_type": 1, "model_step": "understand", "participants_total": 5,
        "participants_women": 0, "participants_elderly": 0, "participants_disabled": 0,
        "participants_youth": 0, "participants_welfare_card": 0, "budget": 0,
        "funding_source": "none",
    } | overrides  # fmt: skip


def test_the_message_names_the_month_and_who_may_unlock(locked, bangphlat):
    with pytest.raises(ValidationError) as error:
        assert_month_open(district=bangphlat, date=dt.date(2025, 8, 31))
    message = " ".join(error.value.messages)
    assert LOCK_MESSAGE in message
    assert "สำนักยุทธศาสตร์และประเมินผลปลดล็อก" in message


def test_the_days_around_the_locked_month_stay_open(locked, bangphlat, phranakhon):
    assert_month_open(district=bangphlat, date=dt.date(2025, 7, 31))
    assert_month_open(district=bangphlat, date=dt.date(2025, 9, 1))
    assert_month_open(district=phranakhon, date=dt.date(2025, 8, 15))


def test_locked_months_answers_for_many_districts_in_one_query(
    locked, bangphlat, phranakhon, django_assert_num_queries
):
    with django_assert_num_queries(1):
        months = locked_months([bangphlat.pk, phranakhon.pk])
    assert months == {(bangphlat.pk, AUGUST)}


def test_adding_an_activity_by_form_in_a_locked_month_is_refused(
    locked, community, staff_bangphlat, login
):
    response = login(staff_bangphlat).post(
        reverse("communities:activity_create"), form_data(community)
    )
    assert response.status_code == 200
    assert LOCK_MESSAGE in response.content.decode()
    assert not Activity.objects.exists()


def test_changing_an_activity_by_form_in_a_locked_month_is_refused(
    community, staff_bangphlat, strategy, bangphlat, login
):
    activity = ActivityFactory(community=community, date=dt.date(2025, 8, 4))
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    url = reverse("communities:activity_edit", args=[activity.pk])
    data = form_data(community, title="แก้ชื่อ", version=activity.version)
    response = login(staff_bangphlat).post(url, data)
    assert response.status_code == 200
    assert LOCK_MESSAGE in response.content.decode()
    # nor can it be moved out of the locked month
    response = login(staff_bangphlat).post(url, data | {"date": "2025-09-02"})
    assert LOCK_MESSAGE in response.content.decode()
    activity.refresh_from_db()
    assert (activity.title, activity.date) != ("แก้ชื่อ", dt.date(2025, 9, 2))
    assert activity.date == dt.date(2025, 8, 4)


def test_moving_an_activity_into_a_locked_month_is_refused(locked, community, staff_bangphlat):
    activity = ActivityFactory(community=community, date=dt.date(2025, 9, 4))
    with pytest.raises(ValidationError):
        services.activity_update(
            activity=activity,
            by=staff_bangphlat,
            version=activity.version,
            date=dt.date(2025, 8, 20),
        )


def test_deleting_an_activity_in_a_locked_month_is_refused_with_a_message(
    community, staff_bangphlat, strategy, bangphlat, login
):
    activity = ActivityFactory(community=community, date=dt.date(2025, 8, 4))
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    response = login(staff_bangphlat).post(
        reverse("communities:activity_delete", args=[activity.pk]), follow=True
    )
    assert response.status_code == 200
    assert LOCK_MESSAGE in response.content.decode()
    assert not Activity.objects.get(pk=activity.pk).is_deleted


def activity_file(date="4/8/2568", title="ปลูกผัก", participants="10") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ACTIVITY_COLUMNS.values()))
    sheet.append(["1025", "", "", "1", date, title, "บัญชีครัวเรือน", "เข้าใจ", "", participants,
                  "0", "0", "0", "0", "0", "0", "", ""])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_importing_an_activity_into_a_locked_month_is_a_row_error(
    locked, community, staff_bangphlat
):
    result = importing.run_import(
        kind="activities", data=activity_file(), filename="a.xlsx", user=staff_bangphlat,
        dry_run=False, only_rows=None,
    )  # fmt: skip
    assert result.has_errors
    assert LOCK_MESSAGE in str(result.rows[0].problems)
    assert not Activity.objects.exists()


def test_changing_an_activity_of_a_locked_month_by_import_is_refused(
    community, staff_bangphlat, strategy, bangphlat
):
    from communities.models import ActivityType

    activity = ActivityFactory(
        community=community, date=dt.date(2025, 8, 4), title="ปลูกผัก", participants_total=10,
        participants_women=0, activity_type=ActivityType.objects.get(name_th="บัญชีครัวเรือน"),
    )  # fmt: skip
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    result = importing.run_import(
        kind="activities", data=activity_file(participants="25"), filename="a.xlsx",
        user=staff_bangphlat, dry_run=False, only_rows=None,
    )  # fmt: skip
    assert result.has_errors
    assert LOCK_MESSAGE in str(result.rows[0].problems)
    activity.refresh_from_db()
    assert activity.participants_total == 10


def test_unlocking_reopens_the_month_and_approving_again_relocks_it(
    locked, community, bangphlat, staff_bangphlat, strategy
):
    reporting.reporting_month_unlock(
        district=bangphlat, month=AUGUST, by=strategy, comment="แก้ยอดผู้เข้าร่วมที่พิมพ์ผิด"
    )
    activity = services.activity_create(
        by=staff_bangphlat, community=community, **_fields(date=dt.date(2025, 8, 10))
    )
    assert activity.pk
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    with pytest.raises(ValidationError):
        services.activity_delete(activity=activity, by=staff_bangphlat)
    result = importing.run_import(
        kind="activities", data=activity_file(), filename="a.xlsx", user=staff_bangphlat,
        dry_run=True, only_rows=None,
    )  # fmt: skip
    assert result.has_errors


def _fields(**overrides):
    from communities.models import ActivityType

    return {
        "date": dt.date(2025, 8, 4), "title": "กิจกรรม", "model_step": "understand",
        "activity_type": ActivityType.objects.first(), "participants_total": 5,
    } | overrides  # fmt: skip


def test_adding_a_photo_to_an_activity_of_a_locked_month_is_refused(
    community, staff_bangphlat, strategy, bangphlat
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = ActivityFactory(community=community, date=dt.date(2025, 8, 4))
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    upload = SimpleUploadedFile("a.png", b"not even read", content_type="image/png")
    with pytest.raises(ValidationError):
        services.activity_add_photo(activity=activity, by=staff_bangphlat, upload=upload)


def test_the_api_refuses_an_activity_in_a_locked_month_with_the_month_named(
    locked, community, staff_bangphlat, login
):
    import uuid

    from communities.models import ActivityType

    payload = {
        "submission_key": str(uuid.uuid4()), "community": community.pk, "date": "2025-08-20",
        "title": "อบรมการออม", "activity_type": ActivityType.objects.first().pk,
        "model_step": "understand", "principles": [], "participants_total": 25,
        "participants_women": 10, "participants_elderly": 0, "participants_disabled": 0,
        "participants_youth": 0, "participants_welfare_card": 0, "budget": 0,
        "funding_source": "none",
    }  # fmt: skip
    client = login(staff_bangphlat)
    response = client.post("/api/v1/activities/", payload, content_type="application/json")
    assert response.status_code == 400
    assert LOCK_MESSAGE in " ".join(response.json()["date"])
    assert not Activity.objects.exists()
    # the next month is open
    payload |= {"submission_key": str(uuid.uuid4()), "date": "2025-09-01"}
    response = client.post("/api/v1/activities/", payload, content_type="application/json")
    assert response.status_code == 201
