"""An officer on a phone attaches a 12 MP camera photo: the page shrinks it before sending
(≤ 2048 px, well under 1 MB), shows "5.1 MB → 0.5 MB" and a preview, keeps it upright, and
the activity is saved with it."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from communities.models import ActivityPhoto
from lessons.models import LessonPhoto
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/communities/activities/new/"
EXIF_ORIENTATION = 0x0112


def camera_photo():
    """A 4000 × 3000 JPEG of a few MB, like a phone's: a soft scene with sensor grain, stored
    sideways with an EXIF tag saying "rotate 90°" as phones held upright do."""
    scene = Image.merge("RGB", [Image.effect_noise((100, 75), sigma) for sigma in (60, 70, 80)])
    scene = scene.resize((4000, 3000), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((4000, 3000), 12).convert("RGB")
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6  # shown 3000 wide and 4000 high
    buffer = io.BytesIO()
    Image.blend(scene, grain, 0.3).save(buffer, "JPEG", quality=96, exif=exif)
    return buffer.getvalue()


def fill_activity(page, community):
    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", "อบรมบัญชีครัวเรือน")
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.fill("input[name=participants_total]", "25")
    page.fill("input[name=participants_women]", "15")
    page.fill("input[name=photo_caption]", "ผู้เข้าร่วมอบรม")


def test_a_12_mp_photo_is_shrunk_on_the_phone_before_it_is_sent(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    original = camera_photo()
    assert len(original) > 3 * 1024 * 1024
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(URL)
    fill_activity(page, community)

    page.set_input_files(
        "input[name=photo]",
        files=[{"name": "IMG_2041.JPG", "mimeType": "image/jpeg", "buffer": original}],
    )
    status = page.locator("[data-photo-shrink-status]")
    expect(status).to_contain_text("ย่อรูปแล้ว", timeout=30_000)
    before, after = re.search(r"([\d.]+) MB → ([\d.]+) MB", status.inner_text()).groups()
    assert float(before) == pytest.approx(len(original) / 1024 / 1024, abs=0.06)
    assert float(after) < 1
    preview = status.locator("img")
    expect(preview).to_be_visible()
    assert preview.evaluate("(img) => img.naturalHeight > img.naturalWidth")  # upright
    shoot(page, "activity-photo-shrunk")
    page.set_viewport_size({"width": 1366, "height": 900})
    shoot(page, "activity-photo-shrunk")
    page.set_viewport_size({"width": 390, "height": 844})

    sent = []
    page.on(
        "request",
        lambda r: sent.append(len(r.post_data_buffer or b"")) if r.method == "POST" else None,
    )
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("อบรมบัญชีครัวเรือน")

    assert sent and sent[0] < 1024 * 1024  # what travelled was the shrunk photo
    photo = ActivityPhoto.objects.get()
    assert photo.caption == "ผู้เข้าร่วมอบรม"
    with Image.open(photo.image.path) as stored:
        assert max(stored.size) <= 2048
        assert stored.height > stored.width  # still upright
    assert photo.image.size < 700 * 1024


def test_a_small_photo_goes_as_it_is_and_a_picture_the_browser_cannot_read_too(
    phone_page, staff_bangphlat, bangphlat
):
    CommunityFactory(district=bangphlat)
    small = io.BytesIO()
    Image.new("RGB", (800, 600), "orange").save(small, "JPEG")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(URL)
    status = page.locator("[data-photo-shrink-status]")

    page.set_input_files(
        "input[name=photo]",
        files=[{"name": "small.jpg", "mimeType": "image/jpeg", "buffer": small.getvalue()}],
    )
    expect(status).to_contain_text("ส่งตามเดิม")
    assert page.eval_on_selector("input[name=photo]", "(i) => i.files[0].name") == "small.jpg"

    # An iPhone's HEIC in a browser that cannot decode it: the server converts it instead.
    heic = b"\x00\x00\x00\x18ftypheic" + b"\x00" * (2 * 1024 * 1024)
    page.set_input_files(
        "input[name=photo]",
        files=[{"name": "IMG_0001.HEIC", "mimeType": "image/heic", "buffer": heic}],
    )
    expect(status).to_contain_text("จะส่งรูปเดิม (2.0 MB)")
    assert page.eval_on_selector("input[name=photo]", "(i) => i.files[0].name") == "IMG_0001.HEIC"


def test_a_lesson_photo_is_shrunk_the_same_way(phone_page, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(f"/lessons/{lesson.pk}/edit/")
    page.set_input_files(
        "input[name=photo-image]",
        files=[{"name": "IMG_2042.JPG", "mimeType": "image/jpeg", "buffer": camera_photo()}],
    )
    status = page.locator("input[name=photo-image] + [data-photo-shrink-status]")
    expect(status).to_contain_text("ย่อรูปแล้ว", timeout=30_000)
    page.fill("input[name=photo-caption]", "แปลงผักหลังบ้าน")
    shoot(page, "lesson-photo-shrunk")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_text("บันทึกแล้ว")).to_be_visible()
    with Image.open(LessonPhoto.objects.get().image.path) as stored:
        assert stored.height > stored.width and max(stored.size) <= 2048
