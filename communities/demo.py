"""Demo communities, yearly indicators and activities for every district.

small: Bang Phlat's 48 communities, 12–20 for the other pilots, 5–9 elsewhere, with three
years of activities; large: 2,500 communities and 300,000 activities over five years (the
benchmark dataset). Bulk inserts (no per-row history) keep it fast; idempotent per district.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from bangphlat.thai import be_year
from communities.models import (
    Activity,
    ActivityType,
    Community,
    CommunityStepChange,
    CommunityType,
    FundingSource,
    IndicatorSnapshot,
    ModelStep,
    Principle,
)
from districts.models import District

FIRST = ["ร่วมใจ", "สามัคคี", "บ้านมั่นคง", "ริมคลอง", "หลังวัด", "มิตรภาพ", "สุขสันต์", "เจริญ",
         "ศรีบางพลัด", "ตลาด", "คลองบางพลู", "วัดบวรมงคล", "พูนทรัพย์", "ประชาร่วมใจ", "เพชรทองคำ",
         "บางอ้อ", "ทรัพย์สิน", "ร่มเย็น", "รุ่งอรุณ", "ศาลเจ้า", "สะพานยาว", "ท่าน้ำ", "เคหะ", "ซอยมะลิ"]  # fmt: skip
SECOND = ["พัฒนา", "สามัคคี", "ร่วมใจ", "เจริญสุข", "ก้าวหน้า", "มั่นคง", "ธรรมรักษา", "ใหม่",
          "ริมน้ำ", "ทองคำ", "สันติสุข", "1", "2", "3", "เหนือ", "ใต้"]  # fmt: skip
TITLES = {
    "บัญชีครัวเรือน": ["อบรมการทำบัญชีครัวเรือน", "ติดตามบัญชีครัวเรือนรายเดือน"],
    "กลุ่มออมทรัพย์": ["ประชุมกลุ่มออมทรัพย์", "เปิดบัญชีออมทรัพย์ชุมชน"],
    "ปลูกผักสวนครัว": ["ปลูกผักสวนครัวรั้วกินได้", "ทำปุ๋ยหมักจากเศษอาหาร"],
    "ฝึกอาชีพ": ["ฝึกอาชีพทำขนมไทย", "อบรมการขายออนไลน์", "ฝึกอาชีพนวดแผนไทย"],
    "ธนาคารขยะ": ["เปิดธนาคารขยะรีไซเคิล", "คัดแยกขยะต้นทาง"],
    "ดูแลผู้สูงอายุ": ["เยี่ยมบ้านผู้สูงอายุติดเตียง", "ตรวจสุขภาพผู้สูงอายุ"],
    "ส่งเสริมสุขภาพ": ["ออกกำลังกายร่วมกัน", "คัดกรองเบาหวานความดัน"],
    "พัฒนาเด็กและเยาวชน": ["ค่ายเยาวชนรักษ์ชุมชน", "สอนการบ้านเด็กในชุมชน"],
    "ประชุมประชาคม": ["ประชุมประชาคมจัดทำแผนชุมชน", "เวทีคืนข้อมูลชุมชน"],
    "สำรวจข้อมูลครัวเรือน": ["สำรวจข้อมูลครัวเรือนเปราะบาง", "เก็บข้อมูล TPMAP รายครัวเรือน"],
}
OUTCOMES = [
    "ครัวเรือนที่เข้าร่วมเริ่มลดรายจ่ายที่ไม่จำเป็น",
    "ชุมชนมีแผนงานที่ทุกคนร่วมกันกำหนด",
    "ผู้เข้าร่วมนำความรู้ไปใช้ต่อที่บ้าน",
    "เกิดกลุ่มอาสาสมัครดูแลกันเองในชุมชน",
    "ปริมาณขยะในชุมชนลดลงอย่างเห็นได้ชัด",
]
STEP_ORDER = [
    ModelStep.NOT_ENGAGED,
    ModelStep.UNDERSTAND,
    ModelStep.REACH,
    ModelStep.DEVELOP,
    ModelStep.SELF_RELIANT,
]


def _community_count(district, scale, rng):
    if scale == "large":
        return 50
    if district.is_original_pilot:
        return 48  # Bang Phlat's programme covered 48 communities
    if district.is_pilot:
        return rng.randint(12, 20)
    return rng.randint(5, 9)


def _step_for(district, rng):
    if district.is_pilot:
        return rng.choices(STEP_ORDER, weights=[5, 15, 25, 35, 20])[0]
    if district.rollout_stage in ("not_started",):
        return rng.choices(STEP_ORDER, weights=[80, 15, 5, 0, 0])[0]
    return rng.choices(STEP_ORDER, weights=[30, 35, 25, 10, 0])[0]


def seed(*, scale, rng, stdout) -> str:
    today = timezone.localdate()
    years = 5 if scale == "large" else 3
    start = today - dt.timedelta(days=365 * years)
    types = list(ActivityType.objects.all())
    created_communities = created_activities = 0
    for district in District.objects.order_by("code"):
        if Community.objects.filter(district=district).exists():
            continue  # idempotent: this district was seeded before
        names = set()
        communities = []
        for number in range(1, _community_count(district, scale, rng) + 1):
            name = f"ชุมชน{rng.choice(FIRST)}{rng.choice(SECOND)}"
            for _attempt in range(50):
                if name not in names:
                    break
                name = f"ชุมชน{rng.choice(FIRST)}{rng.choice(SECOND)}"
            else:
                name = f"{name} ซอย {number}"
            names.add(name)
            households = rng.randint(40, 450)
            population = households * rng.randint(2, 4)
            male = population * rng.randint(45, 50) // 100
            step = _step_for(district, rng)
            communities.append(
                Community(
                    district=district,
                    code=f"{district.code}-{number:04d}",
                    number=number,
                    name=name,
                    community_type=rng.choice(CommunityType.values),
                    households=households,
                    population=population,
                    male=male,
                    female=population - male,
                    registered_on=dt.date(
                        rng.randint(1985, 2020), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    address=f"ซอย {rng.randint(1, 120)} แขวง{district.name_th} เขต{district.name_th}",
                    latitude=(district.lat or Decimal("13.75"))
                    + Decimal(rng.randint(-150, 150)) / 10000,
                    longitude=(district.lon or Decimal("100.5"))
                    + Decimal(rng.randint(-150, 150)) / 10000,
                    chair_name=f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(['สมชาย', 'สมศรี', 'บุญมี', 'มาลี', 'ประเสริฐ', 'วันดี'])} {rng.choice(['ใจดี', 'รักชุมชน', 'มีสุข', 'ทองดี', 'ศรีสุข'])}",
                    chair_phone=f"08{rng.randint(1, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                    model_step=step,
                    step_changed_on=start + dt.timedelta(days=rng.randint(0, 365 * years))
                    if step != "not_engaged"
                    else None,
                )
            )
        communities = Community.objects.bulk_create(communities, batch_size=1000)
        created_communities += len(communities)
        changes, snapshots, activities = [], [], []
        for community in communities:
            if community.model_step != ModelStep.NOT_ENGAGED:
                changes.append(
                    CommunityStepChange(
                        community=community,
                        step=community.model_step,
                        changed_on=community.step_changed_on,
                    )
                )
            for offset in range(years):
                surveyed = community.households

                def need(share, surveyed=surveyed):
                    return int(surveyed * share * rng.uniform(0.6, 1.2))

                snapshots.append(IndicatorSnapshot(
                    community=community, year=be_year(today.year) - offset, households_surveyed=surveyed,
                    income_in_need=min(surveyed, need(0.25)), living_in_need=min(surveyed, need(0.15)),
                    health_in_need=min(surveyed, need(0.10)), education_in_need=min(surveyed, need(0.12)),
                    services_in_need=min(surveyed, need(0.08)), welfare_card_households=min(surveyed, need(0.30)),
                    old_age_allowance=need(0.35), disability_allowance=need(0.04),
                ))  # fmt: skip
            if community.model_step == ModelStep.NOT_ENGAGED and scale != "large":
                continue  # (large: every community, for exactly 2,500 × 120 = 300,000)
            count = 120 if scale == "large" else rng.randint(5, 12)
            for _ in range(count):
                activity_type = rng.choice(types)
                total = rng.randint(8, 80)
                budget = Decimal(rng.choice([0, 0, 500, 1500, 3000, 8000]))
                activities.append(Activity(
                    community=community, district_id=district.pk,
                    date=start + dt.timedelta(days=rng.randint(0, (today - start).days)),
                    title=rng.choice(TITLES.get(activity_type.name_th, ["กิจกรรมชุมชน"])),
                    activity_type=activity_type,
                    model_step=rng.choice([ModelStep.UNDERSTAND, ModelStep.REACH, ModelStep.DEVELOP]),
                    principles=sorted(rng.sample(Principle.values, rng.randint(1, 3)), key=Principle.values.index),
                    participants_total=total, participants_women=rng.randint(0, total),
                    participants_elderly=rng.randint(0, total // 2), participants_disabled=rng.randint(0, total // 10),
                    participants_youth=rng.randint(0, total // 3), participants_welfare_card=rng.randint(0, total // 2),
                    budget=budget, funding_source=rng.choice(["bma", "district", "community"]) if budget else FundingSource.NONE,
                    outcome=rng.choice(OUTCOMES),
                ))  # fmt: skip
        CommunityStepChange.objects.bulk_create(changes, batch_size=2000)
        IndicatorSnapshot.objects.bulk_create(snapshots, batch_size=2000)
        for index in range(0, len(activities), 5000):
            Activity.objects.bulk_create(activities[index : index + 5000])
        created_activities += len(activities)
    return (
        f"{created_communities} communities and {created_activities} activities created "
        f"({Community.objects.count()} / {Activity.objects.count()} in all)"
    )
