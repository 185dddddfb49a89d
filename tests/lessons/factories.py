from lessons import services
from lessons.models import SECTION_FIELDS

TEXT = {name: f"ข้อความหัวข้อ {name} ที่ดำเนินการในชุมชน" for name in SECTION_FIELDS}


def make_lesson(staff, *, title="บัญชีครัวเรือนเปลี่ยนชีวิต", step="understand", **overrides):
    return services.lesson_create(
        by=staff, district=staff.district, title=title, step=step, **(TEXT | overrides)
    )


def approved_lesson(staff, strategy, **kwargs):
    lesson = make_lesson(staff, **kwargs)
    services.lesson_submit(lesson=lesson, by=staff)
    return services.lesson_approve(lesson=lesson, by=strategy)


def reapprove(lesson, staff, strategy):
    """Submit and approve the lesson's working copy again (e.g. after adding photos): only
    then does what was added reach other districts and the handbook."""
    services.lesson_files_changed(lesson=lesson, by=staff)
    services.lesson_submit(lesson=lesson, by=staff)
    return services.lesson_approve(lesson=lesson, by=strategy)


def edit_form_data(lesson, **overrides) -> dict:
    """What the edit page posts when nothing is changed: every field as the form shows it,
    the version included. Add ``photo-image``/``attachment-file`` to send files with it."""
    from lessons.forms import LessonForm

    form = LessonForm(instance=lesson, district=lesson.district)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    return data | overrides
