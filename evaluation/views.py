"""/evaluation/: the staged-rollout evaluation page and its downloads (strategy office and
administrators)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bangphlat import exports
from evaluation import figures, selectors
from evaluation.access import can_view_evaluation
from evaluation.choices import (
    DEFAULT_OUTCOME,
    DEFAULT_STAGE,
    OBSERVATIONAL,
    OUTCOMES,
    STAGES,
    stage_label,
    warning_messages,
)
from evaluation.exports import panel_exporter, results_exporter


class EvaluationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("ตัวชี้วัด"), choices=list(OUTCOMES.items()), required=False,
        error_messages={"invalid_choice": _("ไม่รู้จักตัวชี้วัดนี้ ใช้ตัวชี้วัดเริ่มต้นแทน")},
    )  # fmt: skip
    stage = forms.ChoiceField(
        label=_("นับว่าเริ่มดำเนินการเมื่อเข้าสู่ขั้น"), required=False,
        error_messages={"invalid_choice": _("ไม่รู้จักขั้นนี้ ใช้ขั้นเริ่มต้นแทน")},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(stage, stage_label(stage)) for stage in STAGES]

    def values(self) -> tuple[str, str]:
        """The chosen outcome and stage; a bad or missing one falls back to the default."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("outcome") or DEFAULT_OUTCOME, data.get("stage") or DEFAULT_STAGE


def _allowed(request):
    if not can_view_evaluation(request.user):
        raise PermissionDenied


@login_required
def home(request):
    _allowed(request)
    form = EvaluationForm(request.GET or None)
    outcome, stage = form.values()
    if not form.is_bound:
        form = EvaluationForm(initial={"outcome": outcome, "stage": stage})
    result = selectors.evaluation(outcome, stage)
    return render(
        request,
        "evaluation/home.html",
        {
            "form": form,
            "result": result,
            "outcome_label": OUTCOMES[outcome],
            "stage_label": stage_label(stage),
            "headline": figures.headline(result),
            "verdict": figures.verdict(result),
            "unit": figures.unit(outcome),
            "chart": figures.event_chart(result),
            "event_rows": figures.event_rows(result),
            "warnings": warning_messages(result["warning_codes"]),
            "observational": OBSERVATIONAL,
            "query": f"outcome={outcome}&stage={stage}",
        },
    )


@login_required
def download(request, what, fmt):
    _allowed(request)
    if fmt not in exports.FORMATS:
        raise Http404
    outcome, stage = EvaluationForm(request.GET or None).values()
    if what == "panel":
        return panel_exporter(outcome, stage).response(fmt)
    if what == "results":
        return results_exporter(selectors.evaluation(outcome, stage)).response(fmt)
    raise Http404
