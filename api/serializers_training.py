"""The training endpoints' bodies and answers. Participants' names follow
``training.access.can_view_participant_personal_data`` (the interviewees' rule): a row the
user may only count has ``name`` null."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from training.models import AssessmentKind, Course, Participant

SCORE_RANGE = _("คะแนนต้องเป็นตัวเลขระหว่าง 0 ถึง 100")
# Ids beyond a bigint would be a database error (a 500), not a 404.
ID = {"min_value": 1, "max_value": 2**63 - 1}
SCORE_ERRORS = (
    "invalid",
    "max_value",
    "min_value",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "max_string_length",
)
KEY_HELP = "คีย์การส่ง 20–64 ตัวอักษร ส่งซ้ำด้วยคีย์เดิมไม่บันทึกซ้ำ / a one-time key (20–64 chars)"


class CourseSerializer(serializers.ModelSerializer):
    modules = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = ["id", "title", "version", "pass_mark", "modules"]

    def get_modules(self, course) -> list[dict]:
        return [
            {
                "id": cm.module_id,
                "order": cm.order,
                "title": cm.module.title,
                "hours": str(cm.module.hours),
            }
            for cm in course.course_modules.all()
        ]


class RunCreateSerializer(serializers.Serializer):
    course = serializers.IntegerField(**ID, help_text="รหัสหลักสูตร (id) / course id")
    host_district = serializers.CharField(max_length=4, help_text="รหัสเขตนำร่องที่จัด เช่น 1025")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    capacity = serializers.IntegerField(min_value=1, max_value=1000)
    target_districts = serializers.ListField(
        child=serializers.CharField(max_length=4), required=False, max_length=50,
        help_text="รหัสเขตเป้าหมาย (ไม่ระบุ = เขตที่ได้รับการดูแลของเขตที่จัด) / invited districts",
    )  # fmt: skip
    venue = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    online_url = serializers.URLField(max_length=200, required=False, allow_blank=True, default="")
    trainers = serializers.ListField(
        child=serializers.IntegerField(**ID), required=False, max_length=50, default=list
    )


class CourseRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course = serializers.IntegerField(source="course_id")
    course_title = serializers.CharField(source="course.title")
    host_district = serializers.CharField(source="host.code")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    venue = serializers.CharField()
    online_url = serializers.CharField()
    capacity = serializers.IntegerField()
    status = serializers.CharField()


class RunSessionCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    title = serializers.CharField(max_length=200)
    module = serializers.IntegerField(**ID, required=False, allow_null=True)


class RunSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField()
    module = serializers.IntegerField(source="module_id", allow_null=True)


class EnrolSerializer(serializers.Serializer):
    """Either ``username`` (a portal user) or ``name`` + ``district`` + ``consent``."""

    username = serializers.CharField(max_length=150, required=False)
    name = serializers.CharField(max_length=200, required=False)
    role = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    district = serializers.CharField(max_length=4, required=False)
    community = serializers.IntegerField(**ID, required=False, allow_null=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    consent = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        if not data.get("username") and not data.get("name"):
            raise serializers.ValidationError(
                {"username": [_("กรุณาระบุชื่อผู้ใช้ หรือชื่อ-สกุลของผู้ที่ไม่มีบัญชีผู้ใช้")]}
            )
        return data


class ParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="participant.pk")
    status = serializers.CharField(source="participant.status")
    waitlist_position = serializers.IntegerField(
        source="participant.waitlist_position", allow_null=True
    )
    kind = serializers.CharField(source="participant.kind")
    district = serializers.CharField(source="participant.district.code")
    name = serializers.CharField(allow_null=True, help_text="ชื่อ (ซ่อนหากไม่มีสิทธิ์) / masked")
    role = serializers.SerializerMethodField()

    def get_role(self, row) -> str:
        return row.participant.role


class EnrolledSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "status", "waitlist_position"]


class AttendanceCreateSerializer(serializers.Serializer):
    session = serializers.IntegerField(**ID)
    participant = serializers.IntegerField(**ID)
    present = serializers.BooleanField()
    submission_key = serializers.CharField(max_length=64, help_text=KEY_HELP)


class AttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id")
    participant = serializers.IntegerField(source="participant_id")
    present = serializers.BooleanField()


class AssessmentCreateSerializer(serializers.Serializer):
    participant = serializers.IntegerField(**ID)
    kind = serializers.ChoiceField(choices=AssessmentKind.choices)
    score = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, max_value=100, coerce_to_string=False,
        error_messages=dict.fromkeys(SCORE_ERRORS, SCORE_RANGE),
    )  # fmt: skip
    submission_key = serializers.CharField(max_length=64, help_text=KEY_HELP)


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    participant = serializers.IntegerField(source="participant_id")
    kind = serializers.CharField()
    score = serializers.DecimalField(max_digits=4, decimal_places=1, coerce_to_string=False)


class IssuedSerializer(serializers.Serializer):
    participant = serializers.IntegerField(source="participant_id")
    code = serializers.CharField()


class CompletedSerializer(serializers.Serializer):
    certificates = IssuedSerializer(many=True)
