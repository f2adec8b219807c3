"""Parcel prices for the checkout page and the label printer."""

from __future__ import annotations

import math
from dataclasses import dataclass

# The carrier bills bulky parcels by size: 5,000 cm³ count as 1 kg ("volumetric weight").
VOLUMETRIC_CM3_PER_KG = 5_000

# Weight bands per zone: (up to and including this many grams, price in cents).
ZONE_BANDS: dict[str, list[tuple[int, int]]] = {
    "domestic": [(2_000, 590), (5_000, 790), (10_000, 1_190), (20_000, 1_890), (31_500, 2_990)],
    "eu": [(2_000, 1_390), (5_000, 1_790), (10_000, 2_490), (20_000, 3_690), (31_500, 4_990)],
    # Canary and Balearic islands: ferry surcharge included (LOG-431).
    "islands": [(2_000, 1_190), (5_000, 1_590), (10_000, 2_290), (20_000, 3_290), (31_500, 4_490)],
}


@dataclass(frozen=True)
class Parcel:
    weight_g: int
    length_cm: int
    width_cm: int
    height_cm: int


class ParcelTooHeavy(ValueError):
    """The carrier does not take parcels whose billable weight is over 31.5 kg."""


class UnknownZone(ValueError):
    """The zone is not one we ship to; the checkout shows 'we don't deliver there yet'."""


def billable_weight_g(parcel: Parcel) -> int:
    """The greater of the actual and the volumetric weight, in grams (volumetric rounded up)."""
    volume_cm3 = parcel.length_cm * parcel.width_cm * parcel.height_cm
    volumetric_g = math.ceil(volume_cm3 * 1_000 / VOLUMETRIC_CM3_PER_KG)
    return max(parcel.weight_g, volumetric_g)


def parcel_price_cents(parcel: Parcel, zone: str) -> int:
    """Price of sending `parcel` to `zone` ("domestic", "eu" or "islands")."""
    try:
        bands = ZONE_BANDS[zone]
    except KeyError:
        raise UnknownZone(f"we do not ship to zone {zone!r}") from None
    weight_g = billable_weight_g(parcel)
    for limit_g, price_cents in bands:
        if weight_g <= limit_g:  # the bands are "up to and including"
            return price_cents
    raise ParcelTooHeavy(f"billable weight {weight_g} g is over the carrier's limit")
