from django.contrib import admin

from lessons.models import Interviewee, Lesson, LessonRevision, Topic, Transition


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
    fields = ["name", "role", "consent", "order"]


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


@admin.register(LessonRevision)
class LessonRevisionAdmin(admin.ModelAdmin):
    list_display = ["lesson", "number", "created_at"]
    readonly_fields = [f.name for f in LessonRevision._meta.fields] + ["topics"]

    def has_add_permission(self, request):
        return False  # a revision is made only by approving a lesson
