"""Import and export pages: upload → preview → confirm; exports of the filtered list."""

import secrets
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_admin
from bangphlat import export_jobs
from bangphlat.submissions import not_done, submit_once
from communities import selectors
from communities.forms import CommunityFilterForm, ImportUploadForm
from communities.io import exporting, importing
from communities.views import _filter_districts


def _filters(request):
    form = CommunityFilterForm(request.GET or None, districts=_filter_districts(request.user))
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    if not filters.get("district") and request.user.is_district_staff and request.user.district_id:
        # A mentor district also reads its mentees: its export is its own district unless it
        # picks another, so the file imports back without "only your district" errors.
        filters["district"] = request.user.district.code
    return filters


@login_required
def export_communities(request, fmt):
    return exporting.export_communities(user=request.user, filters=_filters(request), fmt=fmt)


@login_required
def export_activities(request, fmt):
    query = request.GET.urlencode()
    rows = selectors.activities_for_export(user=request.user, query=query).count()
    if rows > export_jobs.background_rows():  # too many for a web request: the worker builds it
        job = export_jobs.export_job_start(
            by=request.user, kind="activities", fmt=fmt, query=query, total=rows
        )
        return redirect(job)
    community_ids = selectors.community_list(user=request.user, filters=_filters(request)).values(
        "pk"
    )
    return exporting.export_activities(
        user=request.user, community_ids=community_ids, fmt=fmt, filters=_filters(request)
    )


@login_required
def import_template(request):
    return exporting.import_template(user=request.user)


def _may_import(user) -> bool:
    return is_admin(user) or (user.is_district_staff and user.district_id is not None)


def _own_district(user):
    """District staff's own district fills a file's missing รหัสเขต (as the template does)."""
    return user.district if user.is_district_staff and user.district_id else None


def _upload_dir() -> Path:
    path = importing.upload_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
def import_upload(request):
    if not _may_import(request.user):
        raise PermissionDenied
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": request.GET.get("kind") or "communities"},
    )
    if request.method == "POST":
        importing.purge_abandoned_uploads()  # the purge_imports command does it too
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importing.MAX_IMPORT_BYTES:
            form.add_error("file", _("ไฟล์ใหญ่เกิน 5 MB กรุณาแบ่งไฟล์แล้วนำเข้าทีละส่วน"))
        else:
            data = upload.read()
            try:
                importing.read_table(data, upload.name, form.cleaned_data["kind"])
            except importing.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                # Keep the file server-side for the preview and the confirmation.
                token = secrets.token_urlsafe(16)
                (_upload_dir() / token).write_bytes(data)
                request.session[f"import:{token}"] = {
                    "kind": form.cleaned_data["kind"],
                    "filename": upload.name,
                }
                return redirect("communities:import_preview", token=token)
    return render(request, "communities/import_upload.html", {"form": form})


def _pending(request, token):
    """The uploaded file this user is importing; the token is checked before it names a path."""
    meta = request.session.get(f"import:{token}")
    if not meta or not token.replace("-", "").replace("_", "").isalnum():
        return None, None
    path = _upload_dir() / token
    if not path.is_file():
        return None, None
    return meta, path.read_bytes()


@login_required
def import_preview(request, token):
    if not _may_import(request.user):
        raise PermissionDenied
    meta, data = _pending(request, token)
    if meta is None:
        messages.error(request, _("ไม่พบไฟล์ที่อัปโหลด กรุณาอัปโหลดใหม่"))
        return redirect("communities:import")
    try:
        report = importing.run_import(
            kind=meta["kind"],
            data=data,
            filename=meta["filename"],
            user=request.user,
            dry_run=True,
            default_district=_own_district(request.user),
        )
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("communities:import")
    return render(
        request,
        "communities/import_preview.html",
        {"report": report, "token": token, "meta": meta},
    )


def _import_key(request, token):
    return f"import:{token}"  # a file is applied once, however many tabs confirm it


@login_required
@require_POST
@submit_once(key=_import_key)
def import_confirm(request, token):
    if not _may_import(request.user):
        raise PermissionDenied
    meta, data = _pending(request, token)
    if meta is None:
        messages.error(request, _("ไม่พบไฟล์ที่อัปโหลด กรุณาอัปโหลดใหม่"))
        return not_done(redirect("communities:import"))
    only_valid = request.POST.get("mode") == "valid_only"
    run = {
        "kind": meta["kind"],
        "data": data,
        "filename": meta["filename"],
        "user": request.user,
        "apply_renames": request.POST.get("apply_renames") == "on",
        "confirmed_outliers": _row_numbers(request.POST.getlist("confirm_outlier")),
        "confirmed_new": _row_numbers(request.POST.getlist("confirm_new")),
        "default_district": _own_district(request.user),
    }
    try:
        # Applying rolls everything back by itself when any row is invalid, so a whole-file
        # import needs one pass; "valid rows only" first asks which rows those are.
        only_rows = None
        if only_valid:
            only_rows = importing.run_import(**run, dry_run=True).valid_row_numbers
        report = importing.run_import(**run, dry_run=False, only_rows=only_rows)
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return not_done(redirect("communities:import"))
    if report.has_errors:
        if only_valid:  # the data changed between the preview and the confirmation
            message = _("ข้อมูลเปลี่ยนไประหว่างตรวจสอบ ยังไม่นำเข้าข้อมูลใด ๆ กรุณาตรวจสอบอีกครั้ง")
        else:
            message = _("ไฟล์มีแถวที่ผิดพลาด จึงยังไม่นำเข้าข้อมูลใด ๆ แก้ไขไฟล์ หรือเลือกนำเข้าเฉพาะแถวที่ถูกต้อง")
        messages.error(request, message)
        return not_done(redirect("communities:import_preview", token=token))
    (_upload_dir() / token).unlink(missing_ok=True)
    request.session.pop(f"import:{token}", None)
    counts = report.counts
    messages.success(
        request,
        _("นำเข้าเรียบร้อย: เพิ่มใหม่ %(new)s แถว ปรับปรุง %(update)s แถว ไม่เปลี่ยนแปลง %(skip)s แถว")
        % counts,
    )
    if report.renames and not run["apply_renames"]:
        messages.warning(
            request,
            _("ไม่ได้เปลี่ยนชื่อชุมชน %(count)s แห่ง เพราะไม่ได้เลือกยืนยันการเปลี่ยนชื่อ")
            % {"count": len(report.renames)},
        )
    held_outliers = [row for row in report.held if row.outlier]
    if held_outliers:
        messages.warning(
            request,
            _("ไม่ได้นำเข้า %(count)s แถวที่จำนวนผู้เข้าร่วมสูงผิดปกติ เพราะไม่ได้ติ๊กยืนยันว่าถูกต้อง")
            % {"count": len(held_outliers)},
        )
    held_near = [row for row in report.held if row.near is not None]
    if held_near:
        messages.warning(
            request,
            _(
                "ไม่ได้นำเข้า %(count)s แถวที่ชื่อใกล้กับชุมชนที่มีอยู่แล้ว: "
                "ใส่รหัสชุมชนเพื่อปรับปรุงชุมชนเดิม หรือติ๊ก “เป็นชุมชนใหม่”"
            )
            % {"count": len(held_near)},
        )
    return redirect("communities:list")


def _row_numbers(values) -> set[int]:
    """The ticked rows of the preview; anything that is not a row number is ignored."""
    return {int(value) for value in values if value.isascii() and value.isdigit()}
