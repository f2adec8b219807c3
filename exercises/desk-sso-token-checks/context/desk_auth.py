"""Authentication for the support desk's agent API.

The company SSO gateway signs agent tokens as compact JWTs (RFC 7519) with HS256 and the key
returned by get_signing_key(). Every token it issues has these claims:

    sub    the agent id (str)
    name   the agent's display name
    roles  a list such as ["agent"] or ["agent", "supervisor"]
    aud    "helpdesk-api", or a list that contains it (tokens for several APIs)
    iat    issued at, Unix seconds
    exp    expires at, Unix seconds (tokens live 15 minutes)

The same gateway issues tokens for the billing API, the HR portal and staging, with the same
key and other audiences. Servers' clocks may disagree by up to CLOCK_SKEW_S seconds.
The API layer answers 401 for InvalidToken; any other exception is a 500 that pages on-call.
"""

from __future__ import annotations

import os

AUDIENCE = "helpdesk-api"
CLOCK_SKEW_S = 30


class InvalidToken(Exception):
    """The token must not be accepted; the API answers 401."""


def get_signing_key() -> bytes:
    """The HS256 key shared with the SSO gateway, read from the environment at call time."""
    key = os.environ.get("DESK_SSO_KEY")
    if not key:
        raise RuntimeError("DESK_SSO_KEY is not configured")
    return key.encode()
