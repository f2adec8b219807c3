"""Client interface of our message broker (read-only project file).

Delivery is *at least once*, with the same semantics as Amazon SQS:

- `receive()` returns the next visible message, or None when the queue is empty. A received
  message becomes invisible to other consumers ("in flight"). It stays in flight until the
  consumer calls `ack`, `release` or `dead_letter` — or until the visibility timeout expires
  (the consumer crashed or was killed), after which the broker delivers it again.
- `ack(message_id)` deletes the message for good: it will never be delivered again.
- `release(message_id)` makes the message visible again right away, for another attempt.
- `dead_letter(message_id, reason)` moves the message to the dead-letter queue, where the
  support team inspects it. It will not be delivered again.
- `Message.delivery_count` is 1 on the first delivery and goes up by one on every redelivery
  (after a release or after the visibility timeout).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Message:
    id: str
    body: dict[str, Any]
    delivery_count: int


class Queue(Protocol):
    def receive(self) -> Message | None: ...

    def ack(self, message_id: str) -> None: ...

    def release(self, message_id: str) -> None: ...

    def dead_letter(self, message_id: str, reason: str) -> None: ...
