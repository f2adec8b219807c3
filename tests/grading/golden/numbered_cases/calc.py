"""Gets negative numbers wrong."""


def add(a: int, b: int) -> int:
    if a < 0:
        return abs(a) + b
    return a + b
