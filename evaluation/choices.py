"""What the evaluation can be asked: the outcomes and the stage that counts as treatment."""

from django.utils.translation import gettext_lazy as _

from districts.models import RolloutStage

# key → (label, snapshot field). Every outcome is a share of the surveyed households, in
# percentage points (allowances count people, so theirs is per 100 surveyed households).
OUTCOMES = {
    "income_in_need": _("ครัวเรือนที่ขาดด้านรายได้"),
    "living_in_need": _("ครัวเรือนที่ขาดด้านความเป็นอยู่"),
    "health_in_need": _("ครัวเรือนที่ขาดด้านสุขภาพ"),
    "education_in_need": _("ครัวเรือนที่ขาดด้านการศึกษา"),
    "services_in_need": _("ครัวเรือนที่ขาดด้านการเข้าถึงบริการรัฐ"),
    "welfare_card_households": _("ครัวเรือนที่ถือบัตรสวัสดิการแห่งรัฐ"),
    "old_age_allowance": _("ผู้รับเบี้ยยังชีพผู้สูงอายุ (ต่อ 100 ครัวเรือน)"),
    "disability_allowance": _("ผู้รับเบี้ยความพิการ (ต่อ 100 ครัวเรือน)"),
}
PRIMARY_OUTCOMES = OUTCOMES.keys() - {
    "welfare_card_households",
    "old_age_allowance",
    "disability_allowance",
}
DEFAULT_OUTCOME = "income_in_need"

# The stages a district can enter that may count as "the model runs here" (not "not started").
STAGES = [stage for stage in RolloutStage.values if stage != RolloutStage.NOT_STARTED]
DEFAULT_STAGE = RolloutStage.IMPLEMENTING


def stages_from(stage: str) -> list[str]:
    """The stage and every later one, in the rollout order of ``RolloutStage``."""
    order = list(RolloutStage.values)
    return order[order.index(stage) :]


def stage_label(stage: str) -> str:
    return str(RolloutStage(stage).label)


# Why the evaluation gives no number, or what to keep in mind about the number it gives.
WARNINGS = {
    "most_missing": _(
        "ยังประเมินไม่ได้: ชุมชนส่วนใหญ่มีข้อมูลตัวชี้วัดรายปีไม่ถึงสองปี (ต้องมีอย่างน้อยครึ่งหนึ่งของชุมชนทั้งหมด)"
    ),
    "no_adopters": _("ยังประเมินไม่ได้: ยังไม่มีเขตใดเข้าสู่ขั้นที่เลือกในช่วงปีที่มีข้อมูล"),
    "no_pre_period": _("ยังประเมินไม่ได้: เขตที่เข้าสู่ขั้นที่เลือกไม่มีข้อมูลปีก่อนเริ่ม จึงเทียบก่อน–หลังไม่ได้"),
    "no_overlap": _("ยังประเมินไม่ได้: ในปีที่เขตเริ่มดำเนินการ ไม่มีเขตที่ยังไม่เริ่มซึ่งมีข้อมูลปีนั้นและปีก่อนหน้าไว้เทียบ"),
    "few_comparison": _("ยังประเมินไม่ได้: มีเขตเปรียบเทียบ (ยังไม่เริ่มหรือเริ่มทีหลัง) น้อยกว่า 2 เขต"),
    "pre_trend": _(
        "ข้อควรระวัง: ก่อนเริ่มดำเนินการ แนวโน้มของเขตที่เริ่มแล้วกับเขตเปรียบเทียบต่างกันอย่างชัดเจน "
        "ในบางปี ผลที่ประมาณได้อาจไม่ได้มาจากการดำเนินงานเพียงอย่างเดียว"
    ),
    "early_adopters_left_out": _("ไม่นับเขตที่เริ่มดำเนินการตั้งแต่ปีแรกที่มีข้อมูลหรือก่อนนั้น เพราะไม่มีปีก่อนเริ่มไว้เทียบ"),
    "undated": _("ไม่นับเขตที่อยู่ในขั้นที่เลือกแล้วแต่ไม่มีบันทึกการเปลี่ยนขั้นที่ระบุวันที่ เพราะไม่ทราบว่าเริ่มเมื่อใด"),
}
OBSERVATIONAL = _(
    "นี่เป็นการศึกษาเชิงสังเกตจากข้อมูลที่มีอยู่ ไม่ใช่การทดลองแบบสุ่ม: "
    "เขตไม่ได้ถูกสุ่มให้เริ่มดำเนินการ ผลที่ได้จึงบอกความสัมพันธ์ภายใต้ข้อสมมติว่าแนวโน้มขนานกัน "
    "ไม่ใช่ข้อพิสูจน์ว่าโครงการเป็นสาเหตุ"
)


def warning_messages(codes) -> list[str]:
    return [str(WARNINGS[code]) for code in codes if code in WARNINGS]
