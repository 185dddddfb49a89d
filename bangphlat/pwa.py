"""The installable web app: its manifest and its service worker.

Both are views, not static files: the service worker must be served from the root to control
every page (a script under /static/ could only control /static/), and both name static files
through the staticfiles storage, so production gets whitenoise's hashed names.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# What the activity form loads, so that it opens without a connection. A file this list names
# but the storage lacks (a helper's file not merged yet) is skipped, never a failed install.
OFFLINE_STATIC = [
    "vendor/bootstrap/bootstrap.min.css",
    "css/portal.css",
    "fonts/sarabun/Sarabun-Regular.ttf",
    "fonts/sarabun/Sarabun-SemiBold.ttf",
    "fonts/sarabun/Sarabun-Bold.ttf",
    "fonts/sarabun/Sarabun-Light.ttf",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/portal.js",
    "js/thai_date.js",
    "vendor/idb/idb.umd.js",
    "js/offline_entry.js",
    "vendor/browser-image-compression/browser-image-compression.js",
    "js/photo_shrink.js",
    "icons/icon-192.png",
]


def _static_urls(names):
    urls = []
    for name in names:
        try:
            urls.append(static(name))
        except ValueError:  # the manifest storage does not know it
            continue
    return urls


@require_safe
@cache_control(max_age=86400)
def manifest(request):
    """Fetched by the browser without cookies, so always in Thai, the portal's first language."""
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "id": "/",
        "name": _("พอร์ทัลบางพลัดโมเดล"),
        "short_name": _("บางพลัดโมเดล"),
        "lang": "th",
        "dir": "ltr",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f8f9fa",
        "theme_color": "#1f6f50",
        "icons": icons,
        "shortcuts": [
            {"name": _("บันทึกกิจกรรม"), "url": reverse("communities:activity_create")},
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    """no-cache: a new deployment's worker (new hashed names) must reach phones at once."""
    config = {
        "form": reverse("communities:activity_create"),
        "home": reverse("home"),
        "offline": reverse("offline"),
        # When even the offline page was never kept (a phone that logged out): plain words.
        "offlineText": {
            "lang": "th",
            "title": _("ไม่มีการเชื่อมต่ออินเทอร์เน็ต"),
            "body": _("หน้านี้เปิดไม่ได้เพราะไม่มีสัญญาณ เมื่อมีสัญญาณแล้วกรุณาลองอีกครั้ง"),
            "retry": _("ลองอีกครั้ง"),
        },
        "staticPrefix": settings.STATIC_URL,
        "static": _static_urls(OFFLINE_STATIC),
    }
    source = render_to_string("pwa/sw.js", {"config": json.dumps(config)})
    # A new list of files (a deployment) gives a new cache; the old one is dropped.
    version = hashlib.sha256(source.encode()).hexdigest()[:12]
    source = source.replace("__VERSION__", version)
    return HttpResponse(source, content_type="text/javascript; charset=utf-8")


@require_safe
@login_required
@cache_control(private=True, no_cache=True)
def offline(request):
    """The page the service worker shows for any page of the portal that cannot be opened
    without a connection (kept on the phone with the form): what still works offline, and
    the entries waiting on this phone (templates/_offline_panel.html)."""
    return render(request, "pwa/offline.html")
