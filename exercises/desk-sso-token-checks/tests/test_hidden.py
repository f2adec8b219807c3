"""Hidden tests for desk-sso-token-checks."""

import base64
import hashlib
import hmac
import json

import pytest

from agent_tokens import verify_agent_token
from desk_auth import InvalidToken

KEY = "sso-test-key-5c1b9e"
NOW = 1_780_000_000


@pytest.fixture(autouse=True)
def signing_key(monkeypatch):
    monkeypatch.setenv("DESK_SSO_KEY", KEY)


def _b64(data) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _sign(header_b64, claims_b64, key=KEY):
    mac = hmac.new(key.encode(), f"{header_b64}.{claims_b64}".encode(), hashlib.sha256).digest()
    return _b64(mac)


def _claims(**changes):
    claims = {
        "sub": "agent-2291",
        "name": "Priya N.",
        "roles": ["agent"],
        "aud": "helpdesk-api",
        "iat": NOW - 60,
        "exp": NOW + 840,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _token(claims=None, header=None, key=KEY):
    header_b64 = _b64(header if header is not None else {"alg": "HS256", "typ": "JWT"})
    claims_b64 = _b64(claims if claims is not None else _claims())
    return f"{header_b64}.{claims_b64}.{_sign(header_b64, claims_b64, key)}"


def _refused(token, now=NOW):
    try:
        verify_agent_token(token, now)
    except InvalidToken:
        return
    raise AssertionError("the token was accepted")


def test_a_valid_token_returns_its_claims():
    """A token the gateway signed for this API, within its lifetime, returns its claims as a
    dict: agents must still be able to sign in."""
    for claims in (_claims(), _claims(sub="agent-7", roles=["agent", "supervisor"], exp=NOW + 1)):
        got = verify_agent_token(_token(claims), NOW)
        assert type(got) is dict and got == claims, f"the claims came back as {got!r}"


def test_an_audience_list_that_includes_this_api_is_accepted():
    """A token issued for several APIs, this one among them, is accepted."""
    claims = _claims(aud=["billing-api", "helpdesk-api"])
    assert verify_agent_token(_token(claims), NOW) == claims, "a token listing this API was refused"


def _unsigned(alg, signature):
    header_b64 = _b64({"alg": alg, "typ": "JWT"})
    claims_b64 = _b64(_claims(sub="agent-1", roles=["agent", "supervisor"]))
    return f"{header_b64}.{claims_b64}.{signature}"


@pytest.mark.parametrize(
    "alg, signature",
    [("none", ""), ("none", "x"), ("None", ""), ("NONE", ""), ("HS512", ""), (None, "")],
    ids=[
        "alg none without a signature",
        "alg none with a junk signature",
        "alg none capitalised",
        "alg none in capitals",
        "another algorithm without a signature",
        "no algorithm at all",
    ],
)
def test_unsigned_tokens_are_refused(alg, signature):
    """A token whose header claims it needs no signature (or names any algorithm but the
    gateway's) is refused: the header is written by whoever made the token, so accepting it lets
    anyone sign in as any agent, supervisors included."""
    _refused(_unsigned(alg, signature))


def test_changed_claims_are_refused():
    """A real token whose claims were edited (more roles, another agent) is refused."""
    header_b64, _, signature = _token().split(".")
    for changed in (_claims(roles=["agent", "supervisor"]), _claims(sub="agent-1")):
        _refused(f"{header_b64}.{_b64(changed)}.{signature}")


def test_a_token_signed_with_another_key_is_refused():
    """A token signed with any key but the gateway's is refused."""
    _refused(_token(key="guessed-key"))


@pytest.mark.parametrize(
    "exp",
    [NOW - 3600, NOW - 31, NOW - 86_400 * 400],
    ids=["expired an hour ago", "expired just beyond the allowed clock skew", "expired last year"],
)
def test_expired_tokens_are_refused(exp):
    """A token is refused once its expiry is more than the allowed clock skew in the past: a
    token copied from a log or a departed agent's laptop must not work forever."""
    _refused(_token(_claims(exp=exp)))


@pytest.mark.parametrize(
    "exp", [NOW, NOW - 30], ids=["expiring this second", "expired within the allowed clock skew"]
)
def test_tokens_within_the_clock_skew_are_accepted(exp):
    """Servers' clocks may disagree by up to CLOCK_SKEW_S seconds, so a token is still accepted
    that long after its expiry: agents must not be signed out by a slightly fast clock."""
    claims = _claims(exp=exp)
    assert verify_agent_token(_token(claims), NOW) == claims, "a token within the clock skew was refused"


@pytest.mark.parametrize(
    "exp",
    [None, str(NOW + 600), [NOW + 600]],
    ids=["no expiry claim", "an expiry written as text", "an expiry that is a list"],
)
def test_tokens_without_a_numeric_expiry_are_refused(exp):
    """A token without a numeric expiry is refused with InvalidToken: the gateway always sets
    one, and a token without it would never expire."""
    _refused(_token(_claims(exp=exp)))


@pytest.mark.parametrize(
    "aud",
    [
        "billing-api",
        "helpdesk-api-staging",
        "helpdesk",
        ["billing-api", "hr-portal"],
        ["helpdesk-api-staging"],
        None,
    ],
    ids=[
        "a token for the billing API",
        "a token for staging whose name starts with ours",
        "an audience that is only part of ours",
        "an audience list without this API",
        "an audience list with only the staging API",
        "no audience claim",
    ],
)
def test_tokens_for_other_apis_are_refused(aud):
    """A token is accepted only if its audience is this API (or a list containing it): the same
    gateway and key sign tokens for billing, HR and staging, which must not open the helpdesk."""
    _refused(_token(_claims(aud=aud)))


def _malformed():
    good = _token()
    header_b64, claims_b64, _ = good.split(".")
    list_header = _b64([{"alg": "HS256"}])
    list_claims = _b64(["agent-2291"])
    return [
        "",
        "only-one-part",
        f"{header_b64}.{claims_b64}",
        good + ".extra",
        f"!!!.{claims_b64}.{_sign('!!!', claims_b64)}",
        f"{_b64(b'not json')}.{claims_b64}.{_sign(_b64(b'not json'), claims_b64)}",
        f"{list_header}.{claims_b64}.{_sign(list_header, claims_b64)}",
        f"{header_b64}.{list_claims}.{_sign(header_b64, list_claims)}",
        f"{header_b64}.{claims_b64}.abcde",
    ]


@pytest.mark.parametrize(
    "index",
    range(9),
    ids=[
        "an empty token",
        "a token with one part",
        "a token with two parts",
        "a token with four parts",
        "a header that is not base64",
        "a header that is not JSON",
        "a header that is not a JSON object",
        "claims that are not a JSON object",
        "a signature that is not valid base64",
    ],
)
def test_malformed_tokens_raise_invalid_token(index):
    """Anything that is not a well-formed token raises InvalidToken (the API answers 401), never
    another exception: a 500 pages the on-call engineer, so crashes let anyone set off alerts."""
    _refused(_malformed()[index])
