from django.contrib import admin

from training.models import (
    Assessment,
    Attendance,
    Certificate,
    Choice,
    Course,
    CourseModule,
    CourseRun,
    Participant,
    Question,
    RunSession,
    TrainingModule,
)


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "hours", "teaching_district"]
    filter_horizontal = ["lessons", "topics"]


class CourseModuleInline(admin.TabularInline):
    model = CourseModule
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "pass_mark", "district", "is_active"]
    list_filter = ["is_active"]
    inlines = [CourseModuleInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["course", "order", "text"]
    list_select_related = ["course"]
    inlines = [ChoiceInline]


class RunSessionInline(admin.TabularInline):
    model = RunSession
    extra = 0
    exclude = ["checkin_code", "checkin_expires_at"]


@admin.register(CourseRun)
class CourseRunAdmin(admin.ModelAdmin):
    list_display = ["course", "host", "starts_on", "ends_on", "capacity", "status"]
    list_filter = ["status", "host"]
    list_select_related = ["course", "host"]
    filter_horizontal = ["trainers", "target_districts"]
    inlines = [RunSessionInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "run", "district", "kind", "status", "waitlist_position"]
    list_filter = ["status", "kind"]
    list_select_related = ["user", "run__course", "run__host", "district"]
    raw_id_fields = ["run", "user", "community"]
    readonly_fields = ["consent_recorded_by", "consent_recorded_at", "personal_code"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "participant", "present", "source", "recorded_at"]
    raw_id_fields = ["session", "participant"]
    readonly_fields = ["submission_key"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["participant", "kind", "score", "recorded_at"]
    raw_id_fields = ["participant"]
    readonly_fields = ["submission_key"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "participant", "issued_at", "revoked_at"]
    raw_id_fields = ["participant"]
    readonly_fields = ["code", "issued_at", "revoked_at", "revoked_by", "revoke_reason"]
