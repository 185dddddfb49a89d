"""Every number or id a page reads from the query string: a malformed value is refused
(4xx) or ignored, never a server error.

The parameters are discovered, not listed: every view in the URL configuration is read for
``request.GET.get("…")`` / ``request.GET["…"]`` and for forms or filters bound to
``request.GET`` (their fields), in the view itself and in the module's helpers it calls. A
new parameter is covered the day it is written.
"""

import inspect
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "abc",
    "-1",
    "0",
    "2568.5",
    "1e3",
    "99999999999999999999",  # beyond a 64-bit integer
    "9" * 5000,  # beyond Python's int() digit limit
    "๒๕๖๘",  # Thai digits
    "²",  # a digit to str.isdigit(), not to int()
    "\x00",  # PostgreSQL refuses NUL in a string literal
    "<script>",
]
# Values for the few path arguments of pages that read the query string.
# A value for each path argument a page may take (a missing object is a 404, which is fine:
# the test looks for 5xx only).
PATH_ARGUMENTS = {"fmt": "csv", "pk": 1, "code": "1025", "month": "2025-08", "token": "abc"}

RAW_READ = re.compile(r"""GET\)?(?:\.get\(|\[)\s*["'](\w+)["']""")
BOUND_FORM = re.compile(r"""(\w+)\(\s*request\.GET""")
CALLED = re.compile(r"""\b(_\w+)\(""")


def _views(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if getattr(entry, "app_name", None) == "admin":
                continue  # Django's own admin validates its own query strings
            yield from _views(entry.url_patterns, prefix + (entry.namespace or "") + ":")
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}".lstrip(":"), entry


def _source_with_helpers(view):
    """The view's source and that of the module-level helpers it calls (one level down)."""
    view = inspect.unwrap(view)
    module = inspect.getmodule(view)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return "", module
    helpers = [getattr(module, name, None) for name in set(CALLED.findall(source))]
    for helper in helpers:
        if inspect.isfunction(helper):
            source += inspect.getsource(helper)
    return source, module


def query_parameters(view) -> set[str]:
    source, module = _source_with_helpers(view)
    names = set(RAW_READ.findall(source))
    for class_name in BOUND_FORM.findall(source):
        form_class = getattr(module, class_name, None)
        fields = getattr(form_class, "base_fields", None) or getattr(form_class, "base_filters", {})
        names |= set(fields)
    return names


def pages_reading_the_query_string():
    found = []
    for name, pattern in _views():
        view = getattr(pattern.callback, "view_class", None) or pattern.callback
        if params := query_parameters(view):
            found.append((name, pattern, sorted(params)))
    return found


def test_the_discovery_finds_the_known_parameters():
    found = {name: params for name, _pattern, params in pages_reading_the_query_string()}
    assert "community" in found["communities:activity_create"]
    assert {"fy", "kind", "sort", "zone_group"} <= set(found["dashboard:home"])
    assert "fy" in found["dashboard:targets"]
    assert "mentor" in found["dashboard:mentor"]
    assert {"page", "district", "sort"} <= set(found["communities:list"])
    assert {"page", "zone_group", "is_pilot"} <= set(found["districts:list"])
    assert "page" in found["mentoring:trainers"]


@pytest.mark.parametrize("role", ["strategy", "staff_bangphlat"])
def test_malformed_query_parameters_never_cause_a_server_error(
    request, login, role, bangphlat, monkeypatch
):
    # The printed dashboard reads its query exactly as the page does; laying out the PDF
    # (3 s each) would only slow this test down.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-")
    CommunityFactory(district=bangphlat)
    client = login(request.getfixturevalue(role))
    client.raise_request_exception = False
    failures = []
    for name, pattern, params in pages_reading_the_query_string():
        arguments = {key: PATH_ARGUMENTS.get(key, "1") for key in pattern.pattern.regex.groupindex}
        url = reverse(name, kwargs=arguments)
        for value in BAD_VALUES:
            response = client.get(url, dict.fromkeys(params, value))
            if response.status_code >= 500:
                failures.append((url, params, value[:20], response.status_code))
    assert failures == []
