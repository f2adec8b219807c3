import io

from access_log_stats import summarise_access_log

SAMPLE = (
    '203.0.113.9 - - [12/Mar/2025:08:01:12 +0000] "GET /cart HTTP/1.1" 200 5120 "-" "curl/8.5"\n'
    '203.0.113.9 - - [12/Mar/2025:08:01:13 +0000] "POST /checkout HTTP/1.1" 502 - "-" "curl/8.5"\n'
    "upstream timed out while reading response header\n"
)


def test_summarises_a_small_log():
    """A two-request log gives two requests, one malformed line and the bytes of the first reply."""
    got = summarise_access_log(io.StringIO(SAMPLE))
    assert got.total == 2, f"total was {got.total}"
    assert got.malformed == 1, f"malformed was {got.malformed}"
    assert got.bytes_sent == 5120, f"bytes_sent was {got.bytes_sent}"
    assert got.by_status == {200: 1, 502: 1}, f"by_status was {got.by_status}"
