"""Writes for lessons: editing with a version check, and the review workflow.

draft → submitted → changes_requested ↔ submitted → approved → archived. Editing an approved
lesson starts a new draft; its approved text stays what others and the handbook read until
the new revision is approved.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from bangphlat import uploads
from bangphlat.concurrency import StaleEdit, update_at_version
from lessons import selectors
from lessons.access import (
    can_archive_lesson,
    can_edit_lesson,
    can_review_lesson,
    can_submit_lesson,
    can_view_interviewees,
    can_write_lesson_for,
)
from lessons.models import (
    SECTION_FIELDS,
    ConsentWithdrawal,
    Interviewee,
    Lesson,
    LessonAttachment,
    LessonPhoto,
    LessonRevision,
    LessonStatus,
    Transition,
)
from lessons.signals import consent_withdrawn

TEXT_FIELDS = ["title", "step", *SECTION_FIELDS]


def _set_interviewees(lesson: Lesson, people, *, by) -> None:
    """Replace the lesson's interviewees with ``people`` (dicts of name, role, consent).
    A consent already on record keeps who recorded it and when; a new one is recorded as
    ``by``'s, now. A named person who no longer consents (or is removed) is withdrawn."""
    previous = {row.name: row for row in lesson.interviewees.filter(consent=True).exclude(name="")}
    now = timezone.now()
    rows = []
    for order, person in enumerate(people):
        row = Interviewee(
            lesson=lesson,
            name=(person.get("name") or "").strip(),
            role=(person.get("role") or "").strip(),
            consent=bool(person.get("consent")),
            order=order,
        )
        if row.consent:
            kept = previous.get(row.name) if row.name else None
            row.consent_recorded_by_id = kept.consent_recorded_by_id if kept else by.pk
            row.consent_recorded_at = kept.consent_recorded_at if kept else now
        rows.append(row)
    for row in rows:
        row.full_clean(exclude=["lesson", "consent_recorded_by"])
    lesson.interviewees.all().delete()
    Interviewee.objects.bulk_create(rows)
    consenting = {row.name for row in rows if row.consent and row.name}
    withdrawn = set(previous) - consenting
    _log_withdrawals(lesson, withdrawn, by=by)
    _withdraw_names(lesson, consenting=consenting)


def _log_withdrawals(lesson: Lesson, names: set[str], *, by) -> None:
    """One log row per person withdrawn: who, when and how many revisions forget the name,
    never the name itself (run before the revisions forget it, to count them)."""
    if not names:
        return
    revisions = list(lesson.revisions.values_list("interviewees", flat=True))
    ConsentWithdrawal.objects.bulk_create(
        ConsentWithdrawal(
            lesson=lesson,
            withdrawn_by=by,
            revisions_changed=sum(
                any(person.get("name") == name for person in people) for people in revisions
            ),
        )
        for name in names
    )


def _withdraw_names(lesson: Lesson, *, consenting: set[str]) -> None:
    """Consent withdrawn (or a person removed) takes effect at once, without waiting for a new
    approval: every revision forgets the names no longer consented to, keeping the role. The
    one change ever made to a revision, and it only takes away."""
    changed = []
    for revision in lesson.revisions.all():
        people = [
            {**person, "name": person["name"] if person.get("name") in consenting else ""}
            for person in revision.interviewees
        ]
        if people != revision.interviewees:
            LessonRevision.objects.filter(pk=revision.pk).update(interviewees=people)
            revision.interviewees = people
            changed.append(revision)
    if changed:
        consent_withdrawn.send(sender=Lesson, revisions=changed)  # the printed books follow


def interviewees_replace(*, lesson: Lesson, people, by) -> None:
    """The interviewees alone (the admin's consent corrections): the same consent records,
    withdrawal log and revision clean-up as the lesson form."""
    if not can_view_interviewees(by, lesson):
        raise PermissionDenied
    with transaction.atomic():
        _set_interviewees(lesson, people, by=by)


@transaction.atomic
def lesson_create(
    *, by, district, topics=(), communities=(), activities=(), interviewees=(), **fields
) -> Lesson:
    if not can_write_lesson_for(by, district):
        raise PermissionDenied
    lesson = Lesson(district=district, created_by=by, **fields)
    lesson.refresh_search_text()
    lesson.full_clean()
    lesson.save()
    lesson.topics.set(topics)
    lesson.communities.set(communities)
    lesson.activities.set(activities)
    _set_interviewees(lesson, interviewees, by=by)
    lesson.authors.add(by)
    return lesson


@transaction.atomic
def lesson_update(
    *,
    lesson: Lesson,
    by,
    version: int | None,
    topics=None,
    communities=None,
    activities=None,
    interviewees=None,
    **fields,
) -> Lesson:
    """Save the working copy only if nobody saved since ``version`` (checked in the UPDATE).
    ``None`` for a related list leaves it as it is."""
    lesson = Lesson.objects.select_related("district").get(pk=lesson.pk)  # the current state
    if not can_edit_lesson(by, lesson):
        raise PermissionDenied
    if version is None:
        raise StaleEdit(lesson)  # an edit that does not say which version it changes
    for name, value in fields.items():
        setattr(lesson, name, value)
    reopened = lesson.status == LessonStatus.APPROVED
    if reopened:
        lesson.status = LessonStatus.DRAFT  # a new revision; the approved text stays in use
    lesson.refresh_search_text()
    lesson.full_clean(exclude=["approved_revision"])
    values = {name: getattr(lesson, name) for name in [*fields, "status", "search_text"]}
    lesson.version = update_at_version(
        Lesson, lesson.pk, version, **values, updated_at=timezone.now()
    )
    if reopened:
        _reopen(lesson, by)
    if topics is not None:
        lesson.topics.set(topics)
    if communities is not None:
        lesson.communities.set(communities)
    if activities is not None:
        lesson.activities.set(activities)
    if interviewees is not None:
        _set_interviewees(lesson, interviewees, by=by)
    lesson.authors.add(by)
    return lesson


@transaction.atomic
def lesson_files_changed(*, lesson: Lesson, by) -> Lesson:
    """A photo or attachment was added: an approved lesson becomes a new draft, so the
    addition reaches others only once a new revision is approved (the approved one stays)."""
    lesson = Lesson.objects.select_for_update().select_related("district").get(pk=lesson.pk)
    if not can_edit_lesson(by, lesson):
        raise PermissionDenied
    if lesson.status == LessonStatus.APPROVED:
        _reopen(lesson, by)
    # No version bump: a file added does not conflict with text someone is typing.
    Lesson.objects.filter(pk=lesson.pk).update(status=lesson.status, updated_at=timezone.now())
    return lesson


def _reopen(lesson: Lesson, by) -> None:
    # Shown in the thread; no e-mail: nobody has to act until the new text is submitted.
    Transition.objects.create(
        lesson=lesson,
        from_status=LessonStatus.APPROVED,
        to_status=LessonStatus.DRAFT,
        by=by,
        comment=_("เริ่มแก้ไขฉบับใหม่ ฉบับที่อนุมัติแล้วยังใช้อยู่จนกว่าฉบับใหม่จะได้รับอนุมัติ"),
    )
    lesson.status = LessonStatus.DRAFT


def revision_snapshot(lesson: Lesson) -> dict:
    """Everything besides the text that others will read of this lesson, as ids and labels
    (JSON): what is added to the working copy later is not in it."""
    activities = lesson.activities.select_related("community").order_by("-date", "-pk")
    return {
        "dimensions": list(lesson.dimensions or []),
        "communities": [{"id": c.pk, "name": c.name} for c in lesson.communities.all()],
        "activities": [
            {
                "id": a.pk,
                "title": a.title,
                "community": a.community.name,
                "date": a.date.isoformat(),
            }
            for a in activities
        ],
        "photos": [{"id": p.pk, "caption": p.caption} for p in lesson.photos.all()],
        "attachments": [{"id": a.pk, "title": a.title} for a in lesson.attachments.all()],
        "interviewees": [person.public() for person in lesson.interviewees.all()],
        "authors": sorted(author.display_name for author in lesson.authors.all()),
    }


def _transition(lesson, to_status, *, by, comment="", revision=None):
    Transition.objects.create(
        lesson=lesson,
        from_status=lesson.status,
        to_status=to_status,
        by=by,
        comment=comment,
        revision=revision,
    )
    lesson.status = to_status
    lesson.version += 1
    _notify(lesson, to_status, by, comment)
    transaction.on_commit(forget_waiting_count)


def forget_waiting_count() -> None:
    """The nav's count of lessons waiting changes with every transition."""
    cache.delete(selectors.WAITING_KEY)


@transaction.atomic
def lesson_submit(*, lesson: Lesson, by) -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if not can_submit_lesson(by, lesson):
        raise PermissionDenied
    missing = [name for name in SECTION_FIELDS if not getattr(lesson, name).strip()]
    if missing:
        labels = [str(Lesson._meta.get_field(name).verbose_name) for name in missing]
        raise ValidationError(
            _("กรอกให้ครบทุกหัวข้อก่อนส่งพิจารณา: %(sections)s") % {"sections": ", ".join(labels)}
        )
    number = (lesson.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = LessonRevision.objects.create(
        lesson=lesson,
        number=number,
        created_by=by,
        **{name: getattr(lesson, name) for name in TEXT_FIELDS},
        **revision_snapshot(lesson),
    )
    revision.topics.set(lesson.topics.all())
    _transition(lesson, LessonStatus.SUBMITTED, by=by, revision=revision)
    lesson.submitted_at = timezone.now()
    lesson.save()
    return lesson


@transaction.atomic
def lesson_request_changes(*, lesson: Lesson, by, comment: str) -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if not can_review_lesson(by, lesson) or lesson.status != LessonStatus.SUBMITTED:
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("กรุณาระบุความเห็นเมื่อส่งกลับให้แก้ไข"))
    _transition(lesson, LessonStatus.CHANGES_REQUESTED, by=by, comment=comment.strip())
    lesson.save()
    return lesson


@transaction.atomic
def lesson_approve(*, lesson: Lesson, by, comment: str = "") -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if not can_review_lesson(by, lesson) or lesson.status != LessonStatus.SUBMITTED:
        raise PermissionDenied
    revision = lesson.revisions.order_by("-number").first()
    _transition(lesson, LessonStatus.APPROVED, by=by, comment=comment.strip(), revision=revision)
    lesson.approved_revision = revision
    lesson.save()
    return lesson


@transaction.atomic
def lesson_archive(*, lesson: Lesson, by, comment: str = "") -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if not can_archive_lesson(by, lesson):
        raise PermissionDenied
    _transition(lesson, LessonStatus.ARCHIVED, by=by, comment=comment.strip())
    lesson.save()
    return lesson


@transaction.atomic
def lesson_add_photo(*, lesson: Lesson, by, upload, caption: str) -> LessonPhoto:
    """A photo through the upload policy: re-encoded display copy and thumbnail, no EXIF."""
    if not can_edit_lesson(by, lesson):
        raise PermissionDenied
    image = uploads.process_photo(upload)
    photo = LessonPhoto(lesson=lesson, caption=caption)
    photo.image.save(image.display.name, image.display, save=False)
    photo.thumbnail.save(image.thumbnail.name, image.thumbnail, save=False)
    photo.full_clean()
    photo.save()
    lesson_files_changed(lesson=lesson, by=by)  # an approved lesson becomes a new draft
    return photo


@transaction.atomic
def lesson_add_attachment(*, lesson: Lesson, by, upload, title: str) -> LessonAttachment:
    """An attachment through the upload policy: allowlisted, content matching extension."""
    if not can_edit_lesson(by, lesson):
        raise PermissionDenied
    stored = uploads.process_attachment(upload)
    attachment = LessonAttachment(lesson=lesson, title=title)
    attachment.file.save(stored.file.name, stored.file, save=False)
    attachment.full_clean()
    attachment.save()
    lesson_files_changed(lesson=lesson, by=by)  # an approved lesson becomes a new draft
    return attachment


ACTIONS = {
    "submit": lambda lesson, by, comment: lesson_submit(lesson=lesson, by=by),
    "request_changes": lambda lesson, by, comment: lesson_request_changes(
        lesson=lesson, by=by, comment=comment
    ),
    "approve": lambda lesson, by, comment: lesson_approve(lesson=lesson, by=by, comment=comment),
    "archive": lambda lesson, by, comment: lesson_archive(lesson=lesson, by=by, comment=comment),
}


def _notify(lesson, to_status, by, comment):
    """Tell the authors and the reviewers (the strategy office) of a transition, each as they
    chose (reporting's notice preference): the bell always; an e-mail at once, in the daily
    digest, or none. Called inside the transition's transaction: the notices roll back with
    it, the e-mails leave after commit."""
    from notices.services import notify

    label = LessonStatus(to_status).label
    text = _("บทเรียน “%(title)s” ของเขต%(district)s เปลี่ยนสถานะเป็น %(status)s โดย %(by)s") % {
        "title": lesson.title,
        "district": lesson.district.name_th,
        "status": label,
        "by": by.display_name,
    }
    body = text
    if comment:
        body += "\n\n" + _("ความเห็น: %(comment)s") % {"comment": comment}
    recipients = (
        User.objects.filter(Q(pk__in=lesson.authors.values("pk")) | Q(role=Role.STRATEGY))
        .exclude(pk=by.pk)
        .select_related("notice_preference")
        .order_by("pk")
    )
    notify(
        list(recipients),
        body.replace("\n\n", " "),  # the bell shows the comment too (cut at 300 characters)
        reverse("lessons:detail", args=[lesson.pk]),
        subject=_("[บางพลัดโมเดล] %(title)s: %(status)s") % {"title": lesson.title, "status": label},
        body=body,
        # LINE: without the comment and the reviewer's name
        brief=_("บทเรียน “%(title)s” ของเขต%(district)s เปลี่ยนสถานะเป็น %(status)s")
        % {"title": lesson.title, "district": lesson.district.name_th, "status": label},
    )
