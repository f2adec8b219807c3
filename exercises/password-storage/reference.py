"""Password storage for the clinic booking portal's patient accounts (ticket CLIN-311)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

MIN_LENGTH = 10  # policy SEC-4: at least ten characters

# scrypt cost parameters (policy SEC-4). They are stored with every hash, so
# they can be raised later without breaking existing accounts.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
_MAXMEM = 64 * 1024 * 1024


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES
    )


def hash_password(password: str) -> str:
    """Return the value to store in patients.password_hash for a new password.

    Format: "scrypt$<n>$<r>$<p>$<salt base64>$<key base64>". Every call uses a
    fresh random salt, so equal passwords get different hashes.
    Raises ValueError when the password is shorter than MIN_LENGTH.
    """
    if len(password) < MIN_LENGTH:
        raise ValueError(f"Passwords need at least {MIN_LENGTH} characters.")
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored_hash: str) -> bool:
    """True when `password` produced `stored_hash`; False for a wrong password or
    for a stored value this module cannot read (it never raises)."""
    try:
        scheme, n, r, p, salt, key = stored_hash.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        candidate = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    # compare_digest takes the same time wherever the first difference is.
    return hmac.compare_digest(candidate, expected)
