"""Writes for courses and their pre/post test: a pilot writes the course and its questions;
participants answer on their phones and the score is the share of right answers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bangphlat.versions import data_changed
from training import access
from training.models import Course, CourseModule
from training.selectors import VERSION_KEY


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("คุณไม่มีสิทธิ์แก้ไขหลักสูตรนี้"))


@transaction.atomic
def course_create(
    *, by, title: str, district=None, objectives: str = "", pass_mark: int = 60, modules=()
) -> Course:
    """A new course (version 1, or the next version of a course of the same title) with its
    modules in the order given."""
    _require(access.can_create_course(by))
    if district is None and by.is_authenticated and by.is_district_staff:
        district = by.district
    if district is not None and not access.can_edit_course(by, Course(district=district)):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์แก้ไขหลักสูตรนี้"))
    title = " ".join(title.split())
    latest = Course.objects.filter(title=title).order_by("-version").first()
    course = Course(
        title=title,
        version=latest.version + 1 if latest else 1,
        district=district,
        objectives=objectives.strip(),
        pass_mark=pass_mark,
    )
    course.full_clean()
    course.save()
    course_modules_set(course=course, modules=modules, by=by)
    return course


@transaction.atomic
def course_modules_set(*, course: Course, modules, by) -> None:
    """The course's modules, in this order (replacing any before)."""
    _require(access.can_edit_course(by, course))
    modules = list(modules)
    if len({m.pk for m in modules}) != len(modules):
        raise ValidationError({"modules": _("เลือกหน่วยการเรียนรู้ซ้ำกัน")})
    CourseModule.objects.filter(course=course).delete()
    CourseModule.objects.bulk_create(
        CourseModule(course=course, module=module, order=order)
        for order, module in enumerate(modules, start=1)
    )
    data_changed({VERSION_KEY})  # bulk_create sends no signal; the course's hours changed
