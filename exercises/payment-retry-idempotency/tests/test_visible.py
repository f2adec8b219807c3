from order_payment import charge_order
from payment_gateway import Charge, GatewayTimeout
from shop_orders import Order


class SimplePaystream:
    """Honours idempotency keys. The first call charges the card, then times out."""

    def __init__(self, lose_first_response):
        self.lose_first_response = lose_first_response
        self.charges, self.by_key, self.calls = [], {}, 0

    def create_charge(self, *, customer_id, amount_cents, currency, reference, idempotency_key=None):
        self.calls += 1
        if idempotency_key in self.by_key:
            return self.by_key[idempotency_key]
        charge = Charge(f"ch_{len(self.charges) + 1}", customer_id, amount_cents, currency, reference)
        self.charges.append(charge)
        if idempotency_key is not None:
            self.by_key[idempotency_key] = charge
        if self.lose_first_response and self.calls == 1:
            raise GatewayTimeout("read timeout")
        return charge

    def find_charge(self, reference):
        return next((c for c in self.charges if c.reference == reference), None)


def test_happy_path_charges_once():
    """A normal checkout charges the order total once."""
    gateway = SimplePaystream(lose_first_response=False)
    charge = charge_order(Order(1, "cus_1", 1999), gateway, sleep=lambda s: None)
    assert charge.amount_cents == 1999 and len(gateway.charges) == 1


def test_lost_response_is_not_a_second_charge():
    """A timeout after the gateway charged the card must not lead to a second charge."""
    gateway = SimplePaystream(lose_first_response=True)
    charge_order(Order(2, "cus_2", 4500), gateway, sleep=lambda s: None)
    assert len(gateway.charges) == 1, f"the card was charged {len(gateway.charges)} times"
