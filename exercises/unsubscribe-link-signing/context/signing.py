"""Signed tokens for links we e-mail (unsubscribe, e-mail verification, password reset).

One implementation for the whole platform: the web app signs, and the public "links"
service verifies with the same code and the same secret (rotated every quarter from the
secrets store). Every token carries a purpose, so a token made for one kind of link can
never be replayed as another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


class BadSignature(Exception):
    """The token was not made by us, was altered, or was made for another purpose.
    The links service answers 400 "This link is invalid or has expired"."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("signing secrets are at least 32 bytes")
        self._secret = secret

    def _mac(self, purpose: str, payload: str) -> str:
        message = f"{purpose}:{payload}".encode()
        return _b64(hmac.new(self._secret, message, hashlib.sha256).digest())

    def sign(self, value: str, *, purpose: str) -> str:
        """A URL-safe token for `value` that only unsign(..., purpose=purpose) accepts."""
        payload = _b64(value.encode("utf-8"))
        return f"{payload}.{self._mac(purpose, payload)}"

    def unsign(self, token: str, *, purpose: str) -> str:
        """The value inside a token made by sign(); raises BadSignature otherwise."""
        payload, _, mac = str(token).rpartition(".")
        if not payload or not hmac.compare_digest(mac.encode(), self._mac(purpose, payload).encode()):
            raise BadSignature("bad signature")
        try:
            return _unb64(payload).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise BadSignature("bad payload") from None


_signer: Signer | None = None


def configure(signer: Signer | None) -> None:
    """Install the signer (the app does it at start-up with the current secret; tests too)."""
    global _signer
    _signer = signer


def get_signer() -> Signer:
    if _signer is None:
        raise RuntimeError("no signer configured")
    return _signer
