"""Reference data the app needs to work: the starting list of activity types (editable in
the admin afterwards). Loaded by a data migration; idempotent."""

ACTIVITY_TYPES = [
    ("บัญชีครัวเรือน", "Household accounts"),
    ("กลุ่มออมทรัพย์", "Savings group"),
    ("ปลูกผักสวนครัว", "Vegetable garden"),
    ("ฝึกอาชีพ", "Occupational training"),
    ("ธนาคารขยะ", "Waste bank"),
    ("ดูแลผู้สูงอายุ", "Elderly care"),
    ("ส่งเสริมสุขภาพ", "Health promotion"),
    ("พัฒนาเด็กและเยาวชน", "Children and youth development"),
    ("ประชุมประชาคม", "Community forum"),
    ("สำรวจข้อมูลครัวเรือน", "Household survey"),
]


def load_activity_types(ActivityType) -> None:
    for order, (name_th, name_en) in enumerate(ACTIVITY_TYPES, start=1):
        ActivityType.objects.get_or_create(
            name_th=name_th, defaults={"name_en": name_en, "order": order}
        )


def ensure_activity_types() -> None:
    """The reference loader this app registers (bangphlat/reference.py), on current models."""
    from communities.models import ActivityType

    load_activity_types(ActivityType)
