import logging
import re
import time
import uuid
from functools import lru_cache

request_logger = logging.getLogger("bangphlat.request")


class ThaiFirstMiddleware:
    """Serve Thai unless the user picked another language with the switcher (cookie).

    Staff often run browsers set to English; the portal is Thai first, so the browser's
    Accept-Language header is ignored and LocaleMiddleware falls back to LANGUAGE_CODE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# Headings, titles (card and chart captions) and table headers: the text that is large or
# narrow, where Chromium's cuts (รูป|แบบ, งบ|ประมาณ, ผู้|หญิง) show most.
_HEADING = re.compile(
    r"(<(h[1-6]|th|caption|figcaption|legend)\b[^>]*>)(.*?)(</\2\s*>)", re.DOTALL | re.IGNORECASE
)


_BADGE = re.compile(r'(<span\b[^>]*class="[^"]*\bbadge\b[^"]*"[^>]*>.*?</span\s*>)', re.DOTALL)


def wrap_headings(html: str) -> str:
    """The page with the text of its headings and table headers through the same Thai
    line-break filter as running text (bangphlat.thai_breaks); nothing else changes."""

    def wrap(match):
        inner = match.group(3)
        wrapped = _wrap_heading(inner) if len(inner) <= _KEPT_HEADING else _wrap_heading_text(inner)
        if wrapped is None:
            return match.group(0)
        return match.group(1) + wrapped + match.group(4)

    return _HEADING.sub(wrap, html)


_KEPT_HEADING = 400  # characters: a table header or a title, not a whole section


def _wrap_heading_text(inner: str) -> str | None:
    """A heading's inner HTML with its Thai text wrapped, or None when it has no Thai."""
    from django.utils.safestring import mark_safe

    from bangphlat.thai_breaks import THAI_RUN, wrap_thai_html

    if not THAI_RUN.search(inner):
        return None
    # A badge never wraps (Bootstrap's .badge is nowrap): its text is left as it is.
    pieces = _BADGE.split(inner)
    return "".join(
        piece if index % 2 else wrap_thai_html(mark_safe(piece))  # noqa: S308 - rendered HTML
        for index, piece in enumerate(pieces)
    )


# The same headers and titles come back on every page (a table's column heads, the panels'
# titles): each one is wrapped once per process, ~15 µs saved a heading (90 on the dashboard).
_wrap_heading = lru_cache(maxsize=4096)(_wrap_heading_text)


class ThaiHeadingsMiddleware:
    """Every HTML page's headings and table headers break only between Thai words, as body
    text does with ``|thai_text``, without a filter in each of the templates."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
            or response.has_header("Content-Encoding")
        ):
            return response
        charset = response.charset or "utf-8"
        html = response.content.decode(charset)
        wrapped = wrap_headings(html)
        if wrapped != html:
            response.content = wrapped.encode(charset)
            if response.has_header("Content-Length"):  # CommonMiddleware set it already
                response["Content-Length"] = str(len(response.content))
        return response


class RequestLogMiddleware:
    """One log line per request: request id, user id, method, path, status, duration.

    The id comes from the proxy (nginx sets ``X-Request-ID`` to ``$request_id``, which its own
    access log also records) or is made here, and is sent back so a user's report can be found.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request_id = _clean_request_id(request.META.get("HTTP_X_REQUEST_ID")) or uuid.uuid4().hex
        request.request_id = request_id
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "-"
            request_logger.info(
                "request_id=%s user=%s method=%s path=%s status=%s duration_ms=%.0f",
                request_id,
                user_id,
                request.method,
                request.path,
                status,
                (time.monotonic() - started) * 1000,
            )


def _clean_request_id(value: str | None) -> str:
    """Only a short token from the proxy is trusted into the log (no log injection)."""
    if value and len(value) <= 64 and value.replace("-", "").isalnum():
        return value
    return ""
