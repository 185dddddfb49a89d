"""/privacy/requests/…: the data-protection officer finds a person's data, hands them a copy
and erases it. Every form is POSTed, even the search: a person's name or phone never goes
into an address, so it stays out of the access logs and the browser history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from privacy import exports, selectors, services
from privacy.access import can_handle_personal_data_requests
from privacy.categories import category_label
from privacy.forms import EraseForm, ExportForm, FindForm
from privacy.models import LegalBasis, PersonalDataRequest

PREVIEW_PSEUDONYM = services.PSEUDONYM_PREFIX + "??????"


def _allowed(request):
    if not can_handle_personal_data_requests(request.user):
        raise PermissionDenied


def _groups(found):
    return [(category_label(key), hits) for key, hits in found.by_category()]


@login_required
def find(request):
    _allowed(request)
    form = FindForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = selectors.find_person(form.query)
    context = {"form": form, "found": found, "groups": _groups(found) if found else []}
    context["bases"] = [(b.value, b.label) for b in (LegalBasis.ACCESS, LegalBasis.PORTABILITY)]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "privacy/find.html", context, status=status)


@login_required
@require_POST
def export(request):
    _allowed(request)
    form = ExportForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "found": None, "groups": []}
        return render(request, "privacy/find.html", context, status=400)
    found = selectors.find_person(form.query)
    fmt = form.cleaned_data["fmt"]
    services.export_logged(
        found=found, fmt=fmt, by=request.user, legal_basis=form.cleaned_data["legal_basis"]
    )
    if fmt == "pdf":
        body, content_type = exports.export_pdf(found), "application/pdf"
    else:
        body, content_type = exports.export_json(found), "application/json; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    # No name in the file name: it is seen in download lists and mail attachments.
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def erase(request):
    """First POST (from the finding): the confirmation page; the second, confirmed: erase."""
    _allowed(request)
    confirming = request.POST.get("step") == "confirm"
    form = EraseForm(request.POST if confirming else None, initial={"q": request.POST.get("q")})
    query_form = FindForm(request.POST)
    if not query_form.is_valid():
        context = {"form": query_form, "found": None, "groups": []}
        return render(request, "privacy/find.html", context, status=400)
    if confirming and form.is_valid():
        erased = services.personal_data_erase(
            query=form.query,
            reason=form.cleaned_data["reason"],
            legal_basis=form.cleaned_data["legal_basis"],
            by=request.user,
        )
        messages.success(
            request,
            _("ลบแล้ว %(places)s รายการ แทนด้วยนามแฝง %(pseudonym)s")
            % {"places": erased.places, "pseudonym": erased.pseudonym},
        )
        return redirect("privacy:request_log")
    found = selectors.find_person(query_form.query)
    context = {
        "form": form,
        "q": query_form.cleaned_data["q"],
        "found": found,
        "changes": services.erase_preview(found, pseudonym=PREVIEW_PSEUDONYM),
        "editions": [hit for hit in found.hits if hit.place.after_erase is not None],
        "placeholder": PREVIEW_PSEUDONYM,
    }
    return render(request, "privacy/erase_confirm.html", context, status=400 if confirming else 200)


@login_required
def request_log(request):
    _allowed(request)
    entries = PersonalDataRequest.objects.select_related("by")[:200]
    rows = [
        (entry, [(category_label(k), n) for k, n in entry.categories.items()]) for entry in entries
    ]
    return render(request, "privacy/request_log.html", {"rows": rows})
