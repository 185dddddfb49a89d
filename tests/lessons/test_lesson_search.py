"""Lesson search is Thai-tolerant like the community list (issue 12)."""

import pytest
from django.urls import reverse

from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["หมู่4", "หมู่ 4", "ชุมชนคลองเตยล็อค 1-3", "คลองเตยล็อค 1 - 3", "ร้อยละ ๓๕", "บ้านน\u0e4d\u0e49\u0e32"],
)
def test_lesson_search_ignores_spaces_prefix_digits_and_invisible_characters(
    login, staff_bangphlat, query
):
    make_lesson(
        staff_bangphlat,
        title="ธนาคารขยะ",
        results="ชุมชนหมู่ 4 และคลองเตยล็อค 1 - 3 ขยะลดลงร้อยละ 35 ที่บ้าน\u200bน้ำ",
    )
    make_lesson(staff_bangphlat, title="ปลูกผัก")
    page = login(staff_bangphlat).get(reverse("lessons:list"), {"q": query}).content.decode()
    assert "ธนาคารขยะ" in page and "ปลูกผัก" not in page
