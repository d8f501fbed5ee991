"""The address a request comes from, also behind reverse proxies (``TRUSTED_PROXY_HOPS``).

One rule for everything that needs it: the public form's rate limit (django-ratelimit's
``RATELIMIT_IP_META_KEY``) and the audit trail.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address: ``REMOTE_ADDR`` when no proxy is trusted; with N trusted
    proxies the N-th address from the right of ``X-Forwarded-For``.

    Each proxy appends the address it received the request from, so only the rightmost N
    entries were written by proxies we trust; whatever stands left of them the client may
    have written itself. A header with fewer entries, or an entry that is not an address,
    did not come through those proxies: then ``REMOTE_ADDR`` is all we know.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops].strip()))
    except ValueError:
        return remote
