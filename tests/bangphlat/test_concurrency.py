"""The kernel's optimistic lock (bangphlat.concurrency), on a real model: a write from an
older or unnamed version is refused with the record as saved, never written over."""

import pytest

from bangphlat.concurrency import StaleEdit, check_version, lock_at_version, update_at_version
from communities.models import Community
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def test_the_version_the_form_was_opened_from_may_write(bangphlat):
    community = CommunityFactory(district=bangphlat)
    assert lock_at_version(Community, community.pk, community.version) == community


@pytest.mark.parametrize("opened_from", [None, "older"])
def test_an_older_or_unnamed_version_is_refused_with_the_record_as_saved(bangphlat, opened_from):
    community = CommunityFactory(district=bangphlat)
    Community.objects.filter(pk=community.pk).update(version=community.version + 1, name="ใหม่")
    version = None if opened_from is None else community.version
    with pytest.raises(StaleEdit) as stale:
        lock_at_version(Community.objects.all(), community.pk, version)
    assert stale.value.current.name == "ใหม่"


def test_a_record_gone_is_a_stale_edit_not_a_crash():
    with pytest.raises(StaleEdit) as stale:
        check_version(None, 3)
    assert stale.value.current is None


def test_the_conditional_update_writes_once_and_refuses_the_second_writer(bangphlat):
    community = CommunityFactory(district=bangphlat, name="เดิม")
    read = community.version
    assert update_at_version(Community, community.pk, read, name="ก") == read + 1
    with pytest.raises(StaleEdit) as stale:
        update_at_version(Community, community.pk, read, name="ข")  # opened before the first
    assert stale.value.current.name == "ก"
    community.refresh_from_db()
    assert (community.name, community.version) == ("ก", read + 1)
