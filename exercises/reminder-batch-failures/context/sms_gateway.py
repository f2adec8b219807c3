"""Client for the SMS provider (read-only project file)."""

from __future__ import annotations


class SmsDeliveryError(Exception):
    """This one message could not be delivered: invalid or unreachable number, message rejected by
    the carrier, provider overloaded, or no answer within the timeout. Other patients' messages
    are not affected."""


class SmsGateway:
    """Sends text messages through the provider's HTTP API.

    send(phone, text, *, timeout=None) -> str
        Returns the provider's message id. `timeout` is in seconds; None means wait for the
        provider as long as it takes. Every provider or network failure, timeouts included, is
        raised as SmsDeliveryError.
    """

    def __init__(self, api_url: str, api_key: str) -> None:
        self.api_url = api_url
        self.api_key = api_key

    def send(self, phone: str, text: str, *, timeout: float | None = None) -> str:
        raise NotImplementedError("talks to the provider in production; tests use a fake")
