import hashlib
import hmac
import importlib
import random
import secrets
import sys

import pytest

MODULE = "account_passwords"
PASSWORDS = ["correct horse battery", "Tr0ub4dor&3xyz", "pässwörd-ümlaut", "0123456789", "  spaces around  "]


@pytest.fixture
def pw(monkeypatch):
    """Import the submission with the key-derivation functions and compare_digest instrumented.

    The KDF wrappers record the cost the code asked for and then compute with a tiny cost, so the
    suite stays fast while still checking the real parameters.
    """
    calls = {"kdf": [], "compare": 0}
    real_scrypt, real_pbkdf2, real_compare = hashlib.scrypt, hashlib.pbkdf2_hmac, hmac.compare_digest

    def scrypt(password, *, salt, n, r, p, maxmem=0, dklen=64):
        calls["kdf"].append({"kind": "scrypt", "salt": bytes(salt), "n": n, "r": r, "p": p})
        # Reject the parameters the real scrypt rejects, so damaged stored values still fail loudly.
        if type(n) is not int or n < 0:
            raise TypeError("n is required and must be an unsigned int")
        if n < 2 or n & (n - 1):
            raise ValueError("n must be a power of 2.")
        if r < 1 or p < 1:
            raise ValueError("Invalid parameter combination for n, r, p, maxmem.")
        return real_scrypt(password, salt=salt, n=2, r=1, p=1, dklen=dklen)

    def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
        calls["kdf"].append({"kind": "pbkdf2", "salt": bytes(salt), "hash": hash_name, "iterations": iterations})
        if iterations < 1:
            raise ValueError("iteration value must be greater than 0.")
        return real_pbkdf2(hash_name, password, salt, 1, dklen)

    def compare_digest(a, b):
        calls["compare"] += 1
        return real_compare(a, b)

    monkeypatch.setattr(hashlib, "scrypt", scrypt)
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", pbkdf2_hmac)
    monkeypatch.setattr(hmac, "compare_digest", compare_digest)
    monkeypatch.setattr(secrets, "compare_digest", compare_digest)
    monkeypatch.delitem(sys.modules, MODULE, raising=False)
    module = importlib.import_module(MODULE)
    yield module, calls
    sys.modules.pop(MODULE, None)


def strong_enough(call):
    if call["kind"] == "scrypt":
        return call["n"] >= 2**14 and call["r"] >= 8 and call["p"] >= 1
    minimum = {"sha256": 600_000, "sha512": 210_000}.get(str(call["hash"]).lower().replace("-", ""))
    return minimum is not None and call["iterations"] >= minimum


@pytest.mark.parametrize("password", PASSWORDS, ids=["a passphrase with spaces", "letters digits and a symbol", "non-ASCII letters",
                                              "only digits", "spaces at both ends"])
def test_round_trip(pw, password):
    """A stored hash verifies with the password that produced it — patients must be able to log in."""
    module, _calls = pw
    stored = module.hash_password(password)
    assert type(stored) is str, f"hash_password should return a str, got {type(stored).__name__}"
    result = module.verify_password(password, stored)
    assert type(result) is bool and result is True, f"verify_password returned {result!r}"


def test_wrong_password_is_rejected(pw):
    """A wrong password, including one that differs by a single character or only in case, does
    not verify."""
    module, _calls = pw
    stored = module.hash_password("correct horse battery")
    for wrong in ("correct horse batterY", "correct horse battery ", "Correct horse battery", "x" * 12):
        result = module.verify_password(wrong, stored)
        assert type(result) is bool and result is False, "a wrong password was accepted"


def test_short_password_is_refused(pw):
    """A password shorter than the policy minimum raises ValueError, as before."""
    module, _calls = pw
    with pytest.raises(ValueError):
        module.hash_password("short")


def test_same_password_gets_different_hashes(pw):
    """Hashing the same password twice gives two different stored values (a random salt per
    password), so a leaked table does not reveal which patients share a password."""
    module, _calls = pw
    first = module.hash_password("correct horse battery")
    second = module.hash_password("correct horse battery")
    assert first != second, "two hashes of the same password were identical"
    assert module.verify_password("correct horse battery", first) is True
    assert module.verify_password("correct horse battery", second) is True


def test_uses_a_slow_key_derivation_function(pw):
    """Passwords are hashed with scrypt or PBKDF2-HMAC at the cost the security policy sets,
    because fast hashes like MD5 or SHA-256 can be brute-forced at billions of guesses a second."""
    module, calls = pw
    module.hash_password("correct horse battery")
    assert calls["kdf"], "hash_password did not call hashlib.scrypt or hashlib.pbkdf2_hmac"
    assert all(strong_enough(call) for call in calls["kdf"]), "the key-derivation cost is below the policy"


def test_salt_is_random_and_long_enough(pw):
    """Each hash uses a fresh salt of at least 16 bytes from a cryptographic random source —
    a fixed, short or predictable salt lets attackers precompute guesses."""
    module, calls = pw
    for _ in range(4):
        random.seed(1234)
        module.hash_password("correct horse battery")
    salts = [call["salt"] for call in calls["kdf"]]
    assert len(salts) >= 4, "expected one key derivation per hash"
    assert all(len(salt) >= 16 for salt in salts), "the salt is shorter than 16 bytes"
    assert len(set(salts)) == len(salts), "salts repeat between passwords"
    assert not any(b"correct horse" in salt for salt in salts), "the salt is derived from the password"


def _predictable(self, *args):
    """Stands in for the Mersenne Twister's output once an attacker has recovered its state."""
    return 0.5 if not args else 0


def test_salt_does_not_come_from_any_mersenne_twister(pw, monkeypatch):
    """Salts come from the operating system's cryptographic source (`secrets` or `os.urandom`),
    not from Python's Mersenne Twister in any form — a private `random.Random`, however it was
    seeded, is predictable from its outputs."""
    module, calls = pw
    # Every random.Random (but not random.SystemRandom, which overrides these) now answers the
    # same number each time, as it would for an attacker who has recovered its state.
    monkeypatch.setattr(random.Random, "random", _predictable)
    monkeypatch.setattr(random.Random, "getrandbits", _predictable)
    for _ in range(3):
        module.hash_password("correct horse battery")
    salts = [call["salt"] for call in calls["kdf"]]
    assert len(set(salts)) == len(salts), "salts repeat once the Mersenne Twister's output is known"


def test_stored_value_reveals_nothing(pw):
    """The stored value is ASCII, fits the 255-character column and contains neither the password
    nor a plain MD5/SHA digest of it."""
    module, _calls = pw
    password = "correct horse battery"
    stored = module.hash_password(password)
    assert stored.isascii() and len(stored) <= 255, "the stored value must be ASCII and at most 255 characters"
    assert password not in stored, "the stored value contains the password"
    for name in ("md5", "sha1", "sha256", "sha512"):
        assert hashlib.new(name, password.encode()).hexdigest() not in stored, "the stored value has a fast digest"


def test_comparison_is_constant_time(pw):
    """Verification compares the digests with hmac.compare_digest (or secrets.compare_digest), because
    == stops at the first different byte and leaks timing to an attacker."""
    module, calls = pw
    stored = module.hash_password("correct horse battery")
    calls["compare"] = 0
    assert module.verify_password("correct horse battery", stored) is True
    assert module.verify_password("wrong horse battery", stored) is False
    assert calls["compare"] >= 2, "verify_password did not use a constant-time comparison"


@pytest.mark.parametrize("stored", [
    "",
    "not-a-hash",
    hashlib.md5(b"correct horse battery").hexdigest(),
    "scrypt$$$$$",
    "scrypt$3$8$1$AAAA$AAAA",
    "scrypt$16384$0$1$AAAA$AAAA",
    "pbkdf2_sha256$abc$c2FsdA==$a2V5",
    "$" * 40,
], ids=["an empty value", "text that is not a hash", "a legacy MD5 digest", "a hash with empty fields",
    "a cost that is not a power of two", "a zero cost parameter", "an iteration count that is not a number",
    "nothing but separators"])
def test_unreadable_stored_value_is_false(pw, stored):
    """A stored value that is not a hash this module wrote (empty, damaged, a legacy MD5) makes
    verification return False instead of raising, so the login page never crashes."""
    module, _calls = pw
    result = module.verify_password("correct horse battery", stored)
    assert result is False, f"verify_password returned {result!r}"
