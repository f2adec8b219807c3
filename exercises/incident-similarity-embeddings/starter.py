"""Similar past incidents for the on-call page (ticket OPS-640)."""

from __future__ import annotations

from collections.abc import Iterable

from embeddings import Embedder, cosine
from incidents import Incident


class IncidentIndex:
    """Past incidents, searchable by meaning rather than by keyword."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.incidents: list[Incident] = []

    def add(self, incidents: Iterable[Incident]) -> None:
        """Make incidents searchable."""
        self.incidents.extend(incidents)

    def similar(self, text: str, k: int = 5) -> list[Incident]:
        """The k past incidents closest in meaning to `text`, most similar first."""
        query = self.embedder.embed([text])[0]
        scored = []
        for incident in self.incidents:
            vector = self.embedder.embed([incident.summary])[0]
            scored.append((cosine(query, vector), incident))
        scored.sort(key=lambda pair: pair[0], reverse=True)
        return [incident for _, incident in scored[:k]]
