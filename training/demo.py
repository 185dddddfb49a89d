"""Demo training: the curriculum modules, two courses with a short pre/post test, runs hosted
by the pilots for their mentees (staff and community leaders with consent, sessions,
attendance, scores), the past ones completed with certificates and one run open for
enrolment. ``--scale large``: 200 runs × 30 participants (the coverage bench).

Runs are created, and completed, through ``training.services`` (the rules and the certificates
are the real ones); the many rows under them are bulk-inserted. Idempotent: nothing is added
once runs exist."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from communities.models import Community
from districts.models import District
from lessons.models import Lesson, Topic
from mentoring.models import Pairing, Trainer
from training import services
from training.models import (
    Assessment,
    Attendance,
    Choice,
    Course,
    CourseModule,
    CourseRun,
    Participant,
    ParticipantKind,
    ParticipantStatus,
    Question,
    RunSession,
    RunStatus,
    TrainingModule,
)

MODULES = [
    ("การทำความเข้าใจชุมชนด้วยข้อมูล", "ผู้เรียนสำรวจและวิเคราะห์ข้อมูลครัวเรือนร่วมกับชุมชนได้", "เจ้าหน้าที่ฝ่ายพัฒนาชุมชนฯ และแกนนำชุมชน", "6", "- ข้อมูล TPMAP และการตรวจสอบภาคสนาม\n- การทำแผนที่ชุมชน\n- การคืนข้อมูลสู่ชุมชน", "1025", "การจัดองค์กรชุมชน"),
    ("บัญชีครัวเรือนและการออม", "ผู้เรียนถ่ายทอดการทำบัญชีครัวเรือนและจัดตั้งกลุ่มออมทรัพย์ได้", "แกนนำชุมชนและอาสาสมัคร", "4", "- หลักการบัญชีครัวเรือน\n- การติดตามแบบเพื่อนช่วยเพื่อน\n- กลุ่มออมทรัพย์สัจจะวันละบาท", "1020", "การออมและหนี้สิน"),
    ("การเข้าถึงสวัสดิการของรัฐ", "ผู้เรียนช่วยครัวเรือนเปราะบางให้ได้รับสิทธิที่ควรได้", "เจ้าหน้าที่เขตและอาสาสมัคร", "3", "- เบี้ยยังชีพผู้สูงอายุ เบี้ยความพิการ บัตรสวัสดิการแห่งรัฐ\n- การเยี่ยมบ้านและส่งต่อ", "1034", "การเข้าถึงบริการของรัฐ"),
    ("การถอดบทเรียน", "ผู้เรียนถอดบทเรียนตามโครงสร้างของโครงการและส่งพิจารณาได้", "เจ้าหน้าที่ทุกเขต", "3", "- โครงสร้างบทเรียน 6 หัวข้อ\n- การเขียนผลลัพธ์พร้อมตัวเลข\n- การใช้พอร์ทัลส่งพิจารณา", "1030", "การจัดองค์กรชุมชน"),
]  # fmt: skip
COURSES = [
    ("หลักสูตรการพัฒนาชุมชนตามศาสตร์พระราชา", "1025", [0, 1, 2, 3]),
    ("การถอดบทเรียนและการเป็นพี่เลี้ยง", "1030", [0, 3]),
]
QUESTIONS = [
    ("หลัก “เข้าใจ เข้าถึง พัฒนา” เริ่มต้นจากสิ่งใด", ["ข้อมูลจริงของชุมชน", "งบประมาณโครงการ", "คำสั่งของเขต", "ความเห็นของวิทยากร"]),
    ("บัญชีครัวเรือนช่วยครัวเรือนอย่างไร", ["เห็นรายรับรายจ่ายและวางแผนการออม", "ได้รับเงินกู้ทันที", "ลดภาษี", "ไม่ต้องทำงาน"]),
    ("ผู้สูงอายุที่ยังไม่ได้รับเบี้ยยังชีพควรทำอย่างไร", ["ช่วยยื่นขอรับสิทธิที่สำนักงานเขต", "รอให้เขตติดต่อมา", "ไม่ต้องทำอะไร", "ขอเงินจากชุมชน"]),
    ("บทเรียนที่ดีควรมีอะไร", ["ผลลัพธ์พร้อมตัวเลขและข้อเสนอแนะ", "ภาพถ่ายอย่างเดียว", "รายชื่อผู้เข้าร่วม", "งบประมาณทั้งหมด"]),
    ("ข้อใดคือการพัฒนาที่ระเบิดจากข้างใน", ["ชุมชนร่วมคิดร่วมทำจากความต้องการของตนเอง", "หน่วยงานสั่งการ", "จ้างบริษัทภายนอก", "ทำตามชุมชนอื่นทุกอย่าง"]),
]  # fmt: skip
LEADER_FIRST = ["นางสมศรี", "นายประยูร", "นางสาวมาลัย", "นายบุญเลิศ", "นางวันเพ็ญ", "นายสุชาติ",
                "นางลำดวน", "นายเฉลิม", "นางสาวจิราพร", "นายสมพงษ์", "นางบัวผัน", "นายวิชัย"]  # fmt: skip
LEADER_LAST = ["ใจดี", "รักถิ่น", "มั่นคง", "สุขสันต์", "ชื่นบาน", "พัฒนา", "ร่วมใจ", "ศรีเมือง"]
LEADER_ROLES = ["ประธานชุมชน", "กรรมการชุมชน", "อาสาสมัครสาธารณสุข", "แกนนำกลุ่มออมทรัพย์"]
SESSION_DAYS = 3


def _modules():
    if TrainingModule.objects.exists():
        return list(TrainingModule.objects.order_by("order", "pk"))
    modules = []
    for order, (title, objectives, audience, hours, outline, code, topic) in enumerate(
        MODULES, start=1
    ):
        module = TrainingModule.objects.create(
            order=order, title=title, objectives=objectives, audience=audience, hours=hours,
            outline=outline, teaching_district=District.objects.get(code=code),
        )  # fmt: skip
        module.topics.set(Topic.objects.filter(name_th=topic))
        module.lessons.set(Lesson.objects.approved().filter(topics__name_th=topic)[:3])
        modules.append(module)
    return modules


def _courses(modules):
    courses = []
    for title, code, picks in COURSES:
        course, created = Course.objects.get_or_create(
            title=title, version=1, defaults={"district": District.objects.get(code=code)}
        )
        if created:
            for order, index in enumerate(picks, start=1):
                if index < len(modules):
                    CourseModule.objects.create(course=course, module=modules[index], order=order)
            for order, (text, choices) in enumerate(QUESTIONS, start=1):
                question = Question.objects.create(course=course, order=order, text=text)
                Choice.objects.bulk_create(
                    Choice(question=question, order=i, text=choice, is_correct=i == 0)
                    for i, choice in enumerate(choices)
                )
        courses.append(course)
    return courses


def _leaders(rng, run, mentees, count, recorder, communities):
    now = timezone.now()
    people = []
    for index in range(count):
        district = mentees[index % len(mentees)]
        choices = communities.get(district.pk) or [None]
        people.append(Participant(
            run=run, kind=ParticipantKind.LEADER, district=district,
            name=f"{rng.choice(LEADER_FIRST)} {rng.choice(LEADER_LAST)}",
            role=rng.choice(LEADER_ROLES), community=rng.choice(choices),
            consent=True, consent_recorded_by=recorder, consent_recorded_at=now,
            personal_code=services.new_personal_code(),
        ))  # fmt: skip
    return people


def _fill(rng, run, *, people, capacity, days, host_user, complete):
    """Participants (the last ones past capacity waitlisted), sessions, attendance, scores."""
    for position, person in enumerate(people):
        waiting = position >= capacity
        person.status = ParticipantStatus.WAITLISTED if waiting else ParticipantStatus.ENROLLED
        person.waitlist_position = position - capacity + 1 if waiting else None
    Participant.objects.bulk_create(people, batch_size=500)
    sessions = RunSession.objects.bulk_create(
        RunSession(run=run, date=run.starts_on + dt.timedelta(days=day), title=f"วันที่ {day + 1}")
        for day in range(days)
    )
    if not complete:
        return
    enrolled = [p for p in people if p.status == ParticipantStatus.ENROLLED]
    marks, scores = [], []
    for person in enrolled:
        keen = rng.random() < 0.85
        for session in sessions:
            present = rng.random() < (0.95 if keen else 0.5)
            marks.append(
                Attendance(
                    session=session, participant=person, present=present, recorded_by=host_user
                )
            )
        pre = rng.randint(20, 70)
        post = min(100, max(0, pre + rng.randint(-5, 35)))
        scores.append(
            Assessment(participant=person, kind="pre", score=Decimal(pre), recorded_by=host_user)
        )
        scores.append(
            Assessment(participant=person, kind="post", score=Decimal(post), recorded_by=host_user)
        )
    Attendance.objects.bulk_create(marks, batch_size=1000)
    Assessment.objects.bulk_create(scores, batch_size=1000)
    services.course_run_complete(run=run, by=host_user)


def seed(*, scale, rng, stdout) -> str:
    modules = _modules()
    courses = _courses(modules)
    if CourseRun.objects.exists() or not courses:
        return f"{len(modules)} modules, {len(courses)} courses, runs already seeded"
    today = timezone.localdate()
    large = scale == "large"
    hosts = [
        (pilot, [p.mentee for p in Pairing.objects.active().filter(mentor=pilot).select_related("mentee")])
        for pilot in District.objects.pilots().order_by("code")
    ]  # fmt: skip
    hosts = [(pilot, mentees) for pilot, mentees in hosts if mentees]
    if not hosts:
        return f"{len(modules)} modules, {len(courses)} courses, no pairings for runs"
    users = {
        u.district_id: u
        for u in User.objects.filter(username__startswith="staff", district__isnull=False)
    }
    communities = {}
    for community in Community.objects.alive().only("pk", "district_id").order_by("pk"):
        communities.setdefault(community.district_id, []).append(community)
    trainers = {}
    for trainer in Trainer.objects.filter(is_active=True).order_by("pk"):
        trainers.setdefault(trainer.district_id, []).append(trainer)
    runs_wanted = 200 if large else len(hosts) + 1
    per_run, capacity = (30, 30) if large else (12, 10)
    for index in range(runs_wanted):
        host, mentees = hosts[index % len(hosts)]
        host_user = users.get(host.pk)
        if host_user is None:
            continue
        upcoming = index == runs_wanted - 1
        starts = (
            today + dt.timedelta(days=21)
            if upcoming
            else today - dt.timedelta(days=30 + 3 * (runs_wanted - index))
        )
        run = services.course_run_create(
            by=host_user, course=courses[index % len(courses)], host=host, starts_on=starts,
            ends_on=starts + dt.timedelta(days=SESSION_DAYS - 1), capacity=capacity,
            venue=f"ห้องประชุมสำนักงานเขต{host.name_th}", target_districts=mentees,
            trainers=trainers.get(host.pk, [])[:2],
        )  # fmt: skip
        staff = [
            Participant(run=run, user=users[m.pk], kind=ParticipantKind.STAFF, district=m)
            for m in mentees
            if m.pk in users
        ][: per_run // 3]
        people = staff + _leaders(rng, run, mentees, per_run - len(staff), host_user, communities)
        _fill(
            rng,
            run,
            people=people,
            capacity=capacity,
            days=SESSION_DAYS,
            host_user=host_user,
            complete=not upcoming,
        )
        if upcoming:
            services.course_run_transition(run=run, to=RunStatus.OPEN, by=host_user)
    certificates = Participant.objects.filter(certificate__isnull=False).count()
    return (
        f"{len(modules)} modules, {len(courses)} courses, {CourseRun.objects.count()} runs, "
        f"{Participant.objects.count()} participants, {certificates} certificates"
    )
