"""The mentoring menu for a mentor's staff opens on their own mentees, names as links; the
seven mentors' overview follows, folded; everyone else reads the overview as before."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from mentoring import services
from mentoring.models import Pairing, PairingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing(bangphlat, phranakhon):
    return Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )


def test_a_mentor_lands_on_its_own_mentees_with_names_as_links(
    login, pairing, staff_bangphlat, strategy
):
    services.session_create(
        by=strategy, mentor=pairing.mentor, mentees=[pairing.mentee], trainers=[],
        date=dt.date(2025, 6, 1), kind="site_visit", topics="t", attendee_count=5,
        follow_ups=[{"who": "ทีม", "what": "ส่งแผน", "due_date": dt.date(2025, 7, 1)}],
    )  # fmt: skip
    body = login(staff_bangphlat).get(reverse("mentoring:home")).content.decode()
    mine = body.split('id="my-mentees"')[1].split("</section>")[0]
    assert 'class="fw-semibold mentee-link" href="/districts/1001/">เขตพระนคร</a>' in mine
    assert "เข้าร่วมครั้งล่าสุด 1 มิ.ย. 2568" in mine and "งานติดตามค้าง 1 งาน" in mine
    assert body.index('id="my-mentees"') < body.index('id="all-mentors"')
    assert '<details class="mb-3" id="all-mentors">' in body


def test_others_read_the_overview_unfolded(login, pairing, strategy, staff_mentee):
    for user in (strategy, staff_mentee):
        body = login(user).get(reverse("mentoring:home")).content.decode()
        assert 'id="my-mentees"' not in body and 'id="all-mentors"' not in body
        assert 'id="mentors"' in body


def test_a_mentors_page_stays_within_its_budget(
    login, pairing, staff_bangphlat, django_assert_max_num_queries
):
    client = login(staff_bangphlat)
    # session, user, the user's mentees (ids, then the districts with last session and
    # open follow-ups), mentors (+active pairings, +their mentees), districts (+mentors),
    # overdue, whether the user may record a session, the bell's count (first page), the
    # data versions the page and the overview are kept under
    with django_assert_max_num_queries(14):
        client.get(reverse("mentoring:home"))
    # Kept (mentoring/kept_lists.py): session, user, the readable districts, the version, the
    # bell's count.
    with django_assert_max_num_queries(5):
        client.get(reverse("mentoring:home"))


def test_a_follow_up_done_and_a_new_mentee_are_on_the_next_load(
    login, pairing, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_create(
            by=strategy, mentor=pairing.mentor, mentees=[pairing.mentee], trainers=[],
            date=dt.date(2025, 6, 1), kind="site_visit", topics="t", attendee_count=5,
            follow_ups=[{"who": "ทีม", "what": "ส่งแผน", "due_date": dt.date(2025, 7, 1)}],
        )  # fmt: skip
    client = login(staff_bangphlat)
    body = client.get(reverse("mentoring:home")).content.decode()
    assert "งานติดตามค้าง 1 งาน" in body and "ส่งแผน" in body.split('id="overdue"')[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_set_done(follow_up=session.follow_ups.get(), done=True, by=strategy)
    body = client.get(reverse("mentoring:home")).content.decode()
    assert "งานติดตามค้าง" not in body and 'id="overdue"' not in body


def test_the_stage_deciders_page_is_never_kept(strategy, phranakhon, staff_mentee):
    """Its proposals carry forms that post: a kept CSRF token would not be the one of the
    decider's next session, and the decision would be refused (403)."""
    services.stage_propose(
        by=staff_mentee, district=phranakhon, stage="preparing", reason="พร้อมแล้ว"
    )
    first = Client(enforce_csrf_checks=True)
    first.force_login(strategy)
    assert "พร้อมแล้ว" in first.get(reverse("mentoring:home")).content.decode()
    second = Client(enforce_csrf_checks=True)  # a new session: a new CSRF secret
    second.force_login(strategy)
    page = second.get(reverse("mentoring:home")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    action = page.split('<form method="post" action="')[1].split('"')[0]
    response = second.post(action, {"csrfmiddlewaretoken": token, "note": "", "accept": "1"})
    assert response.status_code == 302


def test_a_follow_up_due_yesterday_is_overdue_on_the_next_days_kept_page(
    login, pairing, staff_bangphlat, strategy, frozen, django_capture_on_commit_callbacks
):
    frozen(dt.datetime(2026, 12, 7, 20, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.session_create(
            by=strategy, mentor=pairing.mentor, mentees=[pairing.mentee], trainers=[],
            date=dt.date(2026, 12, 1), kind="site_visit", topics="t", attendee_count=5,
            follow_ups=[{"who": "ทีม", "what": "ส่งแผนวันนี้", "due_date": dt.date(2026, 12, 7)}],
        )  # fmt: skip
    client = login(staff_bangphlat)
    assert 'id="overdue"' not in client.get(reverse("mentoring:home")).content.decode()
    frozen(dt.datetime(2026, 12, 8, 8, 0))  # nothing written since: only the day changed
    body = client.get(reverse("mentoring:home")).content.decode()
    assert "ส่งแผนวันนี้" in body.split('id="overdue"')[1]
