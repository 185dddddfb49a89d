"""Exactly-once create forms: a repeated POST with the same submission key (a double click, a
retry after a timeout, "save and add another" sent twice) saves one record and is sent to
what the first one created; a form with errors leaves its key usable; an import is applied
once; two identical community creations at once give one community and a Thai message."""

import datetime as dt
import io
import re
import threading
import time
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bangphlat.models import Submission
from bangphlat.submissions import new_key
from communities import services
from communities.models import Activity, ActivityType, Community
from lessons.models import Lesson
from mentoring.models import FollowUp, MentoringSession, Pairing, StageChange
from tests.communities.factories import CommunityFactory
from tests.lessons.test_lesson_pages import form_data as lesson_data
from tests.mentoring.test_mentoring_views import _session_post

KEY_INPUT = re.compile(
    r'<input type="hidden" name="submission_key" value="([^"]+)" data-submit-once>'
)


def activity_data(community, key, **overrides):
    return {
        "community": community.pk, "date": "2025-08-04", "title": "ปลูกผักสวนครัว",
        "activity_type": ActivityType.objects.order_by("pk").first().pk, "model_step": "understand", "participants_total": 5,
        "participants_women": 0, "participants_elderly": 0, "participants_disabled": 0,
        "participants_youth": 0, "participants_welfare_card": 0, "budget": 0,
        "funding_source": "none", "submission_key": key,
    } | overrides  # fmt: skip


def community_data(key, district, **overrides):
    return {
        "district": district.pk, "name": "ชุมชนร่วมใจพัฒนา", "number": 7, "community_type": "crowded", "households": 120,
        "population": 400, "status": "active", "model_step": "not_engaged",
        "submission_key": key,
    } | overrides  # fmt: skip


@pytest.mark.django_db
class TestOneAfterTheOther:
    def test_each_create_form_carries_a_fresh_hidden_key(self, login, staff_bangphlat, bangphlat):
        CommunityFactory(district=bangphlat)
        client = login(staff_bangphlat)
        for name in ["communities:activity_create", "communities:create", "lessons:create"]:
            first = KEY_INPUT.findall(client.get(reverse(name)).content.decode())
            second = KEY_INPUT.findall(client.get(reverse(name)).content.decode())
            assert len(first) == len(second) == 1 and first != second, name

    def test_an_activity_posted_twice_is_saved_once_and_the_repeat_goes_to_it(
        self, login, staff_bangphlat, bangphlat
    ):
        community = CommunityFactory(district=bangphlat)
        client = login(staff_bangphlat)
        data = activity_data(community, new_key())
        first = client.post(reverse("communities:activity_create"), data)
        again = client.post(reverse("communities:activity_create"), data, follow=True)
        activity = Activity.objects.get()
        assert first.url == again.redirect_chain[0][0] == activity.get_absolute_url()
        assert "รายการนี้บันทึกไว้แล้ว ระบบไม่บันทึกซ้ำ" in again.content.decode()

    def test_save_and_add_another_sent_twice_saves_one_activity(
        self, login, staff_bangphlat, bangphlat
    ):
        community = CommunityFactory(district=bangphlat)
        client = login(staff_bangphlat)
        data = activity_data(community, new_key(), add_another="")
        for _ in range(2):
            response = client.post(reverse("communities:activity_create"), data)
            assert response.url == reverse("communities:activity_create")
        assert Activity.objects.count() == 1

    def test_a_new_key_is_a_new_activity(self, login, staff_bangphlat, bangphlat):
        community = CommunityFactory(district=bangphlat)
        client = login(staff_bangphlat)
        for _ in range(2):
            client.post(reverse("communities:activity_create"), activity_data(community, new_key()))
        assert Activity.objects.count() == 2

    def test_a_form_with_errors_keeps_its_key_usable(self, login, staff_bangphlat, bangphlat):
        community = CommunityFactory(district=bangphlat)
        client = login(staff_bangphlat)
        key = new_key()
        url = reverse("communities:activity_create")
        refused = client.post(url, activity_data(community, key, participants_women=9))
        assert refused.status_code == 200 and not Submission.objects.exists()
        assert KEY_INPUT.findall(refused.content.decode()) == [key]  # the form shown again
        assert client.post(url, activity_data(community, key)).status_code == 302
        assert Activity.objects.count() == 1

    def test_communities_lessons_sessions_and_follow_ups_are_saved_once(
        self, login, staff_bangphlat, bangphlat, phranakhon
    ):
        client = login(staff_bangphlat)
        pairing = Pairing.objects.create(
            mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status="active"
        )
        posts = [
            (reverse("communities:create"), community_data(new_key(), bangphlat)),
            (reverse("lessons:create"), lesson_data(submission_key=new_key())),
            (
                reverse("mentoring:session_create"),
                _session_post(pairing.mentor, pairing.mentee, submission_key=new_key()),
            ),
        ]
        for url, data in posts:
            first, again = client.post(url, data), client.post(url, data)
            assert first.status_code == 302 and again.url == first.url, url
        session = MentoringSession.objects.get()
        follow_up = {"who": "ทีม", "what": "ส่งแผน", "due_date": "2025-07-01"}
        follow_up["submission_key"] = new_key()
        for _ in range(2):
            client.post(reverse("mentoring:follow_up_add", args=[session.pk]), follow_up)
        assert (Community.objects.count(), Lesson.objects.count()) == (1, 1)
        assert FollowUp.objects.filter(what="ส่งแผน").count() == 1

    def test_a_stage_proposal_sent_twice_is_one_proposal(self, login, staff_mentee):
        url = reverse("mentoring:stage", args=["1001"])
        data = {"stage": "preparing", "reason": "พร้อมเตรียมทีม", "submission_key": new_key()}
        client = login(staff_mentee)
        assert client.post(url, data).url == client.post(url, data).url
        assert StageChange.objects.count() == 1

    def test_keys_older_than_a_month_are_forgotten(self, staff_bangphlat):
        old, recent = (Submission.objects.create(key=new_key(), user=staff_bangphlat) for _ in "ab")
        Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(31))
        out = io.StringIO()
        call_command("purge_submissions", stdout=out)
        assert "1 key(s) older than 30 days deleted" in out.getvalue()
        assert list(Submission.objects.all()) == [recent]

    def test_a_duplicate_the_checks_missed_is_a_thai_form_error_not_a_server_error(
        self, staff_bangphlat, bangphlat, monkeypatch
    ):
        CommunityFactory(district=bangphlat, number=7)
        # The checks raced past them:
        monkeypatch.setattr(services.communities, "_full_clean", lambda instance: None)
        with pytest.raises(ValidationError) as refused:
            services.community_create(
                by=staff_bangphlat, district=bangphlat, number=7, name="ชุมชนซ้ำ",
                community_type="urban", households=10, population=30,
            )  # fmt: skip
        assert "เขตนี้มีชุมชนลำดับนี้แล้ว" in refused.value.message_dict["number"][0]

    def test_another_users_key_saves_nothing(self, login, staff_bangphlat, bangphlat, portal_admin):
        community = CommunityFactory(district=bangphlat)
        data = activity_data(community, new_key())
        login(staff_bangphlat).post(reverse("communities:activity_create"), data)
        response = login(portal_admin).post(
            reverse("communities:activity_create"), data, follow=True
        )
        assert Activity.objects.count() == 1
        assert "ส่งแบบฟอร์มนี้ซ้ำไม่ได้" in response.content.decode()

    def test_confirming_an_import_twice_applies_it_once(self, login, staff_bangphlat, bangphlat):
        from tests.communities.test_import_export import csv_bytes, row

        client = login(staff_bangphlat)
        upload = client.post(
            reverse("communities:import"),
            {"kind": "communities", "file": _file(csv_bytes([row(1), row(2, name="ชุมชนสอง")]))},
        )
        confirm = upload.url + "confirm/"
        assert client.post(confirm, {"mode": "all"}).url == reverse("communities:list")
        again = client.post(confirm, {"mode": "all"}, follow=True)
        assert Community.objects.count() == 2
        assert "รายการนี้บันทึกไว้แล้ว" in again.content.decode()


def _file(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("c.csv", data, content_type="text/csv")


# --- At the same time (PostgreSQL: real row locks) -------------------------------------------
pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def at_once(*requests):
    """Run the requests in threads, each with its own connection; their responses in order."""
    responses = [None] * len(requests)
    barrier = threading.Barrier(len(requests))

    def run(index, request):
        try:
            barrier.wait(timeout=10)
            responses[index] = request()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def logged_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def slow_saves(monkeypatch):
    """Each save takes a moment inside its transaction, so the twin arrives meanwhile."""
    real = services.activity_create

    def slow(**kwargs):
        activity = real(**kwargs)
        time.sleep(0.5)
        return activity

    monkeypatch.setattr(services, "activity_create", slow)


@pg_only
@pytest.mark.django_db(transaction=True)
def test_the_same_activity_posted_twice_at_once_is_saved_once(
    staff_bangphlat, bangphlat, slow_saves
):
    community = CommunityFactory(district=bangphlat)
    data = activity_data(community, new_key())
    url = reverse("communities:activity_create")
    clients = [logged_in(staff_bangphlat) for _ in range(3)]
    responses = at_once(*[partial(client.post, url, data) for client in clients])
    activity = Activity.objects.get()
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert {r.url for r in responses} == {activity.get_absolute_url()}


@pg_only
@pytest.mark.django_db(transaction=True)
def test_an_import_confirmed_twice_at_once_is_applied_once(staff_bangphlat, bangphlat):
    from tests.dashboard.test_dashboard_invalidation import activity_rows

    CommunityFactory(district=bangphlat, number=1)
    client = logged_in(staff_bangphlat)
    upload = client.post(
        reverse("communities:import"), {"kind": "activities", "file": _file(activity_rows(20))}
    )
    confirm = upload.url + "confirm/"
    # Both tabs share the session (and so the upload token), as one browser does.
    twin = Client()
    twin.cookies = client.cookies
    responses = at_once(
        lambda: client.post(confirm, {"mode": "all"}), lambda: twin.post(confirm, {"mode": "all"})
    )
    assert [r.status_code for r in responses] == [302, 302]
    assert Activity.objects.count() == 20


@pg_only
@pytest.mark.django_db(transaction=True)
def test_two_identical_communities_created_at_once_give_one_and_a_thai_message(
    staff_bangphlat, bangphlat
):
    """Two people (two keys) add the same community number at the same moment: one is saved,
    the other gets a form error in Thai, never a server error."""
    url = reverse("communities:create")
    clients = [logged_in(staff_bangphlat) for _ in range(2)]
    responses = at_once(
        *[partial(client.post, url, community_data(new_key(), bangphlat)) for client in clients]
    )
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200).content.decode()
    assert "เขตนี้มีชุมชนลำดับนี้อยู่แล้ว" in refused
    assert Community.objects.count() == 1
