"""A mentor records a session on a phone with its own mentee and trainer, then corrects it;
the mentee district sees its open follow-up on its own page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from mentoring.models import MentoringSession, Pairing, PairingStatus, Trainer
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)


def test_mentor_records_and_corrects_a_session_on_a_phone(
    browser, live_server, phone_page, staff_bangphlat, staff_mentee, bangphlat, phranakhon
):
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date=dt.date(2025, 1, 1),
        status=PairingStatus.ACTIVE,
    )  # fmt: skip
    Trainer.objects.create(name="ครูสมศรี", district=bangphlat, position="p", topics="บัญชี")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto("/mentoring/")
    page.click("#record-session")
    expect(page.locator("h1")).to_have_text("บันทึกการเป็นพี่เลี้ยง")
    expect(page.locator("input[name=mentees]")).to_have_count(1)  # only its own mentee
    expect(page.locator("input[name=trainers]")).to_have_count(1)
    shoot(page, "session-form")
    page.check("input[name=mentees]")
    page.check("input[name=trainers]")
    page.select_option("select[name=kind]", "site_visit")
    page.fill("input[name=topics]", "การสำรวจข้อมูลครัวเรือน")
    page.fill("input[name=attendee_count]", "18")
    page.fill("input[name=fu-0-who]", "ทีมเขตพระนคร")
    page.fill("input[name=fu-0-what]", "ส่งแผนชุมชน")
    page.fill("input[name=fu-0-due_date]", "2026-12-01")
    page.click("button[type=submit]:has-text('บันทึก')")
    expect(page.locator(".alert-success:not([hidden])")).to_contain_text("บันทึกการเป็นพี่เลี้ยงแล้ว")

    page.get_by_role("link", name="แก้ไข").click()
    page.fill("input[name=attendee_count]", "20")
    page.click("button[type=submit]:has-text('บันทึก')")
    expect(page.locator(".alert-success:not([hidden])")).to_contain_text("บันทึกการแก้ไขแล้ว")
    expect(page.locator("#history li")).to_have_count(2)
    expect(page.locator("#history")).to_contain_text("จำนวนผู้เข้าร่วม")
    shoot(page, "session-detail")
    assert MentoringSession.objects.get().attendee_count == 20

    context = browser.new_context(
        base_url=live_server.url, locale="th-TH", viewport={"width": 390, "height": 844}
    )
    mentee_page = context.new_page()
    log_in(mentee_page, staff_mentee.username)
    mentee_page.goto(f"/districts/{phranakhon.code}/")
    expect(mentee_page.locator("#open-follow-ups")).to_contain_text("ส่งแผนชุมชน")
    expect(mentee_page.locator("#open-follow-ups")).to_contain_text("1 ธ.ค. 2569")
    context.close()
