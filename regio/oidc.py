"""OpenID Connect login for municipalities with their own identity provider (optional;
on when ``OIDC_RP_CLIENT_ID`` is set). Only existing, active accounts can log in this
way, matched on the e-mail address the provider vouches for; roles stay as `beheer`
gave them. The second factor of this product is still asked."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class ExistingUserBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):  # pragma: no cover - OIDC_CREATE_USER is False
        return None
