import pytest

from llm_gateway import ModelRejected, ModelUnavailable, Triage
from ticket_triage import triage_ticket

RUNAWAY_LIMIT = 30


class WorkerHung(BaseException):
    """Raised by the fake model when the code would wait forever or never stop retrying."""


HANG = object()  # the provider accepts the request and never answers


class FakeModel:
    """Plays back a script: an exception instance is raised, a string is answered, HANG waits until
    the call's timeout (or forever without one); the last entry repeats."""

    def __init__(self, *script):
        self.script = list(script)
        self.calls = []

    def complete(self, prompt, *, max_tokens, timeout=None):
        self.calls.append({"prompt": prompt, "max_tokens": max_tokens, "timeout": timeout})
        if len(self.calls) > RUNAWAY_LIMIT:
            raise WorkerHung(f"{len(self.calls)} model calls for one ticket: the retries never stop")
        step = self.script[min(len(self.calls), len(self.script)) - 1]
        if step is HANG:
            if timeout is None:
                raise WorkerHung("the provider never answered and the call had no timeout: the worker waits forever")
            raise ModelUnavailable(f"read timed out after {timeout} s")
        if isinstance(step, BaseException):
            raise step
        return step


class Sleeper:
    def __init__(self):
        self.pauses = []

    def __call__(self, seconds):
        self.pauses.append(seconds)
        if len(self.pauses) > RUNAWAY_LIMIT:
            raise WorkerHung(f"paused {len(self.pauses)} times for one ticket: the retries never stop")


def overloaded():
    return ModelUnavailable("529 overloaded")


BILLING = ("Charged twice this month", "My card was charged twice for the March invoice, please refund one.")
LOGIN = ("Can't sign in", "The 2FA code never arrives and I am locked out of my account.")


@pytest.mark.parametrize(
    "answer,queue",
    [("billing", "billing"), ("Technical.\n", "technical"), (" ACCOUNT ", "account")],
    ids=["a plain queue name", "a capitalised answer with a full stop", "an answer padded with spaces"],
)
def test_the_model_decides_when_it_answers(answer, queue):
    """When the model answers with a queue name, the ticket goes to that queue, marked as decided by the model, after one call and no pause — the feature must keep working."""
    model, sleeper = FakeModel(answer), Sleeper()
    got = triage_ticket(*BILLING, model, sleep=sleeper)
    assert got == Triage(queue, "model"), f"got {got!r}"
    assert len(model.calls) == 1, f"made {len(model.calls)} model calls"
    assert sleeper.pauses == [], f"paused {sleeper.pauses}"


def test_every_model_call_has_a_deadline():
    """Every call to the model passes a timeout of at most 15 seconds, so a provider that accepts the request and never answers cannot hold a desk worker forever."""
    model = FakeModel(HANG, "billing")
    got = triage_ticket(*BILLING, model, sleep=Sleeper())
    assert got == Triage("billing", "model"), f"got {got!r} after a call that timed out"
    for number, call in enumerate(model.calls, start=1):
        timeout = call["timeout"]
        assert isinstance(timeout, (int, float)) and 0 < timeout <= 15, f"call {number} had timeout={timeout!r}"


@pytest.mark.parametrize("failures", [1, 2], ids=["one transient failure", "two transient failures in a row"])
def test_transient_failures_are_retried_with_growing_pauses(failures):
    """A short blip (timeouts, 429/529 overloaded) is retried: 2 s before the second attempt, 4 s before the third, then the model's answer is used."""
    model, sleeper = FakeModel(*[overloaded() for _ in range(failures)], "technical"), Sleeper()
    got = triage_ticket("API returns 500", "Every call to /v2/orders fails since this morning.", model, sleep=sleeper)
    assert got == Triage("technical", "model"), f"got {got!r}"
    assert len(model.calls) == failures + 1, f"made {len(model.calls)} model calls"
    assert sleeper.pauses == pytest.approx([2.0, 4.0][:failures]), f"paused {sleeper.pauses}"


@pytest.mark.parametrize("ticket", [BILLING, LOGIN], ids=["a billing ticket", "an account ticket"])
def test_an_outage_falls_back_to_the_rules(ticket):
    """When the model stays down, triage gives up after 3 attempts in all and routes the ticket with the rule-based triage — the desk keeps working instead of every new ticket hanging or failing."""
    model, sleeper = FakeModel(overloaded()), Sleeper()
    got = triage_ticket(*ticket, model, sleep=sleeper)
    assert isinstance(got, Triage) and got.source == "rules", f"got {got!r}"
    expected = "billing" if ticket is BILLING else "account"
    assert got.queue == expected, f"the fallback routed the ticket to {got.queue!r}"
    assert len(model.calls) == 3, f"made {len(model.calls)} model calls"
    assert len(sleeper.pauses) == 2, f"paused {len(sleeper.pauses)} times (no pause is needed after the last attempt)"


@pytest.mark.parametrize(
    "error",
    [ModelRejected("400 prompt blocked by content filter"), ModelRejected("401 invalid API key")],
    ids=["a prompt the content filter blocks", "a revoked API key"],
)
def test_a_rejected_prompt_is_not_retried(error):
    """A permanent rejection gives the same answer every time: the ticket goes to the rule-based triage after a single call and no pause."""
    model, sleeper = FakeModel(error), Sleeper()
    got = triage_ticket(*LOGIN, model, sleep=sleeper)
    assert got == Triage("account", "rules"), f"got {got!r}"
    assert len(model.calls) == 1, f"made {len(model.calls)} model calls"
    assert sleeper.pauses == [], f"paused {sleeper.pauses}"


def test_an_answer_that_is_not_a_queue_uses_the_rules():
    """An answer that names no queue is not retried: the rules route the ticket after one call."""
    model, sleeper = FakeModel("I think this is probably about billing."), Sleeper()
    got = triage_ticket(*BILLING, model, sleep=sleeper)
    assert got == Triage("billing", "rules"), f"got {got!r}"
    assert len(model.calls) == 1, f"made {len(model.calls)} model calls"


def test_the_prompt_still_carries_the_ticket():
    """The prompt sent to the model still contains the ticket's subject and body and asks for a short answer."""
    model = FakeModel("general")
    triage_ticket("Feature idea", "Could exports include the agent's name?", model, sleep=Sleeper())
    call = model.calls[0]
    assert "Feature idea" in call["prompt"] and "agent's name" in call["prompt"], "the ticket is missing from the prompt"
    assert 0 < call["max_tokens"] <= 20, f"max_tokens={call['max_tokens']!r}"
