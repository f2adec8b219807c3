"""Hidden tests for LOG-431: the PR's islands zone stays, the billable-weight rules come back."""

import pytest

from parcel_rates import Parcel, ParcelTooHeavy, UnknownZone, parcel_price_cents

FIRST_BAND = {"domestic": 590, "eu": 1_390, "islands": 1_190}
SECOND_BAND = {"domestic": 790, "eu": 1_790, "islands": 1_590}


def _price(parcel, zone):
    got = parcel_price_cents(parcel, zone)
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


def _dense(weight_g):
    """A small, heavy parcel: its volumetric weight is far below its actual weight."""
    return Parcel(weight_g=weight_g, length_cm=20, width_cm=15, height_cm=10)


@pytest.mark.parametrize(
    "zone, weight_g, expected",
    [
        ("domestic", 1_250, 590),
        ("domestic", 7_400, 1_190),
        ("eu", 3_100, 1_790),
        ("eu", 18_000, 3_690),
        ("islands", 600, 1_190),
        ("islands", 9_000, 2_290),
        ("islands", 25_000, 4_490),
    ],
    ids=[
        "a light domestic parcel",
        "a mid-weight domestic parcel",
        "a small EU parcel",
        "a heavy EU parcel",
        "a light islands parcel",
        "a mid-weight islands parcel",
        "a heavy islands parcel",
    ],
)
def test_ordinary_parcels_keep_their_price(zone, weight_g, expected):
    """Small, dense parcels well inside a band cost that band's price in every zone, the new islands zone included — the PR's feature must keep working."""
    got = _price(_dense(weight_g), zone)
    assert got == expected, f"price was {got}"


def test_unknown_zone_is_refused():
    """A zone that is not in the table raises UnknownZone instead of being priced like another zone — the PR's second feature stays."""
    with pytest.raises(UnknownZone):
        parcel_price_cents(_dense(1_000), "mars")


@pytest.mark.parametrize(
    "parcel, zone, expected",
    [
        (Parcel(3_000, 60, 40, 40), "domestic", 1_890),
        (Parcel(1_500, 50, 40, 30), "eu", 3_690),
        (Parcel(400, 120, 12, 12), "islands", 1_590),
        (Parcel(2_500, 40, 30, 25), "domestic", 1_190),
        (Parcel(100, 30, 20, 10), "eu", 1_390),
    ],
    ids=[
        "a large light box of duvets",
        "a bulky parcel to the EU",
        "a long thin tube to the islands",
        "a parcel whose size puts it one band up",
        "a light parcel whose size stays in its band",
    ],
)
def test_bulky_parcels_are_billed_by_volumetric_weight(parcel, zone, expected):
    """A parcel is billed by the greater of its actual and its volumetric weight (cm³ / 5,000 in kg) — pricing a big light box by its scale weight means the carrier charges the difference back to the shop."""
    got = _price(parcel, zone)
    assert got == expected, f"price was {got}"


@pytest.mark.parametrize(
    "parcel, expected",
    [(Parcel(300, 10_001, 1, 1), 790), (Parcel(300, 5_000, 2, 1), 590)],
    ids=["a volume a fraction of a gram over the first band", "a volume exactly at the first band"],
)
def test_volumetric_weight_is_rounded_up_to_the_gram(parcel, expected):
    """Volumetric weight is rounded up to the next whole gram before the band is chosen, as the carrier does — rounding down prices a few parcels one band too low."""
    got = _price(parcel, "domestic")
    assert got == expected, f"price was {got}"


@pytest.mark.parametrize("zone", ["domestic", "eu", "islands"], ids=["domestic", "EU", "islands"])
@pytest.mark.parametrize(
    "weight_g, band",
    [(2_000, FIRST_BAND), (5_000, SECOND_BAND)],
    ids=["exactly at the first band's limit", "exactly at the second band's limit"],
)
def test_band_limits_are_inclusive(zone, weight_g, band):
    """A parcel weighing exactly a band's limit is priced in that band ("up to and including") — customers packing to exactly 2 kg must not pay the next band."""
    got = _price(_dense(weight_g), zone)
    assert got == band[zone], f"price was {got}"


@pytest.mark.parametrize("zone", ["domestic", "islands"], ids=["domestic", "islands"])
def test_parcel_at_the_carrier_limit_is_accepted(zone):
    """A parcel of exactly 31.5 kg is still accepted and priced in the top band — the limit is inclusive too."""
    got = _price(_dense(31_500), zone)
    assert got == {"domestic": 2_990, "islands": 4_490}[zone], f"price was {got}"


@pytest.mark.parametrize(
    "parcel",
    [Parcel(31_501, 40, 40, 40), Parcel(4_000, 120, 60, 25), Parcel(20_000, 80, 60, 40)],
    ids=["actual weight just over the limit", "a huge light box", "a heavy box whose size is over the limit"],
)
def test_parcels_over_the_limit_are_refused(parcel):
    """A parcel whose billable weight (actual or volumetric) is over 31.5 kg raises ParcelTooHeavy — the carrier refuses it at the depot, after the customer has paid."""
    with pytest.raises(ParcelTooHeavy):
        parcel_price_cents(parcel, "eu")
