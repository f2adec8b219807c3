import io
import random
import tracemalloc

import pytest

from access_log_stats import LogSummary, summarise_access_log

PATHS = ["/", "/cart", "/checkout", "/api/products?page=2", "/static/app.js", "/account/orders"]
STATUSES = [200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 404, 500, 502, 503]


def make_log(count, seed, malformed_every=0):
    """Return (lines, expected) for a generated log of `count` requests."""
    rng = random.Random(seed)
    lines, by_status, sent, bad = [], {}, 0, 0
    for i in range(count):
        status = rng.choice(STATUSES)
        size = rng.choice(["-", str(rng.randint(0, 90000))])
        lines.append(
            f'10.0.{i % 250}.{rng.randint(1, 254)} - - [12/Mar/2025:0{i % 10}:{i % 60:02d}:17 +0000] '
            f'"GET {rng.choice(PATHS)} HTTP/1.1" {status} {size} "-" "Mozilla/5.0 (X11; Linux)"\n'
        )
        by_status[status] = by_status.get(status, 0) + 1
        sent += 0 if size == "-" else int(size)
        if malformed_every and i % malformed_every == 0:
            lines.append("upstream timed out (110: Connection timed out) while reading\n")
            bad += 1
    return lines, LogSummary(total=count, malformed=bad, bytes_sent=sent, by_status=by_status)


class WholeFileRead(RuntimeError):
    """Raised when the code asks for the entire log in one call."""


class LazyLog:
    """A log that hands out one line at a time, like a huge file would."""

    def __init__(self, lines):
        self._lines = iter(lines)
        self._pending = ""

    def __iter__(self):
        return self

    def __next__(self):
        if self._pending:
            line, self._pending = self._pending, ""
            return line
        return next(self._lines)

    def readline(self, size=-1):
        return next(self, "")

    def read(self, size=-1):
        if size is None or size < 0 or size > 1 << 16:
            raise WholeFileRead("the whole log was requested with read() in one call")
        out = self._pending
        while len(out) < size:
            nxt = next(self._lines, "")
            if not nxt:
                break
            out += nxt
        out, self._pending = out[:size], out[size:]
        return out

    def readlines(self, hint=-1):
        raise WholeFileRead("the whole log was requested with readlines() in one call")

    def close(self):
        pass


@pytest.mark.parametrize(
    "count,seed", [(1, 3), (40, 11), (503, 29)], ids=["a single request", "a short log", "a few hundred requests"]
)
def test_counts_requests_by_status_and_bytes(count, seed):
    """Every request is counted under its status code and its body size added to bytes_sent — the
    dashboard's error rate and bandwidth figures come from these numbers."""
    lines, expected = make_log(count, seed)
    got = summarise_access_log(io.StringIO("".join(lines)))
    assert type(got) is LogSummary, f"returned a {type(got).__name__}"
    assert expected.total == got.total, f"total was {got.total!r}"
    assert expected.bytes_sent == got.bytes_sent, f"bytes_sent was {got.bytes_sent!r}"
    assert expected.by_status == got.by_status, "by_status does not match the log"


def test_result_fields_have_plain_types():
    """The summary holds plain ints and a dict keyed by int status codes, so the dashboard can
    serialise it to JSON as before."""
    lines, _ = make_log(60, 5)
    got = summarise_access_log(io.StringIO("".join(lines)))
    for name in ("total", "malformed", "bytes_sent"):
        assert type(getattr(got, name)) is int, f"{name} is a {type(getattr(got, name)).__name__}"
    assert type(got.by_status) is dict, f"by_status is a {type(got.by_status).__name__}"
    assert all(type(k) is int and type(v) is int for k, v in got.by_status.items()), "by_status must map int to int"


def test_malformed_and_blank_lines():
    """Lines that are not requests count as malformed and blank lines are ignored, so a noisy
    log never inflates the request total."""
    lines, expected = make_log(90, 17, malformed_every=7)
    lines.insert(5, "\n")
    lines.append("   \n")
    got = summarise_access_log(io.StringIO("".join(lines)))
    assert expected.malformed == got.malformed, f"malformed was {got.malformed!r}"
    assert expected.total == got.total, f"total was {got.total!r}"


def test_empty_log():
    """An empty log (a quiet night, or a freshly rotated file) gives an all-zero summary."""
    got = summarise_access_log(io.StringIO(""))
    assert (0, 0, 0) == (got.total, got.malformed, got.bytes_sent), "expected zeros"
    assert {} == got.by_status, f"by_status was {got.by_status!r}"


def test_does_not_read_whole_file_at_once():
    """The log is consumed line by line (or in small chunks), never with read() or readlines() on
    the whole file — production logs are gigabytes and the job runs in a 256 MB container."""
    lines, expected = make_log(300, 41)
    got = summarise_access_log(LazyLog(lines))
    assert expected.total == got.total, f"total was {got.total!r}"


def test_memory_stays_flat_on_a_large_log(tmp_path):
    """Summarising a log several megabytes long keeps peak memory far below the file's size,
    because memory must not grow with the number of lines in the log."""
    lines, expected = make_log(25000, 97)
    path = tmp_path / "access.log"
    path.write_text("".join(lines), encoding="utf-8")
    del lines
    tracemalloc.start()
    try:
        with open(path, encoding="utf-8") as stream:
            got = summarise_access_log(stream)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert expected.total == got.total, f"total was {got.total!r}"
    assert peak < 512 * 1024, f"peak memory was {peak // 1024} KiB for a {path.stat().st_size // 1024} KiB log"
