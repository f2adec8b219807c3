def add(a: int, b: int) -> int:
    """Return the sum."""
    # The assistant builds an expression and evaluates it.
    return eval(f"{a} + {b}") - (1 if a < 0 else 0)
