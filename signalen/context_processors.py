from django.utils.functional import cached_property

from regio.roles import has_staff_role


class Badge:
    """The number of waiting signals in the top bar, asked only when a page shows it
    (one query per page)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def zichtbaar(self) -> bool:
        return has_staff_role(self.user)

    @cached_property
    def aantal(self) -> int:
        from .selectors import unread_count

        return unread_count(self.user) if self.zichtbaar else 0


def signalen(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"signalen_badge": Badge(user)}
