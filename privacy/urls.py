from django.urls import path  # noqa: F401 (the two helpers add their paths)

app_name = "privacy"

urlpatterns = [
    # /privacy/ — the record of processing (h28b)
    # /privacy/requests/… — find, export and erase one person's data (h28a)
]
