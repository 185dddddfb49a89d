"""Mentoring pages: who sees which sessions and mentees' data; query budgets."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import District
from mentoring import services
from mentoring.models import FollowUp, MentoringSession, Pairing, PairingStatus, Trainer
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing(bangphlat, phranakhon):
    return Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )


@pytest.fixture
def session(pairing, strategy):
    return services.session_create(
        by=strategy, mentor=pairing.mentor, mentees=[pairing.mentee], trainers=[],
        date=dt.date(2025, 6, 1), kind="site_visit", topics="การสำรวจข้อมูลครัวเรือน", attendee_count=20,
        follow_ups=[{"who": "ทีมเขตพระนคร", "what": "ส่งแผนชุมชน", "due_date": dt.date(2025, 7, 1)}],
    )  # fmt: skip


def test_anonymous_visitors_are_sent_to_login(client, session):
    for url in [
        reverse("mentoring:home"),
        reverse("mentoring:sessions"),
        reverse("mentoring:suggest"),
        reverse("mentoring:session_detail", args=[session.pk]),
    ]:
        assert client.get(url).url.startswith("/accounts/login/")


def test_mentor_and_mentee_staff_see_their_session_others_do_not(
    login, session, staff_bangphlat, staff_mentee, strategy, django_user_model
):
    url = reverse("mentoring:session_detail", args=[session.pk])
    assert login(staff_bangphlat).get(url).status_code == 200
    assert login(staff_mentee).get(url).status_code == 200
    assert login(strategy).get(url).status_code == 200
    outsider = django_user_model.objects.create(
        username="staff1006_t", role="district_staff", district=District.objects.get(code="1006")
    )
    assert login(outsider).get(url).status_code == 404
    assert (
        "การสำรวจข้อมูลครัวเรือน"
        not in login(outsider).get(reverse("mentoring:sessions")).content.decode()
    )


def test_overdue_follow_ups_are_listed(
    login, session, staff_mentee, strategy, django_capture_on_commit_callbacks
):
    body = login(staff_mentee).get(reverse("mentoring:home")).content.decode()
    assert "ส่งแผนชุมชน" in body.split('id="overdue"')[1]
    # Marked done as the session page does (the page is kept until the follow-up changes).
    with django_capture_on_commit_callbacks(execute=True):
        for follow_up in FollowUp.objects.all():
            services.follow_up_set_done(follow_up=follow_up, done=True, by=strategy)
    assert 'id="overdue"' not in login(staff_mentee).get(reverse("mentoring:home")).content.decode()


def test_mentors_read_but_cannot_change_their_mentees_communities(
    login, pairing, staff_bangphlat, phranakhon
):
    community = CommunityFactory(district=phranakhon, name="ชุมชนของเขตที่ดูแล")
    client = login(staff_bangphlat)
    assert client.get(reverse("communities:detail", args=[community.pk])).status_code == 200
    assert "ชุมชนของเขตที่ดูแล" in client.get(reverse("communities:list")).content.decode()
    assert client.get(reverse("communities:edit", args=[community.pk])).status_code == 403
    assert client.post(reverse("communities:delete", args=[community.pk])).status_code == 403
    # Personal data stays masked for mentors.
    assert (
        community.chair_phone
        not in client.get(reverse("communities:detail", args=[community.pk])).content.decode()
    )


def test_without_an_active_pairing_a_pilot_reads_nothing_of_the_district(
    login, pairing, staff_bangphlat, phranakhon
):
    community = CommunityFactory(district=phranakhon)
    pairing.status = PairingStatus.ENDED
    pairing.end_date = dt.date(2025, 12, 31)
    pairing.save()
    assert (
        login(staff_bangphlat).get(reverse("communities:detail", args=[community.pk])).status_code
        == 404
    )


def test_mentees_do_not_read_their_mentors_communities(login, pairing, staff_mentee, bangphlat):
    community = CommunityFactory(district=bangphlat)
    assert (
        login(staff_mentee).get(reverse("communities:detail", args=[community.pk])).status_code
        == 404
    )


def test_only_the_strategy_office_opens_the_suggestion_and_applies_it(
    login, strategy, staff_bangphlat
):
    assert login(staff_bangphlat).get(reverse("mentoring:suggest")).status_code == 403
    client = login(strategy)
    page = client.get(reverse("mentoring:suggest"))
    assert "กลุ่มเขตเดียวกัน" in page.content.decode()
    assert Pairing.objects.count() == 0  # shown for review, nothing saved
    client.post(reverse("mentoring:suggest"), {"fingerprint": page.context["fingerprint"]})
    assert Pairing.objects.active().count() == 43


def test_a_stale_suggestion_is_not_applied(login, strategy):
    client = login(strategy)
    fingerprint = client.get(reverse("mentoring:suggest")).context["fingerprint"]
    Pairing.objects.create(
        mentor=District.objects.get(code="1037"),
        mentee=District.objects.get(code="1001"),
        start_date="2025-01-01",
        status=PairingStatus.ACTIVE,
    )
    client.post(reverse("mentoring:suggest"), {"fingerprint": fingerprint})
    assert Pairing.objects.count() == 1


def test_trainer_contacts_only_for_logged_in_users(client, login, strategy, bangphlat):
    Trainer.objects.create(
        name="นางปราณี รักษ์ชุมชน",
        district=bangphlat,
        position="นักพัฒนาสังคม",
        topics="บัญชีครัวเรือน",
        phone="02-111-2222",
    )
    public = client.get(reverse("mentoring:trainers")).content.decode()
    assert "นางปราณี" in public and "02-111-2222" not in public
    assert "02-111-2222" in login(strategy).get(reverse("mentoring:trainers")).content.decode()


def test_exports_list_all_fifty_districts_with_their_mentor(login, pairing, strategy):
    csv_text = (
        login(strategy)
        .get(reverse("mentoring:export", args=["csv"]))
        .getvalue()
        .decode("utf-8-sig")
    )
    lines = csv_text.strip().splitlines()
    assert len(lines) == 51
    assert any(line.startswith("1001,พระนคร") and line.endswith("บางพลัด") for line in lines)
    assert login(strategy).get(reverse("mentoring:export", args=["xlsx"])).status_code == 200


def test_staff_propose_a_stage_through_the_page(login, staff_mentee, strategy):
    login(staff_mentee).post(
        reverse("mentoring:stage", args=["1001"]), {"stage": "preparing", "reason": "พร้อมเตรียมทีม"}
    )
    assert District.objects.get(code="1001").rollout_stage == "not_started"
    assert login(staff_mentee).get(reverse("mentoring:stage", args=["1002"])).status_code == 403


@pytest.mark.parametrize("sessions", [1, 12])
def test_mentoring_page_query_count_is_bounded(
    login, strategy, pairing, sessions, django_assert_max_num_queries
):
    for index in range(sessions):
        services.session_create(by=strategy, mentor=pairing.mentor, mentees=[pairing.mentee], trainers=[],
                                date=dt.date(2025, 1, 1) + dt.timedelta(days=index), kind="online", topics="t", attendee_count=5,
                                follow_ups=[{"who": "a", "what": "b", "due_date": dt.date(2025, 2, 1)}])  # fmt: skip
    client = login(strategy)
    # session, user, mentors (+active pairings), districts (+mentors), overdue, proposals,
    # whether the user may record a session (the button that opens the form), the nav's
    # count of lessons waiting (then cached), the data version the overview is kept under
    with django_assert_max_num_queries(12):
        client.get(reverse("mentoring:home"))
    with django_assert_max_num_queries(8):  # the overview kept: no mentors, no districts
        client.get(reverse("mentoring:home"))
    with django_assert_max_num_queries(9):
        client.get(reverse("mentoring:sessions"))


@pytest.mark.parametrize("sessions", [1, 12])
def test_district_profile_query_count_is_bounded(
    login, strategy, staff_bangphlat, pairing, sessions, django_assert_max_num_queries
):
    for index in range(sessions):
        services.session_create(by=strategy, mentor=pairing.mentor, mentees=[pairing.mentee], trainers=[],
                                date=dt.date(2025, 1, 1) + dt.timedelta(days=index), kind="online", topics="t", attendee_count=5)  # fmt: skip
        services.stage_change(
            district=pairing.mentee,
            stage="preparing" if index % 2 else "implementing",
            reason="r",
            by=strategy,
        )
    client = login(staff_bangphlat)
    # session, user, district, mentee ids; dashboard panel (version, 7 aggregates);
    # mentoring panel (stage changes, mentor or mentees, sessions); communities panel;
    # reporting panel (the year's months); the bell's unread count (first page, then cached);
    # a mentee's open follow-ups (1001) or the user's own recent entries (1025);
    # training panel (people trained by kind, runs hosted, trainers' hours, latest runs);
    # on the user's own district (1025) "what to do now" (reporting/tasks.py): its
    # communities, recent months, the report month's activities (and type medians when it
    # has any), this month's active communities, follow-ups due, lessons sent back, mentees;
    # and the page's data version (districts/page.py).
    with django_assert_max_num_queries(26):
        client.get(reverse("districts:detail", args=["1001"]))
    with django_assert_max_num_queries(33):
        first = client.get(reverse("districts:detail", args=["1025"]))
    # Read again with nothing changed: the body is kept (session, user, district, version,
    # and the bell's count).
    with django_assert_max_num_queries(5):
        again = client.get(reverse("districts:detail", args=["1025"]))
    # The same page but for the log-out form's token (new on every response).
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", again.content) == token.sub(b"", first.content)


def test_district_page_shows_stage_timeline_mentor_and_sessions(login, strategy, session):
    services.stage_change(
        district=session.mentees.get(), stage="preparing", reason="เตรียมทีมแล้ว", by=strategy
    )
    body = login(strategy).get(reverse("districts:detail", args=["1001"])).content.decode()
    panel = body.split('id="mentoring-panel"')[1]
    assert "เตรียมทีมแล้ว" in panel and "เขตบางพลัด" in panel and "การสำรวจข้อมูลครัวเรือน" in panel
    assert MentoringSession.objects.count() == 1


def _session_post(mentor, mentee, **overrides):
    data = {
        "date": "2025-06-10", "mentor": mentor.pk, "mentees": [mentee.pk], "kind": "workshop",
        "topics": "การถอดบทเรียน", "attendee_count": "25", "notes": "",
        "fu-TOTAL_FORMS": "2", "fu-INITIAL_FORMS": "0", "fu-MIN_NUM_FORMS": "0",
        "fu-MAX_NUM_FORMS": "1000", "fu-0-who": "ทีมเขตพระนคร", "fu-0-what": "ส่งรายชื่อแกนนำ",
        "fu-0-due_date": "2025-07-10", "fu-1-who": "", "fu-1-what": "", "fu-1-due_date": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_mentor_staff_record_a_session_with_a_follow_up(login, pairing, staff_bangphlat):
    client = login(staff_bangphlat)
    url = reverse("mentoring:session_create")
    response = client.post(url, _session_post(pairing.mentor, pairing.mentee))
    session = MentoringSession.objects.get()
    assert response.url == session.get_absolute_url()
    assert list(session.mentees.all()) == [pairing.mentee]
    assert session.created_by == staff_bangphlat
    assert list(session.follow_ups.values_list("what", flat=True)) == ["ส่งรายชื่อแกนนำ"]
    assert "ส่งรายชื่อแกนนำ" in client.get(response.url).content.decode()


def test_bad_session_input_gets_thai_messages_and_saves_nothing(login, pairing, strategy):
    client = login(strategy)
    url = reverse("mentoring:session_create")
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    body = client.post(url, _session_post(pairing.mentor, pairing.mentee, date=future)).content
    assert "วันที่ต้องไม่เป็นวันในอนาคต" in body.decode()
    body = client.post(url, _session_post(pairing.mentor, pairing.mentee, date="31/2/2568"))
    assert "วันที่ไม่ถูกต้อง" in body.content.decode()
    body = client.post(url, _session_post(pairing.mentor, pairing.mentee, mentees=[]))
    assert body.status_code == 200
    body = client.post(url, _session_post(pairing.mentor, pairing.mentor))  # a pilot as mentee
    assert body.status_code == 200
    assert not MentoringSession.objects.exists()


def test_only_the_mentor_district_and_strategy_record_sessions(
    login, pairing, staff_mentee, staff_bangphlat
):
    url = reverse("mentoring:session_create")
    assert login(staff_mentee).get(url).status_code == 403
    # Pilot staff may record only for their own district: another pilot is not a choice.
    other_pilot = District.objects.pilots().exclude(pk=pairing.mentor_id).first()
    response = login(staff_bangphlat).post(url, _session_post(other_pilot, pairing.mentee))
    assert response.status_code == 200
    assert not MentoringSession.objects.exists()


def test_follow_ups_are_ticked_by_the_districts_involved_only(
    login, session, staff_mentee, django_user_model
):
    item = session.follow_ups.get()
    url = reverse("mentoring:follow_up_done", args=[item.pk])
    outsider = django_user_model.objects.create(
        username="staff1006_f", role="district_staff", district=District.objects.get(code="1006")
    )
    assert login(outsider).post(url, {"done": "1"}).status_code == 404
    item.refresh_from_db()
    assert not item.done
    login(staff_mentee).post(url, {"done": "1"})
    item.refresh_from_db()
    assert item.done and item.done_on == timezone.localdate()
    assert "ส่งแผนชุมชน" not in login(staff_mentee).get(reverse("mentoring:home")).content.decode()


def test_a_forged_number_of_follow_up_forms_is_refused_quickly_in_thai(
    login, pairing, staff_bangphlat
):
    import time

    client = login(staff_bangphlat)
    data = _session_post(pairing.mentor, pairing.mentee) | {"fu-TOTAL_FORMS": "9" * 400}
    started = time.monotonic()
    response = client.post(reverse("mentoring:session_create"), data)
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert "งานติดตามได้ไม่เกิน 20 รายการต่อครั้ง" in response.content.decode()
    assert not MentoringSession.objects.exists()
