# REFERENCE-MARKER: the reference fix must never reach a learner before solving.
def add(a: int, b: int) -> int:
    """Return the sum."""
    return a + b
