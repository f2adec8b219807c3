"""Password storage for the clinic booking portal's patient accounts (ticket CLIN-311)."""

from __future__ import annotations

import hashlib

MIN_LENGTH = 10  # policy SEC-4: at least ten characters


def hash_password(password: str) -> str:
    """Return the value to store in patients.password_hash for a new password.

    Raises ValueError when the password is shorter than MIN_LENGTH, so the
    sign-up form can show the policy message.
    """
    if len(password) < MIN_LENGTH:
        raise ValueError(f"Passwords need at least {MIN_LENGTH} characters.")
    # Store a digest, never the password itself. A hex string fits the
    # existing VARCHAR(255) column and is easy to compare on login.
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def verify_password(password: str, stored_hash: str) -> bool:
    """True when `password` is the password that produced `stored_hash`."""
    candidate = hashlib.md5(password.encode("utf-8")).hexdigest()
    return candidate == stored_hash
