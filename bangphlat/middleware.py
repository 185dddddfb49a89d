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
