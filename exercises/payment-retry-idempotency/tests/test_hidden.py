import importlib
import sys

import pytest

from order_payment import charge_order
from payment_gateway import CardDeclined, Charge, GatewayTimeout
from shop_orders import Order

OK = "ok"
LOST = "timeout after charging"  # Paystream charged the card, the response never arrived
DROPPED = "timeout before charging"  # the request never reached Paystream
DECLINED = "declined"


class Runaway(BaseException):
    pass


class FakePaystream:
    """Behaves like Paystream: honours idempotency keys; `script` decides each call's fate."""

    def __init__(self, script=()):
        self.script = list(script)
        self.calls = []
        self.charges = []  # every charge actually made on a card
        self.by_key = {}

    def create_charge(self, *, customer_id, amount_cents, currency, reference, idempotency_key=None):
        self.calls.append(idempotency_key)
        if len(self.calls) > 30:
            raise Runaway("more than 30 charge requests")
        if idempotency_key is not None:
            if type(idempotency_key) is not str or not 1 <= len(idempotency_key) <= 255:
                raise TypeError("idempotency_key must be a str of 1 to 255 characters")
        fate = self.script.pop(0) if self.script else OK
        if fate == DROPPED:
            raise GatewayTimeout("read timeout")
        if fate == DECLINED:
            raise CardDeclined("insufficient funds")
        if idempotency_key is not None and idempotency_key in self.by_key:
            charge = self.by_key[idempotency_key]
        else:
            charge = Charge(f"ch_{len(self.charges) + 1:04d}", customer_id, amount_cents, currency, reference)
            self.charges.append(charge)
            if idempotency_key is not None:
                self.by_key[idempotency_key] = charge
        if fate == LOST:
            raise GatewayTimeout("read timeout")
        return charge

    def find_charge(self, reference):
        return next((c for c in self.charges if c.reference == reference), None)


class Sleeper:
    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


ORDER = Order(id=40213, customer_id="cus_8f2k", total_cents=5_490, currency="EUR")


def charged(gateway, order):
    return [c for c in gateway.charges if c.reference == order.reference]


@pytest.mark.parametrize(
    "order",
    [ORDER, Order(7, "cus_a11", 100, "GBP"), Order(991_002, "cus_zz9", 129_999, "EUR")],
    ids=["a typical order", "a small order in another currency", "a large order"],
)
def test_charges_the_order_total(order):
    """A normal checkout still charges the customer's card exactly once for the order total and returns that Charge."""
    gateway = FakePaystream()
    result = charge_order(order, gateway, sleep=Sleeper())
    assert type(result) is Charge, f"returned {type(result).__name__}"
    assert len(gateway.charges) == 1, f"{len(gateway.charges)} charges were made"
    made = gateway.charges[0]
    assert made == result, "the returned Charge is not the one that was made"
    assert (made.customer_id, made.amount_cents, made.currency, made.reference) == (
        order.customer_id, order.total_cents, order.currency, order.reference
    ), f"charged {made}"


def test_transient_timeouts_are_still_retried():
    """A timeout where the request never reached the gateway is retried, so a blip does not cost us the sale."""
    gateway = FakePaystream([DROPPED, DROPPED, OK])
    result = charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(gateway.charges) == 1, f"{len(gateway.charges)} charges were made"
    assert gateway.charges[0] == result


@pytest.mark.parametrize(
    "script",
    [[LOST, OK], [LOST, LOST, OK], [DROPPED, LOST, OK], [LOST, DROPPED, OK]],
    ids=[
        "one lost response",
        "two lost responses in a row",
        "a dropped request, then a lost response",
        "a lost response, then a dropped request",
    ],
)
def test_lost_response_does_not_charge_twice(script):
    """When the gateway charged the card but the response was lost in a timeout, the retry must not charge again — the customer pays once and gets the original charge back."""
    gateway = FakePaystream(script)
    result = charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(charged(gateway, ORDER)) == 1, f"the card was charged {len(charged(gateway, ORDER))} times"
    assert gateway.charges[0] == result, "the Charge returned is not the one on the card"


def test_gives_up_after_three_attempts():
    """When every attempt times out, the worker stops after 3 attempts and raises GatewayTimeout, so the order goes to manual review instead of retrying forever."""
    gateway = FakePaystream([DROPPED] * 10)
    with pytest.raises(GatewayTimeout):
        charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(gateway.calls) == 3, f"{len(gateway.calls)} charge requests were sent"
    assert gateway.charges == []


def test_rerunning_the_job_for_the_same_order_does_not_charge_twice():
    """If the checkout job runs again for the same order (the queue redelivers it after the worker gave up or crashed), the customer is still charged only once and the second run returns the existing charge."""
    gateway = FakePaystream([LOST] + [DROPPED] * 10)
    try:
        charge_order(ORDER, gateway, sleep=Sleeper())
    except GatewayTimeout:
        pass  # the worker gave up; the job will be redelivered
    gateway.script = []
    result = charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(charged(gateway, ORDER)) == 1, f"the card was charged {len(charged(gateway, ORDER))} times"
    assert charged(gateway, ORDER)[0] == result


def test_double_submit_of_the_same_order_charges_once():
    """Two runs for the same order that both succeed (a double-clicked "Pay" button) charge the card once and return the same charge."""
    gateway = FakePaystream()
    first = charge_order(ORDER, gateway, sleep=Sleeper())
    second = charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(gateway.charges) == 1, f"{len(gateway.charges)} charges were made"
    assert first == second


def test_different_orders_are_separate_charges():
    """Two different orders — even from the same customer for the same amount — are two separate charges; de-duplication must not swallow a real second purchase."""
    gateway = FakePaystream([LOST, OK, LOST, OK])
    orders = [Order(501, "cus_same", 2_500), Order(502, "cus_same", 2_500), Order(77_003, "cus_other", 2_500)]
    results = [charge_order(order, gateway, sleep=Sleeper()) for order in orders]
    assert len(gateway.charges) == 3, f"{len(gateway.charges)} charges were made for 3 orders"
    for order, result in zip(orders, results):
        assert result.reference == order.reference and len(charged(gateway, order)) == 1, order.reference


def test_declined_card_is_not_retried():
    """A declined card is raised to the caller after a single request: the bank's answer will not change, and repeated attempts can get the card blocked."""
    gateway = FakePaystream([DECLINED, OK, OK])
    with pytest.raises(CardDeclined):
        charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(gateway.calls) == 1, f"{len(gateway.calls)} charge requests were sent"
    assert gateway.charges == []


def test_rerun_in_a_new_worker_process_does_not_charge_twice():
    """A redelivered job usually runs in a new worker process (the old one crashed or was
    restarted), where nothing the first run kept in memory survives: the rerun must still find
    the first charge instead of charging the card again."""
    gateway = FakePaystream([LOST] + [DROPPED] * 10)
    try:
        charge_order(ORDER, gateway, sleep=Sleeper())
    except GatewayTimeout:
        pass  # the worker gave up and is restarted
    restarted = importlib.reload(sys.modules[charge_order.__module__])
    gateway.script = []
    result = restarted.charge_order(ORDER, gateway, sleep=Sleeper())
    assert len(charged(gateway, ORDER)) == 1, f"the card was charged {len(charged(gateway, ORDER))} times"
    assert charged(gateway, ORDER)[0] == result
