from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_admin
from bangphlat import querystring, versions
from bangphlat.forms import add_service_errors, refuse_stale_edit
from bangphlat.history import change_history
from bangphlat.paging import CappedPaginator
from bangphlat.submissions import submit_once
from communities import selectors, services
from communities.access import can_change_community, can_view_chair_contact, can_view_community
from communities.forms import (
    ActivityForm,
    CommunityFilterForm,
    CommunityForm,
    SnapshotForm,
    StepChangeForm,
    parse_reporting_month,
)
from communities.models import Activity, Community
from districts.models import District
from mentoring.access import readable_district_ids, reads_one_district
from mentoring.kept_lists import kept_list

PAGE_SIZE = 25
# The activity list counts this many rows at most (a whole month of the city's activities).
ACTIVITY_COUNT_CAP = 10_000
LIST_COLUMNS = (
    "date",
    "title",
    "participants_total",
    "community__name",
    "district__name_th",
    "activity_type__name_th",
    "activity_type__name_en",
    "created_by__username",
    "created_by__first_name",
    "created_by__last_name",
)


# --- Access helpers (one per object type) ------------------------------------------------
def _get_community(request, pk, *, write=False) -> Community:
    """404 for what the user may not read (no leak of existence), 403 for read-only."""
    community = get_object_or_404(Community.objects.select_related("district"), pk=pk)
    if not can_view_community(request.user, community):
        raise Http404
    if write and not can_change_community(request.user, community):
        raise PermissionDenied
    return community


def _get_activity(request, pk, *, write=False) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("community__district", "activity_type"), pk=pk
    )
    if activity.is_deleted or not can_view_community(request.user, activity.community):
        raise Http404
    if write and not can_change_community(request.user, activity.community):
        raise PermissionDenied
    return activity


def _writable_communities(user):
    qs = Community.objects.alive().select_related("district")
    if is_admin(user):
        return qs.order_by("district__code", "number")
    if not user.is_district_staff or not user.district_id:
        return qs.none()
    return qs.filter(district_id=user.district_id).thai_order()


def _filter_districts(user):
    ids = readable_district_ids(user)
    qs = District.objects.thai_order()
    return qs if ids is None else qs.filter(pk__in=ids)


# --- Communities -------------------------------------------------------------------------
@login_required
def community_list(request):
    def context():
        filter_form = CommunityFilterForm(
            request.GET or None, districts=_filter_districts(request.user)
        )
        filters = filter_form.cleaned_data if filter_form.is_valid() else {}
        queryset = selectors.community_list(user=request.user, filters=filters)
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        own_district = request.user.district if request.user.is_district_staff else None
        return {
            "filter_form": filter_form,
            "page_obj": page,
            "communities": page.object_list,
            "can_add": own_district is not None or is_admin(request.user),
            "export_query": request.GET.urlencode(),
            "show_district": not reads_one_district(request.user),
        }

    body = kept_list(request, "communities", "communities/_community_list_body.html", context)
    return render(request, "communities/community_list.html", {"body": body})


@login_required
def community_detail(request, pk):
    community = _get_community(request, pk)
    activities = selectors.community_activities(community=community, limit=30)
    return render(
        request,
        "communities/community_detail.html",
        {
            "community": community,
            "can_change": can_change_community(request.user, community),
            "can_view_chair": can_view_chair_contact(request.user, community),
            "snapshots": community.snapshots.all()[:5],
            "activities": activities,
            "step_changes": community.step_changes.select_related("changed_by")[:20],
            "history": change_history(obj=community),
            "step_form": StepChangeForm(initial={"step": community.model_step}),
        },
    )


@login_required
@submit_once
def community_create(request):
    if not (request.user.is_district_staff or is_admin(request.user)):
        raise PermissionDenied
    form = CommunityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            community = services.community_create(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกชุมชน %(name)s แล้ว") % {"name": community.name})
            return redirect(community)
    if request.user.district_id and not is_admin(request.user):
        form.suggest_number(selectors.next_community_number(district=request.user.district))
    return render(request, "communities/community_form.html", {"form": form})


@login_required
def community_edit(request, pk):
    community = _get_community(request, pk, write=True)
    form = CommunityForm(request.POST or None, instance=community, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            community = services.community_update(
                community=community, by=request.user, version=form.cleaned_data["version"], **data
            )
        except services.StaleEdit as stale:
            conflict = _refuse_stale_edit(
                form,
                stale.current,
                _(
                    "มีผู้อื่นแก้ไขข้อมูลนี้ไปก่อนแล้ว ระบบยังไม่บันทึกการแก้ไขของคุณ "
                    "ข้อความที่คุณกรอกยังอยู่ในฟอร์ม ตรวจดูค่าที่เปลี่ยนไปด้านล่าง แล้วกดบันทึกอีกครั้ง"
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect(community)
    return render(
        request,
        "communities/community_form.html",
        {"form": form, "community": community, "conflict": conflict},
    )


def _refuse_stale_edit(form, current, message):
    """Keep the user's text in the form, say why it was not saved, and arm the form with the
    saved version so a deliberate second save goes through. Returns the differing fields."""
    conflict = _conflict_fields(form, current)
    refuse_stale_edit(form, current, message)
    return conflict


def _conflict_fields(form, current):
    """Where the saved record now differs from what this user typed: label, saved, mine."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(current, name):
            continue
        saved = getattr(current, name)
        mine = form.cleaned_data.get(name)
        if saved != mine and not (saved in (None, "") and mine in (None, "")):
            display = getattr(current, f"get_{name}_display", None)
            rows.append(
                {"label": field.label, "saved": display() if display else saved, "mine": mine}
            )
    return rows


@login_required
@require_POST
def community_delete(request, pk):
    community = _get_community(request, pk, write=True)
    services.community_delete(community=community, by=request.user)
    messages.success(request, _("ลบชุมชน %(name)s แล้ว") % {"name": community.name})
    return redirect("communities:list")


@login_required
@require_POST
def community_step(request, pk):
    community = _get_community(request, pk, write=True)
    form = StepChangeForm(request.POST)
    if form.is_valid():
        try:
            services.community_change_step(
                community=community,
                step=form.cleaned_data["step"],
                on=form.cleaned_data["changed_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("บันทึกการเปลี่ยนขั้นแล้ว"))
    else:
        messages.error(request, _("ข้อมูลการเปลี่ยนขั้นไม่ถูกต้อง"))
    return redirect(community)


@login_required
@submit_once
def snapshot_create(request, pk):
    community = _get_community(request, pk, write=True)
    form = SnapshotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.snapshot_create(community=community, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกตัวชี้วัดรายปีแล้ว"))
            return redirect(community)
    return render(request, "communities/snapshot_form.html", {"form": form, "community": community})


# --- Activities --------------------------------------------------------------------------
@login_required
def activity_list(request):
    def context():
        activity_filter, queryset = selectors.activity_page(user=request.user, data=request.GET)
        # The columns the list shows, not the 80 of five tables (outcomes, addresses, passwords).
        queryset = queryset.only(*LIST_COLUMNS)
        paginator = CappedPaginator(
            queryset, PAGE_SIZE, cap=ACTIVITY_COUNT_CAP, version=versions.any_version()
        )
        page = paginator.get_page(request.GET.get("page"))
        return {
            "filter": activity_filter,
            "page_obj": page,
            "activities": page.object_list,
            "can_add": _writable_communities(request.user).exists(),
            "show_district": not reads_one_district(request.user),
        }

    body = kept_list(request, "activities", "communities/_activity_list_body.html", context)
    return render(request, "communities/activity_list.html", {"body": body})


@login_required
def community_search(request):
    """The activity list's community box as the user types: the closest readable names."""
    found = selectors.community_suggestions(user=request.user, query=request.GET.get("q", ""))
    return JsonResponse(
        {"results": [{"id": c.pk, "name": c.name, "district": c.district.name_th} for c in found]}
    )


@login_required
@submit_once
def activity_create(request):
    communities = _writable_communities(request.user)
    if not communities.exists():
        raise PermissionDenied
    initial = {"date": timezone.localdate()}
    if month := parse_reporting_month(request.GET.get("month")):
        # Opened from a reporting month: the date defaults into that month and must stay there.
        initial["reporting_month"] = month.strftime("%Y-%m")
        if (initial["date"].year, initial["date"].month) != (month.year, month.month):
            initial["date"] = month
    chosen = querystring.positive_int(request.GET.get("community"))
    if chosen and communities.filter(pk=chosen).exists():
        initial["community"] = chosen
    elif last := selectors.last_used_community(user=request.user, session=request.session):
        initial["community"] = last.pk
    form = ActivityForm(
        request.POST or None, request.FILES or None, communities=communities, initial=initial
    )
    pending = _pending_photo(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            with transaction.atomic():  # a photo that fails to decode saves no activity either
                activity = services.activity_create(by=request.user, **data)
                _save_photo(request, form, activity, pending)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session["last_community_id"] = activity.community_id
            messages.success(request, _("บันทึกกิจกรรม %(title)s แล้ว") % {"title": activity.title})
            if "add_another" in request.POST:
                return redirect("communities:activity_create")
            return redirect(activity)
    if request.method == "POST":
        pending = _keep_photo(request, form, pending)
    return render(request, "communities/activity_form.html", {"form": form, "pending": pending})


def _pending_photo(request, form):
    """The photo kept from this user's last failed try, unless they pressed ลบ."""
    if request.method != "POST":
        return None
    token = request.POST.get("pending_photo")
    pending = services.pending_photo_of(by=request.user, token=token)
    if pending is not None and request.POST.get("drop_pending"):
        services.pending_photo_drop(pending=pending)
        return None
    lost = (
        pending is None
        and token
        and not request.POST.get("drop_pending")
        and not request.FILES.get("photo")
        and services.pending_photo_lost(by=request.user, token=token)
    )
    if lost:  # purged after a day (purge_pending_photos): say so rather than save without it
        form.add_error(
            "photo",
            _(
                "รูปที่เลือกไว้ถูกลบแล้ว เพราะเก็บไว้เกิน 1 วันโดยยังไม่ได้บันทึก "
                "กรุณาเลือกรูปอีกครั้ง หรือกดบันทึกอีกครั้งเพื่อบันทึกโดยไม่มีรูป"
            ),
        )
    return pending


def _save_photo(request, form, activity, pending):
    caption = form.cleaned_data.get("photo_caption", "")
    if form.cleaned_data.get("photo"):
        services.activity_add_photo(
            activity=activity, by=request.user, upload=form.cleaned_data["photo"], caption=caption
        )
        if pending is not None:
            transaction.on_commit(lambda: services.pending_photo_drop(pending=pending))
    elif pending is not None:
        services.activity_attach_pending(
            activity=activity, by=request.user, pending=pending, caption=caption
        )


def _keep_photo(request, form, pending):
    """The form failed: keep a newly chosen, valid photo on the server so it is not lost."""
    upload = getattr(form, "cleaned_data", {}).get("photo")
    if not upload:
        return pending
    try:
        kept = services.pending_photo_keep(by=request.user, upload=upload)
    except ValidationError:
        return pending  # the photo itself is refused: its field says why
    if pending is not None:
        services.pending_photo_drop(pending=pending)
    return kept


@login_required
def activity_detail(request, pk):
    activity = _get_activity(request, pk)
    return render(
        request,
        "communities/activity_detail.html",
        {
            "activity": activity,
            "photos": activity.photos.all(),
            "can_change": can_change_community(request.user, activity.community),
            "history": change_history(obj=activity),
        },
    )


@login_required
def activity_edit(request, pk):
    activity = _get_activity(request, pk, write=True)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=activity,
        communities=_writable_communities(request.user).filter(district_id=activity.district_id),
    )
    conflict = None
    pending = _pending_photo(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # the edit and its photo, or neither
                activity = services.activity_update(
                    activity=activity,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    **form.service_data(),
                )
                _save_photo(request, form, activity, pending)
        except services.StaleEdit as stale:
            conflict = _refuse_stale_edit(
                form,
                stale.current,
                _(
                    "มีผู้อื่นแก้ไขกิจกรรมนี้ไปก่อนแล้ว ระบบยังไม่บันทึกการแก้ไขของคุณ "
                    "ข้อความที่คุณกรอกยังอยู่ในฟอร์ม ตรวจดูค่าที่เปลี่ยนไปด้านล่าง แล้วกดบันทึกอีกครั้ง"
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect(activity)
    if request.method == "POST":
        pending = _keep_photo(request, form, pending)
    return render(
        request,
        "communities/activity_form.html",
        {"form": form, "activity": activity, "conflict": conflict, "pending": pending},
    )


@login_required
@require_POST
def activity_delete(request, pk):
    activity = _get_activity(request, pk, write=True)
    try:
        services.activity_delete(activity=activity, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(activity)
    messages.success(request, _("ลบกิจกรรมแล้ว"))
    return redirect(activity.community)
