import hashlib
import hmac
import random
import re

import pytest

from password_reset import create_reset_token, redeem_reset_token
from reset_store import ResetTokenStore
from shop_settings import MissingSecret

NOW = 1_717_000_000
KEY = "vault-key-7Hq2-test"
URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")


@pytest.fixture
def store(monkeypatch):
    monkeypatch.setenv("SHOP_RESET_TOKEN_KEY", KEY)
    return ResetTokenStore()


def test_token_redeems_for_its_user(store):
    """A fresh token redeems to the id of the user it was created for — the reset link works."""
    tokens = {user_id: create_reset_token(store, user_id, NOW) for user_id in (7, 42, 1001)}
    for user_id, token in tokens.items():
        got = redeem_reset_token(store, token, NOW + 60)
        assert type(got) is int and got == user_id, f"redeemed to {got!r}"


def test_token_is_single_use(store):
    """A token works once; using the same link again returns None, so a link found later in a
    mailbox or a browser history cannot reset the password again."""
    token = create_reset_token(store, 42, NOW)
    assert redeem_reset_token(store, token, NOW + 1) == 42, "the first use should work"
    assert redeem_reset_token(store, token, NOW + 2) is None, "the second use should fail"


def test_token_expires_after_an_hour(store):
    """A token works until one hour after it was created and not after."""
    early = create_reset_token(store, 5, NOW)
    late = create_reset_token(store, 6, NOW)
    assert redeem_reset_token(store, early, NOW + 3599) == 5, "a token should work within the hour"
    assert redeem_reset_token(store, late, NOW + 3600) is None, "a token should expire after an hour"


def test_unknown_token_is_rejected(store):
    """A made-up or altered token returns None."""
    token = create_reset_token(store, 42, NOW)
    for guess in ("", "x" * 43, token[:-1], token + "A", token.upper() if token.upper() != token else token.lower()):
        assert redeem_reset_token(store, guess, NOW + 1) is None, "a token that was never issued was accepted"


def test_token_shape(store):
    """Tokens are at least 43 URL-safe characters (about 256 bits), so they survive in a link and
    cannot be guessed."""
    for user_id in range(5):
        token = create_reset_token(store, user_id, NOW)
        assert type(token) is str, f"expected a str, got {type(token).__name__}"
        assert len(token) >= 43, f"token has only {len(token)} characters"
        assert URL_SAFE.fullmatch(token), "token has characters that are not URL-safe"


def test_tokens_never_repeat(store):
    """Tokens created for the same user in the same second are all different, so one reset link
    cannot be predicted from another."""
    tokens = [create_reset_token(store, 42, NOW) for _ in range(200)]
    assert len(set(tokens)) == len(tokens), "two reset tokens were identical"


def test_tokens_do_not_come_from_the_random_module(store):
    """Tokens come from a cryptographic source: putting Python's `random` module into a known
    state does not make two tokens equal. `random` is predictable — an attacker who sees a few
    outputs can compute the next reset link."""
    tokens = []
    for _ in range(3):
        random.seed(2024)
        tokens.append(create_reset_token(store, 42, NOW))
    assert len(set(tokens)) == 3, "tokens repeat when the random module is seeded"


def _predictable(self, *args):
    """Stands in for the Mersenne Twister's output: what an attacker who recovered its state knows."""
    return 0.5 if not args else 0


def test_tokens_do_not_come_from_any_mersenne_twister(store, monkeypatch):
    """Tokens come from the operating system's cryptographic source, not from Python's Mersenne
    Twister in any form — the global `random`, a private `random.Random` or one seeded from
    `os.urandom` alike: its whole future follows from a few hundred outputs, so an attacker who
    requests enough reset links for their own account can compute the next customer's."""
    # Every random.Random (but not random.SystemRandom, which overrides these) now answers the
    # same number each time, as it would for an attacker who has recovered its state.
    monkeypatch.setattr(random.Random, "random", _predictable)
    monkeypatch.setattr(random.Random, "getrandbits", _predictable)
    tokens = {create_reset_token(store, 42, NOW) for _ in range(5)}
    assert len(tokens) == 5, "tokens repeat once the Mersenne Twister's output is known"


def test_stored_digest_uses_the_configured_key(store):
    """The store holds HMAC-SHA256 of the token under the key configured in the vault
    (shop_settings), not the token itself and not a key from the source code."""
    token = create_reset_token(store, 42, NOW)
    want = hmac.new(KEY.encode(), token.encode(), hashlib.sha256).hexdigest()
    stored = store.digests()
    assert [want] == stored, "the stored digest is not the HMAC under the configured key"
    assert token not in stored, "the plain token was stored"


def test_key_is_read_when_needed(store, monkeypatch):
    """The key is read from the settings each time, so a rotation takes effect without a restart:
    links issued under an old key stop working while another key is configured."""
    token = create_reset_token(store, 42, NOW)
    monkeypatch.setenv("SHOP_RESET_TOKEN_KEY", "rotated-key-after-leak")
    assert redeem_reset_token(store, token, NOW + 1) is None, "an old-key link worked after rotation"
    monkeypatch.setenv("SHOP_RESET_TOKEN_KEY", KEY)
    assert redeem_reset_token(store, token, NOW + 2) == 42, "the link should work under its own key"


def test_missing_key_fails_closed(store, monkeypatch):
    """Without a configured key, creating or redeeming a token raises MissingSecret and stores
    nothing — the shop must never fall back to a built-in key."""
    monkeypatch.delenv("SHOP_RESET_TOKEN_KEY")
    with pytest.raises(MissingSecret):
        create_reset_token(store, 42, NOW)
    assert store.digests() == [], "a token was stored without a key"
    with pytest.raises(MissingSecret):
        redeem_reset_token(store, "x" * 43, NOW)
