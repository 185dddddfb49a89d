"""Photos stored before the upload policy (bangphlat.uploads) re-encoded every image still
carry the phone's EXIF, GPS position included. This re-encodes them in place, as an upload is
today: upright JPEG, no metadata, at most the display size, with a fresh thumbnail. Run once
after upgrading; running it again changes nothing."""

from pathlib import PurePosixPath

from django.core.management.base import BaseCommand

from bangphlat import uploads
from communities.models import ActivityPhoto
from lessons.models import LessonAttachment, LessonPhoto

# (model, image field, thumbnail field or None)
TARGETS = [
    (ActivityPhoto, "image", "thumbnail"),
    (LessonPhoto, "image", "thumbnail"),
    (LessonAttachment, "file", None),
]


def _replace(field_file, content, name: str | None = None) -> str:
    """Store ``content`` under the file's own name when it is already a .jpg (paths kept in
    handbook snapshots stay valid); otherwise under a .jpg name. Returns the stored name."""
    storage = field_file.storage
    old = field_file.name
    path = PurePosixPath(name or old)
    target = (
        str(path) if path.suffix.lower() in (".jpg", ".jpeg") else str(path.with_suffix(".jpg"))
    )
    # Written beside the old file first: a crash in between never loses the photo.
    temporary = storage.save(f"{target}.scrubbing", content)
    if old and storage.exists(old):
        storage.delete(old)
    with storage.open(temporary) as stored:
        final = storage.save(target, stored)
    storage.delete(temporary)
    return final


class Command(BaseCommand):
    help = "ลบ EXIF/ตำแหน่ง GPS ออกจากรูปที่เก็บไว้ก่อนมีการเข้ารหัสรูปใหม่ (เรียกซ้ำได้)"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="นับอย่างเดียว ไม่แก้ไฟล์")

    def handle(self, *args, dry_run=False, **options):
        total = 0
        for model, image_field, thumb_field in TARGETS:
            done = 0
            for row in model.objects.order_by("pk").iterator():
                stored = getattr(row, image_field)
                if not stored.name or PurePosixPath(stored.name).suffix.lower() not in (
                    uploads.IMAGE_EXTENSIONS
                ):
                    continue
                try:
                    with stored.storage.open(stored.name) as handle:
                        data = handle.read()
                    if not uploads.has_metadata_or_oversize(data):
                        continue
                    image = uploads.reencode_stored(data, PurePosixPath(stored.name).name)
                except Exception as exc:  # noqa: BLE001 - a missing or unreadable file is reported, not fatal
                    self.stderr.write(f"{model.__name__} {row.pk}: {stored.name}: {exc}")
                    continue
                done += 1
                if dry_run:
                    continue
                changes = {image_field: _replace(stored, image.display)}
                if thumb_field:
                    thumb = getattr(row, thumb_field)
                    name = thumb.name or str(
                        PurePosixPath(stored.name).with_name(image.thumbnail.name)
                    )
                    changes[thumb_field] = _replace(thumb, image.thumbnail, name)
                model.objects.filter(pk=row.pk).update(**changes)
            total += done
            self.stdout.write(f"{model._meta.label}: {done}")
        verb = "would be re-encoded" if dry_run else "re-encoded"
        self.stdout.write(f"{total} file(s) {verb}")
