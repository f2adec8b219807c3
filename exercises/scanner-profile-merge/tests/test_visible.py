"""Visible tests for scanner-profile-merge: run them with Check."""

from scanner_config import merge_profile
from scanner_defaults import DEFAULT_PROFILE


def test_one_override():
    """Turning the beep off keeps the rest of the scan section."""
    got = merge_profile(DEFAULT_PROFILE, {"scan": {"beep": False}})
    assert got["scan"] == {"beep": False, "symbologies": ["ean13", "code128"], "timeout_ms": 3000}
