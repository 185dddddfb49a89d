"""Demo lessons for the seven pilot districts, in every review state, with Thai text written
for the demo (lessons/demo_texts.py). The large scale adds 150 approved lessons over all
districts for the handbook benchmark."""

from accounts.models import User
from communities.models import Activity, Community
from districts.models import District
from lessons import services
from lessons.demo_texts import LESSONS
from lessons.models import SECTION_FIELDS, Lesson, Topic

# Per pilot district (in code order): the states of its four lessons. "reopened" is an
# approved lesson whose district is writing a new revision; "resubmitted" went back once.
PLAN = [
    ["approved", "approved", "submitted", "changes_requested"],
    ["approved", "approved", "changes_requested", "approved"],
    ["approved", "approved", "draft", "resubmitted"],
    ["approved", "approved", "reopened", "approved"],
    ["approved", "approved", "resubmitted", "draft"],
    ["approved", "approved", "archived", "approved"],
    ["approved", "approved", "submitted", "reopened"],
]
# (name, role, consent to be named): outsiders and the handbook see the role alone without it.
INTERVIEWEES = [
    [("นางสมศรี ใจดี", "ประธานชุมชน", True), ("นายบุญมี รักถิ่น", "อาสาสมัครสาธารณสุข", False)],
    [("นายประเสริฐ มั่นคง", "กรรมการชุมชน", False), ("นางสาวพิมพ์ชนก แสงทอง", "แกนนำเยาวชน", True)],
    [("นางอำไพ ศรีสุข", "ประธานกลุ่มออมทรัพย์", True), ("นายสมชาย ทองดี", "ผู้สูงอายุในชุมชน", False)],
]
RETURN_COMMENTS = [
    "ขอให้เพิ่มตัวเลขผลลัพธ์ก่อนและหลังดำเนินการ และระบุแหล่งที่มาของข้อมูล",
    "ส่วนอุปสรรคยังกว้างเกินไป ขอตัวอย่างเหตุการณ์จริงและวิธีแก้ที่ใช้",
    "ขอให้แยกขั้นตอนการดำเนินงานเป็นข้อ ๆ ตามลำดับเวลา เขตอื่นจะนำไปใช้ได้ง่ายขึ้น",
]
APPROVE_COMMENT = "เนื้อหาครบถ้วน มีตัวเลขชัดเจน นำไปใช้ในคู่มือได้"
FOLLOW_UP = "\n- ข้อมูลติดตามผลล่าสุด: ชุมชนยังดำเนินการต่อเนื่อง และมีชุมชนข้างเคียงมาศึกษาดูงาน **2 ชุมชน**"


def _links(district):
    communities = list(Community.objects.alive().filter(district=district).order_by("pk")[:2])
    activities = list(
        Activity.objects.alive().filter(community__in=communities).order_by("-date", "-pk")[:3]
    )
    return communities, activities


def _revise(lesson, staff):
    lesson.refresh_from_db()
    return services.lesson_update(
        lesson=lesson, by=staff, version=lesson.version, results=lesson.results + FOLLOW_UP
    )


def _make(district, staff, strategy, text, state, topics, *, suffix="", number=0, links=((), ())):
    lesson = services.lesson_create(
        by=staff,
        district=district,
        title=text["title"] + suffix,
        step=text["step"],
        dimensions=text["dimensions"],
        topics=[topics[name] for name in text["topics"]],
        communities=links[0],
        activities=links[1],
        interviewees=[
            {"name": name, "role": role, "consent": consent}
            for name, role, consent in INTERVIEWEES[number % len(INTERVIEWEES)]
        ],
        **{name: text[name] for name in SECTION_FIELDS},
    )
    if state == "draft":
        return lesson
    services.lesson_submit(lesson=lesson, by=staff)
    if state == "submitted":
        return lesson
    comment = RETURN_COMMENTS[number % len(RETURN_COMMENTS)]
    if state in ("changes_requested", "resubmitted"):
        services.lesson_request_changes(lesson=lesson, by=strategy, comment=comment)
        if state == "changes_requested":
            return lesson
        _revise(lesson, staff)
        return services.lesson_submit(lesson=lesson, by=staff)
    services.lesson_approve(lesson=lesson, by=strategy, comment=APPROVE_COMMENT)
    if state == "archived":
        services.lesson_archive(
            lesson=lesson, by=strategy, comment="มีบทเรียนฉบับใหม่ที่ครอบคลุมกว่า จึงเก็บถาวร"
        )
    elif state == "reopened":
        _revise(lesson, staff)
    return lesson


def seed(*, scale, rng, stdout) -> str:
    if Lesson.objects.exists():
        return "already seeded"
    strategy = User.objects.get(username="strategy")
    topics = {topic.name_th: topic for topic in Topic.objects.all()}
    staff = {user.district_id: user for user in User.objects.filter(username__startswith="staff")}
    count = 0
    for index, district in enumerate(District.objects.pilots().order_by("code")):
        links = _links(district)
        for slot, state in enumerate(PLAN[index % len(PLAN)]):
            number = index * 4 + slot
            _make(
                district,
                staff[district.pk],
                strategy,
                LESSONS[number % len(LESSONS)],
                state,
                topics,
                suffix=f" (เขต{district.name_th})",
                number=number,
                links=links,
            )
            count += 1
    if scale == "large":
        districts = list(District.objects.order_by("code"))
        for number in range(150):
            district = districts[number % len(districts)]
            text = LESSONS[rng.randrange(len(LESSONS))]
            _make(
                district,
                staff[district.pk],
                strategy,
                text,
                "approved",
                topics,
                suffix=f" (เขต{district.name_th} ชุดที่ {number // len(districts) + 1})",
                number=number,
            )
            count += 1
    return f"{count} lessons"
