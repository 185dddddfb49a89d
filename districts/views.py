from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from bangphlat.kept import kept_html, query_key
from bangphlat.versions import version
from districts.filters import DistrictFilter
from districts.models import District
from districts.page import district_body


@login_required
def district_list(request):
    # The 50 districts are reference data, the same list for every reader: the filters, table
    # and pages are kept per query string and language under ``epoch``, which every change of
    # a district or a zone group bumps (districts/apps.py). A reload is one version read.
    body = kept_html(
        f"district-list:{query_key(request)}",
        version("epoch"),
        "districts/_district_list_body.html",
        lambda: _list_context(request),
        request,
    )
    return render(request, "districts/district_list.html", {"body": body})


def _list_context(request) -> dict:
    queryset = District.objects.select_related("zone_group").thai_order()
    district_filter = DistrictFilter(request.GET, queryset=queryset)
    page = Paginator(district_filter.qs, 50).get_page(request.GET.get("page"))
    return {"filter": district_filter, "page_obj": page, "districts": page.object_list}


@login_required
def district_detail(request, code):
    district = get_object_or_404(District.objects.select_related("zone_group"), code=code)
    # Each app's panel (districts/_panels.html) asks its own access rules what to show; the
    # body is kept per reader until the district's data changes (districts/page.py).
    body = district_body(request, district)
    return render(request, "districts/district_detail.html", {"district": district, "body": body})
