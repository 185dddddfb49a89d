"""Curriculum modules, courses and their pre/post test."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class TrainingModule(models.Model):
    """A module of the training curriculum (หลักสูตร) that pilot districts teach.

    Born in the handbook app: the table keeps its name (``handbook_trainingmodule``) and rows;
    migration training/0001 took it over in the state only."""

    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "ลำดับ"), default=0)
    title = models.CharField(_("ชื่อหน่วยการเรียนรู้"), max_length=200)
    objectives = models.TextField(_("วัตถุประสงค์"))
    audience = models.CharField(_("กลุ่มเป้าหมาย"), max_length=200)
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=4, decimal_places=1)
    outline = models.TextField(_("เนื้อหาโดยสังเขป (Markdown)"))
    lessons = models.ManyToManyField("lessons.Lesson", blank=True, verbose_name=_("บทเรียนที่ใช้"))
    topics = models.ManyToManyField("lessons.Topic", blank=True, verbose_name=_("หัวข้อ"))
    teaching_district = models.ForeignKey(
        "districts.District", on_delete=models.PROTECT, verbose_name=_("เขตนำร่องที่สอน")
    )

    class Meta:
        db_table = "handbook_trainingmodule"
        ordering = ["order", "pk"]
        verbose_name = _("หน่วยการเรียนรู้")
        verbose_name_plural = _("หลักสูตร")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=100), name="module_hours_range"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.hours is not None and not (0 < self.hours <= 100):
            errors["hours"] = _("จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 100")
        if self.teaching_district_id and not self.teaching_district.is_pilot:
            errors["teaching_district"] = _("เขตที่สอนต้องเป็นเขตนำร่อง")
        if errors:
            raise ValidationError(errors)


class Course(models.Model):
    """A course (หลักสูตร): curriculum modules in order, a version and a pass mark."""

    title = models.CharField(_("ชื่อหลักสูตร"), max_length=200)
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    objectives = models.TextField(_("วัตถุประสงค์"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("คะแนนผ่าน (ร้อยละ)"), default=60, validators=SCORE_VALIDATORS
    )
    # The pilot that wrote the course and its test; blank for the strategy office's own.
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("เขตนำร่องที่จัดทำ"),
    )
    modules = models.ManyToManyField(
        TrainingModule, through="CourseModule", blank=True, verbose_name=_("หน่วยการเรียนรู้")
    )
    is_active = models.BooleanField(_("เปิดใช้"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "-version", "pk"]
        verbose_name = _("หลักสูตรอบรม")
        verbose_name_plural = _("หลักสูตรอบรม")
        constraints = [
            models.UniqueConstraint(fields=["title", "version"], name="course_title_version"),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="course_pass_mark_range"),
            models.CheckConstraint(condition=Q(version__gte=1), name="course_version_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({_('ฉบับที่')} {self.version})"

    def clean(self):
        if self.district_id and not self.district.is_pilot:
            raise ValidationError({"district": _("หลักสูตรจัดทำโดยเขตนำร่องหรือสำนักยุทธศาสตร์")})


class CourseModule(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_modules")
    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "module"], name="course_module_once")
        ]

    def __str__(self):
        return f"{self.course_id}: {self.module_id}"


class Question(models.Model):
    """One multiple-choice question of a course's pre/post test."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "ลำดับ"), default=0)
    text = models.TextField(_("คำถาม"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("คำถาม")
        verbose_name_plural = _("คำถาม")

    def __str__(self):
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "ลำดับ"), default=0)
    text = models.CharField(_("ตัวเลือก"), max_length=300)
    is_correct = models.BooleanField(_("คำตอบที่ถูก"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ตัวเลือก")
        verbose_name_plural = _("ตัวเลือก")
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="choice_one_correct"
            )
        ]

    def __str__(self):
        return self.text
