"""The panel and the results as CSV/XLSX through the kernel exporter (formula-safe). Both
end with the note that this is an observational study."""

from django.utils.translation import gettext as _

from bangphlat.exports import ListExporter
from evaluation import selectors
from evaluation.choices import OBSERVATIONAL, OUTCOMES, stage_label, warning_messages


def _note():
    return [_("หมายเหตุ: %(note)s") % {"note": OBSERVATIONAL}]


def panel_exporter(outcome: str, stage: str) -> ListExporter:
    rows, _left_out = selectors.panel(outcome, stage)

    def lines():
        for row in rows:
            cohort = None if row.cohort == float("inf") else int(row.cohort)
            yield [
                row.district_code, row.community_code, row.community_name, row.year,
                row.households_surveyed, row.count, round(row.share, 3), cohort,
                int(cohort is not None and row.year >= cohort),
            ]  # fmt: skip
        yield _note()

    return ListExporter(
        headers=[
            _("รหัสเขต"),
            _("รหัสชุมชน"),
            _("ชื่อชุมชน"),
            _("ปี (พ.ศ.)"),
            _("ครัวเรือนที่สำรวจ"),
            str(OUTCOMES[outcome]),
            _("สัดส่วน (ร้อยละ)"),
            _("ปีงบประมาณที่เริ่ม"),
            _("ดำเนินการแล้ว"),
        ],  # fmt: skip
        rows=lines(),
        filename=f"evaluation-panel-{outcome}-{stage}",
        sheet_title=_("ข้อมูลการประเมิน"),
    )


def results_exporter(result: dict) -> ListExporter:
    def lines():
        yield [_("ตัวชี้วัด"), str(OUTCOMES[result["outcome"]])]
        yield [_("ขั้นที่นับว่าเริ่มดำเนินการ"), stage_label(result["stage"])]
        yield [_("วิธี"), result["method"]]
        yield [_("ผลเฉลี่ยต่อเขตที่ดำเนินการ (ATT)"), result["att"], result["ci_low"], result["ci_high"]]
        if result["twfe"]:
            twfe = result["twfe"]
            yield [_("TWFE (เพื่อเปรียบเทียบเท่านั้น)"), twfe["att"], twfe["ci_low"], twfe["ci_high"]]
        for row in result["event_study"]:
            yield [
                _("ปีเทียบกับปีที่เริ่ม %(n)s") % {"n": row["rel_year"]},
                row["att"],
                row["ci_low"],
                row["ci_high"],
            ]
        yield [_("จำนวนชุมชน"), result["n_communities"]]
        yield [_("ปีที่มีข้อมูล"), ", ".join(str(y) for y in result["years"])]
        yield [_("เขตที่ดำเนินการ"), result["n_treated_districts"]]
        yield [_("เขตเปรียบเทียบ"), result["n_comparison_districts"]]
        for message in warning_messages(result["warning_codes"]):
            yield [_("คำเตือน"), message]
        yield _note()

    return ListExporter(
        headers=[_("รายการ"), _("ค่า"), _("ต่ำสุด (95 %)"), _("สูงสุด (95 %)")],
        rows=lines(),
        filename=f"evaluation-results-{result['outcome']}-{result['stage']}",
        sheet_title=_("ผลการประเมิน"),
    )
