"""Runtime configuration for the shop. Secrets come from the environment, set by the deploy.

Ops store secrets in the vault and inject them as environment variables named SHOP_<NAME>
(for example SHOP_RESET_TOKEN_KEY). Keys are rotated without a restart, so read them when
you need them rather than once at import time.
"""

from __future__ import annotations

import os


class MissingSecret(RuntimeError):
    """A required secret is not configured. Fail closed: never fall back to a default."""


def get_secret(name: str) -> str:
    """The secret called `name`, read from the environment variable SHOP_<NAME> right now."""
    value = os.environ.get(f"SHOP_{name.upper()}", "")
    if not value:
        raise MissingSecret(f"secret {name!r} is not configured (set SHOP_{name.upper()})")
    return value
