import base64
import hashlib
import hmac
import io
import json
import signal

import pytest
from django.core.management import call_command
from django.test import TestCase

from accounts.models import Role
from lineoa.models import LineLink
from tests.conftest import make_user
from tests.lineoa.stand_in import LineStandIn, serve

PORT = 8821  # this helper's range (8820–8829)
SECRET = "test-channel-secret"
TOKEN = "test-channel-token"


@pytest.fixture(scope="session")
def _server():
    stand_in = LineStandIn()
    server = serve(stand_in, PORT)
    yield stand_in
    server.shutdown()
    server.server_close()


@pytest.fixture
def line(_server, settings, monkeypatch):
    """LINE switched on, pointed at a fresh stand-in; retries without waiting."""
    _server.requests.clear()
    _server.push_statuses.clear()
    _server.accepted_retry_keys.clear()
    _server.quota = {"type": "limited", "value": 1000}
    _server.used = 10
    settings.LINE_CHANNEL_ACCESS_TOKEN = TOKEN
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_API_BASE = f"http://127.0.0.1:{PORT}"
    settings.LINE_BASIC_ID = "@bangphlat"
    settings.PORTAL_URL = "https://portal.example.org"
    waits = []
    monkeypatch.setattr("lineoa.delivery.sleep", waits.append)
    _server.waits = waits
    return _server


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def event(kind: str, user_id: str = "U-line-1", *, text: str = "", event_id: str = "E1", **extra):
    base = {
        "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": extra.pop("redelivery", False)},
        "timestamp": 1765000000000,
        "mode": "active",
        "source": {"type": "user", "userId": user_id},
    }
    if kind == "text":
        base |= {
            "type": "message",
            "replyToken": "reply-" + event_id,
            "message": {"type": "text", "id": "m" + event_id, "text": text, "quoteToken": "q"},
        }
    elif kind == "follow":
        base |= {
            "type": "follow",
            "replyToken": "reply-" + event_id,
            "follow": {"isUnblocked": False},
        }
    else:
        base |= {"type": "unfollow"}
    return base | extra


def webhook_body(*events) -> bytes:
    return json.dumps({"destination": "Ubot", "events": list(events)}).encode()


def post_webhook(client, body: bytes, signature: str | None = "sign"):
    headers = {}
    if signature == "sign":
        headers["HTTP_X_LINE_SIGNATURE"] = sign(body)
    elif signature is not None:
        headers["HTTP_X_LINE_SIGNATURE"] = signature
    # The replies leave after commit: run those callbacks (the test's transaction never commits).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/line/webhook/", body, content_type="application/json", **headers)


@pytest.fixture
def linked_staff(staff_bangphlat):
    LineLink.objects.create(user=staff_bangphlat, line_user_id="U-staff")
    return staff_bangphlat


@pytest.fixture
def strategy_office(db):
    return make_user("strategy_line", Role.STRATEGY, email="strategy@example.org")


@pytest.fixture
def linked_strategy(strategy):
    """The strategy office: no reminders of its own in a quiet digest."""
    LineLink.objects.create(user=strategy, line_user_id="U-strategy")
    return strategy


def run_worker_once():
    """``db_worker --batch`` in-process (the tests using it are transactional: the worker
    closes its database connection); the worker's signal handlers are put back after."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = [signal.getsignal(number) for number in signals]
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO()
        )
    finally:
        for number, handler in zip(signals, handlers, strict=True):
            signal.signal(number, handler)
