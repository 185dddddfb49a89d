from django.contrib import admin

from lessons.models import (
    ConsentWithdrawal,
    Interviewee,
    Lesson,
    LessonRevision,
    Topic,
    Transition,
)
from lessons.services import interviewees_replace


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "order"]
    list_editable = ["order"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]


class IntervieweeInline(admin.TabularInline):
    model = Interviewee
    extra = 0
    fields = ["name", "role", "consent", "order", "consent_recorded_by", "consent_recorded_at"]
    readonly_fields = ["consent_recorded_by", "consent_recorded_at"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "step", "status", "updated_at"]
    list_filter = ["status", "step", "district__zone_group"]
    list_select_related = ["district"]
    search_fields = ["title"]
    inlines = [IntervieweeInline, TransitionInline]
    # The text is written in the portal (versioned, reviewed); here only interviewees' consent
    # can be withdrawn, which hides a name from every revision at once.
    readonly_fields = [f.name for f in Lesson._meta.get_fields() if f.concrete]

    def has_add_permission(self, request):
        return False

    def save_formset(self, request, form, formset, change):
        """The interviewees go through the service: consent records, the withdrawal log, and
        the revisions (and printed books) forgetting a withdrawn name."""
        if formset.model is not Interviewee:
            return super().save_formset(request, form, formset, change)
        kept = sorted(
            (
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ),
            key=lambda data: data.get("order") or 0,
        )
        interviewees_replace(lesson=form.instance, people=kept, by=request.user)
        # The rows were replaced, not edited one by one: the admin's change message has none.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(ConsentWithdrawal)
class ConsentWithdrawalAdmin(admin.ModelAdmin):
    """The log is read, never written by hand."""

    list_display = ["withdrawn_at", "lesson", "withdrawn_by", "revisions_changed"]
    readonly_fields = ["withdrawn_at", "lesson", "withdrawn_by", "revisions_changed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LessonRevision)
class LessonRevisionAdmin(admin.ModelAdmin):
    list_display = ["lesson", "number", "created_at"]
    readonly_fields = [f.name for f in LessonRevision._meta.fields] + ["topics"]

    def has_add_permission(self, request):
        return False  # a revision is made only by approving a lesson
