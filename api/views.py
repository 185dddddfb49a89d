"""/api/v1/: thin read views over the apps' selectors, scoped by the apps' access rules (the
same functions the pages and exports call). Writes go through communities.services."""

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers, services
from api.forms import SnapshotFilter
from api.pagination import ApiCursorPagination
from communities import selectors as community_selectors
from communities.models import ActivityType, IndicatorSnapshot
from dashboard import selectors as dashboard_selectors
from dashboard.access import can_view_all_district_dashboard
from dashboard.forms import DashboardFilter
from districts.access import can_view_districts
from districts.models import District
from handbook import selectors as handbook_selectors
from handbook.models import Edition
from lessons import selectors as lesson_selectors
from lessons.forms import LessonFilterForm
from mentoring import selectors as mentoring_selectors
from mentoring.access import (
    can_view_pairings,
    filter_readable,
    readable_district_ids,
    stage_changes_visible_to,
)
from mentoring.models import Pairing, StageChange


def _param(name, description, type_=str, enum=None):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, enum=enum)


DISTRICT = _param("district", "รหัสเขต เช่น 1025 / district code, e.g. 1025")


KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _messages(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            field if field != "__all__" else "non_field_errors": [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


def _query(request, *names) -> dict:
    return {name: request.query_params.get(name, "") for name in names}


def _valid_filters(form) -> dict:
    """The page's own filter form read the API's query: a parameter the page would ignore is a
    400 with the form's Thai message here (a client must learn its query was not applied)."""
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.cleaned_data


class ByCode(ApiCursorPagination):
    ordering = "code"


class ByOrder(ApiCursorPagination):
    ordering = ("order", "pk")


class ByDate(ApiCursorPagination):
    ordering = ("-date", "-pk")


@extend_schema_view(
    list=extend_schema(summary="เขตทั้ง 50 เขต / The 50 districts"),
    retrieve=extend_schema(summary="เขตหนึ่งเขต / One district"),
)
class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    """ข้อมูลพื้นฐานของเขต เปิดให้ผู้ใช้ที่เข้าสู่ระบบทุกคน / Public district profiles."""

    serializer_class = serializers.DistrictSerializer
    pagination_class = ByCode
    lookup_field = "code"

    def get_queryset(self):
        if not can_view_districts(self.request.user):
            return District.objects.none()
        return District.objects.select_related("zone_group")


@extend_schema_view(list=extend_schema(summary="ประเภทกิจกรรมที่ใช้งาน / Activity types in use"))
class ActivityTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """ประเภทกิจกรรมสำหรับบันทึกกิจกรรม / The activity types an activity may have."""

    serializer_class = serializers.ActivityTypeSerializer
    pagination_class = ByOrder

    def get_queryset(self):
        if not can_view_districts(self.request.user):
            return ActivityType.objects.none()
        return ActivityType.objects.filter(is_active=True)


COMMUNITY_FILTERS = ("district", "community_type", "model_step", "status", "q")


@extend_schema_view(
    list=extend_schema(
        summary="ชุมชน / Communities",
        parameters=[
            DISTRICT,
            _param("community_type", "ประเภทชุมชน / community type"),
            _param("model_step", "ขั้นตามรูปแบบ / model step"),
            _param("status", "สถานะ / status"),
            _param("q", "ค้นหาชื่อหรือที่ตั้ง / search name or address"),
        ],
    ),
    retrieve=extend_schema(summary="ชุมชนหนึ่งแห่ง / One community"),
)
class CommunityViewSet(viewsets.ReadOnlyModelViewSet):
    """ชุมชนในเขตที่ผู้ใช้มีสิทธิ์อ่าน ชื่อและโทรศัพท์ประธานแสดงเฉพาะผู้มีสิทธิ์ /
    Communities of the districts the user may read; the chair's contact only where allowed."""

    serializer_class = serializers.CommunitySerializer

    def get_queryset(self):
        filters = _query(self.request, *COMMUNITY_FILTERS) if self.action == "list" else {}
        return community_selectors.community_list(user=self.request.user, filters=filters)


@extend_schema_view(
    list=extend_schema(
        summary="กิจกรรม / Activities",
        parameters=[
            DISTRICT,
            _param("community", "รหัสชุมชน (id) / community id", int),
            _param("date_from", "ตั้งแต่วันที่ / from date", OpenApiTypes.DATE),
            _param("date_to", "ถึงวันที่ / to date", OpenApiTypes.DATE),
            _param(
                "q",
                "ค้นหาชื่อกิจกรรมหรือชื่อชุมชน (ไม่สนใจคำว่าชุมชน เว้นวรรค เลขไทย) / search the "
                "title or community name (prefix, spaces and Thai digits do not matter)",
            ),
        ],
    ),
    retrieve=extend_schema(summary="กิจกรรมหนึ่งรายการ / One activity"),
    create=extend_schema(
        summary="บันทึกกิจกรรม (ครั้งเดียวต่อคีย์การส่ง) / Record an activity (once per key)",
        description=(
            "ตรวจสอบเหมือนแบบฟอร์มบนเว็บ ส่งซ้ำด้วย submission_key เดิมได้กิจกรรมเดิม (200) "
            "ไม่สร้างซ้ำ / Validated as the web form; a resend with the same submission_key "
            "returns the activity already created (200) and never duplicates it."
        ),
        request=serializers.ActivityCreateSerializer,
        responses={201: serializers.ActivitySerializer, 200: serializers.ActivitySerializer},
    ),
)
class ActivityViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """กิจกรรมของชุมชนในเขตที่ผู้ใช้มีสิทธิ์อ่าน / Activities the user may read."""

    def create(self, request, *args, **kwargs):
        data = request.data
        if not isinstance(data, Mapping):
            raise ValidationError({"non_field_errors": [_("ข้อมูลที่ส่งต้องเป็นออบเจ็กต์ JSON")]})
        key = str(data.get("submission_key", ""))
        if not KEY_PATTERN.fullmatch(key):
            raise ValidationError(
                {"submission_key": [_("ต้องมีคีย์การส่ง 20–64 ตัวอักษร (A-Z a-z 0-9 _ -) เช่น UUID")]}
            )
        try:
            activity, created = services.activity_submit(by=request.user, key=key, data=data)
        except services.KeyConflict:
            return Response(
                {"detail": _("คีย์การส่งนี้ถูกใช้ไปแล้ว กรุณาใช้คีย์ใหม่")},
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            raise ValidationError(_messages(error)) from None
        body = serializers.ActivitySerializer(activity, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    serializer_class = serializers.ActivitySerializer
    pagination_class = ByDate

    def get_queryset(self):
        # The list page's FilterSet (communities/filters.py); its cursor keeps newest first.
        data = self.request.query_params if self.action == "list" else None
        activity_filter, qs = community_selectors.activity_page(
            user=self.request.user, data=data, rank=False
        )
        if activity_filter.is_bound and not activity_filter.is_valid():
            raise ValidationError(activity_filter.errors)
        return qs


@extend_schema_view(
    list=extend_schema(
        summary="ข้อมูลตัวชี้วัดรายปี / Indicator snapshots",
        parameters=[
            DISTRICT,
            _param("community", "รหัสชุมชน (id) / community id", int),
            _param("year", "ปี พ.ศ. / Buddhist-era year", int),
        ],
    ),
)
class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    """ข้อมูลตัวชี้วัดครัวเรือนรายปีของชุมชน / Yearly household indicators of communities."""

    serializer_class = serializers.SnapshotSerializer

    def get_queryset(self):
        filters = {}
        if not getattr(self, "swagger_fake_view", False):
            query = _query(self.request, "district", "community", "year")
            filters = _valid_filters(SnapshotFilter(query))
        qs = filter_readable(
            self.request.user,
            IndicatorSnapshot.objects.filter(community__is_deleted=False),
            "community__district",
        )
        if filters.get("district"):
            qs = qs.filter(community__district__code=filters["district"])
        if filters.get("community"):
            qs = qs.filter(community_id=filters["community"])
        if filters.get("year"):
            qs = qs.filter(year=filters["year"])
        return qs


@extend_schema_view(
    list=extend_schema(
        summary="การจับคู่พี่เลี้ยง / Mentoring pairings",
        parameters=[DISTRICT, _param("status", "สถานะ / status")],
    ),
)
class PairingViewSet(viewsets.ReadOnlyModelViewSet):
    """เขตพี่เลี้ยงและเขตที่ได้รับการพี่เลี้ยง / Mentor and mentee districts."""

    serializer_class = serializers.PairingSerializer

    def get_queryset(self):
        if not can_view_pairings(self.request.user):
            return Pairing.objects.none()
        filters = _query(self.request, "district", "status")
        qs = Pairing.objects.select_related("mentor", "mentee")
        if filters["district"]:
            qs = qs.filter(mentor__code=filters["district"]) | qs.filter(
                mentee__code=filters["district"]
            )
        if filters["status"]:
            qs = qs.filter(status=filters["status"])
        return qs


@extend_schema_view(
    list=extend_schema(
        summary="การประชุมพี่เลี้ยง / Mentoring sessions",
        parameters=[_param("mentor", "รหัสเขตพี่เลี้ยง / mentor district code")],
    ),
)
class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """การประชุมพี่เลี้ยงที่ผู้ใช้มีสิทธิ์ดู (เขตพี่เลี้ยง เขตที่เข้าร่วม สำนักยุทธศาสตร์) /
    Mentoring sessions the user may see."""

    serializer_class = serializers.SessionSerializer
    pagination_class = ByDate

    def get_queryset(self):
        qs = mentoring_selectors.sessions_for(self.request.user)
        if mentor := self.request.query_params.get("mentor"):
            qs = qs.filter(mentor__code=mentor)
        return qs


@extend_schema_view(
    list=extend_schema(summary="ประวัติขั้นการขยายผล / Rollout stage history", parameters=[DISTRICT]),
)
class StageChangeViewSet(viewsets.ReadOnlyModelViewSet):
    """การเปลี่ยนขั้นการขยายผลของเขต (ข้อเสนอที่ยังไม่พิจารณาเฉพาะผู้มีสิทธิ์) /
    Districts' rollout stage changes (pending proposals only for those who decide them)."""

    serializer_class = serializers.StageChangeSerializer

    def get_queryset(self):
        qs = stage_changes_visible_to(
            self.request.user, StageChange.objects.select_related("district")
        )
        if district := self.request.query_params.get("district"):
            qs = qs.filter(district__code=district)
        return qs


LESSON_FILTERS = ("district", "step", "topic", "dimension", "status", "q")


@extend_schema_view(
    list=extend_schema(
        summary="บทเรียน / Lessons learned",
        parameters=[DISTRICT, *(_param(name, name) for name in LESSON_FILTERS[1:])],
    ),
    retrieve=extend_schema(summary="บทเรียนหนึ่งเรื่อง / One lesson"),
)
class LessonViewSet(viewsets.ReadOnlyModelViewSet):
    """บทเรียน: เขตอื่นเห็นเฉพาะฉบับที่อนุมัติแล้ว ชื่อผู้ให้สัมภาษณ์แสดงเมื่อได้รับความยินยอม /
    Lessons: other districts read the approved revision only; interviewees' names only with
    consent."""

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.LessonDetailSerializer
        return serializers.LessonListSerializer

    def get_queryset(self):
        filters = {}
        if self.action == "list" and not getattr(self, "swagger_fake_view", False):
            query = _query(self.request, *LESSON_FILTERS)
            # Only the asked district is a choice: no query for the 50 when none is asked.
            asked = District.objects.filter(code=query["district"]) if query["district"] else []
            form = LessonFilterForm(query, districts=asked)
            filters = _valid_filters(form)
        return lesson_selectors.lesson_list(user=self.request.user, filters=filters)


@extend_schema_view(list=extend_schema(summary="คู่มือฉบับพิมพ์ / Handbook editions"))
class EditionViewSet(viewsets.ReadOnlyModelViewSet):
    """ข้อมูลคู่มือ พร้อมลิงก์ดาวน์โหลดที่ตรวจสิทธิ์ / Handbook editions with a protected
    download link."""

    serializer_class = serializers.EditionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is written without a user
            return Edition.objects.none()
        return handbook_selectors.editions_visible_to(self.request.user)


DASHBOARD_ROW_FIELDS = (
    "code",
    "name",
    "zone_group",
    "is_pilot",
    "stage",
    "registered",
    "engaged",
    "activities",
    "participants",
    "lessons_approved",
    "lessons_submitted",
    "progress",
)


class DashboardView(APIView):
    """ตัวเลขแดชบอร์ดตามปีงบประมาณ: สำนักยุทธศาสตร์เห็นทุกเขต เขตอื่นเห็นเขตที่มีสิทธิ์อ่าน /
    Dashboard figures per fiscal year: every district for the strategy office, the readable
    districts for others."""

    @extend_schema(
        summary="ตัวเลขแดชบอร์ด / Dashboard figures",
        parameters=[
            _param("fy", "ปีงบประมาณ พ.ศ. / fiscal year (BE)", int),
            _param("zone_group", "กลุ่มเขต / zone group slug"),
            _param("kind", "pilot หรือ mentee", enum=["pilot", "mentee"]),
            _param("approved", "เฉพาะเดือนที่อนุมัติแล้ว / approved months only", bool),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        query = _query(request, "fy", "zone_group", "kind")
        # As documented before the form read it: approved=1/true/on; 0 and false are off.
        if request.query_params.get("approved", "").lower() in ("1", "true", "on"):
            query["approved"] = "on"
        form = DashboardFilter(query)
        _valid_filters(form)
        filters = form.values()
        fiscal_year, approved_only = filters["fiscal_year"], filters["approved_only"]
        if can_view_all_district_dashboard(request.user):
            data = dashboard_selectors.dashboard_data(**filters)
        else:
            ids = readable_district_ids(request.user)
            if not ids:
                raise PermissionDenied(_("คุณไม่มีสิทธิ์ดูแดชบอร์ดนี้"))
            data = dashboard_selectors.dashboard_data(
                fiscal_year=fiscal_year, district_ids=ids, light=True, approved_only=approved_only
            )
        return Response(
            {
                "fiscal_year": data["fiscal_year"],
                "approved_only": data["approved_only"],
                "as_of": data.get("as_of"),
                "totals": data["totals"],
                "rows": [{k: row[k] for k in DASHBOARD_ROW_FIELDS} for row in data["rows"]],
            }
        )
