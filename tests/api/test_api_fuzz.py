"""Every operation of the OpenAPI schema, fuzzed in-process by schemathesis (issue #30): no
query, path or body the schema allows makes the API answer a server error, and the answers
conform to the schema. Operations are read from the schema, so new ones are covered as they
are added. A bounded, derandomized number of examples per operation keeps the run short and
repeatable."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from api import services
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


# Read when the module is collected (the schema view needs no database): one test per operation.
# (schemathesis' own @schema.parametrize gives every test one node id under pytest 9.)
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = list(SCHEMA.get_all_operations())


def _label(result) -> str:
    return result.ok().label if isinstance(result, Ok) else "invalid-operation"


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """schemathesis calls the WSGI handler itself, whose request signals close the database
    connection that holds the test's transaction (PostgreSQL); Django's test client
    disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(settings, strategy, staff_bangphlat, bangphlat):
    """The strategy office's token (it reads every operation), over a few real rows so lookups
    can find something; the rate limit is lifted so every example reaches the view."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "1000000/hour"},
    }
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    ActivityFactory(community=community)
    approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต", step="understand")
    _token, raw = services.token_create(user=strategy, name="fuzz", days=1)
    return raw


@pytest.mark.parametrize("operation", OPERATIONS, ids=_label)
def test_no_operation_answers_a_server_error(operation, token):
    if not isinstance(operation, Ok):
        pytest.fail(f"the schema describes an operation it cannot generate: {operation.err()}")

    @given(case=operation.ok().as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        # The examples share the test's transaction and fixtures (set up once per operation).
        suppress_health_check=list(HealthCheck),
    )
    def examples(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    examples()


def test_every_operation_of_the_schema_is_fuzzed():
    assert len(OPERATIONS) >= 20
    assert {"GET /api/v1/dashboard/", "GET /api/v1/lessons/", "POST /api/v1/activities/"} <= {
        _label(result) for result in OPERATIONS
    }
