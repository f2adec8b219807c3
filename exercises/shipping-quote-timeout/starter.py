"""Live shipping prices for the checkout page."""

from __future__ import annotations

from decimal import Decimal

from carrier_client import CarrierClient
from shop_config import FLAT_SHIPPING_RATE


def quote_shipping(client: CarrierClient, postcode: str, weight_grams: int) -> Decimal:
    """Return the carrier's price for one parcel, or the flat rate if the carrier is down."""
    try:
        data = client.get_json("/v2/rates", {"postcode": postcode, "weight_g": str(weight_grams)})
        return Decimal(str(data["price"]))
    except Exception:
        # Never break checkout because of the carrier: fall back to the flat rate.
        return FLAT_SHIPPING_RATE
