"""เ typed twice for แ, the commonest Thai keyboard slip (issue #30): "เเฟลต" finds the "แฟลต"
communities and activities, new names are stored with แ, and the data migration folds the
names stored before (on SQLite and PostgreSQL alike, generated search keys included)."""

import importlib

import pytest
from django.apps import apps

from communities import selectors
from communities.models import Activity, Community
from lessons.models import Lesson
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db

SLIP = "\u0e40\u0e40ฟลต"  # เ + เ + ฟลต, which looks exactly like แฟลต
communities_migration = importlib.import_module("communities.migrations.0006_fold_sara_e_twice")
lessons_migration = importlib.import_module(
    "lessons.migrations.0010_search_text_folds_sara_e_twice"
)


def test_the_slip_finds_the_communities_and_activities_written_with_sae(login, strategy, bangphlat):
    flats = CommunityFactory(district=bangphlat, name="ชุมชนแฟลตบางพลัด")
    CommunityFactory(district=bangphlat, name="ชุมชนริมน้ำ")
    ActivityFactory(community=flats, title="ประชุมประจำเดือน")
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ทาสีแฟลตใหม่")
    found = selectors.community_list(user=strategy, filters={"q": SLIP})
    assert [c.name for c in found] == ["ชุมชนแฟลตบางพลัด"]
    activities = selectors.search_activities(Activity.objects.all(), SLIP)
    assert sorted(a.title for a in activities) == ["ทาสีแฟลตใหม่", "ประชุมประจำเดือน"]
    page = login(strategy).get("/communities/", {"q": SLIP})
    assert "ชุมชนแฟลตบางพลัด" in page.content.decode()


def test_a_name_typed_with_the_slip_is_stored_with_sae(login, staff_bangphlat, bangphlat):
    from communities import services

    community = services.community_create(
        by=staff_bangphlat, district=bangphlat, name=SLIP + " 3", community_type="urban"
    )
    community.refresh_from_db()
    assert community.name == "แฟลต 3"
    assert community.name_key == "แฟลต3"  # the generated column


def test_the_migration_folds_names_and_titles_stored_before(bangphlat, staff_bangphlat, strategy):
    kept = CommunityFactory(district=bangphlat, name="ชุมชนแฟลตทหาร")
    old = CommunityFactory(district=bangphlat, name="ชุมชนแฟลตตำรวจ")
    twin = CommunityFactory(district=bangphlat, name="ชุมชนแฟลตทหารเรือ")
    activity = ActivityFactory(community=old, title="ประชุม")
    # Rows written before clean_text folded the slip (update() skips the service).
    Community.objects.filter(pk=old.pk).update(name="ชุมชน" + SLIP + "ตำรวจ")
    Community.objects.filter(pk=twin.pk).update(name="ชุมชน" + SLIP + "ทหาร")  # = kept's name
    Activity.objects.filter(pk=activity.pk).update(title="ทาสี" + SLIP)
    lesson = approved_lesson(staff_bangphlat, strategy, title="ซ่อม" + SLIP)
    Lesson.objects.filter(pk=lesson.pk).update(search_text="ซ่อม" + SLIP)

    communities_migration.fold(apps, None)
    lessons_migration.refill_search_text(apps, None)

    old.refresh_from_db()
    assert (old.name, old.name_key) == ("ชุมชนแฟลตตำรวจ", "แฟลตตำรวจ")
    twin.refresh_from_db()
    assert twin.name == "ชุมชน" + SLIP + "ทหาร"  # would duplicate kept's name: left to merge
    kept.refresh_from_db()
    assert kept.name == "ชุมชนแฟลตทหาร"
    activity.refresh_from_db()
    assert (activity.title, activity.title_key) == ("ทาสีแฟลต", "ทาสีแฟลต")
    lesson.refresh_from_db()
    assert lesson.search_text.startswith("ซ่อมแฟลต")
