"""Draw the home-screen icons of the web app manifest into static/icons/ (run once; the PNGs
are committed): the portal's green with "บพ" in Sarabun, no outside artwork to license.

    .venv/bin/python scripts/make_app_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
GREEN = "#1f6f50"  # --bp-green in static/css/portal.css
FONT = ROOT / "static/fonts/sarabun/Sarabun-Bold.ttf"


def icon(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:  # the launcher cuts its own shape: fill it all, keep the text in the middle 60 %
        draw.rectangle((0, 0, size, size), fill=GREEN)
        text_size = int(size * 0.30)
    else:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=GREEN)
        text_size = int(size * 0.42)
    font = ImageFont.truetype(str(FONT), text_size)
    draw.text((size / 2, size / 2), "บพ", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    out = ROOT / "static/icons"
    out.mkdir(exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(out / f"icon-{size}.png", optimize=True)
    icon(512, maskable=True).save(out / "icon-maskable-512.png", optimize=True)
    # iOS ignores the manifest's icons and rounds the corners itself.
    icon(180, maskable=True).convert("RGB").save(out / "apple-touch-icon.png", optimize=True)
    print("static/icons/: icon-192.png, icon-512.png, icon-maskable-512.png, apple-touch-icon.png")
