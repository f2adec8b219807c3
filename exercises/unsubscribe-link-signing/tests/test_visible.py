"""Visible tests for unsubscribe-link-signing: run them with Check."""

from urllib.parse import parse_qs, urlsplit

import signing
from newsletter_links import email_from_token, unsubscribe_url


def test_round_trip_with_the_platform_signer():
    """The link's token gives the e-mail back, and the platform signer accepts it."""
    signer = signing.Signer(b"visible-test-secret-0123456789-abcdef")
    signing.configure(signer)
    try:
        url = unsubscribe_url("ana@example.com")
        token = parse_qs(urlsplit(url).query)["token"][0]
        assert email_from_token(token) == "ana@example.com"
        assert signer.unsign(token, purpose="unsubscribe") == "ana@example.com"
    finally:
        signing.configure(None)
