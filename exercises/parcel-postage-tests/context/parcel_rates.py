"""Postage for the warehouse's label printer (read-only project file: the code under test).

Rate card 2025 (domestic prices; international parcels cost twice as much):

    weight                     price
    1 g up to and including 1 kg     4.50
    over 1 kg up to and including 5 kg    7.90
    over 5 kg up to and including 20 kg  12.90
    over 20 kg: not a parcel, it goes by freight (ValueError)

A weight of zero or less, and a zone other than "domestic" or "international", are errors
(ValueError): the label printer must stop, not print a label with a made-up price.
"""

from __future__ import annotations

from decimal import Decimal

# (heaviest weight in grams, price): a parcel exactly at the limit belongs to that band
BANDS = (
    (1000, Decimal("4.50")),
    (5000, Decimal("7.90")),
    (20000, Decimal("12.90")),
)
INTERNATIONAL_FACTOR = Decimal(2)
ZONES = ("domestic", "international")


def postage(weight_g: int, zone: str) -> Decimal:
    """The price of a parcel of `weight_g` grams sent to `zone`."""
    if weight_g <= 0:
        raise ValueError(f"weight must be positive, got {weight_g} g")
    if zone not in ZONES:
        raise ValueError(f"unknown zone {zone!r}")
    for limit, price in BANDS:
        if weight_g <= limit:
            return price * INTERNATIONAL_FACTOR if zone == "international" else price
    raise ValueError(f"{weight_g} g is over 20 kg: send it by freight")
