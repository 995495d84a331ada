"""API permissions: reading follows visibility (the querysets); writing goes through capdev.accounts.permissions."""
from rest_framework.permissions import SAFE_METHODS, BasePermission

from capdev.accounts import permissions as perms


class WritesByRole(BasePermission):
    """Anyone may read (each viewset's queryset shows only what the user may see); writes need the editor's rights."""

    message = "You may not change this."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        check = getattr(view, "may_write", None)
        return check(request) if check else perms.can_manage_reference_data(user)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE" and not perms.is_portfolio_admin(request.user):
            return perms.can_change_row_in_place(request.user, obj) and getattr(view, "editors_may_delete", False)
        return perms.can_change_row_in_place(request.user, obj)
