"""What the page, the exports and the handbook show of a result: the headline sentence, the
event-study chart and the rows of the results table."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bangphlat.charts import interval_chart
from evaluation.choices import OUTCOMES, stage_label

ALLOWANCES = {"old_age_allowance", "disability_allowance"}


def _pp(value) -> str:
    # number_format cuts decimals off instead of rounding: round first.
    return number_format(round(abs(value), 1), 1)


def _bound(value) -> str:
    """An interval end to one decimal, or two where one would print a misleading "-0.0"."""
    places = 2 if 0 < abs(value) < 0.05 else 1
    return number_format(round(value, places), places)


def unit(outcome: str) -> str:
    if outcome in ALLOWANCES:
        return _("คนต่อ 100 ครัวเรือน")
    return _("จุดร้อยละ")


def headline(result: dict) -> str:
    """The effect in words a director can read (empty when refused)."""
    if result["att"] is None:
        return ""
    values = {
        "outcome": OUTCOMES[result["outcome"]],
        "stage": stage_label(result["stage"]),
        "size": _pp(result["att"]),
        "unit": unit(result["outcome"]),
        "low": _bound(result["ci_low"]),
        "high": _bound(result["ci_high"]),
    }
    if result["att"] < 0:
        text = _(
            "ในเขตที่เข้าสู่ขั้น “%(stage)s” แล้ว สัดส่วน%(outcome)s ลดลง %(size)s %(unit)s "
            "เมื่อเทียบกับเขตที่ยังไม่ถึงขั้นนี้ (ช่วงความเชื่อมั่น 95 %%: %(low)s ถึง %(high)s)"
        )
    else:
        text = _(
            "ในเขตที่เข้าสู่ขั้น “%(stage)s” แล้ว สัดส่วน%(outcome)s เพิ่มขึ้น %(size)s %(unit)s "
            "เมื่อเทียบกับเขตที่ยังไม่ถึงขั้นนี้ (ช่วงความเชื่อมั่น 95 %%: %(low)s ถึง %(high)s)"
        )
    return text % values


def verdict(result: dict) -> str:
    """Whether the interval lets one say more than "no clear difference"."""
    if result["att"] is None:
        return ""
    if result["ci_low"] <= 0 <= result["ci_high"]:
        return _("ช่วงความเชื่อมั่นคร่อมศูนย์: ข้อมูลยังไม่พอจะบอกว่าการดำเนินงานทำให้ตัวชี้วัดนี้เปลี่ยน")
    return _("ช่วงความเชื่อมั่นไม่คร่อมศูนย์: ความต่างนี้ไม่น่าจะเกิดจากความบังเอิญของข้อมูลเพียงอย่างเดียว")


def rel_year_label(rel_year: int) -> str:
    if rel_year == 0:
        return _("ปีที่เริ่ม")
    if rel_year < 0:
        return _("%(n)s ปีก่อน") % {"n": -rel_year}
    return _("%(n)s ปีหลัง") % {"n": rel_year}


def event_chart(result: dict):
    """The event study as an interval chart (None when there is nothing to draw)."""
    rows = result["event_study"]
    if not rows:
        return None
    return interval_chart(
        title=_("ผลตามจำนวนปีนับจากปีที่เริ่ม: %(outcome)s") % {"outcome": OUTCOMES[result["outcome"]]},
        labels=[str(row["rel_year"]) for row in rows],
        values=[row["att"] for row in rows],
        lows=[row["ci_low"] for row in rows],
        highs=[row["ci_high"] for row in rows],
        reference=next((i for i, row in enumerate(rows) if row["reference"]), None),
        headers=[_("ปีเทียบกับปีที่เริ่ม"), _("ผลที่ประมาณได้"), _("ต่ำสุด (95 %)"), _("สูงสุด (95 %)")],
    )


def event_rows(result: dict) -> list[dict]:
    return [{**row, "label": rel_year_label(row["rel_year"])} for row in result["event_study"]]
