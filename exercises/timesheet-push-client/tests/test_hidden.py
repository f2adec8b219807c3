import json
import random
from decimal import Decimal

import pytest

import httpclient
from httpclient import Response, TransportError
from payroll import ProviderError, Timesheet
from timesheet_push import push_timesheets

API = "https://api.payroll-provider.example"
TOKEN = "tok_live_5f2a"
MAX_HOURS = Decimal("60")
# Every fake connection not yet closed, whichever test opened it: a client kept between runs
# still counts.
LIVE_CONNECTIONS = set()


class FakeProvider:
    """The payroll provider behind the network. Replaces httpclient's handshake, so it counts
    every new connection (a TCP and TLS handshake) and every connection still open; accepts
    timesheets up to 60 hours (201) and rejects longer ones (422). `break_at` makes the n-th
    request fail with a broken connection, `outage_at` makes it answer 503."""

    def __init__(self, break_at=None, outage_at=None):
        self.break_at, self.outage_at = break_at, outage_at
        self.handshakes = 0
        self.open = 0
        self.requests = []

    def handshake(self, base_url, timeout):
        assert base_url.rstrip("/") == API, f"connected to {base_url!r}"
        self.handshakes += 1
        self.open += 1
        return FakeConnection(self)


class FakeConnection:
    def __init__(self, provider):
        self.provider = provider
        self.closed = False
        LIVE_CONNECTIONS.add(self)

    def send(self, method, path, body, headers):
        if self.closed:
            raise TransportError("request on a closed connection")
        provider = self.provider
        payload = json.loads(body)
        provider.requests.append((method, path, payload, headers))
        if len(provider.requests) == provider.break_at:
            raise TransportError("connection reset by peer")
        if len(provider.requests) == provider.outage_at:
            return Response(503, {"error": "maintenance"})
        if Decimal(payload["hours"]) > MAX_HOURS:
            return Response(422, {"error": "hours over the legal maximum"})
        return Response(201, {"id": f"ts_{payload['external_id']}"})

    def close(self):
        if not self.closed:
            self.closed = True
            self.provider.open -= 1
            LIVE_CONNECTIONS.discard(self)


@pytest.fixture
def provider(monkeypatch):
    fake = FakeProvider()
    monkeypatch.setattr(httpclient, "_handshake", lambda base_url, timeout: fake.handshake(base_url, timeout))
    return fake


def make_sheets(seed, count):
    rng = random.Random(seed)
    return [
        Timesheet(f"TS-{seed}-{i:05d}", f"E{rng.randrange(10_000):05d}", f"2025-W{rng.randint(10, 19)}",
                  Decimal(rng.choice(["0", "7.5", "22.25", "37.5", "40", "60", "60.25", "72"])))
        for i in range(count)
    ]


def expected(sheets):
    return {s.id: s.hours <= MAX_HOURS for s in sheets}


@pytest.mark.parametrize("seed, count", [(1, 6), (2, 250)], ids=["a small team", "a whole company"])
def test_each_timesheet_accepted_or_rejected(provider, seed, count):
    """Every timesheet is posted once and the result says which the provider accepted (True)
    and which it rejected (False) — payroll officers fix the rejected ones before the pay run."""
    sheets = make_sheets(seed, count)
    got = push_timesheets(sheets, API, TOKEN)
    assert type(got) is dict, f"returned a {type(got).__name__}, not a dict"
    assert got == expected(sheets), f"{sum(got.get(k) != v for k, v in expected(sheets).items())} results wrong"
    assert all(type(v) is bool for v in got.values()), "results must be True or False"
    posted = [payload["external_id"] for _, _, payload, _ in provider.requests]
    assert posted == [s.id for s in sheets], "each timesheet must be posted once, in order"


def test_requests_carry_the_payload_and_the_token(provider):
    """Each request posts the timesheet's payload to /v1/timesheets with the bearer token."""
    sheets = make_sheets(3, 4)
    push_timesheets(sheets, API, TOKEN)
    for sheet, (method, path, payload, headers) in zip(sheets, provider.requests):
        assert (method, path) == ("POST", "/v1/timesheets"), f"sent {method} {path}"
        assert payload == sheet.as_payload(), "the payload must be the timesheet's as_payload()"
        assert headers.get("Authorization") == f"Bearer {TOKEN}", "the bearer token is missing"


@pytest.mark.parametrize("count", [2, 40, 600], ids=["two timesheets", "a department", "the whole company"])
def test_one_connection_for_the_whole_run(provider, count):
    """A run opens one connection and sends every timesheet over it — a new client per
    timesheet pays a TCP and TLS handshake each time, which for the company's 6,000 weekly
    timesheets is most of the job's time and can trip the provider's connection-rate limit."""
    push_timesheets(make_sheets(count, count), API, TOKEN)
    assert provider.handshakes <= 1, f"{provider.handshakes} connections opened for {count} timesheets"


def test_connection_is_closed_after_the_run(provider):
    """When the run is over no connection is left open: the job runs in a worker that stays up,
    and every connection left behind holds a socket until the worker runs out of them."""
    for seed in (5, 6):
        push_timesheets(make_sheets(seed, 30), API, TOKEN)
        assert not LIVE_CONNECTIONS, f"{len(LIVE_CONNECTIONS)} connection(s) left open after run {seed - 4}"


@pytest.mark.parametrize(
    "failure", [{"break_at": 7}, {"outage_at": 7}], ids=["a broken connection", "a provider outage"]
)
def test_a_provider_failure_stops_the_run_and_closes_the_connection(monkeypatch, failure):
    """When the provider fails mid-run, ProviderError is raised and nothing more is sent (the
    scheduler retries the whole run later), and the connection is closed all the same."""
    fake = FakeProvider(**failure)
    monkeypatch.setattr(httpclient, "_handshake", lambda base_url, timeout: fake.handshake(base_url, timeout))
    with pytest.raises(ProviderError):
        push_timesheets(make_sheets(8, 20), API, TOKEN)
    assert len(fake.requests) == 7, f"{len(fake.requests)} requests sent; the run must stop at the failure"
    assert fake.open == 0, f"{fake.open} connection(s) left open after the failure"


def test_no_timesheets(provider):
    """A week without approved timesheets sends nothing and returns an empty result."""
    assert push_timesheets([], API, TOKEN) == {}
    assert provider.requests == []
