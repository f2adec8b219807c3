"""Fulfilment worker: turns `order_placed` events into warehouse shipments."""

from __future__ import annotations

import logging
from typing import Any, Callable

from message_broker import Queue

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]


def drain(queue: Queue, handle: Handler) -> int:
    """Process every message currently in the queue with `handle`.

    Returns the number of messages handled successfully. Called by the worker loop every
    few seconds.
    """
    handled = 0
    while (message := queue.receive()) is not None:
        # Acknowledge straight away so the broker doesn't redeliver the message to
        # another worker while we are still busy with it.
        queue.ack(message.id)
        try:
            handle(message.body)
        except Exception:
            log.exception("could not handle message %s", message.id)
            continue
        handled += 1
    return handled
