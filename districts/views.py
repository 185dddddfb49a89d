from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from districts.filters import DistrictFilter
from districts.models import District
from districts.page import district_body


@login_required
def district_list(request):
    queryset = District.objects.select_related("zone_group").thai_order()
    district_filter = DistrictFilter(request.GET, queryset=queryset)
    page = Paginator(district_filter.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "districts/district_list.html",
        {"filter": district_filter, "page_obj": page, "districts": page.object_list},
    )


@login_required
def district_detail(request, code):
    district = get_object_or_404(District.objects.select_related("zone_group"), code=code)
    # Each app's panel (districts/_panels.html) asks its own access rules what to show; the
    # body is kept per reader until the district's data changes (districts/page.py).
    body = district_body(request, district)
    return render(request, "districts/district_detail.html", {"district": district, "body": body})
