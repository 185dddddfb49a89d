from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangphlat import permissions
from bangphlat.forms import add_service_errors, refuse_stale_edit
from bangphlat.markdown import render_markdown
from bangphlat.submissions import submit_once
from districts.models import District
from lessons import selectors, services
from lessons.forms import (
    ActivityChoiceField,
    AttachmentForm,
    LessonFilterForm,
    LessonForm,
    PhotoForm,
    ReviewForm,
    interviewee_formset,
    interviewees_from,
)
from lessons.models import Lesson, LessonStatus


def _get_lesson(request, pk) -> Lesson:
    lesson = get_object_or_404(
        Lesson.objects.select_related("district", "approved_revision"), pk=pk
    )
    if not permissions.can_view_lesson(request.user, lesson):
        raise Http404
    return lesson


@login_required
def lesson_list(request):
    form = LessonFilterForm(request.GET or None, districts=District.objects.thai_order())
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.lesson_list(user=request.user, filters=filters), 20).get_page(
        request.GET.get("page")
    )
    lessons = list(page.object_list)
    for lesson in lessons:
        # Outsiders see the approved title, never a draft's.
        working = permissions.can_see_lesson_working_copy(request.user, lesson)
        source = lesson.text_source(working)
        lesson.display_title = source.title
        lesson.display_step = source.get_step_display()
        # Outsiders only ever read the approved text, whatever the working copy's state.
        lesson.display_status = lesson.status if working else LessonStatus.APPROVED
        lesson.display_status_label = (
            lesson.get_status_display() if working else LessonStatus.APPROVED.label
        )
    return render(
        request,
        "lessons/lesson_list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "lessons": lessons,
            "can_write": request.user.is_district_staff and request.user.district_id is not None,
            "is_reviewer": permissions.is_strategy(request.user),
        },
    )


@login_required
def review_queue(request):
    if not permissions.is_strategy(request.user):
        raise PermissionDenied
    page = Paginator(selectors.review_queue(), 20).get_page(request.GET.get("page"))
    return render(
        request, "lessons/review_queue.html", {"page_obj": page, "lessons": page.object_list}
    )


@login_required
def lesson_detail(request, pk):
    lesson = _get_lesson(request, pk)
    working = permissions.can_see_lesson_working_copy(request.user, lesson)
    source = lesson.text_source(working)
    return render(
        request,
        "lessons/lesson_detail.html",
        {
            "lesson": lesson,
            "working": working,
            "source": source,
            "sections": [
                (label, render_markdown(text)) for _n, label, text in selectors.sections_of(source)
            ],
            "transitions": lesson.transitions.select_related("by") if working else [],
            "revisions": selectors.revision_diffs(lesson) if working else [],
            "shown": selectors.lesson_display(
                lesson,
                working=working,
                full_interviewees=permissions.can_view_interviewees(request.user, lesson),
            ),
            "link_district_data": permissions.can_view_district_private(
                request.user, lesson.district
            ),
            "can_edit": permissions.can_edit_lesson(request.user, lesson),
            "can_submit": permissions.can_submit_lesson(request.user, lesson),
            "can_review": permissions.can_review_lesson(request.user, lesson)
            and lesson.status == "submitted",
            "can_archive": permissions.is_strategy(request.user) and lesson.status == "approved",
            "review_form": ReviewForm(),
            "next_in_queue": selectors.next_in_queue(after=lesson)
            if permissions.is_strategy(request.user)
            else None,
        },
    )


@login_required
@submit_once
def lesson_create(request):
    district = request.user.district
    if district is None or not permissions.can_write_lesson_for(request.user, district):
        raise PermissionDenied
    form = LessonForm(request.POST or None, district=district)
    people = interviewee_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and _people_valid(people):
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            lesson = services.lesson_create(
                by=request.user,
                district=district,
                topics=data.pop("topics"),
                communities=data.pop("communities"),
                activities=data.pop("activities"),
                interviewees=_people(people) or (),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกฉบับร่างแล้ว"))
            return redirect(lesson)
    return render(request, "lessons/lesson_form.html", {"form": form, "people": people})


def _people_valid(people) -> bool:
    return not people.is_bound or people.is_valid()


def _people(people) -> list[dict] | None:
    """The interviewee rows posted; ``None`` (unchanged) for a post without them."""
    return interviewees_from(people) if people.is_bound else None


@login_required
def lesson_edit(request, pk):
    lesson = _get_lesson(request, pk)
    if not permissions.can_edit_lesson(request.user, lesson):
        raise PermissionDenied
    form = LessonForm(request.POST or None, instance=lesson, district=lesson.district)
    people = interviewee_formset(request.POST or None, lesson)
    conflict = None
    if request.method == "POST" and form.is_valid() and _people_valid(people):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.lesson_update(
                lesson=lesson,
                by=request.user,
                version=version,
                topics=data.pop("topics"),
                communities=data.pop("communities"),
                activities=data.pop("activities"),
                interviewees=_people(people),
                **data,
            )
        except services.StaleEdit as stale:
            conflict = selectors.conflict_diff(stale.current, form.cleaned_data)
            refuse_stale_edit(
                form,
                stale.current,
                _(
                    "มีผู้อื่นบันทึกบทเรียนนี้ไปก่อนแล้ว ระบบยังไม่บันทึกข้อความของคุณ "
                    "ข้อความของคุณยังอยู่ในฟอร์ม ดูสิ่งที่เปลี่ยนไปด้านบน "
                    "(ขีดฆ่า = ข้อความของคุณ, ขีดเส้นใต้ = ข้อความที่บันทึกไว้) "
                    "แล้วกดบันทึกอีกครั้งเพื่อใช้ข้อความของคุณ"
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect(lesson)
    return render(
        request,
        "lessons/lesson_form.html",
        {"form": form, "people": people, "lesson": lesson, "conflict": conflict},
    )


@login_required
@require_POST
def lesson_transition(request, pk):
    lesson = _get_lesson(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    action = services.ACTIONS[form.cleaned_data["action"]]
    try:
        action(lesson, request.user, form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("บันทึกการพิจารณาแล้ว"))
    return redirect(lesson)


@login_required
@require_POST
def lesson_upload(request, pk):
    lesson = _get_lesson(request, pk)
    if not permissions.can_edit_lesson(request.user, lesson):
        raise PermissionDenied
    if "image" in request.FILES:
        form = PhotoForm(request.POST, request.FILES)
        add, done = services.lesson_add_photo, _("เพิ่มรูปแล้ว")
    else:
        form = AttachmentForm(request.POST, request.FILES)
        add, done = services.lesson_add_attachment, _("เพิ่มไฟล์แนบแล้ว")
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            add(
                lesson=lesson,
                by=request.user,
                upload=data.pop("image", None) or data.pop("file"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, done)
    if form.errors:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("lessons:edit", pk=lesson.pk)


PREVIEW_MAX_CHARS = 20_000


@login_required
@require_POST
def markdown_preview(request):
    """The live preview of one section: the same safe Markdown as the lesson page."""
    if not permissions.can_preview_lesson_text(request.user):
        return JsonResponse({"error": _("ไม่มีสิทธิ์ดูตัวอย่าง")}, status=403)
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return JsonResponse({"error": _("ข้อความยาวเกินกว่าจะแสดงตัวอย่าง")}, status=400)
    return JsonResponse({"html": str(render_markdown(text))})


@login_required
def activity_picker(request):
    """Activities of the writer's district matching ``q``, for the lesson form's picker."""
    if not permissions.can_write_lesson_for(request.user, request.user.district):
        return JsonResponse({"error": _("ไม่มีสิทธิ์ค้นหากิจกรรมของเขตนี้")}, status=403)
    found = selectors.activity_search(user=request.user, query=request.GET.get("q", ""))
    return JsonResponse(
        {"results": [{"id": a.pk, "label": ActivityChoiceField.describe(a)} for a in found]}
    )
