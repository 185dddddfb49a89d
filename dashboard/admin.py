from django.contrib import admin

from dashboard.models import DistrictTarget


@admin.register(DistrictTarget)
class DistrictTargetAdmin(admin.ModelAdmin):
    list_display = [
        "district",
        "fiscal_year",
        "communities_engaged",
        "activities",
        "lessons_approved",
    ]
    list_filter = ["fiscal_year"]
