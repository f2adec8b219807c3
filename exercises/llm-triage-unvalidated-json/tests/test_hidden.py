"""Hidden tests for DESK-907: the model's reply is parsed tolerantly, validated strictly, and failures reach a human."""

import json
import logging

import pytest

from llm_client import ModelUnavailable
from ticket_triage import triage_ticket
from triage_models import Triage

SUBJECT = "Checkout returns error 500 for every customer"
BODY = "Since 09:40 no customer can pay. Error 500 on /checkout/confirm. We are losing orders."
GOOD = {"category": "bug", "priority": "urgent", "summary": "Checkout fails with error 500 for all customers since 09:40."}
REVIEW = Triage(category="other", priority="normal", summary=SUBJECT, needs_review=True)


class ScriptedModel:
    """Returns the scripted replies in order (an exception in the script is raised); counts calls."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.calls = []

    def complete(self, prompt, *, max_tokens):
        self.calls.append((prompt, max_tokens))
        if not self.replies:
            raise AssertionError("the model was called more often than the test scripted")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply


def _triage(*replies):
    model = ScriptedModel(*replies)
    result = triage_ticket(SUBJECT, BODY, model)
    assert type(result) is Triage, f"returned {type(result).__name__}"
    return result, model


def _expected_good():
    return Triage(GOOD["category"], GOOD["priority"], GOOD["summary"], needs_review=False)


def test_clean_json_reply():
    """A reply that is exactly the JSON object gives that triage, with one model call — the ordinary case keeps working."""
    result, model = _triage(json.dumps(GOOD))
    assert result == _expected_good(), f"got {result}"
    assert len(model.calls) == 1, f"{len(model.calls)} model calls"
    prompt, max_tokens = model.calls[0]
    assert SUBJECT in prompt and BODY in prompt, "the prompt does not contain the ticket"
    assert type(max_tokens) is int and 0 < max_tokens <= 300, f"max_tokens was {max_tokens!r}"


@pytest.mark.parametrize(
    "reply",
    [
        "```json\n" + json.dumps(GOOD, indent=2) + "\n```",
        "Sure! Here is the triage:\n" + json.dumps(GOOD) + "\nLet me know if you need anything else.",
        json.dumps({**GOOD, "confidence": 0.93, "language": "en"}),
    ],
    ids=["JSON in a Markdown code fence", "JSON with a sentence before and after", "JSON with extra fields"],
)
def test_json_inside_prose_is_accepted(reply):
    """A valid triage object is accepted even when the model wraps it in a code fence or a sentence, or adds extra fields — models do this on a share of calls, and each one must not become a failure."""
    result, model = _triage(reply)
    assert result == _expected_good(), f"got {result}"
    assert len(model.calls) == 1, f"{len(model.calls)} model calls"


INVALID = {
    "not JSON at all": "Sorry, I cannot classify this ticket without more context.",
    "a category outside the list": json.dumps({**GOOD, "category": "outage"}),
    "a priority outside the list": json.dumps({**GOOD, "priority": "P1"}),
    "a priority given as a number": json.dumps({**GOOD, "priority": 1}),
    "a missing summary": json.dumps({"category": "bug", "priority": "urgent"}),
    "an empty summary": json.dumps({**GOOD, "summary": "  "}),
    "a JSON list instead of an object": json.dumps(["bug", "urgent", "Checkout fails"]),
    "JSON cut off by the token limit": json.dumps(GOOD)[:70],
}


@pytest.mark.parametrize("label", list(INVALID), ids=list(INVALID))
def test_invalid_reply_is_asked_again(label):
    """A reply that is not a valid triage (no JSON, a value outside the allowed lists, a missing field, cut-off JSON) is never used; the model is asked once more and a valid second answer is used."""
    result, model = _triage(INVALID[label], json.dumps(GOOD))
    assert result == _expected_good(), f"got {result}"
    assert len(model.calls) == 2, f"{len(model.calls)} model calls"


@pytest.mark.parametrize("label", list(INVALID), ids=list(INVALID))
def test_two_invalid_replies_go_to_manual_triage(label):
    """When the model fails twice, the ticket is filed with review_triage (a human sorts it) after exactly two calls — a guessed 'low priority' buries urgent tickets, and more retries cost money on every ticket."""
    result, model = _triage(INVALID[label], INVALID[label])
    assert result == REVIEW, f"got {result}"
    assert len(model.calls) == 2, f"{len(model.calls)} model calls"


def test_unusable_reply_is_logged_with_the_reply(caplog):
    """Each unusable reply is logged as a warning that includes the model's reply — that is how anyone finds out the prompt or the model changed."""
    caplog.set_level(logging.DEBUG)
    reply = INVALID["not JSON at all"]
    _triage(reply, reply)
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and "Sorry, I cannot classify" in r.getMessage()]
    assert loud, "no warning or error includes the model's reply"


def test_model_unavailable_goes_to_manual_triage(caplog):
    """When the model is unavailable, the ticket is filed for manual triage without another call and the failure is logged — ticket intake must never stop because the model is down."""
    caplog.set_level(logging.DEBUG)
    result, model = _triage(ModelUnavailable("upstream timeout after 3 attempts"))
    assert result == REVIEW, f"got {result}"
    assert len(model.calls) == 1, f"{len(model.calls)} model calls; the client already retried"
    assert any(r.levelno >= logging.WARNING for r in caplog.records), "the outage was not logged"


def test_bugs_are_not_hidden_behind_the_fallback():
    """An unexpected error (a bug, a wrongly wired client) propagates instead of quietly filing every ticket for manual triage."""
    with pytest.raises(TypeError):
        triage_ticket(SUBJECT, BODY, ScriptedModel(TypeError("complete() got an unexpected keyword argument 'max_tokens'")))
