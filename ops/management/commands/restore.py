from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.databases import OpsError
from ops.services import backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and an empty media "
        "folder (--force replaces what is there), then check row counts and file checksums "
        "against its manifest. Exits non-zero if anything differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="the backup folder")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database and media folder that are not empty (deletes them)",
        )

    def handle(self, *args, source, force, **options):
        try:
            report = backup_restore(source=source, force=force)
        except OpsError as error:
            raise CommandError(str(error)) from error
        except OSError as error:  # a full disk, a missing permission
            raise CommandError(_("กู้คืนไม่สำเร็จ: %(error)s") % {"error": error}) from error
        manifest = report.manifest
        self.stdout.write(
            _("ชุดสำรองเมื่อ %(created)s (โปรแกรมรุ่น %(app)s)")
            % {"created": manifest["created_at"], "app": manifest["versions"].get("app") or "-"}
        )
        self.stdout.write(
            _("ฐานข้อมูล: %(tables)d ตาราง %(rows)d แถว; ไฟล์แนบ: %(files)d ไฟล์")
            % {
                "tables": len(report.tables),
                "rows": sum(report.tables.values()),
                "files": report.media_files,
            }
        )
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("กู้คืนแล้วแต่ข้อมูลไม่ตรงกับชุดสำรอง %(count)d รายการ (ดูรายการด้านบน)")
                % {"count": len(report.problems)}
            )
        if report.migrations_pending:
            self.stdout.write(
                self.style.WARNING(_("ชุดสำรองมาจากโปรแกรมรุ่นก่อน: รัน manage.py migrate ก่อนเปิดระบบ"))
            )
        self.stdout.write(self.style.SUCCESS(_("กู้คืนเสร็จ: จำนวนแถวและ checksum ตรงกับชุดสำรองทั้งหมด")))
