"""Demo front matter and training curriculum for the handbook."""

from districts.models import District
from handbook.models import FrontMatter
from lessons.models import Lesson, Topic
from training.models import TrainingModule

FRONT = {
    "foreword": ("คำนำ", "คู่มือฉบับนี้รวบรวมบทเรียนจากการดำเนินงานโครงการบางพลัดโมเดลของเขตนำร่องทั้ง 7 เขต "
                 "เพื่อให้เจ้าหน้าที่ฝ่ายพัฒนาชุมชนและสวัสดิการสังคมของทุกเขตใช้เป็นแนวทางในการลดความเหลื่อมล้ำ "
                 "โดยการมีส่วนร่วมของชุมชน\n\nสำนักยุทธศาสตร์และประเมินผลขอขอบคุณชุมชน แกนนำ และเจ้าหน้าที่ทุกท่าน"
                 "ที่ร่วมถอดบทเรียนอย่างตรงไปตรงมา"),
    "principles": ("หลักการของรูปแบบบางพลัดโมเดล", "**ระเบิดจากข้างใน** การพัฒนาที่ยั่งยืนต้องเริ่มจากความต้องการและพลังของชุมชนเอง\n\n"
                   "**เข้าใจ เข้าถึง พัฒนา** เข้าใจชุมชนจากข้อมูลจริง เข้าถึงครัวเรือนและสิทธิที่ควรได้รับ แล้วจึงพัฒนาร่วมกัน\n\n"
                   "**ปรัชญาเศรษฐกิจพอเพียง** ความพอประมาณ ความมีเหตุผล การมีภูมิคุ้มกันที่ดี บนเงื่อนไขความรู้และคุณธรรม"),
    "how_to_use": ("วิธีใช้คู่มือ", "- อ่านบทเรียนตามขั้นที่ชุมชนของท่านกำลังดำเนินการ\n"
                   "- ใช้ข้อเสนอแนะท้ายบทเรียนเป็นรายการตรวจสอบก่อนเริ่มกิจกรรม\n"
                   "- ติดต่อเขตพี่เลี้ยงตามแผนการเป็นพี่เลี้ยงเมื่อต้องการคำแนะนำ"),
}  # fmt: skip
MODULES = [
    ("การทำความเข้าใจชุมชนด้วยข้อมูล", "ผู้เรียนสำรวจและวิเคราะห์ข้อมูลครัวเรือนร่วมกับชุมชนได้", "เจ้าหน้าที่ฝ่ายพัฒนาชุมชนฯ และแกนนำชุมชน", "6", "- ข้อมูล TPMAP และการตรวจสอบภาคสนาม\n- การทำแผนที่ชุมชน\n- การคืนข้อมูลสู่ชุมชน", "1025", "การจัดองค์กรชุมชน"),
    ("บัญชีครัวเรือนและการออม", "ผู้เรียนถ่ายทอดการทำบัญชีครัวเรือนและจัดตั้งกลุ่มออมทรัพย์ได้", "แกนนำชุมชนและอาสาสมัคร", "4", "- หลักการบัญชีครัวเรือน\n- การติดตามแบบเพื่อนช่วยเพื่อน\n- กลุ่มออมทรัพย์สัจจะวันละบาท", "1020", "การออมและหนี้สิน"),
    ("การเข้าถึงสวัสดิการของรัฐ", "ผู้เรียนช่วยครัวเรือนเปราะบางให้ได้รับสิทธิที่ควรได้", "เจ้าหน้าที่เขตและอาสาสมัคร", "3", "- เบี้ยยังชีพผู้สูงอายุ เบี้ยความพิการ บัตรสวัสดิการแห่งรัฐ\n- การเยี่ยมบ้านและส่งต่อ", "1034", "การเข้าถึงบริการของรัฐ"),
    ("การถอดบทเรียน", "ผู้เรียนถอดบทเรียนตามโครงสร้างของโครงการและส่งพิจารณาได้", "เจ้าหน้าที่ทุกเขต", "3", "- โครงสร้างบทเรียน 6 หัวข้อ\n- การเขียนผลลัพธ์พร้อมตัวเลข\n- การใช้พอร์ทัลส่งพิจารณา", "1030", "การจัดองค์กรชุมชน"),
]  # fmt: skip


def seed(*, scale, rng, stdout) -> str:
    for key, (title, body) in FRONT.items():
        FrontMatter.objects.get_or_create(key=key, defaults={"title": title, "body": body})
    if not TrainingModule.objects.exists():
        for order, (title, objectives, audience, hours, outline, code, topic) in enumerate(
            MODULES, start=1
        ):
            module = TrainingModule.objects.create(
                order=order, title=title, objectives=objectives, audience=audience, hours=hours,
                outline=outline, teaching_district=District.objects.get(code=code),
            )  # fmt: skip
            module.topics.set(Topic.objects.filter(name_th=topic))
            module.lessons.set(Lesson.objects.approved().filter(topics__name_th=topic)[:3])
    return f"{FrontMatter.objects.count()} front-matter sections, {TrainingModule.objects.count()} modules"
