import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from bangphlat import permissions

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """Land each role where its work is: district staff on their district, the strategy office
    on the dashboard (what waits for it)."""
    user = request.user
    if user.district_id and not permissions.sees_all_districts(user):
        return redirect("districts:detail", code=user.district.code)
    if permissions.is_strategy(user):
        return redirect("dashboard:home")
    return redirect("districts:list")


@never_cache
def healthz(request):
    """Liveness with a real database round trip, for load balancers and monitoring.

    Anyone may ask, so the answer says only ok or error; the reason goes to the log."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        logger.exception("healthz: database check failed")
        ok = False
    if not ok:
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})
