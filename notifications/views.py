"""The mails sent about one object, as a page of its own (detail pages use the include)."""

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from dossieroverleg.selectors import is_hidden


class MailsForObjectView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    # Staff may read the outbox (regio/roles.py); municipalities and systems may not. The
    # mails about a secret dossier, or a record of one, only who may see that dossier.
    permission_required = "notifications.view_notificatie"
    raise_exception = True
    template_name = "notifications/verzonden_mails.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model"])
        except LookupError as exc:
            raise Http404 from exc
        obj = model._default_manager.filter(pk=kwargs["pk"]).first()
        if obj is None or is_hidden(self.request.user, obj):
            raise Http404
        context.update(object=obj, page_title=_("E-mails over %(obj)s") % {"obj": obj})
        return context


urlpatterns = [
    path(
        "<str:app_label>/<str:model>/<int:pk>/",
        MailsForObjectView.as_view(),
        name="verzonden-mails",
    ),
]
