"""The upload policy: what reaches storage is allowlisted, matches its extension, and images
come out re-encoded (upright, no EXIF, at most 2048 px, with a thumbnail)."""

import io
import re
import struct
import time
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bangphlat import uploads
from communities import services as community_services
from communities.models import ActivityPhoto
from lessons import services as lesson_services
from lessons.models import LessonAttachment, LessonPhoto
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import edit_form_data, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_bytes(fmt="JPEG", size=(64, 48), mode="RGB", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 120, 40) if mode == "RGB" else None).save(
        buffer, fmt, **save_options
    )
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def png_header_only(width, height) -> bytes:
    """A valid PNG header announcing ``width`` × ``height``, with a token IDAT: a pixel bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def jpeg_with_gps_rotated() -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90°" and carries a GPS position."""
    image = Image.new("RGB", (300, 100), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x010F] = "Apple"
    exif.get_ifd(0x8825)[2] = (13.0, 47.0, 10.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Ban Khun Somsri, 12 Soi Charan 79")
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
OLE = uploads.OLE2_MAGIC + b"\x00" * 504


# --- Attachments: content and extension together ------------------------------------------
@pytest.mark.parametrize(
    "name, data",
    [
        ("evil.js", b"RIFF=1;alert(document.cookie)//WEBPVP8 "),
        ("evil.js", image_bytes("WEBP")),
        ("report.html", b"%PDF-1.4<script src=evil.js></script>"),
        ("report.htm", b"<html><script>alert(1)</script>"),
        ("logo.svg", b"\x89PNG\r\n\x1a\n<svg onload=alert(1)>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("setup.exe", b"%PDF-1.4 really an exe"),
        ("noextension", b"%PDF-1.4"),
        ("macro.docm", DOCX),
    ],
)
def test_scripts_pages_and_programs_are_refused_even_with_image_or_pdf_bytes(
    staff_bangphlat, name, data
):
    lesson = make_lesson(staff_bangphlat)
    with pytest.raises(ValidationError) as refused:
        lesson_services.lesson_add_attachment(
            lesson=lesson, by=staff_bangphlat, upload=upload(name, data), title="x"
        )
    assert "รับเฉพาะไฟล์ PDF" in refused.value.messages[0]
    assert not LessonAttachment.objects.exists()


@pytest.mark.parametrize(
    "name, data",
    [
        ("fake.pdf", b"MZ\x90\x00 a program"),
        ("fake.docx", zip_bytes({"a.txt": b"not a document"})),
        ("fake.xlsx", DOCX),  # a Word file named as a spreadsheet
        ("fake.odt", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        ("fake.doc", b"%PDF-1.4"),
        ("fake.png", b"<script>alert(1)</script>"),
        ("photo.png", image_bytes("JPEG")),  # a JPEG calling itself PNG
    ],
)
def test_a_file_whose_bytes_do_not_match_its_extension_is_refused(staff_bangphlat, name, data):
    lesson = make_lesson(staff_bangphlat)
    with pytest.raises(ValidationError):
        lesson_services.lesson_add_attachment(
            lesson=lesson, by=staff_bangphlat, upload=upload(name, data), title="x"
        )
    assert not LessonAttachment.objects.exists()


@pytest.mark.parametrize(
    "name, data, stored_suffix",
    [
        ("รายงาน.pdf", b"%PDF-1.7\n%%EOF", ".pdf"),
        ("แผน.docx", DOCX, ".docx"),
        ("งบ.xlsx", XLSX, ".xlsx"),
        ("บันทึก.odt", ODT, ".odt"),
        ("เก่า.doc", OLE, ".doc"),
        ("แผนผัง.png", image_bytes("PNG"), ".jpg"),
    ],
)
def test_pdf_office_opendocument_and_images_are_accepted_as_attachments(
    staff_bangphlat, name, data, stored_suffix
):
    lesson = make_lesson(staff_bangphlat)
    attachment = lesson_services.lesson_add_attachment(
        lesson=lesson, by=staff_bangphlat, upload=upload(name, data), title="ไฟล์"
    )
    assert attachment.file.name.endswith(stored_suffix)
    assert uploads.ATTACHMENT_CONTENT_TYPES[stored_suffix]


def test_the_content_types_for_downloads_name_no_active_content():
    types = uploads.ATTACHMENT_CONTENT_TYPES
    assert types[".docx"].startswith("application/vnd.openxmlformats")
    assert types[".pdf"] == "application/pdf"
    assert not {".html", ".htm", ".svg", ".js", ".exe", ".xml"} & set(types)
    assert not any("html" in t or "svg" in t or "script" in t for t in types.values())


def test_the_lesson_upload_page_refuses_a_script_and_stores_nothing(login, staff_bangphlat):
    """The probe's attack: ``evil.js`` beginning like a WebP, posted as an attachment."""
    lesson = make_lesson(staff_bangphlat)
    response = login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_form_data(lesson)
        | {"attachment-file": upload("evil.js", b"RIFF=1;alert(1)"), "attachment-title": "x"},
    )
    assert response.status_code == 200
    assert "รับเฉพาะไฟล์ PDF" in response.content.decode()
    assert not LessonAttachment.objects.exists()


def test_an_svg_starting_like_a_png_is_not_stored_through_the_page(login, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    login(staff_bangphlat).post(
        reverse("lessons:edit", args=[lesson.pk]),
        edit_form_data(lesson)
        | {"attachment-file": upload("chart.svg", b"\x89PNG\r\n\x1a\n<svg onload=alert(1)/>")},
    )
    assert not LessonAttachment.objects.exists()


# --- Pixel bombs ---------------------------------------------------------------------------
def test_a_pixel_bomb_is_refused_from_its_header_quickly_and_in_thai(staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    bomb = upload("บอมบ์.png", png_header_only(13_300, 13_300))
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        lesson_services.lesson_add_photo(
            lesson=lesson, by=staff_bangphlat, upload=bomb, caption="x"
        )
    assert time.monotonic() - started < 1
    assert "ล้านพิกเซล" in refused.value.messages[0]
    assert "13,300 × 13,300" in refused.value.messages[0]
    assert not LessonPhoto.objects.exists()


def test_the_activity_form_refuses_a_pixel_bomb_next_to_the_photo(
    login, staff_bangphlat, bangphlat
):
    from tests.communities.test_activity_photos import post_activity

    community = CommunityFactory(district=bangphlat)
    bomb = upload("บอมบ์.png", png_header_only(9_000, 9_000))
    client = login(staff_bangphlat)
    client.get(reverse("communities:activity_create"))  # warmed up: time the photo alone
    started = time.monotonic()
    response = post_activity(client, community, bomb, "รูประเบิด")
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert "ล้านพิกเซล" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_a_truncated_image_is_refused_and_saves_no_activity(login, staff_bangphlat, bangphlat):
    """The header passes the form; the decode fails in the service; nothing is kept."""
    from communities.models import Activity
    from tests.communities.test_activity_photos import post_activity

    community = CommunityFactory(district=bangphlat)
    data = image_bytes("PNG", size=(400, 300))
    response = post_activity(
        login(staff_bangphlat), community, upload("ครึ่งรูป.png", data[:200]), "รูปขาด"
    )
    assert response.status_code == 200
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    assert not Activity.objects.filter(title="รูปขาด").exists()
    assert not ActivityPhoto.objects.exists()


# --- Re-encoding -----------------------------------------------------------------------------
def test_a_photo_is_turned_upright_and_loses_its_location(staff_bangphlat, bangphlat):
    activity = ActivityFactory(community=CommunityFactory(district=bangphlat))
    photo = community_services.activity_add_photo(
        activity=activity,
        by=staff_bangphlat,
        upload=upload("IMG_0001.JPG", jpeg_with_gps_rotated()),
        caption="เวที",
    )
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (100, 300)  # the orientation was applied to the pixels
        assert not stored.getexif()  # no GPS, no camera, no orientation left to apply twice
        assert "exif" not in stored.info
        assert "comment" not in stored.info  # Pillow would write a JPEG comment back
    with Image.open(photo.thumbnail.path) as thumb:
        assert not thumb.getexif() and "comment" not in thumb.info


def test_a_large_photo_is_stored_as_a_display_copy_and_a_thumbnail(staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    photo = lesson_services.lesson_add_photo(
        lesson=lesson,
        by=staff_bangphlat,
        upload=upload("กว้าง.jpg", image_bytes("JPEG", size=(5000, 2500))),
        caption="ภาพมุมกว้าง",
    )
    with Image.open(photo.image.path) as display:
        assert display.size == (2048, 1024)
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) <= 480


def test_a_transparent_png_gets_a_white_background_not_black(staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    clear = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(clear, "PNG")
    photo = lesson_services.lesson_add_photo(
        lesson=lesson, by=staff_bangphlat, upload=upload("โลโก้.png", clear.getvalue()), caption="x"
    )
    with Image.open(photo.image.path) as stored:
        assert stored.convert("L").getextrema()[0] > 240


def test_an_iphone_heic_photo_is_stored_as_jpeg(staff_bangphlat):
    pillow_heif = pytest.importorskip("pillow_heif")
    heic = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (320, 240), (30, 90, 200))).save(heic, quality=70)
    lesson = make_lesson(staff_bangphlat)
    photo = lesson_services.lesson_add_photo(
        lesson=lesson,
        by=staff_bangphlat,
        upload=upload("IMG_4242.HEIC", heic.getvalue()),
        caption="x",
    )
    assert photo.image.name.endswith(".jpg")
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and stored.size == (320, 240)


def test_gif_and_bmp_are_not_photos(staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    for name, fmt in [("a.gif", "GIF"), ("a.bmp", "BMP")]:
        with pytest.raises(ValidationError):
            lesson_services.lesson_add_photo(
                lesson=lesson,
                by=staff_bangphlat,
                upload=upload(name, image_bytes(fmt)),
                caption="x",
            )
    assert not LessonPhoto.objects.exists()


def test_another_district_cannot_add_a_file_through_the_service(staff_bangphlat, staff_mentee):
    from django.core.exceptions import PermissionDenied

    lesson = make_lesson(staff_bangphlat)
    with pytest.raises(PermissionDenied):
        lesson_services.lesson_add_attachment(
            lesson=lesson, by=staff_mentee, upload=upload("a.pdf", b"%PDF-1.4"), title="x"
        )


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow complains about the broken EXIF
@pytest.mark.parametrize("seed", range(3))
def test_corrupted_images_are_refused_never_crash(seed):
    """Flipped and truncated bytes of real images: a clean refusal or a clean photo."""
    import random

    rng = random.Random(seed)
    originals = {
        "a.jpg": jpeg_with_gps_rotated(),
        "a.png": image_bytes("PNG", size=(80, 60)),
        "a.webp": image_bytes("WEBP", size=(80, 60)),
    }
    for name, data in originals.items():
        for _ in range(15):
            mutated = bytearray(data)
            for _flip in range(rng.randint(1, 8)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            if rng.random() < 0.3:
                mutated = mutated[: rng.randrange(8, len(mutated))]
            try:
                stored = uploads.process_photo(upload(name, bytes(mutated)))
            except ValidationError:
                continue
            assert stored.display.size > 0


def test_a_big_rotated_photo_is_shrunk_then_turned_upright(staff_bangphlat):
    image = Image.new("RGB", (6000, 3000), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825)[2] = (13.0, 47.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    stored = uploads.process_photo(upload("IMG.jpg", buffer.getvalue()))
    assert (stored.width, stored.height) == (1024, 2048)
    with Image.open(stored.display) as display:
        assert not display.getexif()


def test_a_big_transparent_png_is_shrunk_in_bands_without_seams():
    image = Image.new("RGBA", (4200, 2100), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (0, 1000, 4200, 1100))  # a red stripe across one band edge
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    stored = uploads.process_photo(upload("แผนที่.png", buffer.getvalue()))
    assert (stored.width, stored.height) == (2048, 1024)
    with Image.open(stored.display) as display:
        rgb = display.convert("RGB")
        assert rgb.getpixel((10, 10))[0] > 240 and rgb.getpixel((10, 10))[1] > 240  # white
        assert rgb.getpixel((1000, 512))[0] > 150 and rgb.getpixel((1000, 512))[1] < 90  # red


def test_a_truncated_image_is_refused_even_after_weasyprint_was_imported(staff_bangphlat):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    data = image_bytes("PNG", size=(400, 300))
    with pytest.raises(ValidationError):
        uploads.process_photo(upload("ครึ่งรูป.png", data[:200]))
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it


# --- Limits beside nginx's ----------------------------------------------------------------
def test_nginx_lets_the_largest_photo_through_so_the_portal_answers_in_thai():
    conf = (settings.BASE_DIR / "deploy" / "nginx" / "bangphlat.conf").read_text()
    body_limit_mb = int(re.search(r"client_max_body_size (\d+)m;", conf)[1])
    largest = max(uploads.MAX_PHOTO_BYTES, uploads.MAX_ATTACHMENT_BYTES)
    assert largest + 256 * 1024 <= body_limit_mb * 1024 * 1024  # room for the form's fields


def test_a_phones_12_mp_photo_is_within_every_limit():
    assert uploads.MAX_PHOTO_BYTES >= 12 * 1024 * 1024
    assert uploads.MAX_PIXELS >= 8064 * 6048  # a 48 MP camera's full resolution
