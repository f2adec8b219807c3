from password_reset import create_reset_token, redeem_reset_token
from reset_store import ResetTokenStore


def test_round_trip(monkeypatch):
    """A token redeems once for its user."""
    monkeypatch.setenv("SHOP_RESET_TOKEN_KEY", "visible-test-key")
    store = ResetTokenStore()
    token = create_reset_token(store, 3, 1_000)
    assert redeem_reset_token(store, token, 1_010) == 3
    assert redeem_reset_token(store, token, 1_020) is None
