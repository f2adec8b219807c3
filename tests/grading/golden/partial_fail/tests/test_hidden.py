import pytest
from calc import add


def test_adds_small_numbers():
    """Adding two small positive numbers gives their sum."""
    assert add(2, 3) == 5


@pytest.mark.parametrize("a, b", [(-1, 1), (-5, -5), (10**12, 1)], ids=["opposites", "both negative", "very large"])
def test_adds_any_integers(a, b):
    """Negative and large numbers add up correctly too."""
    result = add(a, b)
    assert type(result) is int and result == a + b, f"add gave {result!r}"


def test_returns_plain_int():
    """The sum is a plain int, not a string or a float."""
    assert type(add(1, 1)) is int
