from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_strategy
from bangphlat.forms import add_service_errors, refuse_stale_edit
from bangphlat.markdown import render_markdown
from bangphlat.submissions import submit_once
from districts.models import District
from lessons import selectors, services
from lessons.access import (
    can_archive_lesson,
    can_edit_lesson,
    can_preview_lesson_text,
    can_review_lesson,
    can_see_lesson_working_copy,
    can_submit_lesson,
    can_view_interviewees,
    can_view_lesson,
    can_write_lesson_for,
)
from lessons.forms import (
    ActivityChoiceField,
    LessonFilterForm,
    LessonForm,
    ReviewForm,
    interviewee_formset,
    interviewees_from,
    lesson_file_forms,
)
from lessons.models import SECTION_FIELDS, Lesson, LessonStatus
from mentoring.access import can_view_district_private
from mentoring.kept_lists import kept_list


def _get_lesson(request, pk) -> Lesson:
    lesson = get_object_or_404(
        Lesson.objects.select_related("district", "approved_revision"), pk=pk
    )
    if not can_view_lesson(request.user, lesson):
        raise Http404
    return lesson


# A list row shows titles, steps and states: not the long texts or the revision's snapshots.
_LONG_TEXTS = (*SECTION_FIELDS, "search_text")
_SNAPSHOTS = ("communities", "activities", "photos", "attachments", "interviewees", "authors")
LIST_DEFERRED = (
    *_LONG_TEXTS,
    *(f"approved_revision__{name}" for name in (*_LONG_TEXTS, *_SNAPSHOTS)),
)


@login_required
def lesson_list(request):
    def context():
        form = LessonFilterForm(request.GET or None, districts=District.objects.thai_order())
        filters = form.cleaned_data if form.is_valid() else {}
        rows = selectors.lesson_list(user=request.user, filters=filters).defer(*LIST_DEFERRED)
        page = Paginator(rows, 20).get_page(request.GET.get("page"))
        lessons = list(page.object_list)
        for lesson in lessons:
            # Outsiders see the approved title, never a draft's.
            working = can_see_lesson_working_copy(request.user, lesson)
            source = lesson.text_source(working)
            lesson.display_title = source.title
            lesson.display_step = source.get_step_display()
            # Outsiders only ever read the approved text, whatever the working copy's state.
            lesson.display_status = lesson.status if working else LessonStatus.APPROVED
            lesson.display_status_label = (
                lesson.get_status_display() if working else LessonStatus.APPROVED.label
            )
        return {
            "filter_form": form,
            "page_obj": page,
            "lessons": lessons,
            "can_write": request.user.is_district_staff and request.user.district_id is not None,
            "is_reviewer": is_strategy(request.user),
        }

    # Every reader also sees the approved lessons of all districts: kept under all data.
    body = kept_list(request, "lessons", "lessons/_lesson_list_body.html", context, shared=True)
    return render(request, "lessons/lesson_list.html", {"body": body})


@login_required
def review_queue(request):
    if not is_strategy(request.user):
        raise PermissionDenied
    page = Paginator(selectors.review_queue(), 20).get_page(request.GET.get("page"))
    return render(
        request, "lessons/review_queue.html", {"page_obj": page, "lessons": page.object_list}
    )


@login_required
def lesson_detail(request, pk):
    lesson = _get_lesson(request, pk)
    working = can_see_lesson_working_copy(request.user, lesson)
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
                full_interviewees=can_view_interviewees(request.user, lesson),
            ),
            "link_district_data": can_view_district_private(request.user, lesson.district),
            "can_edit": can_edit_lesson(request.user, lesson),
            "can_submit": can_submit_lesson(request.user, lesson),
            "can_review": can_review_lesson(request.user, lesson)
            and lesson.status == LessonStatus.SUBMITTED,
            "can_archive": can_archive_lesson(request.user, lesson),
            "review_form": ReviewForm(),
            "next_in_queue": selectors.next_in_queue(after=lesson)
            if is_strategy(request.user)
            else None,
        },
    )


@login_required
@submit_once
def lesson_create(request):
    district = request.user.district
    if district is None or not can_write_lesson_for(request.user, district):
        raise PermissionDenied
    form = LessonForm(request.POST or None, district=district)
    people = interviewee_formset(request.POST or None)
    files = lesson_file_forms(request)
    if request.method == "POST" and _all_valid(form, people, files):
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            with transaction.atomic():  # a refused photo saves no lesson; the text stays here
                lesson = services.lesson_create(
                    by=request.user,
                    district=district,
                    topics=data.pop("topics"),
                    communities=data.pop("communities"),
                    activities=data.pop("activities"),
                    interviewees=_people(people) or (),
                    **data,
                )
                _add_files(request, lesson, files)
        except _FileRefused:
            pass
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกฉบับร่างแล้ว"))
            return redirect(lesson)
    _ask_for_files_again(request, files)
    return render(
        request, "lessons/lesson_form.html", {"form": form, "people": people, "files": files}
    )


def _people_valid(people) -> bool:
    return not people.is_bound or people.is_valid()


def _all_valid(form, people, files) -> bool:
    checks = [form.is_valid(), _people_valid(people), *(f.is_valid() for f in files)]
    return all(checks)  # every form checked, so each shows its own errors


class _FileRefused(Exception):
    """A photo or file refused by the service: roll the text back, show why beside it."""


def _add_files(request, lesson, files) -> None:
    photo, attachment = files
    try:
        if upload := photo.cleaned_data.get("image"):
            caption = photo.cleaned_data.get("caption") or lesson.title
            services.lesson_add_photo(
                lesson=lesson, by=request.user, upload=upload, caption=caption[:300]
            )
    except ValidationError as error:
        photo.add_error("image", error.messages)
        raise _FileRefused from error
    try:
        if upload := attachment.cleaned_data.get("file"):
            title = attachment.cleaned_data.get("title") or _stem(upload.name)
            services.lesson_add_attachment(
                lesson=lesson, by=request.user, upload=upload, title=title[:200]
            )
    except ValidationError as error:
        attachment.add_error("file", error.messages)
        raise _FileRefused from error


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or name


def _ask_for_files_again(request, files) -> None:
    """A browser cannot put a chosen file back into the form: say so beside the input."""
    if request.method != "POST":
        return
    for form, field in zip(files, ("image", "file"), strict=True):
        if request.FILES.get(form.add_prefix(field)) and not form.has_error(field):
            form.add_error(
                field,
                _("ยังไม่ได้บันทึกไฟล์ที่เลือกไว้ กรุณาแก้ไขตามข้อความด้านบน แล้วเลือกไฟล์อีกครั้งก่อนกดบันทึก"),
            )


def _people(people) -> list[dict] | None:
    """The interviewee rows posted; ``None`` (unchanged) for a post without them."""
    return interviewees_from(people) if people.is_bound else None


@login_required
def lesson_edit(request, pk):
    lesson = _get_lesson(request, pk)
    if not can_edit_lesson(request.user, lesson):
        raise PermissionDenied
    form = LessonForm(request.POST or None, instance=lesson, district=lesson.district)
    people = interviewee_formset(request.POST or None, lesson)
    files = lesson_file_forms(request)
    conflict = None
    if request.method == "POST" and _all_valid(form, people, files):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            with transaction.atomic():  # a refused photo saves no text; the text stays here
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
                _add_files(request, lesson, files)
        except _FileRefused:
            lesson.refresh_from_db()
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
    _ask_for_files_again(request, files)
    return render(
        request,
        "lessons/lesson_form.html",
        {"form": form, "people": people, "files": files, "lesson": lesson, "conflict": conflict},
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
        # The author reads what just happened to the lesson, the reviewer that it was recorded.
        submitted = form.cleaned_data["action"] == "submit"
        messages.success(request, _("ส่งพิจารณาแล้ว") if submitted else _("บันทึกการพิจารณาแล้ว"))
    return redirect(lesson)


PREVIEW_MAX_CHARS = 20_000


@login_required
@require_POST
def markdown_preview(request):
    """The live preview of one section: the same safe Markdown as the lesson page."""
    if not can_preview_lesson_text(request.user):
        return JsonResponse({"error": _("ไม่มีสิทธิ์ดูตัวอย่าง")}, status=403)
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return JsonResponse({"error": _("ข้อความยาวเกินกว่าจะแสดงตัวอย่าง")}, status=400)
    return JsonResponse({"html": str(render_markdown(text))})


@login_required
def activity_picker(request):
    """Activities of the writer's district matching ``q``, for the lesson form's picker."""
    if not can_write_lesson_for(request.user, request.user.district):
        return JsonResponse({"error": _("ไม่มีสิทธิ์ค้นหากิจกรรมของเขตนี้")}, status=403)
    found = selectors.activity_search(user=request.user, query=request.GET.get("q", ""))
    return JsonResponse(
        {"results": [{"id": a.pk, "label": ActivityChoiceField.describe(a)} for a in found]}
    )
