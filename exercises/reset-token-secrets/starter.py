"""Password-reset links for the shop (ticket SHOP-1290)."""

from __future__ import annotations

import hashlib
import hmac
import random
import string

from reset_store import ResetTokenStore

RESET_TTL_S = 60 * 60  # links work for one hour
TOKEN_LENGTH = 43  # same length as a 32-byte URL-safe token
_ALPHABET = string.ascii_letters + string.digits + "-_"

# Key for hashing tokens at rest, so a leaked password_resets table
# does not expose working links. Shared by every app server.
RESET_TOKEN_SECRET = "9f4c1e7a2b8d4e6f0a3c5b7d9e1f2a4c"


def _digest(token: str) -> str:
    """HMAC-SHA256 of the token under the reset key, as stored in password_resets."""
    return hmac.new(RESET_TOKEN_SECRET.encode(), token.encode(), hashlib.sha256).hexdigest()


def create_reset_token(store: ResetTokenStore, user_id: int, now: int) -> str:
    """Create a one-hour reset token for `user_id` and return it for the e-mail link."""
    token = "".join(random.choices(_ALPHABET, k=TOKEN_LENGTH))
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
