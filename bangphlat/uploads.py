"""The one upload policy: what a user may store, checked by content and extension together.

Services call it (activity photos, lesson photos and attachments), so forms, the admin,
imports and any later API all pass through the same rules:

- an allowlist per purpose: photos are JPEG, PNG, WebP or the HEIC that iPhones send;
  attachments are PDF, Office, OpenDocument or one of those images. The extension and the
  bytes must name the same kind: ``evil.js`` that starts like a WebP, ``report.html`` or an
  ``.svg`` are refused whatever their first bytes say.
- images are measured from their header before anything is decoded, so a pixel bomb (a
  small PNG of 13,300 × 13,300) is refused at once; then decoded once, turned upright by
  their EXIF orientation, and re-encoded as JPEG without any metadata (a phone's EXIF holds
  the GPS position of the community). Only a display copy (≤ 2048 px) and a thumbnail are
  stored, never the original bytes.
- every zip-based document (DOCX, XLSX, PPTX, OpenDocument) is measured from the zip's
  directory first: one that would inflate far beyond its size (a zip bomb) is refused before
  it reaches any reader, and the XLSX import applies the same limits.
"""

import contextlib
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageFile, ImageOps

try:  # HEIC/HEIF from iPhones; without the plugin such files are refused as unreadable
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    pass

PHOTO = "photo"
ATTACHMENT = "attachment"

# Pages shrink photos in the browser (static/js/photo_shrink.js: ≤ 2048 px, ≤ 1 MB), so these
# limits meet only what a browser could not shrink: no JavaScript, an old browser. They admit
# any phone camera's original (3–12 MB, up to 50 MP) and stay under nginx's 16 MB
# (client_max_body_size in deploy/nginx/bangphlat.conf) so that the portal answers in Thai.
MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # 48 and 50 MP phone photos in full resolution are the largest sane input
DISPLAY_SIZE = (2048, 2048)
THUMBNAIL_SIZE = (480, 480)
JPEG_QUALITY = 85

# Pillow's format name → the extensions a file of that format may carry.
IMAGE_FORMATS = {
    "JPEG": {".jpg", ".jpeg"},
    "PNG": {".png"},
    "WEBP": {".webp"},
    "HEIF": {".heic", ".heif"},
}
IMAGE_EXTENSIONS = set().union(*IMAGE_FORMATS.values())

OOXML_MAIN_PART = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy Office container (doc, xls, ppt)

# Extension → Content-Type of every attachment the portal accepts (images are stored as JPEG).
# The protected file view sends these; anything else is downloaded as bytes.
ATTACHMENT_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",  # stored before images were re-encoded as JPEG
    ".webp": "image/webp",
}
ATTACHMENT_EXTENSIONS = {*ATTACHMENT_CONTENT_TYPES, *IMAGE_EXTENSIONS}
PHOTO_EXTENSIONS = IMAGE_EXTENSIONS


@dataclass(frozen=True)
class StoredImage:
    """A re-encoded image, ready for ``FieldFile.save``: JPEG bytes without metadata."""

    display: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


@dataclass(frozen=True)
class StoredAttachment:
    file: ContentFile
    content_type: str


# --- Messages -----------------------------------------------------------------------------
def photo_help_text():
    """Under every photo input: what is accepted, and that the page shrinks it first."""
    return format_lazy(
        gettext_lazy("JPEG, PNG, WebP หรือ HEIC ไม่เกิน {mb} MB ระบบย่อรูปให้เองก่อนส่ง"),
        mb=MAX_PHOTO_BYTES // (1024 * 1024),
    )


def _not_a_photo():
    return ValidationError(
        _("ไฟล์นี้ไม่ใช่รูปภาพที่รองรับ (รองรับ JPEG, PNG, WebP และ HEIC จาก iPhone)"), code="type"
    )


def _not_an_attachment():
    return ValidationError(
        _(
            "รับเฉพาะไฟล์ PDF, เอกสาร Word/Excel/PowerPoint, OpenDocument หรือรูปภาพ "
            "(JPEG, PNG, WebP, HEIC) และนามสกุลไฟล์ต้องตรงกับเนื้อไฟล์"
        ),
        code="type",
    )


def _extension(upload) -> str:
    return PurePosixPath(upload.name or "").suffix.lower()


def _stem(upload, default) -> str:
    stem = PurePosixPath((upload.name or "").replace("\\", "/")).stem.strip(". ")
    return stem[:50] or default


def _head(upload, size=64) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


# --- Images -------------------------------------------------------------------------------
def _open_image(upload, *, refuse) -> Image.Image:
    """Open lazily (header only) and check format, extension and pixel count."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():  # we measure the pixels ourselves, just below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(IMAGE_FORMATS))
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(None) from exc
    except Exception as exc:  # noqa: BLE001 - image plugins raise many kinds for junk bytes
        raise refuse() from exc
    if _extension(upload) not in IMAGE_FORMATS.get(image.format, ()):
        raise refuse()
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels((width, height))
    return image


def _not_shrunk_here() -> str:
    """What happened, said after an oversized photo: the page shrinks photos itself, so one
    that arrives too big came from a browser that did not run it."""
    return _(
        "ตามปกติหน้านี้ย่อรูปให้เองก่อนส่ง แต่เบราว์เซอร์นี้ไม่ได้ย่อ (อาจปิด JavaScript ไว้ "
        "หรือเป็นรุ่นเก่า) กรุณาเปิดหน้านี้ใน Chrome หรือ Safari รุ่นปัจจุบันแล้วเลือกรูปอีกครั้ง"
    )


def _too_many_pixels(size):
    if size is None:
        message = _("รูปนี้มีจำนวนพิกเซลมากเกินกว่าที่ระบบรับได้")
    else:
        width, height = size
        message = _(
            "รูปนี้มีขนาด %(width)s × %(height)s พิกเซล (%(mp)s ล้านพิกเซล) เกินที่รับได้ %(max)s ล้านพิกเซล"
        ) % {
            "width": f"{width:,}",
            "height": f"{height:,}",
            "mp": f"{width * height / 1_000_000:,.0f}",
            "max": f"{MAX_PIXELS // 1_000_000}",
        }
    return ValidationError(f"{message} {_not_shrunk_here()}", code="pixels")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f}"


def _check_size(upload, limit, message):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(message % {"mb": limit // (1024 * 1024)}, code="size")


def check_photo(upload) -> None:
    """Cheap checks a form can run before anything is saved: size, type, pixel count.

    Nothing is decoded here; ``process_photo`` does that once."""
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        message = _("ไฟล์รูปนี้ขนาด %(size)s MB เกินที่ระบบรับได้ (%(mb)s MB)") % {
            "size": _megabytes(upload.size),
            "mb": MAX_PHOTO_BYTES // (1024 * 1024),
        }
        raise ValidationError(f"{message} {_not_shrunk_here()}", code="size")
    if _extension(upload) not in PHOTO_EXTENSIONS:
        raise _not_a_photo()
    _open_image(upload, refuse=_not_a_photo)  # never close(): it would close the upload
    upload.seek(0)


def process_photo(upload) -> StoredImage:
    """Check a photo and re-encode it: display copy and thumbnail, JPEG, no metadata."""
    check_photo(upload)
    return _reencode(upload, refuse=_not_a_photo)


def _reencode(upload, *, refuse) -> StoredImage:
    image = _open_image(upload, refuse=refuse)
    try:
        if image.format == "JPEG":
            # Let the JPEG decoder scale by 1/2, 1/4 or 1/8 while decoding: less memory.
            image.draft("RGB", DISPLAY_SIZE)
        with _strict_decoding():
            image.load()  # the one decode; a truncated file fails here
        if image.mode not in ("RGB", "RGBA", "L", "LA"):  # palette, CMYK, 16-bit…
            image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        # Shrink first, then rotate and flatten: a 40 MP RGBA image is 160 MB, and every
        # full-size copy costs as much again.
        image = _shrink(image)
        image.thumbnail(DISPLAY_SIZE, Image.Resampling.LANCZOS)
        with contextlib.suppress(Exception):  # a broken EXIF block costs the rotation only
            ImageOps.exif_transpose(image, in_place=True)  # orientation applied, then dropped
        display = _flatten(image)
        thumb = display.copy()
        thumb.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
        stem = _stem(upload, "photo")
        return StoredImage(
            display=ContentFile(_jpeg(display), name=f"{stem}.jpg"),
            thumbnail=ContentFile(_jpeg(thumb, quality=80), name=f"{stem}-thumb.jpg"),
            width=display.width,
            height=display.height,
        )
    except Exception as exc:  # noqa: BLE001 - a truncated or corrupt image, whatever the plugin
        raise refuse() from exc
    finally:
        upload.seek(0)


def has_metadata_or_oversize(data: bytes) -> bool:
    """Would ``_reencode`` change this stored image? Any format but JPEG, any metadata block
    (EXIF with its GPS position, XMP, ICC, comments) or more than the display size."""
    with Image.open(io.BytesIO(data)) as image:
        metadata = {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"}
        return (
            image.format != "JPEG"
            or bool(metadata & set(image.info))
            or bool(image.getexif())
            or max(image.size) > max(DISPLAY_SIZE)
        )


def reencode_stored(data: bytes, name: str) -> StoredImage:
    """The upload policy's re-encoding for a file stored before it existed."""
    return _reencode(ContentFile(data, name=name), refuse=_not_a_photo)


@contextlib.contextmanager
def _strict_decoding():
    """Refuse truncated images even though WeasyPrint, once imported (handbook, dashboard
    PDF), tells Pillow to accept them process-wide. Every image we store afterwards is a
    complete JPEG, so a PDF rendered meanwhile in another thread meets no truncated file."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _shrink(image: Image.Image) -> Image.Image:
    """Box-reduce a big image towards DISPLAY_SIZE in bands of rows.

    ``resize()`` and ``reduce()`` on a whole RGBA image first make a full-size premultiplied
    copy; a band at a time keeps the extra memory to a few megabytes."""
    factor = max(image.width // DISPLAY_SIZE[0], image.height // DISPLAY_SIZE[1])
    if factor < 2:
        return image
    rows = factor * 256  # a multiple of the factor, so bands join without a seam
    small = Image.new(image.mode, (-(-image.width // factor), -(-image.height // factor)))
    for top in range(0, image.height, rows):
        band = image.crop((0, top, image.width, min(top + rows, image.height)))
        small.paste(band.reduce(factor), (0, top // factor))
    small.info = dict(image.info)  # the EXIF orientation is applied after shrinking
    return small


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG; transparent parts become white, not black."""
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _jpeg(image: Image.Image, *, quality=JPEG_QUALITY) -> bytes:
    buffer = io.BytesIO()
    # No exif=, icc_profile= or comment, and no info either: Pillow writes a decoded JPEG's
    # comment (and may write other info) back by default. The stored file carries no metadata.
    image.info = {}
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


# --- Zip containers -----------------------------------------------------------------------
# DOCX, XLSX, PPTX and OpenDocument files are zips. A 1 MB file may inflate to gigabytes in
# the reader's Office program (or in openpyxl, for an import), so every zip-based upload is
# measured from the zip's directory before anything is decompressed. Python's zipfile never
# inflates a member past its declared size (it fails the CRC instead), so the declared sizes
# bound what the portal itself can be fed.
MAX_ZIP_UNCOMPRESSED = 64 * 1024 * 1024
MAX_ZIP_RATIO = 100  # real Office parts compress ~5-20×; a zip bomb 1000×
MAX_ZIP_MEMBERS = 1000  # a large PowerPoint has a few hundred parts
ZIP_SMALL_MEMBER = 1024 * 1024  # below this a high ratio (a run of blank cells) costs nothing
ZIP_MAGIC = b"PK\x03\x04"


def zip_is_a_bomb(source) -> bool:
    """Would this zip (a file object) inflate beyond the limits above? A file that is no
    readable zip is not a bomb: the caller's own checks refuse it."""
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        source.seek(0)
    if len(members) > MAX_ZIP_MEMBERS:
        return True
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > ZIP_SMALL_MEMBER and ratio > MAX_ZIP_RATIO:
            return True
    return sum(member.file_size for member in members) > MAX_ZIP_UNCOMPRESSED


def _zip_bomb():
    return ValidationError(
        _(
            "ไฟล์นี้เมื่อแตกออกมีขนาดใหญ่ผิดปกติ (เกิน %(mb)s MB หรือถูกบีบอัดมากผิดปกติ) "
            "ระบบจึงไม่รับไฟล์นี้ กรุณาเปิดไฟล์แล้วบันทึกเป็นไฟล์ใหม่ แล้วแนบอีกครั้ง"
        )
        % {"mb": MAX_ZIP_UNCOMPRESSED // (1024 * 1024)},
        code="zip_bomb",
    )


# --- Attachments --------------------------------------------------------------------------
def _zip_names(upload) -> set[str] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _odf_mimetype(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("mimetype")
            if info.file_size > 100:
                return None
            return archive.read(info).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _check_document(upload, extension: str) -> None:
    """A document (no image): any zip within the expansion limits, bytes matching the name."""
    if _head(upload).startswith(ZIP_MAGIC) and zip_is_a_bomb(upload):
        raise _zip_bomb()
    if not _content_matches(upload, extension):
        raise _not_an_attachment()


def _content_matches(upload, extension: str) -> bool:
    """Do the bytes say what the extension says? One answer per kind of document."""
    head = _head(upload)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension in (".doc", ".xls", ".ppt"):
        return head.startswith(OLE2_MAGIC)
    if extension in OOXML_MAIN_PART:
        names = _zip_names(upload) if head.startswith(ZIP_MAGIC) else None
        return bool(names) and {"[Content_Types].xml", OOXML_MAIN_PART[extension]} <= names
    if extension in (".odt", ".ods", ".odp"):
        if not head.startswith(ZIP_MAGIC):
            return False
        return _odf_mimetype(upload) == ATTACHMENT_CONTENT_TYPES[extension]
    return False


def process_attachment(upload) -> StoredAttachment:
    """Check an attachment; images are re-encoded like photos (EXIF and location dropped)."""
    _check_size(upload, MAX_ATTACHMENT_BYTES, _("ไฟล์ใหญ่เกิน %(mb)s MB"))
    extension = _extension(upload)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise _not_an_attachment()
    if extension in IMAGE_EXTENSIONS:
        image = _reencode(upload, refuse=_not_an_attachment)
        return StoredAttachment(file=image.display, content_type="image/jpeg")
    _check_document(upload, extension)
    upload.seek(0)
    stem = _stem(upload, "file")
    return StoredAttachment(
        file=ContentFile(upload.read(), name=f"{stem}{extension}"),
        content_type=ATTACHMENT_CONTENT_TYPES[extension],
    )


def check_attachment(upload) -> None:
    """Cheap checks for a form (size, extension, content); images are only measured."""
    _check_size(upload, MAX_ATTACHMENT_BYTES, _("ไฟล์ใหญ่เกิน %(mb)s MB"))
    extension = _extension(upload)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise _not_an_attachment()
    if extension in IMAGE_EXTENSIONS:
        _open_image(upload, refuse=_not_an_attachment)
    else:
        _check_document(upload, extension)
    upload.seek(0)
