"""A stand-in mail provider: anymail's own test backend, answering as a test tells it."""

import requests
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError
from django.core import mail


class EmailBackend(AnymailTestBackend):
    #: HTTP status the provider answers with; None: accepted.
    status_code: int | None = None

    def get_esp_message_id(self, message):
        return f"esp-{mail.outbox.index(message)}"

    def post_to_esp(self, payload, message):
        if self.status_code is not None:
            # What anymail raises for an ESP's HTTP error: the status and the response.
            response = requests.Response()
            response.status_code, response.reason = self.status_code, "Fout"
            response._content, response.encoding = b'{"message": "fout"}', "utf-8"
            message.anymail_test_response = AnymailAPIError(
                f"De aanbieder antwoordde {self.status_code}",
                status_code=self.status_code,
                response=response,
            )
        return super().post_to_esp(payload, message)
