import random
import tracemalloc

import pytest

from llm import CONTEXT_WINDOW, PromptTooLong, prompt_tokens
from support_chat import SupportChat

SYSTEM = (
    "You are Fibrenet's support assistant. Help customers with broadband and TV faults. Never "
    "promise refunds or engineer visits; offer to hand over to a person for those. Ask for the "
    "account number before discussing an account. Keep answers short and friendly."
)
WORDS = ("router lights blinking orange since the storm restarted twice speed test shows 3 Mbps "
         "instead of 500 the TV box says no signal on channel 101 wifi drops every evening").split()


def text(rng, low, high):
    target, words, size = rng.randint(low, high), [], 0
    while size < target:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


class FakeAgent:
    """The model behind the gateway: records every request it receives (unless told not to)
    and answers with a numbered reply of varying length."""

    def __init__(self, seed=1, record=True):
        self.rng = random.Random(seed)
        self.record = record
        self.requests = []
        self.calls = 0

    def chat(self, messages, *, max_tokens):
        sent = [dict(m) for m in messages]
        self.calls += 1
        if self.record:
            self.requests.append(sent)
        if prompt_tokens(sent) > CONTEXT_WINDOW:
            raise PromptTooLong(f"gateway refused a {prompt_tokens(sent)}-token request")
        return f"[reply {self.calls}] " + text(self.rng, 40, 900)


def run_chat(turns, seed, low, high, **options):
    """Chat for `turns` turns; return the fake model and, for every request, the whole
    conversation up to and including the message just asked."""
    rng = random.Random(seed)
    agent = FakeAgent(seed)
    chat = SupportChat(agent, SYSTEM, **options)
    conversation, snapshots = [], []
    for _ in range(turns):
        question = {"role": "user", "content": text(rng, low, high)}
        conversation.append(question)
        snapshots.append(list(conversation))
        reply = chat.ask(question["content"])
        conversation.append({"role": "assistant", "content": reply})
    return agent, snapshots


def recent_part(sent, conversation):
    """Check that a request is the system prompt followed by the latest messages, in order."""
    assert sent and sent[0] == {"role": "system", "content": SYSTEM}, "the system prompt must come first"
    rest = sent[1:]
    assert rest, "the customer's message was not sent"
    assert rest == conversation[-len(rest):], "the request must end with the most recent messages, in order"
    return len(rest)


def test_reply_comes_from_the_model():
    """ask() sends the customer's message and returns the model's reply as a string."""
    agent = FakeAgent(4)
    chat = SupportChat(agent, SYSTEM)
    reply = chat.ask("My router shows a red light, account 88-1203")
    assert type(reply) is str and reply.startswith("[reply 1]"), f"got {reply!r}"
    assert agent.requests[0][-1] == {"role": "user", "content": "My router shows a red light, account 88-1203"}


def test_short_chat_is_sent_whole():
    """While the conversation fits, the model sees all of it — its own earlier replies
    included — so it does not ask the customer for the account number twice."""
    agent, snapshots = run_chat(6, seed=9, low=20, high=160)
    for sent, conversation in zip(agent.requests, snapshots):
        kept = recent_part(sent, conversation)
        assert kept == len(conversation), f"{len(conversation) - kept} messages left out of a short chat"


@pytest.mark.parametrize(
    "turns, seed, low, high",
    [(250, 3, 20, 400), (60, 17, 1500, 7000)],
    ids=["a long chat of short messages", "a chat where the customer pastes logs"],
)
def test_every_request_fits_the_budget(turns, seed, low, high):
    """Each request stays within the default budget of 3,000 tokens however long the chat
    runs — otherwise every turn costs more than the last and a long chat ends in an error
    once it passes the model's context window."""
    agent, _ = run_chat(turns, seed, low, high)
    worst = max(prompt_tokens(sent) for sent in agent.requests)
    assert worst <= 3_000, f"the largest request carried {worst} tokens"


@pytest.mark.parametrize(
    "budget", [600, 5_000], ids=["a tight budget", "a generous budget"]
)
def test_budget_can_be_configured(budget):
    """The budget_tokens option sets the limit for every request."""
    agent, _ = run_chat(80, 21, 30, 900, budget_tokens=budget)
    worst = max(prompt_tokens(sent) for sent in agent.requests)
    assert worst <= budget, f"the largest request carried {worst} tokens for a budget of {budget}"


@pytest.mark.parametrize(
    "turns, seed, low, high, budget",
    [(120, 5, 20, 600, 3_000), (50, 8, 800, 4000, 3_000), (90, 12, 20, 500, 900)],
    ids=["everyday questions", "pasted logs", "a tight budget"],
)
def test_window_keeps_all_recent_messages_that_fit(turns, seed, low, high, budget):
    """Each request is the system prompt, then the most recent messages in order — as many as
    fit in the budget — ending with the customer's new message. Dropping more than needed
    makes the assistant forget what the customer just told it."""
    agent, snapshots = run_chat(turns, seed, low, high, budget_tokens=budget)
    for turn, (sent, conversation) in enumerate(zip(agent.requests, snapshots), 1):
        kept = recent_part(sent, conversation)
        if kept < len(conversation):
            one_more = [sent[0], *conversation[-(kept + 1):]]
            assert prompt_tokens(one_more) > budget, (
                f"turn {turn}: {kept} messages sent, but {kept + 1} would still fit in the budget"
            )


def test_oversized_message_is_refused_and_the_chat_goes_on():
    """A single message too long for the budget raises PromptTooLong without calling the
    model, and the conversation carries on normally afterwards without it."""
    agent = FakeAgent(6)
    chat = SupportChat(agent, SYSTEM)
    chat.ask("Hello, account 77-0051, the TV box has no signal")
    pasted = "kernel: eth0 link down\n" * 600
    with pytest.raises(PromptTooLong):
        chat.ask(pasted)
    assert agent.calls == 1, "the model was called with a message that cannot fit"
    reply = chat.ask("Sorry, here is the short version: eth0 link down")
    assert type(reply) is str
    assert all(m["content"] != pasted for m in agent.requests[-1]), "the refused message was sent later"
    assert agent.requests[-1][1]["content"] == "Hello, account 77-0051, the TV box has no signal"


def test_memory_does_not_grow_with_the_chat():
    """A conversation kept open for days holds no more memory than its budget needs: the chat
    session lives on the server, and keeping every message of every open chat forever
    exhausts it."""
    rng = random.Random(2)
    chat = SupportChat(FakeAgent(2, record=False), SYSTEM)
    for _ in range(100):
        chat.ask(text(rng, 20, 500))
    questions = [text(rng, 20, 500) for _ in range(300)]
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for question in questions:
            chat.ask(question)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 100_000, f"the chat grew by {(after - before) // 1024} KiB over 300 more turns"
