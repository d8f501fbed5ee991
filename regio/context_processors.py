from .roles import ROLES, group_names


def roles(request) -> dict:
    """The current user's roles (group names known to the product), for menus and pages."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": []}
    names = group_names(user)
    return {"user_roles": [role for role in ROLES if role in names]}


def login_options(request) -> dict:
    from django.conf import settings

    return {"oidc_enabled": settings.OIDC_ENABLED}
