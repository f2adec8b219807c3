"""Hidden tests for desk-handover-llm-gateway. The model is a fake that records every call."""

import pytest

import llm_gateway
from handover_notes import handover_summary
from llm_gateway import BudgetExceeded, Completion
from tickets import Message, Ticket

API_KEY = "sk_live_51HqLk2eZvKYlo2C0aIUtL8Tq"
PASTED_KEY = "sk_live_9fQ2aB77xYpLmN01cD"
EMAIL = "m.okafor@brightparcel.example"
PHONE = "+44 7700 900123"
PASTED_CARD = "4929 1234 5678 9012"
PASTED_EMAIL = "finance@brightparcel.example"
PASTED_PASSWORD = "Tr0ub4dor&3"


class FakeModel:
    def __init__(self, text=" - Webhooks fail with 401.\n- Key rotated, still failing.\n"):
        self.text = text
        self.calls = []

    def generate(self, prompt, *, max_tokens, temperature):
        self.calls.append({"prompt": prompt, "max_tokens": max_tokens, "temperature": temperature})
        return Completion(self.text, tokens_used=180)


@pytest.fixture
def model():
    fake = FakeModel()
    llm_gateway.configure(fake, daily_budget_tokens=10_000)
    yield fake
    llm_gateway.configure(None)


def _ticket(tenant="brightparcel"):
    return Ticket(
        id=48213,
        tenant=tenant,
        subject="Webhook deliveries fail with 401 since Monday",
        customer_name="Mira Okafor",
        customer_email=EMAIL,
        customer_phone=PHONE,
        integration_api_key=API_KEY,
        messages=[
            Message("customer", "Our order webhooks all fail with 401 Unauthorized since Monday."),
            Message("Jonas", "Could you confirm which key your integration sends?"),
            Message("customer", f"This one: {PASTED_KEY}. Our login is admin, password: {PASTED_PASSWORD}"),
            Message("customer", f"Also please refund the test charge on card {PASTED_CARD}, receipts to {PASTED_EMAIL}."),
            Message("Jonas", "Rotated the key on our side; waiting for the customer to redeploy."),
        ],
    )


def _prompt(model):
    assert model.calls, "the model was never called"
    return "\n".join(call["prompt"] for call in model.calls)


def test_the_summary_comes_back_stripped(model):
    """handover_summary returns the model's text without surrounding whitespace, as before."""
    got = handover_summary(_ticket())
    assert type(got) is str, f"the summary is a {type(got).__name__}"
    assert got == "- Webhooks fail with 401.\n- Key rotated, still failing.", "the summary is not the model's text, stripped"
    assert len(model.calls) == 1, f"the model was called {len(model.calls)} times for one summary"


def test_the_prompt_carries_the_conversation(model):
    """The prompt still carries the ticket's subject and every message of the conversation, so
    the summary stays useful."""
    handover_summary(_ticket())
    prompt = _prompt(model)
    for part in (
        "Webhook deliveries fail with 401 since Monday",
        "fail with 401 Unauthorized since Monday",
        "which key your integration sends",
        "Our login is admin",
        "refund the test charge",
        "waiting for the customer to redeploy",
    ):
        assert part in prompt, "part of the ticket is missing from the prompt"


@pytest.mark.parametrize(
    "secret",
    [API_KEY, PASTED_KEY, PASTED_PASSWORD],
    ids=["the integration API key field", "an API key pasted into a message", "a password pasted into a message"],
)
def test_no_credentials_reach_the_model(model, secret):
    """No credential reaches the model provider, neither the ticket's key field nor keys and
    passwords customers pasted into messages: the provider stores prompts for 30 days, and a
    leaked key lets anyone call the customer's integration."""
    handover_summary(_ticket())
    assert secret not in _prompt(model), "a credential was sent to the model"


@pytest.mark.parametrize(
    "detail",
    [EMAIL, PHONE, PASTED_CARD, PASTED_EMAIL],
    ids=["the customer's e-mail field", "the customer's phone field", "a card number in a message", "an e-mail address in a message"],
)
def test_no_contact_details_reach_the_model(model, detail):
    """No contact detail or card number reaches the model provider: the house rules keep
    customers' personal data out of prompts, whether it is in a ticket field or in a message."""
    handover_summary(_ticket())
    assert detail not in _prompt(model), "a contact detail or card number was sent to the model"


def test_the_feature_limits_from_settings_are_applied(model):
    """The call uses the output-token limit and temperature configured for the handover-summary
    feature, not values of its own: the feature was costed for short summaries."""
    handover_summary(_ticket())
    settings = llm_gateway.LLM_FEATURES["handover-summary"]
    call = model.calls[0]
    assert call["max_tokens"] == settings.max_output_tokens, f"max_tokens was {call['max_tokens']}"
    assert call["temperature"] == settings.temperature, f"temperature was {call['temperature']}"


def test_usage_is_charged_to_the_tickets_tenant(model):
    """Every summary is charged to the tenant the ticket belongs to, under the handover-summary
    feature, so the budget holds and billing can invoice it."""
    handover_summary(_ticket(tenant="brightparcel"))
    handover_summary(_ticket(tenant="nordfrost"))
    got = [(u.tenant, u.feature, u.tokens) for u in llm_gateway.usage()]
    want = [("brightparcel", "handover-summary", 180), ("nordfrost", "handover-summary", 180)]
    assert got == want, f"usage recorded: {got}"


def test_a_spent_budget_stops_the_call(model):
    """Once the tenant's daily budget is spent, BudgetExceeded reaches the console and the model
    is not called: one tenant must not run up the shared bill."""
    llm_gateway.configure(model, daily_budget_tokens=300)
    handover_summary(_ticket())
    handover_summary(_ticket())
    calls = len(model.calls)
    with pytest.raises(BudgetExceeded):
        handover_summary(_ticket())
    assert len(model.calls) == calls, "the model was called although the budget was spent"
    other = handover_summary(_ticket(tenant="nordfrost"))
    assert other, "another tenant's summary was refused"
