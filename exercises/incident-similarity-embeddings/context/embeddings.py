"""The embedding endpoint of the company's LLM gateway (read-only project file).

`embedder.embed(texts)` returns one vector per text, in the same order. One call is one HTTPS
request (about 150 ms) and takes at most MAX_BATCH texts; a bigger batch raises BatchTooLarge.
Every text embedded is billed. Vectors have unit length, so `cosine` is a plain dot product.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

MAX_BATCH = 64

Vector = list[float]


class BatchTooLarge(ValueError):
    """More than MAX_BATCH texts in one embed() call."""


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> list[Vector]:
        """One unit-length vector per text, in order."""
        ...


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two unit-length vectors: 1.0 is identical, 0.0 unrelated."""
    return sum(x * y for x, y in zip(a, b))
