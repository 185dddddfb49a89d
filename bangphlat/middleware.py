import logging
import time
import uuid

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
