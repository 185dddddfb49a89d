from django.contrib import admin

from handbook.models import Edition, FrontMatter


@admin.register(FrontMatter)
class FrontMatterAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "updated_at"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "status", "page_count", "published", "created_at"]
    list_filter = ["status", "published"]
    readonly_fields = [
        "content_hash",
        "inputs",
        "status",
        "error",
        "warnings",
        "page_count",
        "build_seconds",
        "file",
    ]
