"""Two-factor login (BIO): a TOTP app with ten single-use recovery codes (django-otp).

Every person who logs in with a password (staff, team leads, `beheer`, municipality
users) confirms the login with a code before seeing anything. Systems (role `koppeling`)
use API tokens and are not asked. ``TWO_FACTOR_REQUIRED=false`` switches the demand off
(development only).
"""

import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .roles import Rol, group_names

RECOVERY_CODES = 10
EXEMPT_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/melding/", "/webhooks/")


def requires_two_factor(user) -> bool:
    """Everyone but a pure system account (role `koppeling` and nothing else)."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    roles = group_names(user)
    return user.is_staff or not roles or bool(roles - {Rol.KOPPELING})


class TwoFactorMiddleware:
    """Sends a logged-in user without a confirmed second factor to set one up or to enter
    a code; API calls on such a session are refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and requires_two_factor(user)
            and not user.is_verified()
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Bevestig eerst uw login met de tweede factor.")}, status=403
                )
            target = "twofactor-verify" if user_has_device(user) else "twofactor-setup"
            return HttpResponseRedirect(
                f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code uit de app, of een herstelcode"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


class SetupView(LoginRequiredMixin, FormView):
    """Link an authenticator app: scan the QR code, enter a code; then the recovery codes
    are shown once."""

    template_name = "regio/twofactor_setup.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user, confirmed=True):
            return redirect(f"{reverse('twofactor-verify')}?{urlencode({'next': _next(request)})}")
        return super().dispatch(request, *args, **kwargs)

    SESSION_KEY = "twofactor_setup_device"

    def device(self) -> TOTPDevice:
        """The secret being linked belongs to this session only: a new setup (another
        login with the same password) gets a new secret and voids the old one."""
        session = self.request.session
        device = TOTPDevice.objects.filter(
            pk=session.get(self.SESSION_KEY), user=self.request.user, confirmed=False
        ).first()
        if device is None:
            TOTPDevice.objects.filter(user=self.request.user, confirmed=False).delete()
            device = TOTPDevice.objects.create(
                user=self.request.user, name=_("authenticator-app"), confirmed=False
            )
            session[self.SESSION_KEY] = device.pk
        return device

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.device()
        context.update(
            qr=_qr_svg(device.config_url),
            geheim=device.config_url.split("secret=")[1].split("&")[0],
            next=_next(self.request),
            page_title=_("Tweestapsverificatie instellen"),
        )
        return context

    def form_valid(self, form):
        device = self.device()
        if not device.verify_token(form.cleaned_data["code"].strip()):
            form.add_error("code", _("Deze code klopt niet. Probeer de nieuwste code uit de app."))
            return self.form_invalid(form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        self.request.session.pop(self.SESSION_KEY, None)
        TOTPDevice.objects.filter(user=self.request.user, confirmed=False).delete()
        otp_login(self.request, device)
        static = StaticDevice.objects.create(user=self.request.user, name=_("herstelcodes"))
        codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
        return self.response_class(
            request=self.request,
            template="regio/twofactor_codes.html",
            context={
                "codes": codes,
                "next": _next(self.request),
                "page_title": _("Uw herstelcodes"),
                "view": self,
            },
        )


class VerifyView(LoginRequiredMixin, FormView):
    template_name = "regio/twofactor_verify.html"
    form_class = CodeForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(next=_next(self.request), page_title=_("Login bevestigen"))
        return context

    def form_valid(self, form):
        code = form.cleaned_data["code"].strip().replace(" ", "")
        for device in devices_for_user(self.request.user, confirmed=True):
            if device.verify_token(code):
                otp_login(self.request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(
                        self.request,
                        _("U gebruikte een herstelcode; er zijn er nog %(n)s.") % {"n": left},
                    )
                return HttpResponseRedirect(_next(self.request))
        form.add_error("code", _("Deze code klopt niet."))
        return self.form_invalid(form)


urlpatterns = [
    path("", VerifyView.as_view(), name="twofactor-verify"),
    path("instellen/", SetupView.as_view(), name="twofactor-setup"),
]


class SystemTokenAuthentication(TokenAuthentication):
    """API tokens are for systems (role `koppeling`): a person's token would skip the
    second factor."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if requires_two_factor(user):
            raise AuthenticationFailed(
                _("Een API-token is alleen voor systemen (rol koppeling); log als persoon in.")
            )
        return user, token
