"""Fails while being imported."""

SETTINGS = {"precision": 2}
LIMIT = SETTINGS["max"]


def add(a: int, b: int) -> int:
    return a + b
