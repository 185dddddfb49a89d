import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


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
