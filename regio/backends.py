"""Who may do what, read once per request in one query.

Django's ``ModelBackend`` reads a user's own permissions and those of their groups in two
queries, and the roles (``regio.roles.group_names``: the group names, for the menus and
the need-to-know rules) took a third, on every page. :class:`PermissionsBackend` reads all
three in one query, with the same caches on the user object as ``ModelBackend``
(``_user_perm_cache``, ``_group_perm_cache``, ``_perm_cache``) and the roles beside them
(``_role_names``), so every other check in the request reads them from there.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, Value


def load(user) -> None:
    """Fill the user object's caches of permissions and roles with one query."""
    own = (
        Permission.objects.filter(user=user)
        .values_list("content_type__app_label", "codename", Value("", output_field=CharField()))
        .order_by()
    )
    # A group without permissions still names a role: its row has no permission.
    via_groups = (
        Group.objects.filter(user=user)
        .values_list("permissions__content_type__app_label", "permissions__codename", "name")
        .order_by()
    )
    user_perms, group_perms, roles = set(), set(), set()
    for app_label, codename, group in own.union(via_groups, all=True):
        if group:
            roles.add(group)
        if codename is None:
            continue
        (group_perms if group else user_perms).add(f"{app_label}.{codename}")
    user._role_names = frozenset(roles)
    if user.is_superuser:
        return  # ModelBackend gives a superuser every permission, read as it reads them
    user._user_perm_cache = user_perms
    user._group_perm_cache = group_perms
    user._perm_cache = user_perms | group_perms


class PermissionsBackend(ModelBackend):
    """``ModelBackend`` whose permissions and roles come from :func:`load`."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache") and not user_obj.is_superuser:
            load(user_obj)
        return super().get_all_permissions(user_obj, obj)
