"""Live shipping prices for the checkout page."""

from __future__ import annotations

import logging
from decimal import Decimal

from carrier_client import CarrierClient, CarrierError
from shop_config import CARRIER_TIMEOUT_S, FLAT_SHIPPING_RATE

log = logging.getLogger(__name__)

RATES_PATH = "/v2/rates"


def quote_shipping(client: CarrierClient, postcode: str, weight_grams: int) -> Decimal:
    """Return the carrier's price for one parcel, or the flat rate if the carrier is slow or down.

    Only carrier failures fall back (TimeoutError and other OSErrors, CarrierError); they are
    logged with their cause. Any other exception is a bug and propagates.
    """
    params = {"postcode": postcode, "weight_g": str(weight_grams)}
    try:
        data = client.get_json(RATES_PATH, params, timeout=CARRIER_TIMEOUT_S)
    except (CarrierError, OSError) as exc:
        log.warning(
            "carrier rate unavailable for %s (%d g), showing the flat rate: %s",
            postcode, weight_grams, exc, exc_info=exc,
        )
        return FLAT_SHIPPING_RATE
    return Decimal(str(data["price"]))
