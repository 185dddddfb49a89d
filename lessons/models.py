from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bangphlat import uploads
from bangphlat.reversing import reverse_id
from communities.models import ModelStep


class LessonStep(models.TextChoices):
    UNDERSTAND = ModelStep.UNDERSTAND.value, ModelStep.UNDERSTAND.label
    REACH = ModelStep.REACH.value, ModelStep.REACH.label
    DEVELOP = ModelStep.DEVELOP.value, ModelStep.DEVELOP.label


class Dimension(models.TextChoices):
    """The five dimensions of the national poverty map (TPMAP)."""

    INCOME = "income", _("รายได้")
    LIVING = "living", _("ความเป็นอยู่")
    HEALTH = "health", _("สุขภาพ")
    EDUCATION = "education", _("การศึกษา")
    SERVICES = "services", _("การเข้าถึงบริการรัฐ")


class LessonStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    # The state reads "waiting for review" everywhere; "ส่งพิจารณา" is the author's button.
    SUBMITTED = "submitted", _("รอพิจารณา")
    CHANGES_REQUESTED = "changes_requested", _("ขอให้แก้ไข")
    APPROVED = "approved", _("อนุมัติแล้ว")
    ARCHIVED = "archived", _("เก็บถาวร")


# The structured sections every lesson has, in book order.
SECTIONS = [
    ("background", _("ความเป็นมาและสภาพปัญหา")),
    ("actions", _("สิ่งที่ทำ ทีละขั้นตอน")),
    ("results", _("ผลที่เกิดขึ้น (พร้อมตัวเลข)")),
    ("success_factors", _("ปัจจัยแห่งความสำเร็จ")),
    ("obstacles", _("อุปสรรคและวิธีแก้ไข")),
    ("recommendations", _("ข้อเสนอแนะสำหรับเขตอื่น")),
]
SECTION_FIELDS = [name for name, _label in SECTIONS]


class Topic(models.Model):
    """Admin-editable list of lesson topics."""

    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name_th"]
        verbose_name = _("หัวข้อบทเรียน")
        verbose_name_plural = _("หัวข้อบทเรียน")

    def __str__(self):
        return self.name_en if (get_language() or "th").startswith("en") else self.name_th


class LessonQuerySet(models.QuerySet):
    def approved(self):
        """Lessons with an approved text (the handbook's content), not archived."""
        return self.filter(approved_revision__isnull=False).exclude(status=LessonStatus.ARCHIVED)

    def for_district(self, district):
        return self.filter(district=district)

    def submitted(self):
        return self.filter(status=LessonStatus.SUBMITTED)

    def sent_back(self):
        """Returned by the reviewer for changes: waiting for their district."""
        return self.filter(status=LessonStatus.CHANGES_REQUESTED)


def _sections_text(obj) -> str:
    """What search compares: each section as bangphlat.thai.search_key (no spaces, Arabic
    digits, clean Unicode), one per line so a match never spans two sections."""
    from bangphlat.thai import search_key

    parts = [obj.title, *(getattr(obj, name) for name in SECTION_FIELDS)]
    return "\n".join(search_key(part) for part in parts)


class Lesson(models.Model):
    """A lesson learned (ถอดบทเรียน): the working copy its district edits. What the handbook
    and other districts read is ``approved_revision``."""

    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("เขต"),
    )
    title = models.CharField(_("ชื่อบทเรียน"), max_length=200)
    step = models.CharField(_("ขั้นตามรูปแบบ"), max_length=20, choices=LessonStep.choices)
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("หัวข้อ"))
    dimensions = models.JSONField(_("มิติความเหลื่อมล้ำที่แก้ไข"), default=list, blank=True)
    communities = models.ManyToManyField(
        "communities.Community", blank=True, related_name="lessons", verbose_name=_("ชุมชนที่เกี่ยวข้อง")
    )
    activities = models.ManyToManyField(
        "communities.Activity", blank=True, related_name="lessons", verbose_name=_("กิจกรรมที่เกี่ยวข้อง")
    )
    background = models.TextField(_("ความเป็นมาและสภาพปัญหา"), blank=True)
    actions = models.TextField(_("สิ่งที่ทำ ทีละขั้นตอน"), blank=True)
    results = models.TextField(_("ผลที่เกิดขึ้น (พร้อมตัวเลข)"), blank=True)
    success_factors = models.TextField(_("ปัจจัยแห่งความสำเร็จ"), blank=True)
    obstacles = models.TextField(_("อุปสรรคและวิธีแก้ไข"), blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะสำหรับเขตอื่น"), blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="lessons_written",
        verbose_name=_("ผู้เขียน"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=LessonStatus.choices, default=LessonStatus.DRAFT
    )
    approved_revision = models.ForeignKey(
        "LessonRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Title and sections in one column, for Thai substring search (trigram index on PostgreSQL).
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("บทเรียน")
        verbose_name_plural = _("บทเรียน")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=LessonStatus.APPROVED) | Q(approved_revision__isnull=False),
                name="lesson_approved_has_revision",
            )
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_id("lessons:detail", self.pk)

    def refresh_search_text(self):
        self.search_text = _sections_text(self)

    def text_source(self, user_may_see_working_copy: bool):
        """What a reader is shown: the working copy, or the approved text for outsiders."""
        return self if user_may_see_working_copy else self.approved_revision

    def dimension_labels(self):
        return dimension_labels(self.dimensions)


def dimension_labels(codes) -> list:
    labels = dict(Dimension.choices)
    return [labels[code] for code in codes or [] if code in labels]


class Interviewee(models.Model):
    """A person interviewed for a lesson (personal data). Outside the district, and in the
    handbook, the name appears only with the person's recorded consent; otherwise the role."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="interviewees")
    name = models.CharField(_("ชื่อ-สกุล"), max_length=200, blank=True)
    role = models.CharField(_("ตำแหน่งหรือบทบาท"), max_length=200, blank=True)
    consent = models.BooleanField(_("ยินยอมให้เผยแพร่ชื่อ"), default=False)
    # The consent record (PDPA s.19): who entered it and when, kept while the consent lasts
    # (the rows are rewritten on each save; lessons.services carries the record over).
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึกความยินยอม"),
    )
    consent_recorded_at = models.DateTimeField(_("วันที่บันทึกความยินยอม"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ผู้ให้ข้อมูล")
        verbose_name_plural = _("ผู้ให้ข้อมูล")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(role=""),
                name="interviewee_has_name_or_role",
                violation_error_message=_("ระบุชื่อหรือตำแหน่งของผู้ให้ข้อมูล"),
            ),
            models.CheckConstraint(
                condition=Q(consent=False) | Q(consent_recorded_at__isnull=False),
                name="interviewee_consent_recorded",
                violation_error_message=_("ความยินยอมต้องมีวันที่บันทึก"),
            ),
        ]

    def __str__(self):
        return self.full_label()

    def full_label(self) -> str:
        """For the district's own staff: name and role."""
        return " ".join(part for part in [self.name, self.role] if part)

    def public(self) -> dict:
        """What may leave the district: the name only with consent."""
        return {"name": self.name if self.consent else "", "role": self.role}

    def public_label(self) -> str:
        return public_interviewee_label(self.public())


class ConsentWithdrawal(models.Model):
    """The log of a withdrawn consent (a named interviewee no longer consenting, or removed
    while consenting): who and when, and how many approved revisions forgot the name. It
    keeps no name and no role, so the log itself holds nothing to erase."""

    lesson = models.ForeignKey(
        "Lesson", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("บทเรียน")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้บันทึกการถอนความยินยอม"),
    )
    withdrawn_at = models.DateTimeField(_("วันที่ถอนความยินยอม"), auto_now_add=True)
    revisions_changed = models.PositiveIntegerField(_("จำนวนฉบับที่ลบชื่อออก"), default=0)

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        verbose_name = _("การถอนความยินยอม")
        verbose_name_plural = _("การถอนความยินยอม")

    def __str__(self):
        return f"{self.lesson_id} {self.withdrawn_at:%Y-%m-%d %H:%M}"


def public_interviewee_label(person: dict) -> str:
    """One person as others read them: name and role with consent, else the role alone
    (a person with neither is left out)."""
    return " ".join(part for part in [person.get("name", ""), person.get("role", "")] if part)


class LessonRevision(models.Model):
    """An immutable snapshot of everything others read of a lesson, made each time it is
    submitted: the text, and (as ids with their labels) topics, dimensions, photos with
    captions, attachments, linked communities and activities, and the interviewees as they
    may be shown outside the district. What is added after approval is not in it."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("ฉบับที่"))
    title = models.CharField(_("ชื่อบทเรียน"), max_length=200)
    step = models.CharField(max_length=20, choices=LessonStep.choices)
    background = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    results = models.TextField(blank=True)
    success_factors = models.TextField(blank=True)
    obstacles = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("หัวข้อ"))
    dimensions = models.JSONField(default=list, blank=True)
    # [{"id", "name"}] and [{"id", "title", "community", "date"}]: labels as approved.
    communities = models.JSONField(default=list, blank=True)
    activities = models.JSONField(default=list, blank=True)
    # [{"id", "caption"}] and [{"id", "title"}]: only these files are shown to others.
    photos = models.JSONField(default=list, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # [{"name", "role"}]: the name is kept only with the person's consent.
    interviewees = models.JSONField(default=list, blank=True)
    authors = models.JSONField(default=list, blank=True)  # display names, in order
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("ฉบับของบทเรียน")
        verbose_name_plural = _("ฉบับของบทเรียน")
        constraints = [
            models.UniqueConstraint(fields=["lesson", "number"], name="revision_number_unique")
        ]

    def __str__(self):
        return f"{self.title} (#{self.number})"

    def save(self, *args, **kwargs):
        self.search_text = _sections_text(self)
        super().save(*args, **kwargs)

    def dimension_labels(self):
        return dimension_labels(self.dimensions)

    def photo_ids(self) -> set[int]:
        return {item["id"] for item in self.photos or []}

    def attachment_ids(self) -> set[int]:
        return {item["id"] for item in self.attachments or []}

    def public_interviewees(self) -> list[str]:
        return [label for p in self.interviewees or [] if (label := public_interviewee_label(p))]


class Transition(models.Model):
    """One step of the review workflow: the thread shown on a lesson."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=LessonStatus.choices)
    to_status = models.CharField(max_length=20, choices=LessonStatus.choices)
    revision = models.ForeignKey(LessonRevision, on_delete=models.SET_NULL, null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("ความเห็น"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("การพิจารณา")
        verbose_name_plural = _("การพิจารณา")
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_status=LessonStatus.CHANGES_REQUESTED) | ~Q(comment=""),
                name="transition_return_has_comment",
            )
        ]

    def __str__(self):
        return f"{self.lesson}: {self.from_status} → {self.to_status}"


class LessonPhoto(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("รูปภาพ"), upload_to="lessons/photos/")
    thumbnail = models.ImageField(upload_to="lessons/photos/", blank=True)
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("รูปประกอบ")
        verbose_name_plural = _("รูปประกอบ")

    def __str__(self):
        return self.caption


class LessonAttachment(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("ไฟล์"),
        upload_to="lessons/files/",
        validators=[
            FileExtensionValidator(sorted(ext[1:] for ext in uploads.ATTACHMENT_EXTENSIONS))
        ],
    )
    title = models.CharField(_("ชื่อไฟล์"), max_length=200)

    class Meta:
        verbose_name = _("ไฟล์แนบ")
        verbose_name_plural = _("ไฟล์แนบ")

    def __str__(self):
        return self.title
