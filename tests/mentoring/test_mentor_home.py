"""The mentoring menu for a mentor's staff opens on their own mentees, names as links; the
seven mentors' overview follows, folded; everyone else reads the overview as before."""

import datetime as dt

import pytest
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
    # data version the overview is kept under
    with django_assert_max_num_queries(13):
        client.get(reverse("mentoring:home"))
    # Kept: the mentors and the districts (with their pairings) are not read again.
    with django_assert_max_num_queries(9):
        client.get(reverse("mentoring:home"))
