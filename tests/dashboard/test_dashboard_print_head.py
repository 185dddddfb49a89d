"""The printed dashboard's running head names the fiscal year as its reader counts it:
ปีงบประมาณ 2570 in Thai, "FY 2570 B.E. (Oct 2026 – Sep 2027)" in English (issue #17 found
"FY 2569" in the Thai print)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bangphlat.thai import fiscal_year_of
from tests.handbook.test_handbook_pdf import pdftotext

pytestmark = pytest.mark.django_db


def running_head(pdf: bytes) -> str:
    """The line that starts with the head's "บางพลัดโมเดล ·" (Bang Phlat Model ·)."""
    lines = pdftotext(pdf, "-f", "1", "-l", "1").splitlines()
    return next(line for line in lines if "โมเดล ·" in line or "Model ·" in line)


def test_the_thai_print_says_the_buddhist_era_fiscal_year_in_its_running_head(login, strategy):
    fy = fiscal_year_of(timezone.localdate())
    client = login(strategy)
    head = running_head(client.get(reverse("dashboard:print")).content)
    assert f"ปีงบประมาณ {fy}" in head and "FY" not in head


def test_the_english_print_says_fy_with_be_and_the_gregorian_months(login, strategy):
    fy = fiscal_year_of(timezone.localdate())
    client = login(strategy)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    head = running_head(client.get(reverse("dashboard:print")).content)
    assert f"FY {fy} B.E. (Oct {fy - 544}" in head
