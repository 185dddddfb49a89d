from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from bangphlat import permissions


@login_required
def home(request):
    """Land each role where its work is: district staff on their district."""
    user = request.user
    if user.district_id and not permissions.sees_all_districts(user):
        return redirect("districts:detail", code=user.district.code)
    return redirect("districts:list")


@never_cache
def healthz(request):
    """Liveness with a real database round trip, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone()[0] == 1
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok" if ok else "error"})
