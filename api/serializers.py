"""What the API shows of each object; personal data masked by the same permission questions
the pages ask (``can_view_chair_contact``, ``can_view_interviewees``)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from communities.access import can_view_chair_contact
from communities.models import Activity, ActivityType, Community, IndicatorSnapshot
from districts.models import District
from handbook.access import can_download_edition
from handbook.models import Edition
from lessons import selectors as lesson_selectors
from lessons.access import can_see_lesson_working_copy, can_view_interviewees
from lessons.models import Lesson, LessonStatus
from mentoring.models import MentoringSession, Pairing, StageChange


def _user(serializer):
    return serializer.context["request"].user


class DistrictSerializer(serializers.ModelSerializer):
    zone_group = serializers.CharField(source="zone_group.name_th")

    class Meta:
        model = District
        fields = ["code", "name_th", "name_en", "zone_group", "is_pilot", "rollout_stage"]


class ActivityTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityType
        fields = ["id", "name_th", "name_en"]


class CommunitySerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code")
    chair_name = serializers.SerializerMethodField(help_text="ชื่อประธาน (ซ่อนหากไม่มีสิทธิ์)")
    chair_phone = serializers.SerializerMethodField(help_text="โทรศัพท์ประธาน (ซ่อนหากไม่มีสิทธิ์)")

    class Meta:
        model = Community
        fields = [
            "id",
            "code",
            "district",
            "name",
            "number",
            "community_type",
            "households",
            "population",
            "male",
            "female",
            "registered_on",
            "address",
            "latitude",
            "longitude",
            "status",
            "model_step",
            "step_changed_on",
            "chair_name",
            "chair_phone",
            "updated_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_chair_name(self, community):
        if can_view_chair_contact(_user(self), community):
            return community.chair_name
        return None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_chair_phone(self, community):
        if can_view_chair_contact(_user(self), community):
            return community.chair_phone
        return None


class ActivitySerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code", read_only=True)
    activity_type_name = serializers.CharField(source="activity_type.name_th", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "community",
            "district",
            "date",
            "title",
            "activity_type",
            "activity_type_name",
            "model_step",
            "principles",
            "participants_total",
            "participants_women",
            "participants_elderly",
            "participants_disabled",
            "participants_youth",
            "participants_welfare_card",
            "budget",
            "funding_source",
            "outcome",
            "updated_at",
        ]
        read_only_fields = ["id", "district", "activity_type_name", "updated_at"]


class ActivityCreateSerializer(ActivitySerializer):
    """The fields of the activity form; ``submission_key`` makes a resend harmless."""

    submission_key = serializers.CharField(
        write_only=True,
        max_length=64,
        help_text="คีย์การส่งที่ไม่ซ้ำกัน (เช่น UUID) ส่งซ้ำด้วยคีย์เดิมจะไม่สร้างกิจกรรมซ้ำ / "
        "A unique key per submission (e.g. a UUID): a resend never duplicates.",
    )
    community = serializers.PrimaryKeyRelatedField(queryset=Community.objects.alive())

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "submission_key"]


class SnapshotSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorSnapshot
        exclude = ["created_at"]


class PairingSerializer(serializers.ModelSerializer):
    mentor = serializers.CharField(source="mentor.code")
    mentee = serializers.CharField(source="mentee.code")

    class Meta:
        model = Pairing
        fields = ["id", "mentor", "mentee", "start_date", "end_date", "status", "note"]


class SessionSerializer(serializers.ModelSerializer):
    mentor = serializers.CharField(source="mentor.code")
    mentees = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = MentoringSession
        fields = ["id", "date", "mentor", "mentees", "kind", "topics", "attendee_count", "notes"]


class StageChangeSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code")

    class Meta:
        model = StageChange
        fields = ["id", "district", "stage", "previous_stage", "changed_on", "reason", "status"]


class LessonListSerializer(serializers.ModelSerializer):
    """Outsiders read the approved revision only; the district and reviewers the working copy."""

    district = serializers.CharField(source="district.code")
    title = serializers.SerializerMethodField()
    step = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Lesson
        fields = ["id", "district", "title", "step", "status"]

    def _source(self, lesson):
        working = can_see_lesson_working_copy(_user(self), lesson)
        return working, lesson.text_source(working)

    def get_title(self, lesson) -> str:
        return self._source(lesson)[1].title

    def get_step(self, lesson) -> str:
        return self._source(lesson)[1].step

    def get_status(self, lesson) -> str:
        working, _source = self._source(lesson)
        return lesson.status if working else LessonStatus.APPROVED


class LessonDetailSerializer(LessonListSerializer):
    sections = serializers.SerializerMethodField()
    shown = serializers.SerializerMethodField()

    class Meta(LessonListSerializer.Meta):
        fields = [*LessonListSerializer.Meta.fields, "sections", "shown"]

    def get_sections(self, lesson) -> dict[str, str]:
        source = self._source(lesson)[1]
        return {name: text for name, _label, text in lesson_selectors.sections_of(source)}

    @extend_schema_field(serializers.JSONField())
    def get_shown(self, lesson):
        """Topics, dimensions, interviewees (names only with consent or for the district),
        authors: exactly what the lesson page shows this user."""
        working = self._source(lesson)[0]
        shown = lesson_selectors.lesson_display(
            lesson,
            working=working,
            full_interviewees=can_view_interviewees(_user(self), lesson),
        )
        return {
            "topics": shown["topics"],
            "dimensions": [str(d) for d in shown["dimensions"]],
            "interviewees": [i["label"] for i in shown["interviewees"]],
            "authors": [str(a) for a in shown["authors"]],
            "communities": [c["name"] for c in shown["communities"]],
        }


class EditionSerializer(serializers.ModelSerializer):
    lesson_count = serializers.IntegerField(read_only=True)
    download_url = serializers.SerializerMethodField(
        help_text="ลิงก์ดาวน์โหลด (ต้องเข้าสู่ระบบ) / download link (login required)"
    )

    class Meta:
        model = Edition
        fields = [
            "id",
            "title",
            "number",
            "selection",
            "selection_value",
            "status",
            "published",
            "page_count",
            "built_at",
            "lesson_count",
            "download_url",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, edition):
        if not can_download_edition(_user(self), edition):
            return None
        return self.context["request"].build_absolute_uri(
            reverse("handbook:download", args=[edition.pk])
        )
