import asyncio
import random

import pytest

from helpcentre import Article
from kb_summaries import summarise_articles
from llm_async import MAX_CONCURRENT, RateLimited

TOPICS = ["Reset your password", "Export invoices to CSV", "Connect Slack", "Set up SSO with Okta",
          "Change your plan", "Invite teammates", "Delete a workspace", "Two-factor authentication"]


def make_articles(seed, count):
    rng = random.Random(seed)
    return [
        Article(1000 + i, f"{rng.choice(TOPICS)} ({i})",
                f"Article KB-{1000 + i}. " + " ".join(rng.choice(TOPICS).lower() for _ in range(20)))
        for i in range(count)
    ]


class FakeGateway:
    """The async model behind the gateway. It counts requests and how many are in flight at
    once; like the real gateway it answers 429 (RateLimited) straight away when the key has
    more than MAX_CONCURRENT requests in flight. Answers take a varying number of event-loop
    turns, so requests overlap as they would on the network."""

    def __init__(self, articles, seed=1):
        self.ids = {f"Article KB-{a.id}.": a.id for a in articles}
        self.rng = random.Random(seed)
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0

    async def complete(self, prompt, *, max_tokens):
        self.requests += 1
        self.in_flight += 1
        try:
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.in_flight > MAX_CONCURRENT:
                raise RateLimited(f"429: {self.in_flight} requests in flight, the key allows {MAX_CONCURRENT}")
            for _ in range(self.rng.randint(1, 6)):
                await asyncio.sleep(0)
            article_id = next(i for marker, i in self.ids.items() if marker in prompt)
            return f"How to {article_id}: a short answer for the search page."
        finally:
            self.in_flight -= 1


def expected(articles):
    return {a.id: f"How to {a.id}: a short answer for the search page." for a in articles}


@pytest.mark.parametrize(
    "seed, count", [(2, 5), (7, 300)], ids=["a handful of articles", "the whole help centre"]
)
def test_every_article_gets_its_summary(seed, count):
    """Every article gets the summary the model wrote for it, keyed by article id, and each
    article is requested exactly once."""
    articles = make_articles(seed, count)
    gateway = FakeGateway(articles, seed)
    got = asyncio.run(summarise_articles(articles, gateway))
    assert type(got) is dict, f"returned a {type(got).__name__}, not a dict"
    assert got == expected(articles), f"{sum(got.get(k) != v for k, v in expected(articles).items())} summaries wrong or missing"
    assert gateway.requests == count, f"{gateway.requests} requests for {count} articles"


def test_never_more_requests_in_flight_than_the_gateway_allows():
    """However many articles there are, at most 8 requests are in flight at once by default —
    firing them all together gets all but the first 8 rejected with 429 and fails the run,
    and opens thousands of connections at once."""
    articles = make_articles(11, 400)
    gateway = FakeGateway(articles, 11)
    asyncio.run(summarise_articles(articles, gateway))
    assert gateway.max_in_flight <= MAX_CONCURRENT, f"{gateway.max_in_flight} requests in flight at once"


@pytest.mark.parametrize("limit", [1, 3, 5], ids=["one at a time", "three at a time", "five at a time"])
def test_concurrency_option_is_respected(limit):
    """The concurrency option sets the most requests in flight at once — the nightly job runs
    with a lower limit while daytime traffic shares the key."""
    articles = make_articles(limit, 120)
    gateway = FakeGateway(articles, limit)
    got = asyncio.run(summarise_articles(articles, gateway, concurrency=limit))
    assert type(got) is dict and got == expected(articles), "summaries wrong or missing"
    assert gateway.max_in_flight <= limit, f"{gateway.max_in_flight} requests in flight with concurrency={limit}"


@pytest.mark.parametrize("limit", [3, MAX_CONCURRENT], ids=["a lower limit", "the default limit"])
def test_requests_do_overlap_up_to_the_limit(limit):
    """The job still uses the concurrency it is allowed: up to the limit, requests run at the
    same time. One request at a time would take the 12,000 articles a whole day."""
    articles = make_articles(31, 200)
    gateway = FakeGateway(articles, 31)
    asyncio.run(summarise_articles(articles, gateway, concurrency=limit))
    assert gateway.max_in_flight == limit, f"at most {gateway.max_in_flight} requests ran at once; {limit} are allowed"


def test_the_job_can_run_again():
    """The job works when run a second time in a new event loop (the scheduler starts one per
    run) — a limiter created once at import time belongs to the first loop only."""
    articles = make_articles(40, 60)
    for run in (1, 2):
        gateway = FakeGateway(articles, run)
        got = asyncio.run(summarise_articles(articles, gateway))
        assert type(got) is dict and got == expected(articles), f"run {run}: summaries wrong or missing"
        assert gateway.max_in_flight <= MAX_CONCURRENT, f"run {run}: {gateway.max_in_flight} requests in flight"


def test_no_articles_no_requests():
    """No articles means no request and an empty result."""
    gateway = FakeGateway([])
    assert asyncio.run(summarise_articles([], gateway)) == {}
    assert gateway.requests == 0


@pytest.mark.parametrize("limit", [0, -2], ids=["a limit of zero", "a negative limit"])
def test_useless_concurrency_is_rejected(limit):
    """A concurrency below 1 is a configuration mistake: it raises ValueError instead of
    hanging forever or ignoring the limit."""
    articles = make_articles(3, 4)
    with pytest.raises(ValueError):
        asyncio.run(summarise_articles(articles, FakeGateway(articles), concurrency=limit))
