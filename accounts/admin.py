from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "district", "is_active"]
    list_filter = ["role", "district__zone_group", "is_active"]
    list_select_related = ["district"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("บทบาทในโครงการ"), {"fields": ["role", "district"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("บทบาทในโครงการ"), {"fields": ["role", "district"]}),
    ]
