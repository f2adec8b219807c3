from collections import deque

from fulfilment_consumer import drain
from message_broker import Message


class TinyBroker:
    def __init__(self, bodies):
        self.bodies = {f"m{i}": b for i, b in enumerate(bodies)}
        self.visible = deque(self.bodies)
        self.count = {m: 0 for m in self.bodies}
        self.acked, self.released, self.dead = [], [], []

    def receive(self):
        if not self.visible:
            return None
        mid = self.visible.popleft()
        self.count[mid] += 1
        if self.count[mid] > 50:
            raise RuntimeError("a message was delivered more than 50 times")
        return Message(mid, self.bodies[mid], self.count[mid])

    def ack(self, mid):
        self.acked.append(mid)

    def release(self, mid):
        self.released.append(mid)
        self.visible.append(mid)

    def dead_letter(self, mid, reason):
        self.dead.append(mid)


def test_all_messages_handled():
    """Every message is handled and acknowledged."""
    broker = TinyBroker([{"order_id": 1}, {"order_id": 2}])
    seen = []
    assert drain(broker, lambda body: seen.append(body["order_id"])) == 2
    assert seen == [1, 2] and sorted(broker.acked) == ["m0", "m1"]


def test_error_does_not_lose_the_message():
    """A message whose handler fails once is handled again later, not dropped."""
    broker = TinyBroker([{"order_id": 7}])
    calls = []

    def flaky(body):
        calls.append(body["order_id"])
        if len(calls) == 1:
            raise ConnectionError("warehouse API down")

    assert drain(broker, flaky) == 1
    assert calls == [7, 7]
