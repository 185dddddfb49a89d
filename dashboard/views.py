import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.roles import sees_all_districts
from bangphlat import exports, querystring
from bangphlat.forms import ThaiFormMixin
from bangphlat.kept import kept_html
from bangphlat.templatetags.thai import fiscal_year as fiscal_year_label
from dashboard import figures, printing, selectors, services
from dashboard.access import can_set_targets, can_view_all_district_dashboard
from dashboard.forms import DashboardFilter
from dashboard.models import DistrictTarget
from districts.models import District
from mentoring.access import mentored_district_ids
from mentoring.models import Pairing


def _all_districts_data(request):
    if not can_view_all_district_dashboard(request.user):
        raise PermissionDenied
    filters = DashboardFilter(request.GET or None).values()
    return filters, selectors.dashboard_data(**filters)


@login_required
def dashboard(request):
    filters, data = _all_districts_data(request)
    sort = request.GET.get("sort", "code")
    rows = sorted(data["rows"], key=lambda r: _sort_key(r, sort), reverse=sort.startswith("-"))
    # The content is the same for every reader allowed here: a function of the figures (their
    # key holds the data tokens, the day and the language) and of the query string (filters,
    # sort, the sort links). Kept as HTML, it spares the charts, the map and 50 rows of
    # template on every request between two changes of the data.
    query = request.GET.urlencode()
    body = kept_html(
        "dashboard-page",
        hashlib.sha1(f"{data['cache_key']}|{query}".encode(), usedforsecurity=False).hexdigest(),
        "dashboard/_body.html",
        lambda: {
            "data": data,
            "rows": rows,
            "filters": filters,
            "sort": sort,
            "fiscal_years": selectors.fiscal_year_choices(),
            "zone_groups": selectors.zone_groups(),
            "tile_map": figures.tile_map(data["rows"]),
            "stage_lists": figures.stage_lists(data["rows"]),
            "legend": figures.stage_legend(data["stage_counts"]),
            "charts": figures.dashboard_charts(data),
            "query": query,
            "columns": _columns(sort),
        },
        request,
    )
    return render(request, "dashboard/dashboard.html", {"body": body, "data": data, "rows": rows})


COLUMNS = [
    ("code", gettext_lazy("รหัส")),
    ("name", gettext_lazy("เขต")),
    ("stage", gettext_lazy("ขั้น")),
    ("mentor", pgettext_lazy("person", "พี่เลี้ยง")),
    ("engaged", gettext_lazy("ชุมชนที่เข้าร่วม")),
    ("activities", gettext_lazy("กิจกรรม")),
    ("participants", gettext_lazy("ผู้เข้าร่วม")),
    ("lessons_approved", gettext_lazy("บทเรียนที่อนุมัติ")),
    ("progress", gettext_lazy("เทียบเป้าหมาย")),
]


def _columns(sort):
    """Header links: a click sorts by the column, a second click reverses it."""
    result = []
    for field, label in COLUMNS:
        arrow = "▲" if sort == field else "▼" if sort == f"-{field}" else ""
        result.append((field, label, f"-{field}" if sort == field else field, arrow))
    return result


SORT_FIELDS = {
    "code",
    "name",
    "stage",
    "mentor",
    "engaged",
    "activities",
    "participants",
    "lessons_approved",
    "progress",
}


def _sort_key(row, sort):
    field = sort.lstrip("-")
    field = field if field in SORT_FIELDS else "code"
    value = row.get(field)
    return (value is None, value if value is not None else 0)


@login_required
def export_xlsx(request):
    filters, data = _all_districts_data(request)
    headers = [
        "รหัส",
        "เขต",
        "กลุ่มเขต",
        "ขั้นการขยายผล",
        "พี่เลี้ยง",
        "ชุมชนที่เข้าร่วม",
        "ชุมชนทั้งหมด",
        "กิจกรรม",
        "ผู้เข้าร่วม",
        "บทเรียนที่อนุมัติ",
        "ความก้าวหน้าเทียบเป้าหมาย (%)",
    ]
    rows = (
        [
            r["code"],
            r["name"],
            r["zone_group"],
            r["stage_label"],
            r["mentor"],
            r["engaged"],
            r["registered"],
            r["activities"],
            r["participants"],
            r["lessons_approved"],
            r["progress"] if r["progress"] is not None else "",
        ]
        for r in data["rows"]
    )
    return exports.ListExporter(
        headers=headers,
        rows=rows,
        filename=f"dashboard-{data['fiscal_year']}",
        sheet_title=f"FY{data['fiscal_year']}",
        stamp=False,
    ).response("xlsx")


@login_required
def print_pdf(request):
    filters, data = _all_districts_data(request)
    pdf = printing.dashboard_pdf(data, filters=filters, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dashboard-{data["fiscal_year"]}.pdf"'
    return response


# A district's yearly target is a count of communities, activities or lessons: far below this.
MAX_TARGET = 1_000_000
TARGET_FIELDS = {
    "engaged": "communities_engaged",
    "activities": "activities",
    "lessons": "lessons_approved",
}


class TargetForm(ThaiFormMixin, forms.Form):
    engaged = forms.IntegerField(min_value=0, max_value=MAX_TARGET, required=False)
    activities = forms.IntegerField(min_value=0, max_value=MAX_TARGET, required=False)
    lessons = forms.IntegerField(min_value=0, max_value=MAX_TARGET, required=False)


@login_required
def targets(request):
    if not can_set_targets(request.user):
        raise PermissionDenied
    choices = [selectors.current_fiscal_year() + 1, *selectors.fiscal_year_choices()]
    raw = (request.POST if request.method == "POST" else request.GET).get("fy", "")
    asked = querystring.positive_int(raw)
    fy = asked if asked in choices else selectors.current_fiscal_year()
    if raw and asked != fy:
        messages.warning(request, _("ไม่มีปีงบประมาณ %(fy)s ให้เลือก จึงแสดงปีปัจจุบัน") % {"fy": raw[:8]})
        if request.method == "POST":
            return redirect(f"{request.path}?fy={fy}")
    districts = list(District.objects.order_by("code"))
    existing = {t.district_id: t for t in DistrictTarget.objects.filter(fiscal_year=fy)}
    forms_by_district = {}
    if request.method == "POST":
        forms_by_district = {
            district: TargetForm(
                {k: request.POST.get(f"{k}-{district.code}") for k in TARGET_FIELDS}
            )
            for district in districts
        }
        invalid = [d.name_th for d, form in forms_by_district.items() if not form.is_valid()]
        if not invalid:
            services.targets_save(
                fiscal_year=fy,
                by=request.user,
                targets={
                    district: {TARGET_FIELDS[k]: form.cleaned_data[k] or 0 for k in TARGET_FIELDS}
                    for district, form in forms_by_district.items()
                },
            )
            messages.success(
                request, _("บันทึกเป้าหมายปีงบประมาณ %(fy)s แล้ว") % {"fy": fiscal_year_label(fy)}
            )
            return redirect(f"{request.path}?fy={fy}")
        # Nothing is saved: the user corrects the marked cells and saves the whole table again.
        messages.error(
            request,
            _(
                "ยังไม่ได้บันทึก: เป้าหมายต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง %(max)s "
                "แก้ไขช่องที่ทำเครื่องหมายไว้ของ %(names)s แล้วกดบันทึกอีกครั้ง"
            )
            % {"max": f"{MAX_TARGET:,}", "names": ", ".join(invalid)},
        )
    rows = [_target_row(d, existing.get(d.pk), forms_by_district.get(d)) for d in districts]
    return render(
        request,
        "dashboard/targets.html",
        {
            "rows": rows,
            "fy": fy,
            "fiscal_years": choices,
        },
    )


def _target_row(district, target, form):
    """One table row: what the user typed (after a refused save) or what is saved."""
    cells = []
    for key, field in TARGET_FIELDS.items():
        if form is not None:
            cells.append((key, form.data.get(key) or "", key in form.errors))
        else:
            cells.append((key, getattr(target, field, "") or "", False))
    return {"district": district, "cells": cells}


@login_required
def mentor_view(request):
    """A mentor's mentees side by side (staff of a pilot district), or any pilot's for the
    strategy office (?mentor=CODE)."""
    user = request.user
    if sees_all_districts(user):
        pilots = District.objects.pilots().order_by("code")
        asked = request.GET.get("mentor")
        if not asked:
            mentor = pilots.first()
        else:
            code = querystring.code(asked)
            mentor = pilots.filter(code=code).first() if code else None
        if mentor is None:
            raise Http404(_("ไม่พบเขตพี่เลี้ยงนี้"))
        mentee_ids = set(
            Pairing.objects.active().filter(mentor=mentor).values_list("mentee_id", flat=True)
        )
    else:
        mentor = (
            user.district
            if user.is_district_staff and user.district and user.district.is_pilot
            else None
        )
        mentee_ids = mentored_district_ids(user) if mentor else None
    if mentor is None:
        raise PermissionDenied
    filters = DashboardFilter(request.GET or None).values()
    data = selectors.dashboard_data(
        fiscal_year=filters["fiscal_year"], district_ids=mentee_ids or set()
    )
    return render(
        request,
        "dashboard/mentor.html",
        {
            "mentor": mentor,
            "data": data,
            "filters": filters,
            "fiscal_years": selectors.fiscal_year_choices(),
            "pilots": District.objects.pilots().order_by("code")
            if sees_all_districts(user)
            else [],
        },
    )
