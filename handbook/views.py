from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangphlat.files import serve_stored_file
from handbook import content, selectors, services
from handbook import render as book
from handbook.access import (
    can_build_handbook,
    can_download_edition,
    can_edit_curriculum,
    can_edit_front_matter,
    can_publish_handbook,
)
from handbook.forms import BuildForm, FrontMatterForm, TrainingModuleForm
from handbook.models import EditionStatus, FrontMatter, Selection
from training.models import TrainingModule


@login_required
def handbook_home(request):
    editions = Paginator(selectors.editions_visible_to(request.user), 20).get_page(
        request.GET.get("page")
    )
    user = request.user
    return render(
        request,
        "handbook/home.html",
        {
            "page_obj": editions,
            "editions": editions.object_list,
            "build_form": BuildForm(user=user),
            "can_build_all": can_publish_handbook(user),
            "own_district": user.district
            if can_build_handbook(user, Selection.DISTRICT, getattr(user.district, "code", ""))
            else None,
            "front_matter_keys": FrontMatter.Key.choices,
            "modules": selectors.curriculum(),
        },
    )


@login_required
@require_POST
def build(request):
    form = BuildForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("ขอบเขตของคู่มือไม่ถูกต้อง"))
        return redirect("handbook:home")
    selection, value = form.selection_and_value()
    edition, created = services.request_build(by=request.user, selection=selection, value=value)
    if not created and edition.status == EditionStatus.READY:
        messages.info(request, _("เนื้อหาไม่เปลี่ยนจากฉบับที่สร้างไว้แล้ว จึงใช้ไฟล์เดิมได้ทันที"))
    return redirect(edition)


@login_required
def edition_detail(request, pk):
    edition = selectors.edition_for(request.user, pk)
    return render(
        request,
        "handbook/edition.html",
        {"edition": edition, "can_publish": can_publish_handbook(request.user)},
    )


@login_required
def edition_status(request, pk):
    edition = selectors.edition_for(request.user, pk)
    return JsonResponse(
        {
            "status": edition.status,
            "label": edition.get_status_display(),
            "finished": edition.is_finished,
        }
    )


@login_required
def edition_download(request, pk):
    edition = selectors.edition_for(request.user, pk)
    if not can_download_edition(request.user, edition):
        raise Http404
    if services.file_missing(edition):
        # The PDF is gone (a database restored without its files): build it again from the
        # edition's own snapshot, byte for byte the same book, instead of failing.
        services.retry_build(edition=edition)
        messages.warning(request, _("ไม่พบไฟล์ของฉบับนี้ ระบบกำลังสร้างใหม่จากข้อมูลชุดเดิม"))
        return redirect(edition)
    # ?format=archival: the PDF/A copy, for editions built since it was offered.
    archival = request.GET.get("format") == "archival" and bool(edition.archival_file)
    return serve_stored_file(
        request,
        edition.archival_file if archival else edition.file,
        attachment=True,
        filename=f"bangphlat-handbook-{edition.number}{'-pdfa' if archival else ''}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def edition_publish(request, pk):
    edition = selectors.edition_for(request.user, pk)
    services.publish(edition=edition, by=request.user)
    messages.success(request, _("เผยแพร่ฉบับนี้แล้ว"))
    return redirect(edition)


@login_required
def preview(request):
    """The next edition as HTML, straight from the current approved lessons (no PDF: page
    numbers exist only in the built file). Only what a published book would show: approved
    revisions, and no district figures the reader's district pages do not show them."""
    snapshot = content.mask_figures(
        content.collect(), district_codes=selectors.figure_districts_for(request.user)
    )
    html, _warnings = book.render_html(
        snapshot, content.edition_meta(title=services.TITLE, number=0)
    )
    return HttpResponse(html)


@login_required
def front_matter_edit(request, key):
    if not can_edit_front_matter(request.user):
        raise PermissionDenied
    if key not in FrontMatter.Key.values:
        raise Http404
    item = FrontMatter.objects.filter(key=key).first() or FrontMatter(
        key=key, title=FrontMatter.Key(key).label
    )
    form = FrontMatterForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.front_matter_save(key=key, by=request.user, **form.cleaned_data)
        messages.success(request, _("บันทึกแล้ว"))
        return redirect("handbook:home")
    return render(request, "handbook/front_matter_form.html", {"form": form, "item": item})


# --- Curriculum (the strategy office) ---------------------------------------------------------
@login_required
def module_edit(request, pk=None):
    if not can_edit_curriculum(request.user):
        raise PermissionDenied
    module = get_object_or_404(TrainingModule, pk=pk) if pk else None
    form = TrainingModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        services.curriculum_module_save(module=module, by=request.user, **form.cleaned_data)
        messages.success(request, _("บันทึกหน่วยการเรียนรู้แล้ว"))
        return redirect("handbook:home")
    return render(request, "handbook/module_form.html", {"form": form, "module": module})


@login_required
@require_POST
def module_delete(request, pk):
    if not can_edit_curriculum(request.user):
        raise PermissionDenied
    services.curriculum_module_delete(
        module=get_object_or_404(TrainingModule, pk=pk), by=request.user
    )
    messages.success(request, _("ลบหน่วยการเรียนรู้แล้ว"))
    return redirect("handbook:home")


@login_required
@require_POST
def edition_rebuild(request, pk):
    """Queue a failed (or abandoned) build again from its own stored snapshot."""
    edition = selectors.edition_for(request.user, pk)
    if not can_publish_handbook(request.user):
        raise PermissionDenied
    if not services.retry_build(edition=edition):
        messages.info(request, _("ฉบับนี้ไม่ต้องสร้างใหม่: สร้างเสร็จแล้วหรือกำลังสร้างอยู่"))
    return redirect(edition)
