"""Prints while it works, and gets negative numbers wrong."""


def add(a: int, b: int) -> int:
    print(f"adding {a} and {b}")
    if a < 0:
        return 0
    return a + b
