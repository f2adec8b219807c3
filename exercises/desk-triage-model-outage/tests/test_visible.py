from llm_gateway import ModelUnavailable, Triage
from ticket_triage import triage_ticket


class ScriptedModel:
    """Answers from a script; an exception in the script is raised instead."""

    def __init__(self, *script):
        self.script, self.calls = list(script), 0

    def complete(self, prompt, *, max_tokens, timeout=None):
        if timeout is None:
            raise RuntimeError("called without a timeout: this call could wait forever")
        self.calls += 1
        if self.calls > 10:
            raise RuntimeError("more than 10 calls: the retries are not bounded")
        step = self.script[min(self.calls, len(self.script)) - 1]
        if isinstance(step, Exception):
            raise step
        return step


def test_model_answer_is_used():
    """A healthy model routes the ticket."""
    got = triage_ticket("Refund", "Please refund my last invoice.", ScriptedModel("billing"), sleep=lambda s: None)
    assert got == Triage("billing", "model")


def test_model_outage_still_routes_the_ticket():
    """A model that stays down does not stop triage: the rules take over."""
    model = ScriptedModel(ModelUnavailable("503"))
    got = triage_ticket("Refund", "Please refund my last invoice.", model, sleep=lambda s: None)
    assert got.source == "rules"
