"""A fuzzer over every form of the portal (issue 11, item 7).

For each role it crawls the site from every page of the URL configuration that takes no
argument, following links one step further (so edit and detail pages with real ids are
reached), and collects every ``<form method="post">``. Hypothesis then posts random and
adversarial values to them — long strings, Thai digits, control characters, formula and
markup payloads, extreme numbers and dates — and every response must be below 500, and no
row outside the role's scope may change. Bounded to about a minute in all.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communities.models import Activity, Community, IndicatorSnapshot
from dashboard.models import DistrictTarget
from districts.models import District
from lessons import services as lesson_services
from lessons.models import Lesson
from mentoring import services as mentoring_services
from mentoring.models import FollowUp, MentoringSession, Pairing, PairingStatus, StageChange
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ROLE = 60
MAX_PAGES = 150
PAGES_PER_VIEW = 2
# Pages that are not worth crawling or posting to: downloads, the admin (Django's own),
# logging out (it would end the fuzzing session), the PDF print-out.
SKIP_PATHS = re.compile(r"^/(admin/|static/|media/|accounts/logout/)|\.(xlsx|csv|pdf)$|/print")

ADVERSARIAL = [
    "",
    " ",
    "0",
    "-1",
    "2147483648",
    "99999999999999999999",
    "9" * 400,
    "1e308",
    "NaN",
    "๒๕๖๘",
    "²",
    "\x00",
    "\u202e",
    "\r\n\t",
    "ก" * 5000,
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "@SUM(1)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE communities_community; --",
    "0100-01-01",
    "9999-12-31",
    "4/8/25",
    "31/2/2568",
    "2568-08-04",
]


@dataclass
class Form:
    action: str
    fields: dict = field(default_factory=dict)  # name -> list of offered values


class FormCollector(HTMLParser):
    """The POST forms of a page, with the values each field offers; and the page's links."""

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.url, attrs["href"]))
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            action = urljoin(self.url, attrs.get("action") or self.url)
            self._form = Form(action=action) if method == "post" else None
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            if attrs.get("type") in {"submit", "button", "image", "reset"}:
                self._offer(attrs["name"], attrs.get("value") or "1")
            else:
                self._offer(attrs["name"], attrs.get("value") or "")
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self._form.fields.setdefault(self._select, [])
        elif tag == "option" and self._select:
            self._offer(self._select, attrs.get("value", ""))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self._form.fields.setdefault(self._textarea, [])

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._offer(self._textarea, data)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _offer(self, name, value):
        self._form.fields.setdefault(name, []).append(value)


def _entry_pages(patterns=None, prefix="/"):
    """Every page of the URL configuration that needs no argument."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if "<" not in route and "(?P" not in route:
                yield from _entry_pages(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            path = prefix + route.lstrip("^").rstrip("$")
            if not SKIP_PATHS.search(path):
                yield path


def _local_path(url):
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"} or SKIP_PATHS.search(parts.path):
        return None
    try:
        resolve(parts.path)
    except Resolver404:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def discover_forms(client) -> dict[tuple, Form]:
    """Crawl the entry pages and three links further, visiting at most two pages of each view
    (one community page shows what every community page shows); one form per (view, field
    names)."""
    queue = [(path, 0) for path in dict.fromkeys(_entry_pages())]
    seen = {path for path, _depth in queue}
    visits: dict[str, int] = {}
    forms = {}
    while queue and sum(visits.values()) < MAX_PAGES:
        url, depth = queue.pop(0)
        view = resolve(urlsplit(url).path).view_name
        if visits.get(view, 0) >= PAGES_PER_VIEW:
            continue
        visits[view] = visits.get(view, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        collector = FormCollector("http://testserver" + url)
        collector.feed(response.content.decode(errors="replace"))
        for form in collector.forms:
            action = _local_path(form.action)
            if action is None:
                continue
            key = (resolve(urlsplit(action).path).view_name, tuple(sorted(form.fields)))
            forms.setdefault(key, Form(action=action, fields=form.fields))
        if depth >= 3:
            continue
        for link in collector.links:
            path = _local_path(link)
            if path and path not in seen and "?" not in path:
                seen.add(path)
                queue.append((path, depth + 1))
    return forms


def values_for(offered):
    originals = [v for v in offered if v is not None]
    return st.one_of(
        st.sampled_from(ADVERSARIAL),
        st.sampled_from(originals) if originals else st.just(""),
        st.text(max_size=60),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    )


# --- What each role must not change -------------------------------------------------------
def _rows(queryset):
    return sorted(map(repr, queryset.order_by("pk").values_list()))


def outside_scope(role_name, user):
    """The rows this role may not change, as a comparable fingerprint."""
    if role_name == "anonymous":
        own = District.objects.none()
        scope_ids = set()
    elif role_name == "strategy":
        # The strategy office reviews, decides and sets targets, but changes no district's
        # communities or activities.
        return [
            _rows(Community.objects.all()),
            _rows(Activity.objects.all()),
            _rows(IndicatorSnapshot.objects.all()),
        ]
    else:
        own = District.objects.filter(pk=user.district_id)
        scope_ids = {user.district_id}
    others = District.objects.exclude(pk__in=own)
    session_scope = MentoringSession.objects.filter(
        mentor__in=own
    ) | MentoringSession.objects.filter(mentees__in=own)
    return [
        _rows(District.objects.all()),
        _rows(Pairing.objects.all()),
        _rows(DistrictTarget.objects.all()),
        _rows(Community.objects.filter(district__in=others)),
        _rows(Activity.objects.filter(district__in=others)),
        _rows(IndicatorSnapshot.objects.filter(community__district__in=others)),
        _rows(Lesson.objects.exclude(district_id__in=scope_ids)),
        _rows(MentoringSession.objects.exclude(mentor_id__in=scope_ids)),
        _rows(FollowUp.objects.exclude(session__in=session_scope)),
        _rows(StageChange.objects.exclude(district_id__in=scope_ids)),
    ]


@pytest.fixture
def programme(bangphlat, phranakhon, strategy, staff_bangphlat, staff_mentee):
    """A little of everything, in the pilot Bang Phlat and its mentee Phra Nakhon."""
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    for district in (bangphlat, phranakhon):
        community = CommunityFactory(district=district)
        ActivityFactory(community=community)
    mentoring_services.session_create(
        by=strategy, mentor=bangphlat, mentees=[phranakhon], trainers=[],
        date=dt.date(2025, 6, 1), kind="site_visit", topics="การสำรวจข้อมูลครัวเรือน", attendee_count=20,
        follow_ups=[{"who": "ทีมเขตพระนคร", "what": "ส่งแผนชุมชน", "due_date": dt.date(2025, 7, 1)}],
    )  # fmt: skip
    make_lesson(staff_bangphlat, title="ร่างของบางพลัด")
    submitted = make_lesson(staff_mentee, title="บทเรียนที่ส่งแล้ว")
    lesson_services.lesson_submit(lesson=submitted, by=staff_mentee)
    mentoring_services.stage_propose(
        district=phranakhon, stage="preparing", reason="พร้อมแล้ว", by=staff_mentee
    )


# The crawl must reach at least these (a page that stops linking to its form shows here).
EXPECTED_FORMS = {
    "anonymous": {"accounts:login"},
    "staff_mentee": {
        "communities:create", "communities:edit", "communities:activity_create",
        "communities:snapshot_create", "lessons:create", "mentoring:stage",
        "mentoring:follow_up_done",
    },
    "staff_bangphlat": {
        "communities:edit", "communities:activity_edit", "lessons:edit",
        "mentoring:session_create", "mentoring:follow_up_add",
    },
    "strategy": {
        "dashboard:targets", "mentoring:stage_decide", "mentoring:suggest",
        "mentoring:session_create", "lessons:transition",
    },
}  # fmt: skip


@pytest.mark.parametrize("role_name", ["anonymous", "staff_mentee", "staff_bangphlat", "strategy"])
def test_random_and_adversarial_posts_to_every_form_never_fail_or_reach_outside_the_role(
    request, client, programme, role_name, settings_override
):
    user = None
    if role_name != "anonymous":
        user = request.getfixturevalue(role_name)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    forms = discover_forms(client)
    found = {view for view, _fields in forms}
    assert EXPECTED_FORMS[role_name] <= found, EXPECTED_FORMS[role_name] - found
    before = outside_scope(role_name, user)
    failures = []

    @settings(
        max_examples=EXAMPLES_PER_ROLE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def post_to_a_form(data):
        key = data.draw(st.sampled_from(sorted(forms)), label="form")
        form = forms[key]
        values = {
            name: data.draw(values_for(offered), label=name)
            for name, offered in form.fields.items()
        }
        response = client.post(form.action, values)
        if response.status_code >= 500:
            failures.append((form.action, {k: v[:40] for k, v in values.items()}))
        assert response.status_code < 500, (form.action, values)

    # First every form once with every field adversarial, then hypothesis' mix.
    for value in ("\x00", "9" * 400, "ก" * 5000, "-1", "²"):
        for form in forms.values():
            response = client.post(form.action, dict.fromkeys(form.fields, value))
            assert response.status_code < 500, (form.action, repr(value[:20]))
    post_to_a_form()
    assert failures == []
    assert outside_scope(role_name, user) == before


@pytest.fixture
def settings_override(settings):
    # A handbook build request queues a task; building PDFs is not what is fuzzed here.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.AXES_FAILURE_LIMIT = 10_000  # keep posting the login form
