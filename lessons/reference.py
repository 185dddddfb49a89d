"""The starting list of lesson topics (editable in the admin afterwards)."""

TOPICS = [
    ("อาชีพและรายได้", "Occupation and income"),
    ("การออมและหนี้สิน", "Savings and debt"),
    ("สุขภาพและการดูแลผู้สูงอายุ", "Health and elderly care"),
    ("สิ่งแวดล้อมและขยะ", "Environment and waste"),
    ("การศึกษาและเยาวชน", "Education and youth"),
    ("การจัดองค์กรชุมชน", "Community organisation"),
    ("การเข้าถึงบริการของรัฐ", "Access to public services"),
]


def load_topics(Topic) -> None:
    for order, (name_th, name_en) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name_th=name_th, defaults={"name_en": name_en, "order": order})


def ensure_topics() -> None:
    """The reference loader this app registers (bangphlat/reference.py), on current models."""
    from lessons.models import Topic

    load_topics(Topic)
