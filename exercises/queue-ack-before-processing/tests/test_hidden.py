from collections import deque

import pytest

from fulfilment_consumer import drain
from message_broker import Message

MAX_DELIVERIES = 5


class WorkerCrash(BaseException):
    """The process dies mid-message (OOM kill, deploy, power loss)."""


class Runaway(BaseException):
    pass


class FakeBroker:
    """At-least-once broker: in-flight messages come back after `expire_in_flight()`."""

    def __init__(self, bodies):
        self.bodies = {f"m{i}": body for i, body in enumerate(bodies, start=1)}
        self.visible = deque(self.bodies)
        self.in_flight = set()
        self.deliveries = {mid: 0 for mid in self.bodies}
        self.acked, self.dead, self.log = [], {}, []
        self.receives = 0

    def receive(self):
        self.receives += 1
        if self.receives > 300:
            raise Runaway("received more than 300 messages in one test")
        if not self.visible:
            return None
        mid = self.visible.popleft()
        self.in_flight.add(mid)
        self.deliveries[mid] += 1
        return Message(mid, dict(self.bodies[mid]), self.deliveries[mid])

    def _settle(self, mid, action):
        if mid not in self.in_flight:
            raise RuntimeError(f"{action} for {mid}, which is not in flight")
        self.in_flight.discard(mid)
        self.log.append((action, mid))

    def ack(self, message_id):
        self._settle(message_id, "ack")
        self.acked.append(message_id)

    def release(self, message_id):
        self._settle(message_id, "release")
        self.visible.append(message_id)

    def dead_letter(self, message_id, reason):
        self._settle(message_id, "dead_letter")
        self.dead[message_id] = reason

    def expire_in_flight(self):
        """The visibility timeout passes: messages held by a dead worker are delivered again."""
        self.visible.extend(sorted(self.in_flight))
        self.in_flight.clear()


def orders(n, start=100):
    return [{"order_id": start + i, "sku": f"SKU-{(start + i) % 7}", "qty": i % 3 + 1} for i in range(n)]


class Warehouse:
    """The handler: creates shipments; can fail for chosen orders."""

    def __init__(self, broker, fail_times=None, crash_on=None, fail_always=(), fail_bare=()):
        self.broker = broker
        self.fail_bare = set(fail_bare)  # orders whose error carries no message at all
        self.fail_times = dict(fail_times or {})
        self.crash_on = set(crash_on or ())
        self.fail_always = set(fail_always)
        self.shipped = []
        self.attempts = {}
        self.acked_while_handling = []

    def __call__(self, body):
        order_id = body["order_id"]
        self.attempts[order_id] = self.attempts.get(order_id, 0) + 1
        mid = next(m for m, b in self.broker.bodies.items() if b["order_id"] == order_id)
        if mid in self.broker.acked:
            self.acked_while_handling.append(order_id)
        if order_id in self.crash_on:
            raise WorkerCrash(f"killed while shipping order {order_id}")
        if order_id in self.fail_always:
            raise ValueError(f"order {order_id} references a discontinued SKU")
        if order_id in self.fail_bare:
            raise TimeoutError()
        if self.fail_times.get(order_id, 0) > 0:
            self.fail_times[order_id] -= 1
            raise ConnectionError("warehouse API unavailable")
        self.shipped.append(order_id)


def test_handles_every_message_and_acknowledges_it():
    """Every message in the queue is handled once, acknowledged, and counted in the return value — the worker must keep doing its job."""
    bodies = orders(6)
    broker = FakeBroker(bodies)
    warehouse = Warehouse(broker)
    handled = drain(broker, warehouse)
    assert type(handled) is int and handled == 6, f"returned {handled!r}"
    assert warehouse.shipped == [b["order_id"] for b in bodies], f"shipped {warehouse.shipped}"
    assert sorted(broker.acked) == sorted(broker.bodies) and not broker.in_flight and not broker.visible


def test_message_is_acknowledged_only_after_it_was_handled():
    """A message is acknowledged only after the handler has finished with it, never before — otherwise a crash in between loses it."""
    broker = FakeBroker(orders(4, start=300))
    warehouse = Warehouse(broker)
    drain(broker, warehouse)
    assert warehouse.acked_while_handling == [], f"orders acknowledged before handling: {warehouse.acked_while_handling}"


def test_crash_while_handling_does_not_lose_the_message():
    """If the worker dies while handling a message, that message is delivered again after restart and gets shipped — no order is lost."""
    bodies = orders(5, start=500)
    broker = FakeBroker(bodies)
    with pytest.raises(WorkerCrash):
        drain(broker, Warehouse(broker, crash_on={502}))
    broker.expire_in_flight()  # the visibility timeout passes; a fresh worker starts
    warehouse = Warehouse(broker)
    drain(broker, warehouse)
    assert 502 in warehouse.shipped, "the order being handled during the crash was never shipped"
    assert not broker.in_flight and not broker.visible, "messages were left behind"


def test_failed_message_is_retried_not_dropped():
    """When handling fails with an error (the warehouse API is briefly down), the message goes back to the queue and is shipped on a later delivery instead of being dropped."""
    bodies = orders(5, start=700)
    broker = FakeBroker(bodies)
    warehouse = Warehouse(broker, fail_times={701: 1, 703: 3})
    handled = drain(broker, warehouse)
    assert sorted(warehouse.shipped) == [b["order_id"] for b in bodies], f"shipped {sorted(warehouse.shipped)}"
    assert handled == 5, f"returned {handled!r}"
    assert broker.dead == {}, f"dead-lettered {sorted(broker.dead)} although they would have succeeded"
    assert not broker.in_flight


def test_failed_message_is_never_acknowledged():
    """A message whose handling failed is not acknowledged (acknowledging deletes it for good); it is released for another attempt."""
    broker = FakeBroker(orders(3, start=900))
    warehouse = Warehouse(broker, fail_times={901: 1})
    drain(broker, warehouse)
    first = next(action for action, mid in broker.log if mid == "m2")
    assert first == "release", f"after the failure the message was settled with {first!r}"


def test_poison_message_goes_to_dead_letter_after_five_deliveries():
    """A message that fails every time is dead-lettered (with a reason) after its 5th failed delivery, so it neither loops forever nor blocks the other messages."""
    bodies = orders(4, start=1100)
    broker = FakeBroker(bodies)
    warehouse = Warehouse(broker, fail_always={1102})
    handled = drain(broker, warehouse)
    assert warehouse.attempts[1102] == MAX_DELIVERIES, f"the poison message was handled {warehouse.attempts[1102]} times"
    assert list(broker.dead) == ["m3"], f"dead-lettered: {sorted(broker.dead)}"
    assert isinstance(broker.dead["m3"], str) and broker.dead["m3"].strip(), "the dead-letter reason is empty"
    assert sorted(warehouse.shipped) == [1100, 1101, 1103] and handled == 3, f"shipped {warehouse.shipped}, returned {handled}"


def test_message_that_keeps_crashing_workers_is_dead_lettered():
    """A message that has already been delivered five times without success (it keeps killing workers) is dead-lettered without handling it again, so one bad message cannot crash-loop the fleet."""
    bodies = orders(3, start=1300)
    broker = FakeBroker(bodies)
    crashes = 0
    for _ in range(12):
        try:
            drain(broker, Warehouse(broker, crash_on={1301}))
            break
        except WorkerCrash:
            crashes += 1
            broker.expire_in_flight()
    assert crashes == MAX_DELIVERIES, f"the worker crashed {crashes} times on the same message"
    assert "m2" in broker.dead, "the crash-looping message was not dead-lettered"
    assert not broker.in_flight and not broker.visible


def test_dead_letter_reason_is_never_empty():
    """A message dead-lettered because of an error that carries no text of its own still gets a
    non-empty reason (at least the kind of error) — support triages the dead-letter queue by
    reason, and an empty one tells them nothing."""
    bodies = orders(3, start=1500)
    broker = FakeBroker(bodies)
    warehouse = Warehouse(broker, fail_bare={1501})
    handled = drain(broker, warehouse)
    assert list(broker.dead) == ["m2"], f"dead-lettered: {sorted(broker.dead)}"
    reason = broker.dead["m2"]
    assert isinstance(reason, str) and reason.strip(), f"the dead-letter reason was {reason!r}"
    assert handled == 2, f"returned {handled}"
