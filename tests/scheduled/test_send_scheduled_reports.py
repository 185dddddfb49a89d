"""``manage.py send_scheduled_reports``: the reports due on a day go out once per
subscription and period — a PDF of the dashboard for the scope with its chart drawn, e-mailed
as an attachment, announced as a notice (the bell, LINE for linked users) whose link only
those who may see the scope can open."""

import datetime as dt
import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from accounts.models import Role
from dashboard.models import ActivityMonth
from notices.models import Notice
from scheduled import report, selectors, services
from scheduled.models import LAST_DAY, ReportSent, Scope
from scheduled.report import period_of
from tests.conftest import make_user
from tests.handbook.test_handbook_pdf import pdftotext

pytestmark = pytest.mark.django_db

SEND_DAY = dt.date(2026, 12, 5)
BAR_BLUE = (0x00, 0x72, 0xB2)  # charts.PALETTE[0], the monthly activities' columns


@pytest.fixture(autouse=True)
def _on_the_fifth(frozen):
    frozen(dt.datetime(2026, 12, 5, 6, 30))


@pytest.fixture(autouse=True)
def _quick_pdf(request, monkeypatch):
    """A stand-in PDF (WeasyPrint takes seconds a report) except in the tests that read it."""
    if "real_pdf" in request.fixturenames:
        return

    def stub(subscription, period, *, made_on):
        return f"%PDF-1.7 stub {subscription.scope_label} {period}".encode()

    monkeypatch.setattr(report, "report_pdf", stub)


@pytest.fixture
def real_pdf():
    """Ask for it to render the report through WeasyPrint."""


def subscribe(user, scope=Scope.CITY, day=5, *, by_email=True, by_line=False, **where):
    return services.subscription_save(
        user=user, scope=scope, day=day, by_email=by_email, by_line=by_line, **where
    )


def send(day=SEND_DAY) -> str:
    out = io.StringIO()
    call_command("send_scheduled_reports", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


# --- Which day, which period -------------------------------------------------------------
def test_a_report_is_due_on_its_day_of_the_month_only(strategy):
    subscription = subscribe(strategy, day=5)
    assert list(selectors.due_subscriptions(dt.date(2026, 12, 5))) == [subscription]
    assert not selectors.due_subscriptions(dt.date(2026, 12, 4)).exists()
    assert not selectors.due_subscriptions(dt.date(2026, 12, 6)).exists()


def test_the_last_day_means_the_last_day_of_every_month(strategy):
    last = subscribe(strategy, day=LAST_DAY)
    on_28 = subscribe(strategy, Scope.DISTRICT, 28, district=strategy_district())
    assert list(selectors.due_subscriptions(dt.date(2027, 2, 28))) == [last, on_28]
    assert list(selectors.due_subscriptions(dt.date(2028, 2, 29))) == [last]  # leap year
    assert list(selectors.due_subscriptions(dt.date(2026, 11, 30))) == [last]
    assert not selectors.due_subscriptions(dt.date(2026, 12, 30)).exists()


def strategy_district():
    from districts.models import District

    return District.objects.get(code="1025")


def test_a_report_reports_on_the_month_before_it_is_sent():
    assert period_of(dt.date(2026, 12, 5)) == dt.date(2026, 11, 1)
    assert period_of(dt.date(2027, 1, 31)) == dt.date(2026, 12, 1)


# --- Once per subscription and period ----------------------------------------------------
def test_a_second_run_the_same_day_sends_nothing(strategy):
    subscribe(with_email(strategy, "office@example.org"), by_line=True)
    first = send()
    assert "1 due, 1 made, 1 e-mailed, 1 notices" in first
    again = send()
    assert "0 made, 0 e-mailed, 0 notices, 1 already sent" in again
    assert len(mail.outbox) == 1 and ReportSent.objects.count() == 1
    assert Notice.objects.filter(user=strategy).count() == 1


def test_moving_the_day_within_a_month_does_not_send_that_month_twice(strategy):
    subscribe(with_email(strategy, "office@example.org"), day=5)
    send()
    subscribe(strategy, day=20)
    send(dt.date(2026, 12, 20))
    assert len(mail.outbox) == 1
    send(dt.date(2027, 1, 20))  # the next month's report
    assert len(mail.outbox) == 2
    assert sorted(ReportSent.objects.values_list("period", flat=True)) == [
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
    ]


def test_a_crash_halfway_resends_to_nobody_already_done(strategy, staff_bangphlat, monkeypatch):
    subscribe(with_email(strategy, "office@example.org"))
    subscribe(
        with_email(staff_bangphlat, "staff@example.org"),
        Scope.DISTRICT,
        district=staff_bangphlat.district,
    )
    real_send = mail.EmailMessage.send

    def smtp_down_for_staff(message, *args, **kwargs):
        if message.to == ["staff@example.org"]:
            raise ConnectionRefusedError("smtp down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", smtp_down_for_staff)
    with pytest.raises(CommandError, match="1 failed"):
        send()
    assert [m.to for m in mail.outbox] == [["office@example.org"]]
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    send()
    assert [m.to for m in mail.outbox] == [["office@example.org"], ["staff@example.org"]]
    assert ReportSent.objects.filter(emailed_at__isnull=True).count() == 0
    send()
    assert len(mail.outbox) == 2


def test_a_user_whose_role_changed_no_longer_receives_the_city_report(strategy):
    subscribe(with_email(strategy, "office@example.org"))
    strategy.role = Role.DISTRICT_STAFF
    strategy.district = strategy_district()
    strategy.save()
    assert "1 no longer allowed" in send()
    assert mail.outbox == [] and not ReportSent.objects.exists()


# --- What arrives ----------------------------------------------------------------------------
def test_the_email_carries_the_pdf_of_the_scope(strategy, real_pdf):
    subscribe(with_email(strategy, "office@example.org"))
    send()
    (message,) = mail.outbox
    assert message.to == ["office@example.org"]
    assert "รายงานการขยายผลประจำเดือนพฤศจิกายน 2569" in message.subject
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == ("report-2026-11.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    text = pdftotext(content)
    assert "ทั้งกรุงเทพมหานคร (50 เขต)" in text
    assert "ปีงบประมาณ 2570" in text and "1 ต.ค. 2569" in text and "5 ธ.ค. 2569" in text


def bar_pixels(pdf: bytes) -> int:
    """Pixels of the columns' blue on page 1 at 50 dpi (poppler's raster)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-singlefile", "-r", "50", "-f", "1", "-l", "1", "-", str(root)],
            input=pdf,
            check=True,
        )
        with Image.open(f"{root}.png") as image:
            colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(
        count
        for count, rgb in colours
        if all(abs(a - b) <= 12 for a, b in zip(rgb, BAR_BLUE, strict=True))
    )


def test_the_district_pdf_really_draws_the_monthly_chart(staff_bangphlat, real_pdf):
    district = staff_bangphlat.district
    for month, n in [(dt.date(2026, 10, 1), 40), (dt.date(2026, 11, 1), 60)]:
        ActivityMonth.objects.create(district=district, month=month, n=n, total=n * 10)
    subscribe(with_email(staff_bangphlat, "staff@example.org"), Scope.DISTRICT, district=district)
    send()
    pdf = mail.outbox[0].attachments[0].content
    reader = PdfReader(io.BytesIO(pdf))
    first_page = reader.pages[0].extract_text()
    assert "เขตบางพลัด" in first_page and "กิจกรรมรายเดือน" in first_page
    assert "ทั้งกรุงเทพมหานคร" not in pdftotext(pdf)
    assert bar_pixels(pdf) > 150  # two columns drawn in the chart's blue (a bare line: ~40)


def test_the_notice_links_to_the_pdf_that_only_allowed_readers_open(
    client, login, staff_bangphlat, staff_mentee, strategy
):
    subscribe(
        staff_bangphlat,
        Scope.DISTRICT,
        by_email=False,
        by_line=True,
        district=staff_bangphlat.district,
    )
    send()
    notice = Notice.objects.get(user=staff_bangphlat)
    sent = ReportSent.objects.get()
    assert notice.url == sent.file.url and notice.url.startswith("/media/scheduled-reports/")
    assert "เขตบางพลัด" in notice.text and "พฤศจิกายน 2569" in notice.text
    assert mail.outbox == []  # LINE only: no attachment e-mail (daily mode: no notice e-mail)
    response = login(staff_bangphlat).get(notice.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert login(strategy).get(notice.url).status_code == 200
    assert login(staff_mentee).get(notice.url).status_code == 404


def test_a_user_without_an_email_address_still_gets_the_notice(strategy):
    subscribe(strategy, by_email=True, by_line=True)
    assert "1 made, 0 e-mailed, 1 notices" in send()


# --- The command ----------------------------------------------------------------------------
def test_the_command_accepts_a_buddhist_era_date(strategy):
    subscribe(with_email(strategy, "office@example.org"))
    out = io.StringIO()
    call_command("send_scheduled_reports", "--date", "2569-12-05", stdout=out)
    assert "scheduled reports for 2026-12-05: 1 due, 1 made" in out.getvalue()


@pytest.mark.parametrize("bad", ["5/12/2569", "2026-13-05", "tomorrow"])
def test_the_command_refuses_a_date_it_cannot_read(bad):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_scheduled_reports", "--date", bad)


def test_the_command_defaults_to_today_in_bangkok(strategy):
    subscribe(with_email(strategy, "office@example.org"), day=5)
    out = io.StringIO()
    call_command("send_scheduled_reports", stdout=out)
    assert "for 2026-12-05: 1 due" in out.getvalue()


def test_seed_demo_subscribes_the_strategy_user_to_the_city_report_on_the_fifth(db):
    import random

    from scheduled import demo

    strategy = make_user("strategy", Role.STRATEGY, email="strategy@example.org")
    rng = random.Random(1)
    demo.seed(scale=1, rng=rng, stdout=io.StringIO())
    assert demo.seed(scale=1, rng=rng, stdout=io.StringIO()) == "already subscribed"
    subscription = strategy.report_subscriptions.get()
    assert (subscription.scope, subscription.day, subscription.by_email) == (Scope.CITY, 5, True)
