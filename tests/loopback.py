"""Servers on 127.0.0.1 for tests: a free port, and an SMTP inbox that keeps what it
receives (aiosmtpd), with Django's SMTP backend pointed at it."""

import socket
from email import message_from_bytes

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def send_mail_to(settings, port: int) -> None:
    """Django's SMTP backend to the server on ``port`` (a short timeout: it is local)."""
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 3
