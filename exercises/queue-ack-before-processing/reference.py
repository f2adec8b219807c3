"""Fulfilment worker: turns `order_placed` events into warehouse shipments."""

from __future__ import annotations

import logging
from typing import Any, Callable

from message_broker import Message, Queue

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]

MAX_DELIVERIES = 5  # after this many failed deliveries a message goes to the dead-letter queue


def process(queue: Queue, message: Message, handle: Handler) -> bool:
    """Handle one message and settle it with the broker; True when it was handled.

    The message is acknowledged only after `handle` returned. If the process dies inside
    `handle`, the message stays in flight and the broker redelivers it.
    """
    if message.delivery_count > MAX_DELIVERIES:
        # Delivered too often without an ack: it probably crashes workers. Stop the loop.
        queue.dead_letter(message.id, f"no success after {MAX_DELIVERIES} deliveries")
        return False
    try:
        handle(message.body)
    except Exception as exc:
        if message.delivery_count >= MAX_DELIVERIES:
            log.error("dead-lettering message %s: %r", message.id, exc)
            queue.dead_letter(message.id, repr(exc))
        else:
            log.warning("message %s failed (delivery %d), will retry: %r", message.id, message.delivery_count, exc)
            queue.release(message.id)
        return False
    queue.ack(message.id)
    return True


def drain(queue: Queue, handle: Handler) -> int:
    """Process every message currently in the queue with `handle`.

    Returns the number of messages handled successfully. Called by the worker loop every
    few seconds. Delivery is at least once, so `handle` must tolerate seeing a message twice.
    """
    handled = 0
    while (message := queue.receive()) is not None:
        if process(queue, message, handle):
            handled += 1
    return handled
