import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role, User
from communities import importing
from districts.models import District


class Command(BaseCommand):
    help = (
        "Import communities (or --kind activities) from an XLSX or CSV file into one district, "
        "with the same validation and row report as the web page. Applies nothing when any row "
        "is invalid (exit status 1); --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--district", required=True, help="district code, e.g. 1025")
        parser.add_argument("--kind", choices=sorted(importing.KINDS), default="communities")
        parser.add_argument("--dry-run", action="store_true", help="validate and report only")

    def handle(self, *args, file, district, kind, dry_run, **options):
        try:
            district_obj = District.objects.get(code=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"ไม่พบเขตรหัส {district} / unknown district {district}") from exc
        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file} / file not found")
        # Import as the district's own (inactive, password-less) import account, so rows naming
        # another district are errors and the history says who made the change.
        user, created = User.objects.get_or_create(
            username=f"import-{district}",
            defaults={"role": Role.DISTRICT_STAFF, "district": district_obj, "is_active": False},
        )
        if created:
            user.set_unusable_password()
            user.save()
        try:
            report = importing.run_import(
                kind=kind, data=file.read_bytes(), filename=file.name, user=user, dry_run=True
            )
            for row in report.rows:
                line = f"แถว {row.number}: {row.status} {row.label}"
                for column, message in row.problems:
                    line += f"\n    - {column}: {message}"
                self.stdout.write(line)
            counts = report.counts
            summary = (
                f"new {counts['new']}, update {counts['update']}, unchanged {counts['skip']}, "
                f"errors {counts['error']}"
            )
            if report.has_errors:
                self.stderr.write(f"ไม่นำเข้า: มีแถวผิดพลาด / nothing imported: {summary}")
                sys.exit(1)
            if not dry_run:
                importing.run_import(
                    kind=kind, data=file.read_bytes(), filename=file.name, user=user, dry_run=False
                )
        except importing.ImportFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(("dry run: " if dry_run else "imported: ") + summary))
