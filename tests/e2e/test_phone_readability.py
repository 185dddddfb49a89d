"""Issue 29 parts 6 and 9 in Chromium at 360, 390 and 1366 px: chart labels at least 11 CSS
px with the title above, the tile map giving way to a list on phones, a long community name
wrapping instead of pushing the page sideways, headings that break between Thai words, and
the import preview. Set SCREENSHOT_DIR=/some/dir to keep what the browser saw."""

import datetime as dt
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: F401 - used by helpers
from django.urls import reverse
from django.utils import timezone

from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCREENSHOT_DIR", "")
LONG_NAME = "เคหะชุมชนร่มเกล้าแฟลตคลองสองต้นนุ่น"

# The smallest label of each visible chart, in CSS px: the font size in the drawing's units
# times the scale it is shown at. Also whether its title sits above it.
CHART_FACTS = """() => [...document.querySelectorAll('figure.chart-figure')].map(figure => {
  const svg = [...figure.querySelectorAll('svg.chart')].find(s => s.getBoundingClientRect().width > 0);
  if (!svg) return null;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  const title = figure.querySelector('.chart-title').getBoundingClientRect();
  return {min: Math.min(...sizes), titleAbove: title.bottom <= svg.getBoundingClientRect().top + 1,
          shown: figure.querySelectorAll('svg.chart').length,
          visible: [...figure.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0).length};
}).filter(Boolean)"""


# Per row of the import preview, per cell: its box, its row's width and its ::before label.
CELL_BOXES = """() => [...document.querySelectorAll('#import-rows tbody tr')].map(tr =>
  [...tr.children].map(td => { const box = td.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, width: box.width,
            card: tr.getBoundingClientRect().width,
            label: getComputedStyle(td, '::before').content}; }))"""


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def activity_years(bangphlat):
    """Activities in the last fiscal year and the current one (the partial year)."""
    community = CommunityFactory(district=bangphlat, name=LONG_NAME)
    today = timezone.localdate()
    for days in (5, 40, 400, 420):
        ActivityFactory(
            community=community,
            date=today - dt.timedelta(days=days),
            participants_total=40,
            participants_women=20,
            participants_elderly=19,
        )
    return community


def narrow(browser, live_server, width, **options):
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        locale="th-TH",
        base_url=live_server.url,
        is_mobile=True,
        has_touch=True,
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.parametrize("width", [360, 390])
def test_charts_on_a_phone_have_labels_of_11_px_and_the_title_above(
    browser, live_server, strategy, activity_years, width
):
    context, page = narrow(browser, live_server, width)
    log_in(page, strategy.username)
    page.goto(reverse("dashboard:home"))
    facts = page.evaluate(CHART_FACTS)
    assert len(facts) >= 4
    for fact in facts:
        assert fact["visible"] == 1  # one drawing per chart, the one that fits
        assert fact["min"] >= 10.9, fact
        assert fact["titleAbove"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The tile map gives way to the list of districts by stage.
    assert not page.locator("svg.tile-map").is_visible()
    assert page.locator("#stage-list").is_visible()
    assert page.locator("#stage-list a", has_text="บางพลัด").count() == 1
    # The current fiscal year is marked in the reach chart itself.
    assert page.locator("svg.chart .partial-label:visible").count() == 1
    shot(page, f"dashboard-{width}")
    page.locator("svg.chart .partial-label:visible").scroll_into_view_if_needed()
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"dashboard-{width}-reach.png"))
    context.close()


def test_charts_and_the_tile_map_on_a_desktop(browser, live_server, strategy, activity_years):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="th-TH", base_url=live_server.url
    )
    page = context.new_page()
    log_in(page, strategy.username)
    page.goto(reverse("dashboard:home"))
    facts = page.evaluate(CHART_FACTS)
    assert facts and all(f["min"] >= 10.9 and f["titleAbove"] for f in facts), facts
    assert page.locator("svg.tile-map").is_visible()
    assert not page.locator("#stage-list").is_visible()
    shot(page, "dashboard-1366")
    page.goto(reverse("districts:detail", args=["1025"]))
    shot(page, "district-1366")
    context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_a_long_community_name_wraps_instead_of_scrolling_the_page_sideways(
    browser, live_server, staff_bangphlat, activity_years, width
):
    context, page = narrow(browser, live_server, width)
    log_in(page, staff_bangphlat.username)
    for url in [activity_years.get_absolute_url(), reverse("communities:list")]:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    page.goto(activity_years.get_absolute_url())
    heading = page.locator("h1").first
    assert heading.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert "ร่มเกล้า" in heading.inner_text().replace("\n", "")
    shot(page, f"community-long-name-{width}")
    context.close()


def test_headings_and_table_headers_break_between_thai_words(phone_page, staff_bangphlat):
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto(reverse("communities:activity_list"))
    # Each listed word of a heading or table header is laid out on one line.
    split = phone_page.evaluate(
        "() => [...document.querySelectorAll('h1 .nobr, h2 .nobr, th .nobr')]"
        ".filter(s => s.getClientRects().length > 1).map(s => s.textContent)"
    )
    assert split == []


def test_zone_group_names_break_between_their_words_in_the_district_list(
    phone_page, staff_bangphlat
):
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto(reverse("districts:list") + "?zone_group=eastern-bangkok")
    cells = phone_page.locator("#district-table tbody td:last-child")
    assert cells.first.inner_text().replace("\n", "") == "กลุ่มกรุงเทพตะวันออก"
    # Each word of the name on one line: ตะวัน|ออก was cut at 390 px.
    split = phone_page.evaluate(
        "() => [...document.querySelectorAll('#district-table td .nobr')]"
        ".filter(s => s.getClientRects().length > 1).map(s => s.textContent)"
    )
    assert split == []
    assert cells.first.locator(".nobr", has_text="ตะวันออก").count() == 1
    shot(phone_page, "district-list-390")


def test_rollout_stages_break_between_their_words_in_the_mentoring_table(phone_page, strategy):
    """The 50 districts' table at 390 px: ดำเนิน|การ and เตรียม|การ were cut in the stage column."""
    from districts.models import District, RolloutStage

    District.objects.filter(code="1001").update(rollout_stage=RolloutStage.PREPARING)
    District.objects.filter(code="1002").update(rollout_stage=RolloutStage.IMPLEMENTING)
    District.objects.filter(code="1003").update(rollout_stage=RolloutStage.SELF_RUNNING)
    log_in(phone_page, strategy.username)
    phone_page.goto(reverse("mentoring:home"))
    stages = phone_page.locator("#district-mentors tbody td:nth-child(4)")
    shown = [text.replace("\n", "") for text in stages.all_inner_texts()]
    assert {"เตรียมการ", "ดำเนินการ", "ดำเนินการได้เอง"} <= set(shown)
    split = phone_page.evaluate(
        "() => [...document.querySelectorAll('#district-mentors td:nth-child(4) .nobr')]"
        ".filter(s => s.getClientRects().length > 1).map(s => s.textContent)"
    )
    assert split == []
    for word in ("เตรียมการ", "ดำเนินการ"):
        assert stages.locator(".nobr", has_text=word).count() >= 1
    shot(phone_page, "mentoring-stages-390")


def test_the_import_preview_at_390_and_1366(
    browser, live_server, staff_bangphlat, bangphlat, tmp_path
):
    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(
        ["ชื่อชุมชน", "ประเภทชุมชน", "จำนวนประชากร", "male_count", "female_count", "แขวง"]
    )
    book.active.append(["ร่วมใจพัฒณา", "ชุมชนเมือง", "812", "400", "412", "บางพลัด"])
    book.active.append(["คลองสวนพริก", "ชุมชนแออัด", "๕๐๐", "", "", "บางอ้อ"])
    path = tmp_path / "registry.xlsx"
    book.save(path)
    for width in (390, 1366):
        # axe is injected as a script: only with the CSP bypassed (tests/e2e/test_accessibility)
        context, page = narrow(browser, live_server, width, bypass_csp=True)
        log_in(page, staff_bangphlat.username)
        page.goto(reverse("communities:import"))
        first_link = page.locator("main a.btn").first
        assert "template" in first_link.get_attribute("href")
        page.set_input_files("input[type=file]", str(path))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.locator("#import-near").is_visible()
        assert page.locator("#import-unused").inner_text().startswith("แขวง ไม่ได้นำเข้า")
        assert page.locator(".import-written", has_text="จำนวนประชากร").count() == 2
        cells = page.evaluate(CELL_BOXES)
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            # Each row a card: its cells one under another, each under its column's name,
            # the long ones the card's full width (at 390 px the five columns cut บันทึก).
            for row in cells:
                written, problems = row[3], row[4]
                assert written["top"] >= row[2]["bottom"] - 1
                assert problems["top"] >= written["bottom"] - 1
                assert written["width"] >= 0.9 * row[0]["card"]
                assert written["label"] == '"สิ่งที่จะบันทึก (เดิม → ใหม่)"'
            # Still a table to a screen reader, and no serious WCAG finding.
            assert page.get_by_role("table").count() == 1
            assert page.get_by_role("cell").count() == 10
            assert serious_violations(page, "#import-rows") == []
        else:  # a table row: the five cells side by side
            for row in cells:
                assert len({round(cell["top"]) for cell in row}) == 1
                assert row[0]["label"] == "none"
        shot(page, f"import-preview-{width}")
        context.close()
