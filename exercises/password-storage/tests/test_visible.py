from account_passwords import hash_password, verify_password


def test_round_trip():
    """The password that was hashed verifies; another one does not."""
    stored = hash_password("correct horse battery")
    assert verify_password("correct horse battery", stored) is True
    assert verify_password("Correct horse battery", stored) is False


def test_salted():
    """The same password hashed twice gives different stored values."""
    assert hash_password("correct horse battery") != hash_password("correct horse battery")
