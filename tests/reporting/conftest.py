import pytest

from accounts.models import Role
from districts.models import District
from tests.communities.factories import CommunityFactory
from tests.conftest import make_user
from tests.reporting.factories import pair


@pytest.fixture
def actors(staff_bangphlat, staff_mentee, strategy, portal_admin, bangphlat, phranakhon):
    """Phra Nakhon (non-pilot) reports; Bang Phlat is its mentor."""
    pair(bangphlat, phranakhon)
    other = make_user(
        "staff1002_t", Role.DISTRICT_STAFF, District.objects.get(code="1002"), email="o@x.th"
    )
    return {
        "own_staff": staff_mentee,
        "mentor": staff_bangphlat,
        "other_staff": other,
        "strategy": strategy,
        "admin": portal_admin,
    }


@pytest.fixture
def community(bangphlat):
    """A Bang Phlat community of 1,000 people (the entry checks' population bound)."""
    return CommunityFactory(district=bangphlat, number=1, households=100, population=1000)
