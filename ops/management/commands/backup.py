from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.databases import OpsError
from ops.services import backup_create


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class Command(BaseCommand):
    help = (
        "Back up the portal into a new folder: a consistent database dump (pg_dump custom "
        "format on PostgreSQL, the online backup API on SQLite), a copy of the media folder and "
        "manifest.json (row counts per table, sha256 of every file, versions). "
        "Restore with `manage.py restore DIR`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, type=Path, help="a new (or empty) folder for this backup"
        )

    def handle(self, *args, out, **options):
        try:
            manifest = backup_create(out=out)
        except OpsError as error:
            raise CommandError(str(error)) from error
        except OSError as error:  # a full disk, a missing permission
            raise CommandError(
                _("สำรองข้อมูลไม่สำเร็จ (ชุดสำรองที่ไม่มี manifest.json ใช้กู้คืนไม่ได้): %(error)s")
                % {"error": error}
            ) from error
        database, media = manifest["database"], manifest["media"]
        self.stdout.write(
            _("ฐานข้อมูล (%(vendor)s): %(tables)d ตาราง %(rows)d แถว, ไฟล์ %(size)s")
            % {
                "vendor": database["vendor"],
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "size": megabytes(database["bytes"]),
            }
        )
        if media is None:
            self.stdout.write(_("ไฟล์แนบอยู่ในที่เก็บภายนอก (object storage): ไม่ได้รวมในชุดสำรองนี้"))
        else:
            self.stdout.write(
                _("ไฟล์แนบ: %(count)d ไฟล์ %(size)s")
                % {
                    "count": len(media),
                    "size": megabytes(sum(item["bytes"] for item in media.values())),
                }
            )
        self.stdout.write(self.style.SUCCESS(_("สำรองข้อมูลไว้ที่ %(path)s แล้ว") % {"path": out}))
