"""Password-reset links for the shop (ticket SHOP-1290)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from reset_store import ResetTokenStore
from shop_settings import get_secret

RESET_TTL_S = 60 * 60  # links work for one hour
TOKEN_BYTES = 32  # 256 bits from the OS CSPRNG; 43 URL-safe characters


def _digest(token: str) -> str:
    """HMAC-SHA256 of the token under the reset key, as stored in password_resets.

    The key comes from the vault via shop_settings at call time, so it never
    sits in the repository and a rotation takes effect without a restart.
    A missing key raises MissingSecret: no reset links rather than weak ones.
    """
    key = get_secret("RESET_TOKEN_KEY").encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def create_reset_token(store: ResetTokenStore, user_id: int, now: int) -> str:
    """Create a one-hour reset token for `user_id` and return it for the e-mail link."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    store.add(_digest(token), user_id, now + RESET_TTL_S)
    return token


def redeem_reset_token(store: ResetTokenStore, token: str, now: int) -> int | None:
    """The user id the token was issued for, or None if it is unknown, used or expired."""
    entry = store.take(_digest(token))
    if entry is None:
        return None
    user_id, expires_at = entry
    if now >= expires_at:
        return None
    return user_id
