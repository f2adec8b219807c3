from ping_buffer import PingBuffer
from telematics import Ping, UplinkError


def test_flush_sends_in_order():
    delivered = []
    buffer = PingBuffer(delivered.extend, batch_size=2)
    for seq in range(5):
        buffer.add(Ping("TRK-1", seq, 51.5, -0.1))
    assert buffer.flush() == 5
    assert [p.seq for p in delivered] == [0, 1, 2, 3, 4]


def test_outage_keeps_pings():
    def no_coverage(batch):
        raise UplinkError("tunnel")

    buffer = PingBuffer(no_coverage)
    buffer.add(Ping("TRK-1", 1, 51.5, -0.1))
    assert buffer.flush() == 0 and len(buffer) == 1
