"""Who sees which edition is decided once (handbook/access.py): the editions list (a queryset
filter) and the edition page (a per-edition check) agree for every role and every kind of
edition."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from handbook.access import can_view_edition, editions_visible_to
from handbook.models import Edition, EditionStatus, Selection

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(staff_bangphlat, staff_mentee, strategy):
    """Every combination of state, publication, content and requester."""
    made = []
    kinds = [(Selection.ALL, ""), (Selection.DISTRICT, "1025"), (Selection.DISTRICT, "1001")]
    requesters = [None, staff_bangphlat, staff_mentee, strategy]
    for n, (status, published, (selection, value), by) in enumerate(
        itertools.product(EditionStatus, [False, True], kinds, requesters)
    ):
        ready = status == EditionStatus.READY
        made.append(
            Edition.objects.create(
                title=f"คู่มือ {n}", number=n + 1, content_hash=f"{n:064d}", status=status,
                published=published, selection=selection, selection_value=value,
                requested_by=by, page_count=10 if ready else None,
                file="handbooks/x.pdf" if ready else "",
            )
        )  # fmt: skip
    return made


@pytest.mark.parametrize(
    "role", ["anonymous", "staff_bangphlat", "staff_mentee", "strategy", "portal_admin"]
)
def test_the_list_holds_exactly_the_editions_the_page_opens(request, editions, role):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    listed = set(editions_visible_to(user, Edition.objects.all()))
    opened = {edition for edition in editions if can_view_edition(user, edition)}
    assert listed == opened
    if role == "anonymous":
        assert not listed
    if role in ("strategy", "portal_admin"):
        assert listed == set(editions)
    if role.startswith("staff"):
        assert 0 < len(listed) < len(editions)
