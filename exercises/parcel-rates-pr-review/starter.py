"""Parcel prices for the checkout page and the label printer."""

from __future__ import annotations

from dataclasses import dataclass

# Weight bands per zone: (up to this many grams, price in cents).
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


def parcel_price_cents(parcel: Parcel, zone: str) -> int:
    """Price of sending `parcel` to `zone` ("domestic", "eu" or "islands")."""
    try:
        bands = ZONE_BANDS[zone]
    except KeyError:
        raise UnknownZone(f"we do not ship to zone {zone!r}") from None
    weight_g = parcel.weight_g
    for limit_g, price_cents in bands:
        if weight_g < limit_g:
            return price_cents
    raise ParcelTooHeavy(f"weight {weight_g} g is over the carrier's limit")
