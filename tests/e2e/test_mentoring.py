"""The strategy office reviews and applies the suggested pairings; a mentee district proposes
a stage on a phone and the strategy office approves it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from districts.models import District
from mentoring.models import Pairing, PairingStatus, StageChange
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_strategy_reviews_and_applies_the_suggested_pairings(page, strategy):
    log_in(page, strategy.username)
    page.click("nav >> text=พี่เลี้ยง")
    expect(page.locator("h1")).to_contain_text("พี่เลี้ยงและการขยายผล")
    expect(page.locator("#district-mentors tbody tr")).to_have_count(50)
    expect(page.locator("#district-mentors .text-danger")).to_have_count(43)  # no mentor yet

    page.click("text=เสนอการจับคู่พี่เลี้ยง")
    expect(page.locator("#proposals tbody tr")).to_have_count(43)
    expect(page.locator("main")).to_contain_text("อยู่กลุ่มเขตเดียวกับพี่เลี้ยง 39 เขต")
    expect(page.locator("main")).to_contain_text("ภาระสูงสุดของพี่เลี้ยง 7 เขต")
    assert Pairing.objects.count() == 0  # shown for review, nothing saved yet

    page.click("text=ยืนยันการจับคู่ทั้งหมด")
    expect(page.locator(".alert-success:not([hidden])")).to_contain_text("จับคู่พี่เลี้ยงแล้ว 43 คู่")
    expect(page.locator("#district-mentors .text-danger")).to_have_count(0)
    expect(page.locator("#mentors .card")).to_have_count(7)
    loads = sorted(
        len(District.objects.get(pk=d).mentee_pairings.all())
        for d in District.objects.pilots().values_list("pk", flat=True)
    )
    assert sum(loads) == 43 and max(loads) == 7
    assert Pairing.objects.filter(status=PairingStatus.ACTIVE).count() == 43

    page.goto("/mentoring/suggest/")
    expect(page.locator("main")).to_contain_text("ทุกเขตมีพี่เลี้ยงแล้ว")


def test_mentee_staff_propose_a_stage_on_a_phone_and_strategy_approves(
    browser, live_server, phone_page, staff_mentee, strategy, bangphlat, phranakhon
):
    Pairing.objects.create(
        mentor=bangphlat,
        mentee=phranakhon,
        start_date=dt.date(2025, 1, 1),
        status=PairingStatus.ACTIVE,
    )
    log_in(phone_page, staff_mentee.username)
    phone_page.goto(f"/districts/{phranakhon.code}/")
    panel = phone_page.locator("#mentoring-panel")
    expect(panel).to_contain_text("เขตบางพลัด")  # the mentor
    panel.locator("text=เสนอเปลี่ยนขั้น").click()
    phone_page.select_option("#id_stage", "implementing")
    phone_page.click("button[type=submit]:has-text('ส่งข้อเสนอ')")
    # An empty reason is refused with a Thai message, nothing is saved.
    expect(phone_page.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    assert not StageChange.objects.exists()
    phone_page.fill("#id_reason", "ชุมชนนำร่อง 3 ชุมชนเริ่มจัดเวทีประชาคมแล้ว")
    phone_page.click("button[type=submit]:has-text('ส่งข้อเสนอ')")
    expect(phone_page.locator(".alert-success:not([hidden])")).to_contain_text("ส่งข้อเสนอเปลี่ยนขั้น")
    phranakhon.refresh_from_db()
    assert phranakhon.rollout_stage == "not_started"  # only proposed

    context = browser.new_context(base_url=live_server.url, locale="th-TH")
    page = context.new_page()
    log_in(page, strategy.username)
    page.goto("/mentoring/")
    page.click("button[name=accept][value='1']")
    expect(page.locator(".alert-success:not([hidden])")).to_contain_text("บันทึกผลการพิจารณาแล้ว")
    page.goto(f"/districts/{phranakhon.code}/")
    expect(page.locator("#stage-timeline")).to_contain_text("ชุมชนนำร่อง 3 ชุมชนเริ่มจัดเวที")
    expect(page.locator("#mentoring-panel h2")).to_contain_text("ดำเนินการ")
    context.close()
    phranakhon.refresh_from_db()
    assert phranakhon.rollout_stage == "implementing"
