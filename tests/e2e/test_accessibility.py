"""WCAG 2.1 AA, checked in the browser: axe-core (vendored for the tests only) on every main
page at phone and desktop widths, as the role that uses it; 0 serious or critical violations.
And the keyboard: a skip link first, a visible ring on every focused control."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.e2e.conftest import PHONE, log_in
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = {"phone": PHONE, "desktop": {"width": 1366, "height": 900}}
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(params=list(WIDTHS))
def any_page(request, browser, live_server):
    # axe is injected as a script: the test page alone lets it past the CSP.
    context = browser.new_context(
        viewport=WIDTHS[request.param],
        locale="th-TH",
        base_url=live_server.url,
        bypass_csp=True,
        is_mobile=request.param == "phone",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_violations(page, within: str | None = None) -> list[str]:
    """axe's serious and critical WCAG 2.1 AA findings on the page as it is now (a page after a
    form's post too); ``within``, a CSS selector, checks part of it. The page's browser context
    must bypass the CSP (axe is injected as a script)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async ([tags, within]) => (await axe.run(within || document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + (n.any[0] ? n.any[0].message : '')).join(' | '))",
        [RULES, within],
    )


def violations(page, url):
    page.goto(url)
    page.wait_for_load_state()
    return [f"{url} {line}" for line in serious_violations(page)]


@pytest.fixture
def content(staff_bangphlat, strategy, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนคลองสามวาร่วมใจ")
    ActivityFactory(community=community)
    lesson = approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต")
    return community, lesson


def test_main_pages_have_no_serious_accessibility_violations_for_district_staff(
    any_page, staff_bangphlat, content
):
    community, lesson = content
    log_in(any_page, staff_bangphlat.username)
    found = []
    for url in [
        reverse("districts:list"),
        reverse("districts:detail", args=["1025"]),
        reverse("communities:list"),
        reverse("communities:detail", args=[community.pk]),
        reverse("communities:activity_create"),
        reverse("mentoring:home"),
        reverse("lessons:list"),
        reverse("lessons:detail", args=[lesson.pk]),
    ]:
        found += violations(any_page, url)
    assert found == []


def test_main_pages_have_no_serious_accessibility_violations_for_the_strategy_office(
    any_page, strategy, content
):
    log_in(any_page, strategy.username)
    found = []
    for url in [
        reverse("dashboard:home"),
        reverse("reporting:completeness"),
        reverse("handbook:home"),
        reverse("mentoring:home"),
    ]:
        found += violations(any_page, url)
    assert found == []


def test_the_login_page_has_no_serious_accessibility_violations(any_page):
    assert violations(any_page, reverse("accounts:login")) == []


def test_the_first_tab_reaches_a_skip_link_to_the_content(page, strategy):
    log_in(page, strategy.username)
    page.goto(reverse("dashboard:home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_focused_primary_button_keeps_its_fill_and_shows_a_ring(page, strategy):
    log_in(page, strategy.username)
    page.goto(reverse("dashboard:home"))
    button = page.locator("#dashboard-filters button.btn-bp")
    before = button.evaluate("b => getComputedStyle(b).backgroundColor")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as :focus-visible needs
    style = button.evaluate(
        "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] == before == "rgb(31, 111, 80)"
    assert style[1] == "solid" and float(style[2].removesuffix("px")) >= 2
