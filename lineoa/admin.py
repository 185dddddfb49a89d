"""View-only in the admin: links are made by the user's code and removed on the page or by an
unfollow; the outbox shows what went out and what failed. An administrator may delete a link
(queued pushes to it are then skipped)."""

from django.contrib import admin

from lineoa.models import LineLink, LineMessage


class ViewOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LineLink)
class LineLinkAdmin(ViewOnly):
    list_display = ["user", "linked_at"]
    search_fields = ["user__username"]


@admin.register(LineMessage)
class LineMessageAdmin(ViewOnly):
    list_display = ["user", "created_at", "status", "attempts", "sent_at", "error"]
    list_filter = ["status"]
    search_fields = ["user__username"]
    exclude = ["text", "brief"]  # the administrator sees the state, not the content

    def has_delete_permission(self, request, obj=None):
        return False
