from calc import add


def test_adds_small_numbers():
    """Adding two small positive numbers gives their sum."""
    assert add(2, 3) == 5
