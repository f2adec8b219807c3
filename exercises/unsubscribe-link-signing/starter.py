"""Unsubscribe links for the newsletter footer (MKT-77)."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlencode

UNSUBSCRIBE_URL = "https://links.example.com/unsubscribe"
# Salt so that people cannot compute the token from an e-mail address alone.
TOKEN_SALT = "newsletter-2024"


def _digest(email: str) -> str:
    return hashlib.md5(f"{email}:{TOKEN_SALT}".encode()).hexdigest()


def unsubscribe_url(email: str) -> str:
    """The one-click unsubscribe link for `email`, to put in the newsletter footer."""
    encoded = base64.urlsafe_b64encode(email.encode()).decode()
    return f"{UNSUBSCRIBE_URL}?{urlencode({'token': f'{encoded}.{_digest(email)}'})}"


def email_from_token(token: str) -> str:
    """The e-mail address an unsubscribe token was made for."""
    encoded, digest = token.rsplit(".", 1)
    email = base64.urlsafe_b64decode(encoded).decode()
    if digest != _digest(email):
        raise ValueError("Invalid unsubscribe link")
    return email
