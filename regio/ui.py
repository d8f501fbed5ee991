"""Building blocks for the staff UI shell (viewflow Material): a page in an app's menu."""

from django.urls import path
from viewflow.urls import AppMenuMixin, Viewset
from viewflow.utils import Icon


class MenuPage(AppMenuMixin, Viewset):
    """One page listed in an Application's menu, shown only to users with ``permission``."""

    def __init__(
        self,
        *,
        app_name: str,
        title,
        icon: str,
        view,
        permission: str | None = None,
        extra_paths: tuple = (),
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.app_name = app_name
        self.title = title
        self.icon = Icon(icon)
        self._view = view
        self.permission = permission
        self._extra_paths = extra_paths

    @property
    def index_path(self):
        return path("", self._view, name="index")

    def _get_urls(self):
        return [*super()._get_urls(), *self._extra_paths]

    def has_view_permission(self, user, obj=None) -> bool:
        if not user.is_authenticated:
            return False
        return self.permission is None or user.has_perm(self.permission)
