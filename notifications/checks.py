"""System checks for the outbox's settings."""

from django.conf import settings
from django.core import checks

# The longest a send is expected to wait, in timeouts: connecting and the server's answer
# may each take a whole timeout, on the first connection and again on a fresh one.
TIMEOUTS_PER_SEND = 4
ANYMAIL_DEFAULT_TIMEOUT = 30  # anymail's REQUESTS_TIMEOUT when not set


def send_timeout() -> float:
    """The timeout of one wait for the mail server (EMAIL_TIMEOUT) or the provider's API
    (anymail's REQUESTS_TIMEOUT, a number or a (connect, read) pair)."""
    api = settings.ANYMAIL.get("REQUESTS_TIMEOUT", ANYMAIL_DEFAULT_TIMEOUT)
    try:
        api = sum(api) if isinstance(api, list | tuple) else float(api)
    except (TypeError, ValueError):  # anymail itself will refuse it; not this check's job
        api = ANYMAIL_DEFAULT_TIMEOUT
    return max(settings.EMAIL_TIMEOUT or 0, api)


@checks.register()
def sending_stale_after_timeout(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A mail still ``verzenden`` after NOTIFICATIONS_SENDING_STALE_SECONDS is taken for
    interrupted and sent again. If a send that is merely slow can last that long, a worker
    still waiting for the mail server is overtaken and the mail goes out twice."""
    stale = settings.NOTIFICATIONS_SENDING_STALE_SECONDS
    needed = TIMEOUTS_PER_SEND * send_timeout()
    if stale > needed:
        return []
    return [
        checks.Warning(
            f"NOTIFICATIONS_SENDING_STALE_SECONDS ({stale}) is not well above the mail "
            f"timeout ({send_timeout():g} s): a mail that is slow to send could be sent "
            "again while the first attempt still waits for the mail server.",
            hint=f"Set NOTIFICATIONS_SENDING_STALE_SECONDS above {needed:g}.",
            id="notifications.W001",
        )
    ]
