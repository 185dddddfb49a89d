"""scripts/api_example.py runs against a live server with a personal token."""

import subprocess
import sys
from pathlib import Path

import pytest

from api import services
from tests.communities.factories import ActivityFactory, CommunityFactory

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "api_example.py"


def has_submissions() -> bool:
    try:
        from bangphlat.models import Submission  # noqa: F401  (issue 13)
    except ImportError:
        return False
    return True


@pytest.mark.django_db(transaction=True)
def test_the_example_client_lists_and_posts_with_a_token(live_server):
    from accounts.models import Role
    from districts.models import District
    from tests.conftest import make_user

    bangphlat = District.objects.get(code="1025")
    staff = make_user("api_example", Role.DISTRICT_STAFF, bangphlat)
    community = CommunityFactory(district=bangphlat, population=500)
    ActivityFactory(community=community, title="ตลาดนัดชุมชน")
    _token, raw = services.token_create(user=staff, name="example", days=1)
    args = [sys.executable, str(SCRIPT), "--base", live_server.url, "--token", raw]
    if has_submissions():
        args.append("--post")
    result = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "1 activities in district 1025" in result.stdout
    assert "ตลาดนัดชุมชน" in result.stdout
    if has_submissions():
        assert "recorded activity" in result.stdout
        assert community.activities.count() == 2  # the resend did not duplicate
