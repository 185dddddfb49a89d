"""The book's photos reach WeasyPrint at their printed size, upright (handbook.print_photos)."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from handbook import print_photos

pytestmark = pytest.mark.django_db


def stored(image: Image.Image, name: str, **save) -> str:
    buffer = io.BytesIO()
    image.save(buffer, **save)
    return default_storage.save(f"tests/{name}", ContentFile(buffer.getvalue()))


def test_the_box_is_the_one_the_print_css_gives():
    css = (Path(settings.BASE_DIR) / "static/css/handbook-print.css").read_text()
    rule = re.search(r"figure img \{ max-width: (\d+)mm; max-height: (\d+)mm; \}", css)
    assert rule and tuple(map(int, rule.groups())) == print_photos.BOX_MM
    assert print_photos.BOX_PX == (886, 502)  # 150 dpi


def test_a_phone_photo_is_scaled_to_its_printed_box_as_jpeg():
    name = stored(Image.new("RGB", (4000, 3000), "navy"), "phone.jpg", format="JPEG")
    data, content_type = print_photos.scaled(name)
    image = Image.open(io.BytesIO(data))
    assert content_type == "image/jpeg" and image.format == "JPEG"
    assert image.size == (669, 502)  # 4:3 kept, as high as the box allows


def test_a_photo_taken_sideways_is_printed_upright():
    sideways = Image.new("RGB", (1200, 800), "green")
    exif = sideways.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    name = stored(sideways, "sideways.jpg", format="JPEG", exif=exif.tobytes())
    image = Image.open(io.BytesIO(print_photos.scaled(name)[0]))
    assert image.height > image.width and image.height <= 502


def test_a_transparent_picture_stays_png_and_a_small_one_is_not_enlarged():
    name = stored(Image.new("RGBA", (60, 40), (0, 128, 0, 100)), "logo.png", format="PNG")
    data, content_type = print_photos.scaled(name)
    image = Image.open(io.BytesIO(data))
    assert content_type == "image/png" and image.mode == "RGBA" and image.size == (60, 40)


def test_photos_not_announced_are_scaled_when_asked_and_errors_reach_the_asker():
    good = stored(Image.new("RGB", (100, 100), "red"), "good.jpg", format="JPEG")
    broken = default_storage.save("tests/broken.jpg", ContentFile(b"not a photo"))
    with print_photos.PrintPhotos([broken]) as photos:
        assert photos.get(good)[1] == "image/jpeg"
        with pytest.raises(OSError):
            photos.get(broken)
