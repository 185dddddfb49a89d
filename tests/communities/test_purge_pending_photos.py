"""Photos kept from a failed form go after a day if nobody saves them (purge_pending_photos,
run daily by the housekeeping timer); an officer who comes back later is told, and the
activity is not saved silently without its photo."""

import datetime as dt
import io
import os
import re
import zoneinfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from communities import services
from communities.models import Activity, ActivityPhoto
from tests.communities.test_pending_photo import URL, form_data, jpeg, kept_files, token_in

pytestmark = pytest.mark.django_db
__all__ = ["form_data"]  # the fixture, used by name below

NOW = dt.datetime(2026, 1, 10, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))


@pytest.fixture
def clock(monkeypatch):
    """The clock stops at NOW; ``clock.age(photo, hours)`` makes a kept photo that old."""

    class Clock:
        @staticmethod
        def age(pending, hours):
            moment = (NOW - dt.timedelta(hours=hours)).timestamp()
            for name in (pending.image, pending.thumbnail):
                os.utime(default_storage.path(name), (moment, moment))

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return Clock()


def keep(user):
    return services.pending_photo_keep(by=user, upload=jpeg())


def run_purge(*args):
    out = io.StringIO()
    call_command("purge_pending_photos", *args, stdout=out)
    return out.getvalue()


def test_a_photo_kept_more_than_a_day_ago_is_deleted_and_a_recent_one_stays(
    staff_bangphlat, strategy, clock, settings
):
    old, recent, other_users = keep(staff_bangphlat), keep(staff_bangphlat), keep(strategy)
    clock.age(old, hours=25)
    clock.age(recent, hours=23)
    clock.age(other_users, hours=30)

    assert "2 kept photo(s) older than 24 h deleted" in run_purge()

    left = kept_files(settings)
    assert len(left) == 2  # the recent photo and its thumbnail
    assert services.pending_photo_of(by=staff_bangphlat, token=recent.token) is not None
    assert services.pending_photo_of(by=staff_bangphlat, token=old.token) is None
    assert services.pending_photo_of(by=strategy, token=other_users.token) is None


def test_the_age_can_be_chosen_in_hours(staff_bangphlat, clock, settings):
    clock.age(keep(staff_bangphlat), hours=3)
    assert "0 kept photo(s)" in run_purge()
    assert "1 kept photo(s) older than 2 h deleted" in run_purge("--hours", "2")
    assert kept_files(settings) == []


def test_nothing_kept_yet_is_no_error(clock):
    assert "0 kept photo(s)" in run_purge()


def test_an_officer_back_after_the_purge_is_told_the_photo_is_gone(
    login, staff_bangphlat, form_data, monkeypatch
):
    client = login(staff_bangphlat)
    token = token_in(client.post(URL, form_data | {"photo": jpeg()}).content.decode())
    later = timezone.now() + dt.timedelta(hours=25)
    monkeypatch.setattr(timezone, "now", lambda: later)
    run_purge()

    fixed = form_data | {"participants_women": "10"}
    body = client.post(URL, fixed | {"pending_photo": token}).content.decode()
    assert "รูปที่เลือกไว้ถูกลบแล้ว" in body
    assert not re.search(r'name="pending_photo"', body)  # the next save goes without it
    assert not Activity.objects.exists()

    assert client.post(URL, fixed).status_code == 302
    assert Activity.objects.count() == 1
    assert not ActivityPhoto.objects.exists()
