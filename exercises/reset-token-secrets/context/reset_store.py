"""Storage for password-reset tokens (the `password_resets` table; in memory here).

Only a digest of each token is stored, never the token itself, so a database leak does not
hand out working reset links.
"""

from __future__ import annotations


class ResetTokenStore:
    def __init__(self) -> None:
        self._rows: dict[str, tuple[int, int]] = {}

    def add(self, token_digest: str, user_id: int, expires_at: int) -> None:
        """Remember a token by its digest, for `user_id`, valid until `expires_at` (Unix seconds)."""
        self._rows[token_digest] = (user_id, expires_at)

    def take(self, token_digest: str) -> tuple[int, int] | None:
        """Remove and return (user_id, expires_at) for this digest, or None. Tokens are single-use."""
        return self._rows.pop(token_digest, None)

    def digests(self) -> list[str]:
        """Every stored digest (for admin tooling and tests)."""
        return list(self._rows)
