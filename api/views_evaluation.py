"""/api/v1/evaluation/: the staged-rollout impact evaluation (evaluation.selectors), for the
strategy office and administrators (evaluation.access)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from evaluation import selectors
from evaluation.access import can_view_evaluation
from evaluation.choices import (
    DEFAULT_OUTCOME,
    DEFAULT_STAGE,
    OBSERVATIONAL,
    OUTCOMES,
    STAGES,
    warning_messages,
)


class EvaluationQuerySerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=list(OUTCOMES),
        default=DEFAULT_OUTCOME,
        error_messages={"invalid_choice": _("ไม่รู้จักตัวชี้วัด “{input}”")},
    )
    stage = serializers.ChoiceField(
        choices=STAGES,
        default=DEFAULT_STAGE,
        error_messages={"invalid_choice": _("ไม่รู้จักขั้นการขยายผล “{input}”")},
    )


class EventYearSerializer(serializers.Serializer):
    rel_year = serializers.IntegerField(help_text="ปีเทียบกับปีที่เริ่ม / years since adoption")
    att = serializers.FloatField()
    ci_low = serializers.FloatField()
    ci_high = serializers.FloatField()
    n_units = serializers.IntegerField()
    reference = serializers.BooleanField(help_text="ปีอ้างอิง (−1) / the reference year")


class TwfeSerializer(serializers.Serializer):
    att = serializers.FloatField()
    ci_low = serializers.FloatField()
    ci_high = serializers.FloatField()


class EvaluationSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    stage = serializers.CharField()
    method = serializers.CharField()
    unit = serializers.CharField(help_text="percentage_points")
    att = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    n_communities = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    n_treated_districts = serializers.IntegerField()
    n_comparison_districts = serializers.IntegerField()
    event_study = EventYearSerializer(many=True)
    twfe = TwfeSerializer(allow_null=True)
    warnings = serializers.ListField(child=serializers.CharField())
    observational = serializers.CharField()


class EvaluationView(APIView):
    """ผลการประเมินการขยายผลแบบขั้นบันได (ผลต่างของผลต่าง) สำหรับสำนักยุทธศาสตร์และผู้ดูแลระบบ /
    The staged-rollout evaluation (difference in differences), strategy office and admins."""

    @extend_schema(
        summary="ผลของการขยายผลต่อสัดส่วนครัวเรือนที่ขาด / Effect of the rollout on need",
        parameters=[
            OpenApiParameter("outcome", str, OpenApiParameter.QUERY, enum=list(OUTCOMES)),
            OpenApiParameter("stage", str, OpenApiParameter.QUERY, enum=STAGES),
        ],
        responses={200: EvaluationSerializer},
    )
    def get(self, request):
        if not can_view_evaluation(request.user):
            raise PermissionDenied(_("เฉพาะสำนักยุทธศาสตร์และผู้ดูแลระบบ"))
        query = EvaluationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.evaluation(**query.validated_data)
        return Response(
            {
                **{
                    key: result[key]
                    for key in EvaluationSerializer._declared_fields
                    if key in result
                },
                "unit": "percentage_points",
                "warnings": warning_messages(result["warning_codes"]),
                "observational": str(OBSERVATIONAL),
            }
        )
