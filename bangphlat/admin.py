"""Shared pieces for the Django admin.

The admin is for reference data and for looking things up. Records with rules of their own
(versions, month locks, dashboard figures, review states) are written only through the apps'
services, which the portal's pages use; their admin pages are read-only (issue: one write path).
"""


class ReadOnlyAdminMixin:
    """View and search only: add, change and delete happen in the portal, through services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
