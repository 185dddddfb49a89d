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


# --- The layout's stand-ins and the child process ---------------------------------------------
def is_grey(image: Image.Image) -> bool:
    return all(abs(value - 225) <= 2 for value in image.convert("RGB").getpixel((10, 10)))


@pytest.fixture
def shapes():
    sideways = Image.new("RGB", (1200, 800), "green")
    exif = sideways.getexif()
    exif[0x0112] = 6
    return [
        stored(Image.new("RGB", (4000, 3000), "navy"), "phone.jpg", format="JPEG"),
        stored(sideways, "sideways.jpg", format="JPEG", exif=exif.tobytes()),
        stored(Image.new("RGB", (1200, 800), "red"), "wide.png", format="PNG"),
        stored(Image.new("L", (300, 200), 90), "small.jpg", format="JPEG"),
        stored(Image.new("RGBA", (60, 40), (0, 128, 0, 100)), "logo.png", format="PNG"),
    ]


def test_the_plan_from_the_header_is_the_size_the_photo_is_scaled_to(shapes):
    for name in shapes:
        planned = print_photos.plan(name)
        data, content_type = print_photos.scaled(name)
        assert Image.open(io.BytesIO(data)).size == planned.size
        assert planned.png == (content_type == "image/png")


@pytest.mark.parametrize("process_from", [1, 100], ids=["child process", "thread"])
def test_the_layout_gets_a_stand_in_of_the_size_and_fill_puts_the_photo_in_its_place(
    shapes, process_from
):
    with print_photos.PrintPhotos(shapes, process_from=process_from) as photos:
        cache = {"an image object": object()}
        for index, name in enumerate(shapes):
            data, content_type = photos.get(name)
            image = Image.open(io.BytesIO(data))
            assert image.size == print_photos.plan(name).size
            if content_type == "image/jpeg":  # a stand-in: a grey picture of that size
                assert is_grey(image)
            else:  # a transparent picture keeps its PNG: the photo itself, no stand-in
                assert data == print_photos.scaled(name)[0]
            cache[f"key-{index}"] = data
        assert photos.fill(cache) == []
        assert photos.in_child == (process_from == 1)  # the child did it, without falling back
    for index, name in enumerate(shapes):
        # What WeasyPrint then writes into the PDF: the scaled photo itself.
        assert cache[f"key-{index}"] == print_photos.scaled(name)[0]


def test_a_photo_that_cannot_be_read_when_scaled_is_left_grey_and_named(shapes, monkeypatch):
    erased = shapes[0]
    read = print_photos._read

    def read_unless_erased(name):
        if name == erased:
            raise FileNotFoundError(name)  # erased (privacy) after the layout asked its size
        return read(name)

    monkeypatch.setattr(print_photos, "_read", read_unless_erased)
    with print_photos.PrintPhotos(shapes[:2], process_from=100) as photos:
        cache = {"a": photos.get(erased)[0], "b": photos.get(shapes[1])[0]}
        assert photos.fill(cache) == [erased]
    grey = Image.open(io.BytesIO(cache["a"]))
    assert grey.size == (669, 502) and is_grey(grey)
    assert cache["b"] == print_photos.scaled(shapes[1])[0]
