import math
import random

import pytest

from embeddings import MAX_BATCH, BatchTooLarge, cosine
from incident_search import IncidentIndex
from incidents import Incident

VOCAB = ["disk", "full", "postgres", "timeout", "dns", "certificate", "expired", "memory", "oom",
         "kafka", "lag", "deploy", "rollback", "latency", "502", "cpu", "throttling", "queue",
         "backlog", "login", "sso", "cache", "redis", "eviction"]
FILLER = ["after", "the", "on", "node", "during", "night", "customers", "saw", "errors", "fixed", "by"]
SERVICES = ["checkout", "search", "auth", "billing", "ingest"]


class FakeEmbedder:
    """The embedding endpoint: a vector of vocabulary counts plus a little text-seeded noise,
    normalised. It records every call and refuses batches over MAX_BATCH, like the gateway."""

    def __init__(self):
        self.calls = []

    def embed(self, texts):
        texts = list(texts)
        self.calls.append(texts)
        if len(texts) > MAX_BATCH:
            raise BatchTooLarge(f"{len(texts)} texts in one call; the gateway takes {MAX_BATCH}")
        return [vector(t) for t in texts]

    @property
    def texts(self):
        return [t for call in self.calls for t in call]


def vector(text):
    words = text.lower().split()
    noise = random.Random(text)
    raw = [words.count(w) + noise.random() * 0.05 for w in VOCAB]
    norm = math.sqrt(sum(x * x for x in raw))
    return [x / norm for x in raw]


def make_incidents(seed, count):
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = rng.sample(VOCAB, rng.randint(2, 4)) + rng.sample(FILLER, 3)
        rng.shuffle(words)
        out.append(Incident(f"INC-{seed}{i:04d}", rng.choice(SERVICES), " ".join(words) + f" (#{i})"))
    return out


def make_queries(seed, count):
    rng = random.Random(seed * 7 + 1)
    return [" ".join(rng.sample(VOCAB, 3)) + " right now" for _ in range(count)]


def expected(incidents, query, k):
    q = vector(query)
    ranked = sorted(enumerate(incidents), key=lambda pair: (-cosine(q, vector(pair[1].summary)), pair[0]))
    return [incident.id for _, incident in ranked[:k]]


def ids(result):
    assert type(result) is list, f"similar() returned a {type(result).__name__}, not a list"
    assert all(type(i) is Incident for i in result), "similar() must return Incident objects"
    return [i.id for i in result]


@pytest.mark.parametrize(
    "seed, count, k", [(1, 30, 5), (4, 400, 5), (9, 120, 12)],
    ids=["a young service", "years of incidents", "a longer list of matches"],
)
def test_most_similar_incidents_first(seed, count, k):
    """similar() returns the k incidents closest in meaning to the text, most similar first —
    the on-call engineer reads the top of the list at 3 a.m."""
    incidents = make_incidents(seed, count)
    index = IncidentIndex(FakeEmbedder())
    index.add(incidents)
    for query in make_queries(seed, 4):
        assert ids(index.similar(query, k)) == expected(incidents, query, k), f"wrong matches for {query!r}"


def test_a_search_embeds_only_the_query():
    """Once incidents are indexed, each search makes one embedding call, for the query alone
    — re-embedding the whole history on every search costs one request per past incident and
    makes the on-call page take minutes to load."""
    incidents = make_incidents(2, 300)
    embedder = FakeEmbedder()
    index = IncidentIndex(embedder)
    index.add(incidents)
    index.similar("warm-up search", 5)
    for query in make_queries(2, 5):
        before = len(embedder.calls)
        index.similar(query, 5)
        new_calls = embedder.calls[before:]
        assert new_calls == [[query]], f"one search made {len(new_calls)} calls embedding {sum(map(len, new_calls))} texts"


@pytest.mark.parametrize(
    "count", [64, 65, 300], ids=["exactly one batch", "one more than a batch", "years of incidents"]
)
def test_history_is_embedded_once_in_batches(count):
    """Indexing and the first search together embed each incident once, in batches of up to
    64 texts per call — one call per incident makes indexing thousands of incidents take
    thousands of round trips."""
    incidents = make_incidents(count, count)
    embedder = FakeEmbedder()
    index = IncidentIndex(embedder)
    index.add(incidents)
    index.similar("postgres disk full", 3)
    summaries = sorted(i.summary for i in incidents)
    embedded = sorted(t for t in embedder.texts if t != "postgres disk full")
    assert embedded == summaries, f"{len(embedded)} incident texts embedded for {count} incidents"
    limit = math.ceil(count / MAX_BATCH) + 1
    assert len(embedder.calls) <= limit, f"{len(embedder.calls)} embedding calls; {limit} are enough"


def test_adding_more_incidents_later():
    """Incidents added later are searchable too, and adding them embeds only the new ones —
    the tracker adds a few incidents a day to years of history."""
    first, second = make_incidents(5, 150), make_incidents(6, 40)
    embedder = FakeEmbedder()
    index = IncidentIndex(embedder)
    index.add(first)
    index.similar("kafka lag backlog", 5)
    before = len(embedder.texts)
    index.add(second)
    query = "redis cache eviction"
    got = ids(index.similar(query, 8))
    assert got == expected(first + second, query, 8), "wrong matches after adding incidents"
    added = len(embedder.texts) - before
    assert added == len(second) + 1, f"{added} texts embedded to add {len(second)} incidents and search once"


@pytest.mark.parametrize(
    "size, k, want", [(3, 5, 3), (20, 0, 0), (0, 5, 0)],
    ids=["fewer incidents than asked for", "zero results asked for", "an empty index"],
)
def test_result_size(size, k, want):
    """similar() returns k incidents, or all of them when there are fewer, and an empty list
    when there is nothing to return."""
    index = IncidentIndex(FakeEmbedder())
    index.add(make_incidents(3, size))
    assert len(ids(index.similar("dns timeout", k))) == want
