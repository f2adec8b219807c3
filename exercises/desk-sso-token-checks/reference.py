"""Verify agent tokens from the SSO gateway (DESK-318)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json

from desk_auth import AUDIENCE, CLOCK_SKEW_S, InvalidToken, get_signing_key


def _b64url_decode(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, binascii.Error) as exc:
        raise InvalidToken("malformed token") from exc


def _json_object(part: str) -> dict:
    try:
        value = json.loads(_b64url_decode(part))
    except ValueError as exc:
        raise InvalidToken("malformed token") from exc
    if not isinstance(value, dict):
        raise InvalidToken("malformed token")
    return value


def _check_signature(header: dict, signing_input: bytes, signature: bytes) -> None:
    # The algorithm is ours to choose, not the token's: only HS256 is ever accepted.
    if header.get("alg") != "HS256":
        raise InvalidToken("only HS256 tokens are accepted")
    expected = hmac.new(get_signing_key(), signing_input, hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        raise InvalidToken("bad signature")


def _check_claims(claims: dict, now: int) -> None:
    exp = claims.get("exp")
    if type(exp) not in (int, float):
        raise InvalidToken("the token has no expiry")
    if now > exp + CLOCK_SKEW_S:
        raise InvalidToken("the token has expired")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if AUDIENCE not in audiences:
        raise InvalidToken("the token is not meant for this API")


def verify_agent_token(token: str, now: int) -> dict:
    """Check an agent's token and return its claims; raise InvalidToken if it is not valid."""
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidToken("malformed token")
    header_b64, claims_b64, signature_b64 = parts
    header = _json_object(header_b64)
    signing_input = f"{header_b64}.{claims_b64}".encode()
    _check_signature(header, signing_input, _b64url_decode(signature_b64))
    claims = _json_object(claims_b64)
    _check_claims(claims, now)
    return claims
