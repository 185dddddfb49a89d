"""/api/v1/ training endpoints: courses, runs with their sessions, participants and
completion, attendance and assessments. Thin: ``training.access`` decides, ``training.services``
writes (exactly once per submission key for attendance and scores), ``training.selectors``
reads. A run the user may not see is a 404 (as a page would be); one the user sees but does not
run is a 403."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from accounts.models import User
from api import serializers_training as s
from api.pagination import ApiCursorPagination
from api.views import _messages
from communities.models import Community
from districts.models import District
from mentoring.models import Trainer
from training import access, selectors, services
from training.models import Course, CourseRun, Participant, RunSession, TrainingModule

KEY_CONFLICT = _("คีย์การส่งนี้ถูกใช้ไปแล้วกับรายการอื่น กรุณาใช้คีย์ใหม่")


class ByPk(ApiCursorPagination):
    ordering = "pk"


def _call(write, **kwargs):
    """A service call with its refusals as API answers (400 in Thai, 403, 409)."""
    try:
        return write(**kwargs)
    except DjangoValidationError as error:
        raise ValidationError(_messages(error)) from None
    except DjangoPermissionDenied:
        raise PermissionDenied(_("คุณไม่มีสิทธิ์ดำเนินการกับรุ่นการอบรมนี้")) from None
    except services.KeyConflict:
        raise ValidationError({"submission_key": [KEY_CONFLICT]}) from None


def _district(code, field):
    district = District.objects.filter(code=code).first()
    if district is None:
        raise ValidationError({field: [_("ไม่พบเขตรหัส %(code)s") % {"code": code}]})
    return district


def _visible_run(request, pk) -> CourseRun:
    run = CourseRun.objects.select_related("course", "host").filter(pk=pk).first()
    if run is None or not access.can_view_run(request.user, run):
        raise NotFound
    return run


def _managed(request, run) -> None:
    if not access.can_manage_run(request.user, run):
        raise PermissionDenied(_("เฉพาะเขตที่จัดอบรมและสำนักยุทธศาสตร์เท่านั้นที่แก้ไขรุ่นนี้ได้"))


@extend_schema_view(
    list=extend_schema(summary="หลักสูตรอบรม / Courses"),
    retrieve=extend_schema(summary="หลักสูตรหนึ่งหลักสูตร / One course"),
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """หลักสูตรที่เปิดใช้ พร้อมหน่วยการเรียนรู้ตามลำดับ / Active courses with their modules."""

    serializer_class = s.CourseSerializer
    pagination_class = ByPk
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return selectors.course_list()


@extend_schema_view(
    list=extend_schema(summary="รุ่นการอบรมที่ผู้ใช้มีสิทธิ์ดู / Course runs the user may see"),
    retrieve=extend_schema(summary="รุ่นการอบรมหนึ่งรุ่น / One course run"),
    create=extend_schema(
        summary="เปิดรุ่นการอบรม / Create a course run",
        description=(
            "เขตนำร่องจัดให้เขตของตนเอง สำนักยุทธศาสตร์จัดได้ทุกเขตนำร่อง เขตอื่นได้ 403 / "
            "pilot staff for their own district, the strategy office for any pilot; 403 for "
            "others. Without target_districts the host's mentees are invited."
        ),
        request=s.RunCreateSerializer,
        responses={201: s.CourseRunSerializer},
    ),
)
class CourseRunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """รุ่นการอบรม / Course runs: the host district, invited districts, the strategy office."""

    serializer_class = s.CourseRunSerializer
    pagination_class = ByPk
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CourseRun.objects.none()
        return selectors.run_list(user=self.request.user)

    def get_object(self):
        return _visible_run(self.request, self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        if not access.can_run_courses(request.user):
            raise PermissionDenied(_("เฉพาะเขตนำร่องและสำนักยุทธศาสตร์เท่านั้นที่จัดอบรมได้"))
        body = s.RunCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        host = _district(data["host_district"], "host_district")
        if not host.is_pilot:
            raise ValidationError({"host_district": [_("เขตที่จัดอบรมต้องเป็นเขตนำร่อง")]})
        course = Course.objects.filter(pk=data["course"], is_active=True).first()
        if course is None:
            raise ValidationError({"course": [_("ไม่พบหลักสูตรนี้")]})
        targets = None
        if "target_districts" in data:
            targets = [_district(code, "target_districts") for code in data["target_districts"]]
        trainers = list(Trainer.objects.filter(pk__in=data["trainers"]))
        if len(trainers) != len(set(data["trainers"])):
            raise ValidationError({"trainers": [_("ไม่พบวิทยากรบางคน")]})
        run = _call(
            services.course_run_create, by=request.user, course=course, host=host,
            starts_on=data["starts_on"], ends_on=data["ends_on"], capacity=data["capacity"],
            venue=data["venue"], online_url=data["online_url"], target_districts=targets,
            trainers=trainers,
        )  # fmt: skip
        return Response(s.CourseRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="ช่วงการอบรมของรุ่น / The run's sessions",
        responses={200: s.RunSessionSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="เพิ่มช่วงการอบรม / Add a session",
        request=s.RunSessionCreateSerializer,
        responses={201: s.RunSessionSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def sessions(self, request, pk=None):
        run = _visible_run(request, pk)
        if request.method == "GET":
            return Response(s.RunSessionSerializer(run.sessions.all(), many=True).data)
        _managed(request, run)
        body = s.RunSessionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        module = None
        if data.get("module"):
            module = TrainingModule.objects.filter(pk=data["module"]).first()
            if module is None:
                raise ValidationError({"module": [_("ไม่พบหน่วยการเรียนรู้นี้")]})
        session = _call(
            services.session_add, run=run, by=request.user, date=data["date"],
            title=data["title"], module=module,
        )  # fmt: skip
        return Response(s.RunSessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="ผู้เข้าอบรม (ชื่อแสดงเฉพาะผู้มีสิทธิ์) / Participants (names only where allowed)",
        responses={200: s.ParticipantSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="ลงทะเบียนผู้เข้าอบรม / Enrol a participant",
        description=(
            "ผู้ใช้พอร์ทัล {username} หรือผู้ที่ไม่มีบัญชี {name, role, district, consent} "
            "เกินจำนวนที่รับจะอยู่ในรายชื่อรอ / a portal user or a person without an account; "
            "past capacity the status is waitlisted."
        ),
        request=s.EnrolSerializer,
        responses={201: s.EnrolledSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def participants(self, request, pk=None):
        run = _visible_run(request, pk)
        if request.method == "GET":
            rows = selectors.participant_rows(user=request.user, run=run)
            return Response(s.ParticipantSerializer(rows, many=True).data)
        _managed(request, run)
        body = s.EnrolSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        person = {}
        if data.get("username"):
            user = User.objects.filter(username=data["username"], is_active=True).first()
            if user is None:
                raise ValidationError({"username": [_("ไม่พบผู้ใช้นี้")]})
            person["user"] = user
        else:
            person.update(name=data["name"], phone=data["phone"], consent=data["consent"])
        if data.get("district"):
            person["district"] = _district(data["district"], "district")
        if data.get("community"):
            person["community"] = Community.objects.filter(pk=data["community"]).first()
            if person["community"] is None:
                raise ValidationError({"community": [_("ไม่พบชุมชนนี้")]})
        participant = _call(
            services.participant_enroll, run=run, by=request.user, role=data["role"], **person
        )
        return Response(s.EnrolledSerializer(participant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="จบการอบรมและออกวุฒิบัตร / Complete the run and issue certificates",
        description=(
            "เข้าอบรม ≥ 80 % ของช่วงการอบรมและคะแนนหลังอบรม ≥ คะแนนผ่าน ได้วุฒิบัตร "
            "เรียกซ้ำไม่ออกซ้ำ / attendance ≥ 80 % and a post-test ≥ the pass mark; "
            "idempotent."
        ),
        request=None,
        responses={200: s.CompletedSerializer},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        run = _visible_run(request, pk)
        _managed(request, run)
        certificates = _call(services.course_run_complete, run=run, by=request.user)
        return Response(s.CompletedSerializer({"certificates": certificates}).data)


def _participant(request, pk) -> Participant:
    participant = Participant.objects.select_related("run__host").filter(pk=pk).first()
    if participant is None or not access.can_view_run(request.user, participant.run):
        raise ValidationError({"participant": [_("ไม่พบผู้เข้าอบรมนี้")]})
    _managed(request, participant.run)
    return participant


class AttendanceViewSet(viewsets.GenericViewSet):
    """การเข้าอบรม (ครั้งเดียวต่อคีย์การส่ง) / Attendance, exactly once per submission key."""

    serializer_class = s.AttendanceSerializer

    @extend_schema(
        summary="บันทึกการเข้าอบรม / Record attendance",
        description="ส่งซ้ำด้วยคีย์เดิมได้ 200 ไม่บันทึกซ้ำ / the same key again answers 200.",
        request=s.AttendanceCreateSerializer,
        responses={201: s.AttendanceSerializer, 200: s.AttendanceSerializer},
    )
    def create(self, request):
        body = s.AttendanceCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        participant = _participant(request, data["participant"])
        session = RunSession.objects.filter(pk=data["session"], run=participant.run).first()
        if session is None:
            raise ValidationError({"session": [_("ไม่พบช่วงการอบรมนี้ในรุ่นของผู้เข้าอบรม")]})
        row, created = _call(
            services.attendance_record, session=session, participant=participant,
            present=data["present"], by=request.user, key=data["submission_key"],
        )  # fmt: skip
        return Response(
            s.AttendanceSerializer(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AssessmentViewSet(viewsets.GenericViewSet):
    """คะแนนก่อน/หลังอบรม (ครั้งเดียวต่อคีย์การส่ง) / Pre/post scores, once per key."""

    serializer_class = s.AssessmentSerializer

    @extend_schema(
        summary="บันทึกคะแนนทดสอบ / Record a test score",
        description="คะแนน 0–100 ส่งซ้ำด้วยคีย์เดิมได้ 200 / a score 0–100; the same key: 200.",
        request=s.AssessmentCreateSerializer,
        responses={201: s.AssessmentSerializer, 200: s.AssessmentSerializer},
    )
    def create(self, request):
        body = s.AssessmentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        participant = _participant(request, data["participant"])
        row, created = _call(
            services.assessment_record, participant=participant, kind=data["kind"],
            score=data["score"], by=request.user, key=data["submission_key"],
        )  # fmt: skip
        return Response(
            s.AssessmentSerializer(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
