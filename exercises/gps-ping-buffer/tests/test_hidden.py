import tracemalloc

import pytest

from ping_buffer import PingBuffer
from telematics import Ping, UplinkError


class FakeUplink:
    """The cellular modem: delivers batches while there is coverage and records them; raises
    UplinkError (delivering nothing) while there is none."""

    def __init__(self, up=True):
        self.up = up
        self.batches = []

    def __call__(self, batch):
        if not self.up:
            raise UplinkError("no coverage")
        self.batches.append(list(batch))

    @property
    def delivered(self):
        return [p.seq for batch in self.batches for p in batch]


def ping(seq):
    return Ping("TRK-0412", seq, 51.5 + seq * 1e-5, -0.12 - seq * 1e-5)


def fill(buffer, start, count):
    for seq in range(start, start + count):
        buffer.add(ping(seq))


def test_pings_are_sent_oldest_first_in_batches():
    """With coverage, flush() delivers every pending ping once, oldest first, in batches of at
    most batch_size, and returns how many it sent."""
    uplink = FakeUplink()
    buffer = PingBuffer(uplink, batch_size=50)
    fill(buffer, 1, 180)
    sent = buffer.flush()
    assert sent == 180, f"flush returned {sent!r}"
    assert uplink.delivered == list(range(1, 181)), "pings were lost, repeated or reordered"
    assert max(len(b) for b in uplink.batches) <= 50, "a batch was larger than batch_size"
    assert len(buffer) == 0 and buffer.flush() == 0


def test_a_failed_send_keeps_the_pings():
    """When the uplink fails nothing is lost: the pings stay queued and the next flush with
    coverage delivers them, once each, in order."""
    uplink = FakeUplink(up=False)
    buffer = PingBuffer(uplink, batch_size=40)
    fill(buffer, 1, 100)
    assert buffer.flush() == 0, "nothing can be sent without coverage"
    assert len(buffer) == 100, f"{len(buffer)} pings left after a failed send"
    uplink.up = True
    assert buffer.flush() == 100
    assert uplink.delivered == list(range(1, 101)), "pings were lost, repeated or reordered"


@pytest.mark.parametrize(
    "capacity, outage", [(100, 99), (100, 101), (1_000, 15_000)],
    ids=["an outage that fits", "one ping more than fits", "a long tunnel"],
)
def test_buffer_never_holds_more_than_its_capacity(capacity, outage):
    """During an outage the buffer holds at most `capacity` pings, however long the outage
    lasts — the unit has 64 MB, and a day out of coverage must not crash it — and it keeps
    as many as it has room for."""
    uplink = FakeUplink(up=False)
    buffer = PingBuffer(uplink, capacity=capacity)
    for seq in range(1, outage + 1):
        buffer.add(ping(seq))
        if seq % 500 == 0:
            buffer.flush()
    held = len(buffer)
    assert held <= capacity, f"{held} pings held with capacity {capacity}"
    assert held == min(capacity, outage), f"only {held} pings held: the buffer threw away pings it had room for"


@pytest.mark.parametrize(
    "capacity, outage", [(100, 101), (250, 5_000)], ids=["one ping over", "a long tunnel"]
)
def test_the_newest_pings_are_kept_and_drops_are_counted(capacity, outage):
    """When the buffer is full the oldest ping is the one dropped, and every drop is counted in
    `dropped` — dispatch needs where the truck is now, and support needs to know how much of
    the track is missing."""
    uplink = FakeUplink(up=False)
    buffer = PingBuffer(uplink, capacity=capacity, batch_size=64)
    assert buffer.dropped == 0 and type(buffer.dropped) is int, f"dropped starts at {buffer.dropped!r}"
    fill(buffer, 1, outage)
    buffer.flush()
    dropped = buffer.dropped
    assert type(dropped) is int and dropped == outage - capacity, f"dropped was {dropped!r}"
    uplink.up = True
    buffer.flush()
    newest = list(range(outage - capacity + 1, outage + 1))
    assert uplink.delivered == newest, "after the outage the newest pings must be delivered, oldest first"


def test_memory_stays_flat_during_an_outage():
    """Once the buffer is full, more pings during an outage do not grow memory."""
    uplink = FakeUplink(up=False)
    buffer = PingBuffer(uplink, capacity=500)
    fill(buffer, 1, 600)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        fill(buffer, 601, 8_000)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 100_000, f"memory grew by {(after - before) // 1024} KiB during the outage"


def test_default_capacity_is_five_thousand():
    """Without a capacity argument the buffer still has the documented bound of 5,000 pings."""
    buffer = PingBuffer(FakeUplink(up=False))
    fill(buffer, 1, 5_300)
    assert len(buffer) == 5_000, f"{len(buffer)} pings held"
    assert buffer.dropped == 300, f"dropped was {buffer.dropped!r}"


@pytest.mark.parametrize(
    "options",
    [{"capacity": 0}, {"capacity": -10}, {"batch_size": 0}],
    ids=["a capacity of zero", "a negative capacity", "a batch size of zero"],
)
def test_useless_settings_are_rejected(options):
    """A capacity or batch size below 1 is a configuration mistake and raises ValueError."""
    with pytest.raises(ValueError):
        PingBuffer(FakeUplink(), **options)
