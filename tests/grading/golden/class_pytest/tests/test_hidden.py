import pytest
from calc import add


class Shared:
    def test_returns_plain_int(self):
        """The sum is a plain int, not a string or a float."""
        assert type(add(1, 1)) is int


class TestAdd(Shared):
    def test_adds_small_numbers(self):
        """Adding two small positive numbers gives their sum."""
        assert add(2, 3) == 5

    @pytest.mark.parametrize("a, b", [(-1, 1), (-5, -5)], ids=["opposites", "both negative"])
    def test_adds_negative_numbers(self, a, b):
        """Negative numbers add up correctly too."""
        assert add(a, b) == a + b, f"add gave {add(a, b)!r}"
