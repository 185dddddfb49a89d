"""The LINE Messaging API through the official SDK (line-bot-sdk v3), on ``LINE_API_BASE``.

Everything that talks to LINE goes through here, so that the rest of the app deals in plain
values: a push either went out (``PushResult.SENT``), may go out on a later try
(``RETRY``: 429, 5xx, no connection) or never will (``REJECTED``: any other 4xx)."""

import enum
import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from urllib3.exceptions import HTTPError

# The SDK is imported where it is used, not at start-up: its generated models take ~1.5 s to
# import, and every process (web worker, task worker, command, test run) loads this module
# through LineoaConfig.ready(), whether or not LINE is configured.

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
MAX_TEXT = 5000  # LINE's limit for one text message


class PushResult(enum.Enum):
    SENT = "sent"
    RETRY = "retry"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Quota:
    limit: int | None  # None: no monthly limit
    used: int


def enabled() -> bool:
    """No channel access token: the LINE channel is off and nothing is queued or sent."""
    return bool(settings.LINE_CHANNEL_ACCESS_TOKEN)


@contextmanager
def _api():
    from linebot.v3.messaging import ApiClient, Configuration, MessagingApi

    configuration = Configuration(
        host=settings.LINE_API_BASE, access_token=settings.LINE_CHANNEL_ACCESS_TOKEN
    )
    # The SDK's urllib3 pool retries nothing itself: the retries with backoff are ours.
    configuration.retries = 0
    with ApiClient(configuration) as client:
        yield MessagingApi(client)


def push(to: str, text: str, *, retry_key: str) -> tuple[PushResult, str]:
    """One text message to one LINE user, with the retry key LINE uses to drop repeats."""
    from linebot.v3.messaging import PushMessageRequest, TextMessage
    from linebot.v3.messaging.exceptions import ApiException

    request = PushMessageRequest(to=to, messages=[TextMessage(text=text[:MAX_TEXT])])
    try:
        with _api() as api:
            api.push_message(request, x_line_retry_key=retry_key, _request_timeout=TIMEOUT_SECONDS)
    except ApiException as error:
        if error.status == 409:  # this retry key was accepted before: it went out
            return PushResult.SENT, ""
        reason = f"HTTP {error.status} {error.reason or ''}".strip()
        if error.status == 429 or (error.status or 0) >= 500:
            return PushResult.RETRY, reason
        return PushResult.REJECTED, reason
    except (HTTPError, OSError) as error:
        return PushResult.RETRY, type(error).__name__
    return PushResult.SENT, ""


def reply(reply_token: str, text: str) -> bool:
    """Answer a webhook event. A failed reply only logs: the user can send again."""
    from linebot.v3.messaging import ReplyMessageRequest, TextMessage
    from linebot.v3.messaging.exceptions import ApiException

    request = ReplyMessageRequest(reply_token=reply_token, messages=[TextMessage(text=text)])
    try:
        with _api() as api:
            api.reply_message(request, _request_timeout=TIMEOUT_SECONDS)
    except (ApiException, HTTPError, OSError) as error:
        logger.warning("LINE reply failed: %s", str(error).splitlines()[0])
        return False
    return True


def quota() -> Quota:
    """This month's message quota and what was used of it (two GETs)."""
    with _api() as api:
        target = api.get_message_quota(_request_timeout=TIMEOUT_SECONDS)
        consumption = api.get_message_quota_consumption(_request_timeout=TIMEOUT_SECONDS)
    limit = target.value if target.type == "limited" else None
    return Quota(limit=limit, used=consumption.total_usage or 0)
