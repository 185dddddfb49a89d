from django.contrib import admin
from django.urls import include, path

from accounts import urls as accounts_urls
from accounts import views as accounts_views
from api import views_pages as api_pages
from bangphlat import export_views, files, pwa, views
from lineoa import views as line_views
from notices import views as notices_views

# The user's own page sits in the accounts namespace but is built by notices (a layer above
# accounts): only this composition root may join the two.
accounts_patterns = [
    *accounts_urls.urlpatterns,
    path("profile/", notices_views.profile, name="profile"),
]

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The installable app: at the root, as a service worker must be to control every page.
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("accounts/tokens/", api_pages.tokens, name="tokens"),
    path("accounts/tokens/<int:pk>/revoke/", api_pages.token_revoke, name="token_revoke"),
    # Linking LINE: an account page, but lineoa sits above accounts.
    path("accounts/line/", line_views.link_page, name="line_link"),
    path("accounts/line/action/", line_views.link_action, name="line_link_action"),
    path("accounts/", include((accounts_patterns, accounts_urls.app_name))),
    path("districts/", include("districts.urls")),
    path("communities/", include("communities.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("lessons/", include("lessons.urls")),
    path("handbook/", include("handbook.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("reporting/", include("reporting.urls")),
    # /training/… and the public /certificates/<code>/ (one namespace, "training")
    path("", include("training.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("line/", include("lineoa.urls")),
    path("api/v1/", include("api.urls")),
    path("open-data/", include("opendata.urls")),
    path("privacy/", include("privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Uploaded and generated files, only after a permission check (never a public folder).
    path("media/<path:name>", files.media_file, name="media"),
    # Large exports built by the worker: progress, then the file.
    path("exports/<str:code>/", export_views.export_job, name="export_job"),
    path("exports/<str:code>/download/", export_views.export_download, name="export_download"),
]
