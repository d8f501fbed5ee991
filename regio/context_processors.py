from .roles import ROLES


def roles(request) -> dict:
    """The current user's roles (group names known to the product), for menus and pages."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": []}
    names = {group.name for group in user.groups.all()}
    return {"user_roles": [role for role in ROLES if role in names]}


def login_options(request) -> dict:
    from django.conf import settings

    return {"oidc_enabled": settings.OIDC_ENABLED}
