"""Hidden tests for qa-review-sample."""

import json
import random

import pytest

from qa_policy import SAMPLE_SIZE, sample_seed
from qa_sample import review_sample

AGENTS = {"ana": 14, "bo": 9, "Zoë": 6, "li": 3, "mateusz": 5}  # closed tickets per agent


def _tickets(seed=11):
    rng = random.Random(seed)
    tickets, number = [], 10_000
    for agent, closed in AGENTS.items():
        for _ in range(closed):
            number += rng.randint(1, 40)
            tickets.append({"id": f"T-{number}", "agent": agent, "status": "closed"})
        for _ in range(3):
            number += rng.randint(1, 40)
            tickets.append({"id": f"T-{number}", "agent": agent, "status": rng.choice(["open", "pending"])})
    tickets.append({"id": f"T-{number + 7}", "agent": "new-starter", "status": "open"})
    tickets += [dict(t) for t in tickets[:4]]  # the export repeats some tickets
    return tickets


def _export(tickets, seed=5):
    shuffled = list(tickets)
    random.Random(seed).shuffle(shuffled)
    return json.dumps({"tickets": shuffled}, ensure_ascii=False).encode("utf-8")


def _audit_draw(tickets, week):
    """What the auditors' tool draws, exactly as qa_policy.py describes it."""
    closed = {}
    for t in tickets:
        if t["status"] == "closed":
            closed.setdefault(t["agent"], set()).add(t["id"])
    return {
        agent: random.Random(sample_seed(week, agent)).sample(sorted(ids), min(SAMPLE_SIZE, len(ids)))
        for agent, ids in closed.items()
    }


@pytest.mark.parametrize("week", ["2026-W07", "2026-W08", "2025-W52"], ids=["a week in February", "the week after", "the last week of a year"])
def test_sample_matches_the_audit_tool(week):
    """Each agent's sample is exactly the one the auditors' tool draws for that week — the same
    tickets in the same order — so a disputed review can be re-drawn and checked."""
    tickets = _tickets()
    got = review_sample(_export(tickets), week)
    want = _audit_draw(tickets, week)
    assert type(got) is dict, f"review_sample returned {type(got).__name__}"
    assert sorted(got) == sorted(want), "the agents in the sample are not the agents with closed tickets"
    differing = sorted(agent for agent in want if got[agent] != want[agent])
    assert not differing, f"the draw differs from the audit tool's for {len(differing)} of {len(want)} agents"


def test_the_export_order_does_not_change_the_sample():
    """The same tickets exported in another order give the same sample: the helpdesk export
    has no fixed order, and the audit tool must still agree."""
    tickets = _tickets()
    first = review_sample(_export(tickets, seed=1), "2026-W07")
    for seed in (2, 3, 4):
        assert review_sample(_export(tickets, seed=seed), "2026-W07") == first, "the sample changed with the export order"


def test_sample_sizes_and_content():
    """Every agent with closed tickets gets up to five of their own closed tickets, each once;
    an agent who closed fewer gets all of them; open tickets are never sampled."""
    tickets = _tickets(seed=23)
    got = review_sample(_export(tickets), "2026-W10")
    closed = {(t["agent"], t["id"]) for t in tickets if t["status"] == "closed"}
    for agent, count in AGENTS.items():
        picked = got[agent]
        assert type(picked) is list and all(type(i) is str for i in picked), "a sample must be a list of ids"
        assert len(picked) == min(SAMPLE_SIZE, count), f"an agent with {count} closed tickets got {len(picked)}"
        assert len(set(picked)) == len(picked), "a ticket was picked twice"
        assert all((agent, i) in closed for i in picked), "a ticket that is not the agent's closed ticket was picked"
    assert "new-starter" not in got, "an agent without closed tickets appears in the sample"


def test_non_ascii_export_is_read():
    """The UTF-8 export is read as it arrives, names with accents included."""
    tickets = [{"id": "T-1", "agent": "Zoë", "status": "closed"}, {"id": "T-2", "agent": "Zoë", "status": "closed"}]
    got = review_sample(json.dumps({"tickets": tickets}, ensure_ascii=False).encode("utf-8"), "2026-W07")
    assert sorted(got) == ["Zoë"], f"agents were {sorted(got)}"
    assert sorted(got["Zoë"]) == ["T-1", "T-2"], "an agent with two closed tickets must get both"


def test_the_shared_random_generator_is_left_alone():
    """The review job does not seed or draw from the module-level random generator: other jobs
    in the same worker use it, and their numbers must not depend on the review job."""
    export = _export(_tickets())
    random.seed(2024)
    expected = [random.random() for _ in range(3)]
    random.seed(2024)
    review_sample(export, "2026-W07")
    got = [random.random() for _ in range(3)]
    assert got == expected, "the module-level random generator was reseeded or used"
