"""Open data: aggregated counts per district and fiscal year, no personal data.

The activity figures come from ``dashboard.selectors.activity_slices`` (the dashboard's own
monthly summary), and the rows are cached under the dashboard's data tokens, so the files
equal the dashboard's figures and are regenerated whenever the dashboard's data changes."""

import hashlib

from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from bangphlat import versions as data_versions
from communities.models import Community, CommunityType, ModelStep
from dashboard import selectors as dashboard_selectors
from districts.models import District

LICENCE = "CC BY 4.0"
# Who publishes the figures of all 50 districts, and so whom CC BY asks users to credit.
PUBLISHER = _("สำนักยุทธศาสตร์และประเมินผล กรุงเทพมหานคร")
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CACHE_SECONDS = 600


def columns() -> list[tuple[str, str]]:
    """The data dictionary: (column, Thai description), in file order."""
    cols = [
        ("fiscal_year", _("ปีงบประมาณ (พ.ศ.) ตุลาคม–กันยายน")),
        ("district_code", _("รหัสเขต")),
        ("district_name_th", _("ชื่อเขต (ภาษาไทย)")),
        ("district_name_en", _("ชื่อเขต (ภาษาอังกฤษ)")),
        ("communities_total", _("จำนวนชุมชนที่จดทะเบียน (ณ วันที่สร้างไฟล์)")),
    ]
    for value, label in CommunityType.choices:
        cols.append((f"communities_type_{value}", _("จำนวนชุมชนประเภท: %s") % label))
    for value, label in ModelStep.choices:
        cols.append((f"communities_step_{value}", _("จำนวนชุมชนในขั้น: %s") % label))
    cols += [
        ("activities", _("จำนวนกิจกรรมในปีงบประมาณ")),
        ("participants_total", _("ผู้เข้าร่วมกิจกรรมทั้งหมด (คน-ครั้ง)")),
        ("participants_women", _("ผู้เข้าร่วมที่เป็นผู้หญิง")),
        ("participants_elderly", _("ผู้เข้าร่วมที่เป็นผู้สูงอายุ (60 ปีขึ้นไป)")),
        ("participants_disabled", _("ผู้เข้าร่วมที่เป็นผู้พิการ")),
        ("participants_youth", _("ผู้เข้าร่วมที่เป็นเด็กและเยาวชน")),
        ("participants_welfare_card", _("ผู้เข้าร่วมที่ถือบัตรสวัสดิการแห่งรัฐ")),
    ]
    return cols


def open_data(*, fiscal_year: int) -> list[dict]:
    """One row per district for the fiscal year (4 queries when nothing is cached, else 1)."""
    # 1. The data tokens (every district's, as the all-district dashboard reads them).
    tokens = data_versions.tokens()
    version = hashlib.sha1(
        "|".join(f"{key}={token}" for key, (token, _at) in sorted(tokens.items())).encode(),
        usedforsecurity=False,
    ).hexdigest()
    key = f"opendata:{version}:{fiscal_year}"
    rows = cache.get(key)
    if rows is None:
        rows = _compute(fiscal_year=fiscal_year)
        cache.set(key, rows, CACHE_SECONDS)
    return rows


def _compute(*, fiscal_year: int) -> list[dict]:
    # 2. The 50 districts.
    districts = list(District.objects.order_by("code"))
    # 3. Communities by district, type and step.
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Community.objects.alive()
        .values("district_id", "community_type", "model_step")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        acc = counts.setdefault(row["district_id"], {})
        acc["total"] = acc.get("total", 0) + row["n"]
        for prefix, value in (("type", row["community_type"]), ("step", row["model_step"])):
            acc[f"{prefix}_{value}"] = acc.get(f"{prefix}_{value}", 0) + row["n"]
    # 4. Activities: the dashboard's own district × month sums.
    slices = dashboard_selectors.activity_slices([fiscal_year], district_ids=None)
    sums: dict[int, dict[str, int]] = {}
    for district_id, _month, *values in slices[fiscal_year]:
        acc = sums.setdefault(district_id, dict.fromkeys(dashboard_selectors.SLICE_SUMS, 0))
        for name, value in zip(dashboard_selectors.SLICE_SUMS, values, strict=True):
            acc[name] += value or 0
    rows = []
    zero = dict.fromkeys(dashboard_selectors.SLICE_SUMS, 0)
    for district in districts:
        c = counts.get(district.pk, {})
        a = sums.get(district.pk, zero)
        row = {
            "fiscal_year": fiscal_year,
            "district_code": district.code,
            "district_name_th": district.name_th,
            "district_name_en": district.name_en,
            "communities_total": c.get("total", 0),
        }
        for value in CommunityType.values:
            row[f"communities_type_{value}"] = c.get(f"type_{value}", 0)
        for value in ModelStep.values:
            row[f"communities_step_{value}"] = c.get(f"step_{value}", 0)
        row["activities"] = a["n"]
        row["participants_total"] = a["total"]
        for name in dashboard_selectors.BREAKDOWN:
            row[f"participants_{name}"] = a[name]
        rows.append(row)
    return rows
