"""Demo mentoring: the suggested pairings applied two years ago, trainers, sessions over the
last two years with follow-ups (some overdue), and plausible stage histories."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from districts.models import District
from mentoring import services
from mentoring.models import FollowUp, MentoringSession, Pairing, SessionKind, StageChange, Trainer

FIRST_NAMES = ["นางสาวกมลวรรณ", "นายธนพล", "นางปราณี", "นายวีระ", "นางสาวอรุณี", "นายสมบัติ",
               "นางจันทร์เพ็ญ", "นายประเสริฐ", "นางสาวพิมพ์ชนก", "นายอนุชา"]  # fmt: skip
LAST_NAMES = ["ศรีสุข", "ใจมั่น", "รักษ์ชุมชน", "ทองคำ", "พึ่งตน", "มีธรรม", "สายใจ", "บุญมา"]
POSITIONS = ["หัวหน้าฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "นักพัฒนาสังคมชำนาญการ", "ประธานชุมชนต้นแบบ"]
TOPICS = ["การสำรวจข้อมูลครัวเรือนและ TPMAP", "บัญชีครัวเรือนและการออม", "การจัดเวทีประชาคม",
          "การถอดบทเรียน", "เกษตรในเมืองและธนาคารขยะ", "การดูแลผู้สูงอายุโดยชุมชน"]  # fmt: skip
FOLLOW_UPS = ["ส่งแผนชุมชนฉบับปรับปรุง", "สำรวจครัวเรือนเปราะบางเพิ่มเติม", "จัดตั้งกลุ่มออมทรัพย์",
              "รายงานผลการจัดเวทีประชาคม", "ส่งรายชื่อแกนนำชุมชน"]  # fmt: skip


def seed(*, scale, rng, stdout) -> str:
    if Pairing.objects.exists():
        return "already seeded"
    today = timezone.localdate()
    strategy = User.objects.get(username="strategy")
    start = today - dt.timedelta(days=730)
    services.pairings_apply(proposals=services.suggested_pairings(), by=strategy, start_date=start)

    trainers = []
    pilots = list(District.objects.pilots().order_by("code"))
    every_name = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    names = rng.sample(every_name, 2 * len(pilots))  # distinct names
    for pilot in pilots:
        for index in range(2):
            trainers.append(Trainer.objects.create(
                name=names[len(trainers)], district=pilot, position=POSITIONS[index],
                topics=", ".join(rng.sample(TOPICS, 2)),
                phone=f"02-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}", email=f"trainer{pilot.code}{index}@example.org",
            ))  # fmt: skip

    sessions = 0
    for pairing in Pairing.objects.active().select_related("mentor", "mentee"):
        # Mentees move through the stages as their mentor works with them.
        staged = rng.random()
        for stage, months, reason in [
            ("preparing", 2, "ได้รับการจับคู่พี่เลี้ยงและเริ่มเตรียมทีม"),
            ("implementing", 8, "เริ่มดำเนินการในชุมชนนำร่องของเขต"),
            ("self_running", 18, "ดำเนินการได้เองโดยพี่เลี้ยงติดตามห่าง ๆ"),
        ]:
            if (stage == "implementing" and staged < 0.35) or (
                stage == "self_running" and staged < 0.85
            ):
                break
            services.stage_change(district=pairing.mentee, stage=stage, reason=reason, by=strategy,
                                  on=start + dt.timedelta(days=30 * months + rng.randint(0, 20)))  # fmt: skip
        for _ in range(rng.randint(3, 6)):
            date = start + dt.timedelta(days=rng.randint(10, 725))
            session = MentoringSession.objects.create(
                date=min(date, today), mentor=pairing.mentor, kind=rng.choice(SessionKind.values),
                topics=rng.choice(TOPICS), attendee_count=rng.randint(8, 45),
                notes="พี่เลี้ยงลงพื้นที่ร่วมกับทีมเขต แลกเปลี่ยนประสบการณ์และวางแผนขั้นต่อไป", created_by=strategy,
            )  # fmt: skip
            session.mentees.add(pairing.mentee)
            session.trainers.add(*[t for t in trainers if t.district_id == pairing.mentor_id][:1])
            due = session.date + dt.timedelta(days=rng.randint(14, 60))
            done = due < today and rng.random() < 0.7
            FollowUp.objects.create(session=session, who=f"ทีมเขต{pairing.mentee.name_th}", what=rng.choice(FOLLOW_UPS),
                                    due_date=due, done=done, done_on=due if done else None)  # fmt: skip
            sessions += 1
    for pilot in District.objects.pilots():
        StageChange.objects.get_or_create(
            district=pilot, stage=pilot.rollout_stage,
            defaults={"reason": "เขตนำร่องของโครงการบางพลัดโมเดล", "author": strategy, "changed_on": start},
        )  # fmt: skip
    return f"{Pairing.objects.count()} pairings, {len(trainers)} trainers, {sessions} sessions"
