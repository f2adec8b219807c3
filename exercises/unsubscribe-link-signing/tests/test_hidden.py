"""Hidden tests for unsubscribe-link-signing."""

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest

import signing
from newsletter_links import email_from_token, unsubscribe_url
from signing import BadSignature, Signer

SECRET = b"test-secret-0123456789-abcdefghijklmnop"
EMAILS = ["ana@example.com", "Bram.de.Vries+news@example.co.uk", "zoë@例え.jp", "x@y.io"]
EMAIL_IDS = ["a plain address", "capitals dots and a plus tag", "non-ASCII characters", "a very short address"]


@pytest.fixture(autouse=True)
def signer():
    current = Signer(SECRET)
    signing.configure(current)
    yield current
    signing.configure(None)


def _token(url):
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "links.example.com", "/unsubscribe"), (
        f"the link was {url}"
    )
    tokens = parse_qs(parts.query).get("token")
    assert tokens and len(tokens) == 1, f"the link has no single token parameter: {url}"
    return tokens[0]


@pytest.mark.parametrize("email", EMAILS, ids=EMAIL_IDS)
def test_link_round_trip(email):
    """An unsubscribe link points at the links service with a token from which the same
    e-mail address comes back: the feature itself must keep working."""
    got = email_from_token(_token(unsubscribe_url(email)))
    assert type(got) is str and got == email, f"the token gave back {got!r}"


@pytest.mark.parametrize("email", EMAILS, ids=EMAIL_IDS)
def test_links_verify_with_the_platform_signer(signer, email):
    """The token is made by the platform's Signer for the "unsubscribe" purpose, because the
    separate links service verifies it with that code and secret; any other format is
    rejected there and the customer cannot unsubscribe (a legal requirement)."""
    token = _token(unsubscribe_url(email))
    try:
        got = signer.unsign(token, purpose="unsubscribe")
    except BadSignature:
        raise AssertionError("the platform signer rejected the token in the link") from None
    assert got == email, f"the platform signer read {got!r}"


@pytest.mark.parametrize("email", EMAILS, ids=EMAIL_IDS)
def test_accepts_tokens_made_by_the_platform(signer, email):
    """Tokens the platform signed for the "unsubscribe" purpose (links already sent by the
    old newsletter system) are accepted."""
    got = email_from_token(signer.sign(email, purpose="unsubscribe"))
    assert got == email, f"the token gave back {got!r}"


def _forgeries(email):
    encoded = base64.urlsafe_b64encode(email.encode()).decode()
    for salt in ("newsletter-2024", "", "unsubscribe"):
        yield f"{encoded}.{hashlib.md5(f'{email}:{salt}'.encode()).hexdigest()}"
    yield f"{encoded}.{hashlib.sha256(email.encode()).hexdigest()}"
    yield Signer(b"another-secret-that-is-long-enough-000").sign(email, purpose="unsubscribe")


@pytest.mark.parametrize("email", ["ceo@example.com", "someone.else@example.org"],
                         ids=["the chief executive's address", "another customer's address"])
def test_forged_tokens_are_rejected(email):
    """Only tokens signed with the platform's secret are accepted, with the project's
    BadSignature: anyone who has read the source code (a contractor, a leaked repository)
    must not be able to unsubscribe, or look up, any address."""
    accepted = []
    for forged in _forgeries(email):
        try:
            email_from_token(forged)
        except BadSignature:
            continue
        except Exception as exc:  # the wrong error type is a failure too
            raise AssertionError(f"a forged token raised {type(exc).__name__}, not signing.BadSignature") from None
        accepted.append(forged)
    assert not accepted, f"{len(accepted)} forged token(s) were accepted"


@pytest.mark.parametrize("purpose", ["password-reset", "verify-email", "newsletter"],
                         ids=["a password-reset token", "an e-mail verification token", "a token for another newsletter purpose"])
def test_tokens_for_other_purposes_are_rejected(signer, purpose):
    """A token the platform signed for another purpose (a password-reset or verification
    link) cannot be replayed as an unsubscribe token."""
    with pytest.raises(BadSignature):
        email_from_token(signer.sign("ana@example.com", purpose=purpose))


@pytest.mark.parametrize("bad", ["", "abc", "....", "%%%.%%%", "YW5hQGV4YW1wbGUuY29t", "YW5h.QGV4"],
                         ids=["an empty token", "a few letters", "only separators", "characters outside base64",
                              "an encoded address without signature", "an encoded address with a made-up signature"])
def test_malformed_and_tampered_tokens_raise_bad_signature(signer, bad):
    """Garbage and tampered tokens raise the project's BadSignature (the links service shows
    "this link is invalid"), not a crash that becomes a 500."""
    with pytest.raises(BadSignature):
        email_from_token(bad)
    good = signer.sign("ana@example.com", purpose="unsubscribe")
    with pytest.raises(BadSignature):
        email_from_token(good[:-2] + ("A" if good[-2] != "A" else "B") + good[-1])


def test_secret_rotation_is_followed():
    """The signer is looked up on every call, so after the quarterly secret rotation new
    links use the new secret and links signed with the old one are no longer accepted."""
    old = Signer(SECRET)
    old_token = old.sign("ana@example.com", purpose="unsubscribe")
    new = Signer(b"rotated-secret-0123456789-ABCDEFGHIJKLMN")
    signing.configure(new)
    token = _token(unsubscribe_url("bram@example.com"))
    assert new.unsign(token, purpose="unsubscribe") == "bram@example.com", "the new link is not signed with the new secret"
    with pytest.raises(BadSignature):
        email_from_token(old_token)
