"""Import of communities and activities from XLSX or CSV: read → validate → preview → apply.

The same functions serve the web pages and the ``import_communities`` command. Applying
is all-or-nothing (one transaction) unless the user chooses to import only the valid rows.
"""

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from communities.io import import_activities_plan, import_communities_plan, import_plan
from communities.io.import_plan import PlannedRow, RowStatus
from communities.io.reading import (  # noqa: F401 - the import's public names, read from here
    KINDS,
    MAX_CELL_CHARS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    ImportFileError,
    overlong_rows,
    read_table,
)

PLANNERS = {
    "communities": (
        import_communities_plan.plan_communities,
        import_communities_plan.apply_communities,
    ),
    "activities": (import_activities_plan.plan_activities, import_activities_plan.apply_activities),
}


RowReport = PlannedRow  # one row of the preview: status, problems, changes, notes


@dataclass
class ImportReport:
    kind: str
    rows: list
    unused_columns: list = field(default_factory=list)  # the file's headers not read

    @property
    def has_changes(self) -> bool:
        """Would confirming write anything? (No confirm button when it would not.)"""
        return any(row.status in (RowStatus.NEW, RowStatus.UPDATE) for row in self.rows)

    @property
    def near_names(self) -> list:
        """New rows named like an existing community: imported only once ticked."""
        return [row for row in self.rows if row.near is not None and row.status == RowStatus.NEW]

    @property
    def counts(self) -> dict:
        counts = dict.fromkeys(RowStatus.values, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.status == RowStatus.ERROR for row in self.rows)

    @property
    def valid_row_numbers(self) -> list[int]:
        return [row.number for row in self.rows if row.status != RowStatus.ERROR]

    PREVIEW_LIMIT = 1000

    @property
    def shown_rows(self) -> list:
        """What the preview lists: rows with something to see (unchanged rows without a note
        are counted, not listed), at most PREVIEW_LIMIT, problems and renames first."""
        rows = [r for r in self.rows if r.status != RowStatus.SKIP or r.notes]
        rows.sort(
            key=lambda r: (
                r.status != RowStatus.ERROR and not r.danger,
                not (r.rename or r.outlier or r.near),
                r.number,
            )
        )
        return rows[: self.PREVIEW_LIMIT]

    @property
    def hidden_count(self) -> int:
        return len(self.rows) - len(self.shown_rows)

    @property
    def renames(self) -> list:
        return [row for row in self.rows if row.rename and row.status != RowStatus.ERROR]

    @property
    def flagged(self) -> list:
        return [row for row in self.rows if row.danger]

    @property
    def outliers(self) -> list:
        """Rows to import only once ticked (participants far above the district's usual)."""
        saved = (RowStatus.NEW, RowStatus.UPDATE)
        return [row for row in self.rows if row.outlier and row.status in saved]

    @property
    def held(self) -> list:
        """Outliers left out of an import because they were not ticked."""
        return [row for row in self.rows if row.held]


def _check_columns(kind: str, mapped: list, *, default_district) -> None:
    _resource, columns, required = KINDS[kind]
    missing = [
        columns[key]
        for key in required
        if key not in mapped
        and not (
            key == "district"
            and (
                default_district is not None
                or {"district_name", "code", "community_code"} & set(mapped)
            )
        )
    ]
    if missing:
        raise ImportFileError(
            _("ไม่พบคอลัมน์ที่จำเป็น: %(columns)s (ดาวน์โหลดแม่แบบเพื่อดูหัวคอลัมน์)")
            % {"columns": ", ".join(missing)}
        )


# --- Abandoned uploads ----------------------------------------------------------------------
UPLOAD_MAX_AGE = dt.timedelta(days=1)


def upload_dir() -> Path:
    """Where an upload waits between the preview and the confirmation (never served)."""
    return Path(settings.MEDIA_ROOT) / "imports"


def purge_abandoned_uploads(*, max_age: dt.timedelta = UPLOAD_MAX_AGE, dry_run=False) -> int:
    """Delete waiting uploads older than ``max_age``: they hold names and phone numbers, and
    nobody confirms an import a day later. Returns how many files were (or, with
    ``dry_run``, would be) deleted; privacy's apply_retention runs it daily."""
    folder = upload_dir()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - max_age.total_seconds()
    deleted = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                if not dry_run:
                    path.unlink()
                deleted += 1
        except FileNotFoundError:  # another request purged it first
            continue
    return deleted


# --- Validating and applying --------------------------------------------------------------
def run_import(
    *,
    kind: str,
    data: bytes,
    filename: str,
    user,
    dry_run: bool,
    only_rows=None,
    apply_renames: bool = False,
    confirmed_outliers=(),
    confirmed_new=(),
    default_district=None,
) -> ImportReport:
    """Preview (``dry_run``) or apply an import. Applying is one transaction: with any error row
    nothing is written, unless ``only_rows`` restricts the import to the rows previewed valid.
    Renames are applied only with ``apply_renames``; outliers only when their row number is
    in ``confirmed_outliers`` and new rows named like an existing community only when in
    ``confirmed_new`` (the others are left out, ``report.held``);
    ``default_district`` fills a missing รหัสเขต. A preview writes nothing at all."""
    header, body = read_table(data, filename, kind)
    if only_rows is not None:
        wanted = set(only_rows)
        body = [(n, row) for n, row in body if n in wanted]
    mapped = import_plan.map_header(kind, header)
    _check_columns(kind, mapped, default_district=default_district)
    body = [(n, row) for n, row in body if not _names_only_the_district(mapped, row)]
    plan, apply = PLANNERS[kind]
    rows = plan(mapped, body, user=user, default_district=default_district, validate=dry_run)
    overlong = overlong_rows(body)
    for row in rows:
        if row.number in overlong:  # a row error, never a crash or a silently cut text
            row.status = RowStatus.ERROR
            row.problems = [(_("ทั้งแถว"), overlong[row.number])]
    report = ImportReport(
        kind=kind, rows=rows, unused_columns=import_plan.unused_columns(header, mapped)
    )
    _hold_unconfirmed_near_names(report, set(confirmed_new), dry_run=dry_run)
    confirmed_outliers = set(confirmed_outliers)
    for row in report.outliers:
        if row.number in confirmed_outliers:
            row.fields["confirm_outlier"] = True  # the services record it for the office
        elif not dry_run:
            row.status, row.held = RowStatus.SKIP, True
            row.notes.append(_("ไม่ได้นำเข้า เพราะไม่ได้ติ๊กยืนยันว่าจำนวนผู้เข้าร่วมถูกต้อง"))
    if dry_run or report.has_errors:
        return report
    with transaction.atomic():
        apply(rows, user=user, apply_renames=apply_renames)
        if report.has_errors:  # the database changed since planning: write nothing
            transaction.set_rollback(True)
    return report


DISTRICT_KEYS = {"district", "district_name"}


def _names_only_the_district(mapped, row) -> bool:
    """A template row with only its district filled in (the template fills the user's
    district in advance): an empty row, not a row with errors."""
    filled = {key for key, cell in zip(mapped, row, strict=False) if not import_plan.blank(cell)}
    return bool(filled) and filled <= DISTRICT_KEYS


def _hold_unconfirmed_near_names(report, confirmed: set, *, dry_run: bool) -> None:
    """A new row named like an existing community is left out unless ticked as really new."""
    for row in report.near_names:
        if row.number in confirmed or dry_run:
            continue
        row.status, row.held = RowStatus.SKIP, True
        row.notes.append(_("ไม่ได้นำเข้า เพราะชื่อใกล้กับชุมชนที่มีอยู่แล้ว และไม่ได้ติ๊กยืนยันว่าเป็นชุมชนใหม่"))
