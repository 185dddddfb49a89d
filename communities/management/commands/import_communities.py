import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role, User
from communities.io import importing
from districts.models import District


class Command(BaseCommand):
    help = (
        "Import communities (or --kind activities) from an XLSX or CSV file into one district, "
        "with the same matching, validation and row report as the web page. Rows without "
        "รหัสเขต belong to --district. Applies nothing when any row is invalid (exit status 1) "
        "unless --valid-only; renames are applied only with --apply-renames, activities "
        "warned as outliers only with --confirm-outliers; --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--district", required=True, help="district code, e.g. 1025; fills a missing รหัสเขต"
        )
        parser.add_argument("--kind", choices=sorted(importing.KINDS), default="communities")
        parser.add_argument("--dry-run", action="store_true", help="validate and report only")
        parser.add_argument(
            "--valid-only", action="store_true", help="import the valid rows, report the others"
        )
        parser.add_argument(
            "--apply-renames",
            action="store_true",
            help="apply the renames the report lists (rows matched by รหัสชุมชน)",
        )
        parser.add_argument(
            "--confirm-new-names",
            action="store_true",
            help="import new communities whose names are close to an existing one of the "
            "district (the report asks 'did you mean …?'); without it they are left out",
        )
        parser.add_argument(
            "--confirm-outliers",
            action="store_true",
            help="import the activities the report warns about (participants more than three "
            "times the district's usual for the type); without it they are left out",
        )

    def handle(
        self,
        *args,
        file,
        district,
        kind,
        dry_run,
        valid_only,
        apply_renames,
        confirm_outliers,
        confirm_new_names=False,
        **options,
    ):
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
        run = {
            "kind": kind,
            "data": file.read_bytes(),
            "filename": file.name,
            "user": user,
            "default_district": district_obj,
        }
        try:
            report = importing.run_import(**run, dry_run=True)
            self._print_rows(report)
            summary = self._summary(report)
            if report.has_errors and not valid_only:
                self.stderr.write(f"ไม่นำเข้า: มีแถวผิดพลาด / nothing imported: {summary}")
                sys.exit(1)
            if not dry_run:
                applied = importing.run_import(
                    **run,
                    dry_run=False,
                    only_rows=report.valid_row_numbers if valid_only else None,
                    apply_renames=apply_renames,
                    confirmed_outliers=[row.number for row in report.outliers]
                    if confirm_outliers
                    else (),
                    confirmed_new=[row.number for row in report.near_names]
                    if confirm_new_names
                    else (),
                )
                if applied.has_errors:
                    self._print_rows(applied)
                    self.stderr.write("ไม่นำเข้า: ข้อมูลเปลี่ยนระหว่างนำเข้า / nothing imported")
                    sys.exit(1)
        except importing.ImportFileError as error:
            raise CommandError(str(error)) from error
        if report.renames and not apply_renames:
            self.stdout.write(f"renames not applied (use --apply-renames): {len(report.renames)}")
        if report.unused_columns:
            self.stdout.write(f"columns not imported: {', '.join(report.unused_columns)}")
        if report.near_names and not confirm_new_names:
            self.stdout.write(
                "new names close to existing communities not imported "
                f"(add รหัสชุมชน, or use --confirm-new-names): {len(report.near_names)}"
            )
        if report.outliers and not confirm_outliers:
            self.stdout.write(
                f"outliers not imported (use --confirm-outliers): {len(report.outliers)}"
            )
        self.stdout.write(self.style.SUCCESS(("dry run: " if dry_run else "imported: ") + summary))

    def _print_rows(self, report):
        for row in report.rows:
            line = f"แถว {row.number}: {row.status} {row.label}"
            for column, value in row.written:
                line += f"\n    + {column}: {value}"
            for column, before, after in row.changes:
                line += f"\n    ~ {column}: {before} → {after}"
            for column, message in row.problems:
                line += f"\n    - {column}: {message}"
            for note in [*row.notes, *filter(None, [row.near_message, row.outlier_message])]:
                line += f"\n    ! {note}"
            self.stdout.write(line)

    def _summary(self, report):
        counts = report.counts
        return (
            f"new {counts['new']}, update {counts['update']}, unchanged {counts['skip']}, "
            f"errors {counts['error']}"
        )
