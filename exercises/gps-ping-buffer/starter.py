"""Buffers GPS pings on the truck's on-board unit until the uplink can send them (ticket FLEET-301)."""

from __future__ import annotations

from collections.abc import Callable

from telematics import Ping, UplinkError

SendBatch = Callable[[list[Ping]], None]


class PingBuffer:
    """Pings waiting for the uplink, sent oldest first in batches."""

    def __init__(self, send: SendBatch, *, batch_size: int = 200) -> None:
        self._send = send
        self._batch_size = batch_size
        # Keep every ping until it has been delivered, so none is ever lost.
        self._pending: list[Ping] = []

    def add(self, ping: Ping) -> None:
        """Queue a ping recorded by the GPS (called every few seconds)."""
        self._pending.append(ping)

    def flush(self) -> int:
        """Send what is pending, oldest first; stop at the first uplink failure. Returns pings sent."""
        sent = 0
        while self._pending:
            batch = self._pending[: self._batch_size]
            try:
                self._send(batch)
            except UplinkError:
                break  # no coverage: keep the pings and try again at the next flush
            del self._pending[: len(batch)]
            sent += len(batch)
        return sent

    def __len__(self) -> int:
        return len(self._pending)
