"""Who may see and manage a flow's processes and tasks.

viewflow decides with model permissions on its own Process model unless the flow says
otherwise (DESIGN.md section 4; viewflow issue #505): every flow here overrides both with
the permissions of the domain it orchestrates.
"""

from regio.roles import has_staff_role


class DomainPermissionsMixin:
    """Flow pages are for the region's staff with the domain permission; municipality
    users and systems (API accounts) never see viewflow's process and task pages."""

    view_permission: str = ""
    manage_permission: str = ""

    def has_view_permission(self, user, obj=None) -> bool:
        return has_staff_role(user) and user.has_perm(self.view_permission)

    def has_manage_permission(self, user, obj=None) -> bool:
        return has_staff_role(user) and user.has_perm(self.manage_permission)
