"""Hidden tests for SUP-1207: the 30-day window in shop time, final-sale exclusions, partial refunds, shipping."""

from datetime import datetime, timedelta, timezone

import pytest

from shop_orders import SHOP_TZ, Order, OrderLine, RefundRejected
from refund_policy import refund_amount_cents

UTC = timezone.utc
NEW_YORK_WINTER = timezone(timedelta(hours=-5))

TENT = OrderLine("TENT-2P", 1, 24_900)
SOCKS = OrderLine("SOCKS-WOOL", 3, 1_500)
MAT = OrderLine("MAT-LITE", 2, 6_450)
CLEARANCE = OrderLine("STOVE-OLD", 1, 3_000, final_sale=True)

# Delivered 15:00 UTC on 1 March = 01:00 on 2 March in Brisbane.
LATE_UTC_DELIVERY = datetime(2024, 3, 1, 15, 0, tzinfo=UTC)
# Delivered 02:00 UTC on 1 March = noon on 1 March in Brisbane.
EARLY_UTC_DELIVERY = datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
IN_WINDOW = datetime(2024, 3, 12, 4, 0, tzinfo=UTC)


def _order(*lines, delivered_at=EARLY_UTC_DELIVERY, refunded=None, shipping=995):
    return Order("BB-2040", tuple(lines), shipping, delivered_at, dict(refunded or {}))


def _refund(order, items, at=IN_WINDOW):
    got = refund_amount_cents(order, items, at)
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


@pytest.mark.parametrize("days", [0, 1, 10, 29], ids=["the delivery day", "the next day", "ten days later", "day twenty-nine"])
def test_ordinary_returns_inside_the_window(days):
    """A partial return well inside the window refunds the returned units — the everyday refund must keep working."""
    at = EARLY_UTC_DELIVERY + timedelta(days=days, hours=1)
    got = _refund(_order(TENT, SOCKS, MAT), {"MAT-LITE": 1, "SOCKS-WOOL": 2}, at)
    assert got == 9_450, f"refund was {got}"


@pytest.mark.parametrize("delivered, requested", [
    (LATE_UTC_DELIVERY, datetime(2024, 4, 1, 13, 59, 59, tzinfo=UTC)),
    (EARLY_UTC_DELIVERY, datetime(2024, 3, 31, 13, 0, tzinfo=UTC)),
    (EARLY_UTC_DELIVERY, datetime(2024, 3, 31, 8, 30, tzinfo=NEW_YORK_WINTER)),
    (datetime(2024, 2, 10, 9, 0, tzinfo=SHOP_TZ), datetime(2024, 3, 11, 20, 0, tzinfo=SHOP_TZ)),
], ids=["a delivery after midnight shop time, asked a second before midnight", "asked in UTC on day thirty",
        "asked from another time zone on day thirty", "delivered and asked in shop time across February"])
def test_day_thirty_is_accepted_until_midnight_shop_time(delivered, requested):
    """A request on the 30th calendar day after delivery, counted in Brisbane time, is accepted up to midnight — the published policy says 30 days inclusive, and refusing it is a consumer-law complaint."""
    got = _refund(_order(TENT, SOCKS, delivered_at=delivered), {"SOCKS-WOOL": 1}, requested)
    assert got == 1_500, f"refund was {got}"


@pytest.mark.parametrize("delivered, requested", [
    (LATE_UTC_DELIVERY, datetime(2024, 4, 1, 14, 0, tzinfo=UTC)),
    (EARLY_UTC_DELIVERY, datetime(2024, 3, 31, 15, 0, tzinfo=UTC)),
    (EARLY_UTC_DELIVERY, datetime(2024, 3, 31, 10, 30, tzinfo=NEW_YORK_WINTER)),
    (datetime(2024, 2, 10, 9, 0, tzinfo=SHOP_TZ), datetime(2024, 3, 12, 0, 5, tzinfo=SHOP_TZ)),
    (EARLY_UTC_DELIVERY, datetime(2024, 4, 20, 1, 0, tzinfo=UTC)),
], ids=["a delivery after midnight shop time, asked at midnight", "still day thirty in UTC",
        "still day thirty in the agent's time zone", "just after midnight shop time", "weeks too late"])
def test_day_thirty_one_is_rejected(delivered, requested):
    """A request from day 31 in Brisbane time raises RefundRejected, even when it is still day 30 in UTC or in the agent's own time zone."""
    with pytest.raises(RefundRejected):
        refund_amount_cents(_order(TENT, SOCKS, delivered_at=delivered), {"SOCKS-WOOL": 1}, requested)


def test_partial_refund_of_one_line():
    """Returning some units of a line refunds exactly those units at the price paid, without shipping."""
    got = _refund(_order(TENT, SOCKS), {"SOCKS-WOOL": 2})
    assert got == 3_000, f"refund was {got}"


def test_final_sale_items_are_left_out():
    """Final-sale units in a request are refunded 0 while the rest of the request is refunded — clearance items are sold as final and must never be paid back."""
    got = _refund(_order(TENT, SOCKS, CLEARANCE), {"TENT-2P": 1, "STOVE-OLD": 1, "SOCKS-WOOL": 1})
    assert got == 26_400, f"refund was {got}"


def test_only_final_sale_items_refund_nothing():
    """A request made only of final-sale items refunds 0 rather than raising."""
    got = _refund(_order(TENT, CLEARANCE), {"STOVE-OLD": 1})
    assert got == 0, f"refund was {got}"


def test_whole_order_refunds_shipping():
    """Returning every unit of an order without final-sale items refunds the items and the shipping."""
    got = _refund(_order(TENT, SOCKS, MAT, shipping=1_295), {"TENT-2P": 1, "SOCKS-WOOL": 3, "MAT-LITE": 2})
    assert got == 43_595, f"refund was {got}"


def test_shipping_refunded_when_the_last_units_come_back():
    """When earlier refunds plus this one cover every unit of the order, the shipping is refunded — customers who return in two parcels get the same refund as in one."""
    order = _order(TENT, SOCKS, refunded={"SOCKS-WOOL": 2})
    got = _refund(order, {"TENT-2P": 1, "SOCKS-WOOL": 1})
    assert got == 27_395, f"refund was {got}"


def test_no_shipping_while_units_remain():
    """While some units of the order have not been refunded, the shipping is not refunded."""
    order = _order(TENT, SOCKS, refunded={"SOCKS-WOOL": 1})
    got = _refund(order, {"TENT-2P": 1, "SOCKS-WOOL": 1})
    assert got == 26_400, f"refund was {got}"


def test_order_with_final_sale_never_refunds_shipping():
    """An order containing a final-sale line never gets its shipping back, even when everything else (or everything) is sent back."""
    got = _refund(_order(TENT, SOCKS, CLEARANCE), {"TENT-2P": 1, "SOCKS-WOOL": 3, "STOVE-OLD": 1})
    assert got == 29_400, f"refund was {got}"


@pytest.mark.parametrize("refunded, items", [({"SOCKS-WOOL": 2}, {"SOCKS-WOOL": 2}), ({"TENT-2P": 1}, {"TENT-2P": 1}), ({}, {"MAT-LITE": 3})],
                         ids=["more than the units left after a partial refund", "an item already refunded",
                              "more units than were ordered"])
def test_cannot_refund_more_than_remains(refunded, items):
    """Units already refunded cannot be refunded again, and no more units than were ordered can come back — otherwise one return is paid out twice."""
    with pytest.raises(RefundRejected):
        refund_amount_cents(_order(TENT, SOCKS, MAT, refunded=refunded), items, IN_WINDOW)


def test_remaining_units_can_still_be_refunded():
    """After a partial refund, the units that remain can still be refunded."""
    got = _refund(_order(TENT, SOCKS, refunded={"SOCKS-WOOL": 1}), {"SOCKS-WOOL": 2})
    assert got == 3_000, f"refund was {got}"


@pytest.mark.parametrize("items", [{"SOCKS-WOOL": 0}, {"SOCKS-WOOL": -2}, {"BOOTS-42": 1}],
                         ids=["zero units", "a negative number of units", "an item that is not on the order"])
def test_invalid_requests_are_rejected(items):
    """Requests for zero or negative units, or for an item that is not on the order, raise RefundRejected instead of producing a negative or made-up refund."""
    with pytest.raises(RefundRejected):
        refund_amount_cents(_order(TENT, SOCKS), items, IN_WINDOW)
