"""Buffers GPS pings on the truck's on-board unit until the uplink can send them (ticket FLEET-301)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from itertools import islice

from telematics import Ping, UplinkError

SendBatch = Callable[[list[Ping]], None]

DEFAULT_CAPACITY = 5_000


class PingBuffer:
    """At most `capacity` pings waiting for the uplink, sent oldest first in batches.

    When the buffer is full the oldest ping is dropped (and counted): dispatch needs where the
    truck is now far more than where it was an hour ago, and the unit has 64 MB of memory.
    """

    def __init__(self, send: SendBatch, *, capacity: int = DEFAULT_CAPACITY, batch_size: int = 200) -> None:
        if capacity < 1 or batch_size < 1:
            raise ValueError("capacity and batch_size must be at least 1")
        self._send = send
        self._batch_size = batch_size
        self._pending: deque[Ping] = deque(maxlen=capacity)
        self.dropped = 0

    def add(self, ping: Ping) -> None:
        """Queue a ping recorded by the GPS (called every few seconds)."""
        if len(self._pending) == self._pending.maxlen:
            self.dropped += 1  # the deque pushes out the oldest ping on append
        self._pending.append(ping)

    def flush(self) -> int:
        """Send what is pending, oldest first; stop at the first uplink failure. Returns pings sent."""
        sent = 0
        while self._pending:
            batch = list(islice(self._pending, self._batch_size))
            try:
                self._send(batch)
            except UplinkError:
                break  # no coverage: the batch stays queued for the next flush
            for _ in batch:
                self._pending.popleft()
            sent += len(batch)
        return sent

    def __len__(self) -> int:
        return len(self._pending)
