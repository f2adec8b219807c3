"""Similar past incidents for the on-call page (ticket OPS-640)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from embeddings import MAX_BATCH, Embedder, Vector, cosine
from incidents import Incident


class IncidentIndex:
    """Past incidents, searchable by meaning rather than by keyword.

    Each incident is embedded once, when it is added, in batches of MAX_BATCH; a search then
    embeds only the query. Embedding calls are network requests and billed per text.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._entries: list[tuple[Vector, Incident]] = []

    def add(self, incidents: Iterable[Incident]) -> None:
        """Make incidents searchable."""
        pending = list(incidents)
        for start in range(0, len(pending), MAX_BATCH):
            batch = pending[start : start + MAX_BATCH]
            vectors = self.embedder.embed([incident.summary for incident in batch])
            self._entries.extend(zip(vectors, batch))

    def similar(self, text: str, k: int = 5) -> list[Incident]:
        """The k past incidents closest in meaning to `text`, most similar first."""
        if k <= 0 or not self._entries:
            return []
        (query,) = self.embedder.embed([text])
        scored = ((cosine(query, vector), order, incident) for order, (vector, incident) in enumerate(self._entries))
        # Ties go to the incident added first, as a stable sort would do.
        best = heapq.nlargest(k, scored, key=lambda entry: (entry[0], -entry[1]))
        return [incident for _, _, incident in best]
