"""Thai helpers: dictionary order, Thai digits, Buddhist-Era dates, fiscal years."""

import datetime as dt

import pytest

from bangphlat import thai


def test_thai_sort_key_gives_dictionary_order_not_code_point_order():
    names = ["บางซื่อ", "บางแค", "บางคอแหลม", "บางเขน", "บางกะปิ"]
    assert sorted(names, key=thai.thai_sort_key) == [
        "บางกะปิ",
        "บางเขน",
        "บางคอแหลม",
        "บางแค",
        "บางซื่อ",
    ]
    assert sorted(names) != sorted(names, key=thai.thai_sort_key)


@pytest.mark.parametrize(
    "text, expected",
    [("๑,๒๓๔", 1234), (" 1,234 ", 1234), ("๐", 0), (42, 42), (7.0, 7), ("", None), (None, None)],
)
def test_parse_thai_int_accepts_what_spreadsheets_contain(text, expected):
    assert thai.parse_thai_int(text) == expected


@pytest.mark.parametrize("text", ["12.5", "สิบ", True])
def test_parse_thai_int_rejects_non_counts(text):
    with pytest.raises(ValueError):
        thai.parse_thai_int(text)


@pytest.mark.parametrize(
    "text",
    [
        "2568-08-04",
        "2025-08-04",
        "4/8/2568",
        "04/08/2025",
        "4-8-2568",
        "4 ส.ค. 2568",
        "4 สิงหาคม 2568",
        "๔ ส.ค. ๒๕๖๘",
        "๔/๘/๒๕๖๘",
        "4 Aug 2025",
        "4 August 2025",
        "4 สิงหาคม พ.ศ. 2568",
        "4 ส.ค. พ.ศ. 68",
        "วันที่ 4 สิงหาคม 2568",
        "วันจันทร์ที่ 4 สิงหาคม พ.ศ. 2568",
        "วันที่ ๔ ส.ค. พ.ศ. ๒๕๖๘",
        "4 / 8 / 2568",
        "4/8/ค.ศ. 2025",
        dt.date(2025, 8, 4),
        dt.datetime(2025, 8, 4, 9, 30),
        dt.date(2568, 8, 4),
    ],
)
def test_parse_thai_date_accepts_buddhist_era_and_thai_formats(text):
    assert thai.parse_thai_date(text) == dt.date(2025, 8, 4)


@pytest.mark.parametrize("text", ["31/2/2568", "4 foo 2568", "next week"])
def test_parse_thai_date_rejects_nonsense(text):
    with pytest.raises(ValueError):
        thai.parse_thai_date(text)


def test_dates_are_formatted_in_the_buddhist_era():
    assert thai.format_date_th(dt.date(2025, 8, 4)) == "4 ส.ค. 2568"
    assert thai.format_date_th_long(dt.date(2025, 8, 4)) == "4 สิงหาคม 2568"
    assert thai.format_date_en(dt.date(2025, 8, 4)) == "4 Aug 2025"


def test_fiscal_year_runs_from_october_and_is_named_by_its_buddhist_era_end_year():
    assert thai.fiscal_year_of(dt.date(2025, 9, 30)) == 2568
    assert thai.fiscal_year_of(dt.date(2025, 10, 1)) == 2569
    assert thai.fiscal_year_of(dt.date(2026, 9, 30)) == 2569
    assert thai.fiscal_year_bounds(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))


def test_template_filter_shows_buddhist_era_in_thai_and_gregorian_in_english():
    from django.utils import translation

    from bangphlat.templatetags.thai import thdate

    with translation.override("th"):
        assert thdate(dt.date(2025, 8, 4)) == "4 ส.ค. 2568"
    with translation.override("en"):
        assert thdate(dt.date(2025, 8, 4)) == "4 Aug 2025"


@pytest.mark.parametrize(
    "text, readings",
    [
        ("4/8/25", (dt.date(1982, 8, 4), dt.date(2025, 8, 4))),
        ("4 ส.ค. 68", (dt.date(2025, 8, 4), dt.date(2068, 8, 4))),
        ("๔/๘/๖๘", (dt.date(2025, 8, 4), dt.date(2068, 8, 4))),
    ],
)
def test_a_two_digit_year_is_refused_with_both_readings(text, readings):
    with pytest.raises(thai.AmbiguousYear) as refused:
        thai.parse_thai_date(text)
    assert refused.value.readings == readings


def test_a_two_digit_year_after_a_named_era_is_not_ambiguous():
    assert thai.parse_thai_date("25 ธ.ค. พ.ศ. 68") == dt.date(2025, 12, 25)
    assert thai.parse_thai_date("25/12/ค.ศ. 25") == dt.date(2025, 12, 25)
    with pytest.raises(thai.AmbiguousYear):
        thai.parse_thai_date("วันที่ 25 ธ.ค. 68")
