"""Unsubscribe links for the newsletter footer (MKT-77)."""

from __future__ import annotations

from urllib.parse import urlencode

from signing import get_signer

UNSUBSCRIBE_URL = "https://links.example.com/unsubscribe"
PURPOSE = "unsubscribe"  # the purpose the links service verifies with


def unsubscribe_url(email: str) -> str:
    """The one-click unsubscribe link for `email`, to put in the newsletter footer.

    The token comes from the platform's Signer (HMAC-SHA256 with the rotated secret, bound
    to the "unsubscribe" purpose), so the links service can verify it and nobody can forge one.
    """
    token = get_signer().sign(email, purpose=PURPOSE)
    return f"{UNSUBSCRIBE_URL}?{urlencode({'token': token})}"


def email_from_token(token: str) -> str:
    """The e-mail address an unsubscribe token was made for; raises signing.BadSignature."""
    return get_signer().unsign(token, purpose=PURPOSE)
