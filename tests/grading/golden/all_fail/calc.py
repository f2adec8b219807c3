"""Concatenates text instead of adding numbers."""


def add(a, b):
    return f"{a}{b}"
