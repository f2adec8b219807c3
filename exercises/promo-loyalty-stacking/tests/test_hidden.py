"""Hidden tests for MKT-218: promo code + loyalty discount stacking, cap, exclusions, rounding."""

import pytest

from checkout_models import CartLine, UnknownPromoCode
from cart_discounts import checkout_total_cents


def _total(lines, code=None, tier="none"):
    got = checkout_total_cents(lines, code, tier)
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


def _basket(*cents, sale=()):
    lines = [CartLine(f"SKU-{i}", c, 1) for i, c in enumerate(cents)]
    lines += [CartLine(f"SALE-{i}", c, 1, on_sale=True) for i, c in enumerate(sale)]
    return lines


def test_no_discount_charges_the_subtotal():
    """With no code and no loyalty tier the customer pays exactly the subtotal, quantities included — the ordinary checkout must keep working."""
    lines = [CartLine("STOVE", 4_599, 2), CartLine("GAS", 799, 3), CartLine("MUG", 1_250, 1, on_sale=True)]
    got = _total(lines)
    assert got == 12_845, f"total was {got}"


@pytest.mark.parametrize("code, expected", [("SPRING10", 18_000), ("WELCOME15", 17_000), ("VIP20", 16_000)],
                         ids=["the smallest code", "the middle code", "the largest code"])
def test_promo_code_alone(code, expected):
    """A valid promo code on its own takes its percentage off the basket."""
    got = _total(_basket(12_000, 8_000), code)
    assert got == expected, f"total was {got}"


@pytest.mark.parametrize("tier, expected", [("silver", 7_600), ("gold", 7_200)], ids=["the lower tier", "the top tier"])
def test_loyalty_alone(tier, expected):
    """A loyalty tier on its own takes its percentage off the basket."""
    got = _total(_basket(5_000, 3_000), None, tier)
    assert got == expected, f"total was {got}"


@pytest.mark.parametrize("code, tier, expected", [("SPRING10", "silver", 8_500), ("SPRING10", "gold", 8_000), ("WELCOME15", "silver", 8_000)],
                         ids=["a small code with the lower tier", "a small code with the top tier", "a middle code with the lower tier"])
def test_percentages_add_up(code, tier, expected):
    """Promo and loyalty percentages are added and taken off once, not compounded — the campaign promised customers the sum of both."""
    got = _total(_basket(6_000, 4_000), code, tier)
    assert got == expected, f"total was {got}"


@pytest.mark.parametrize("code, tier", [("VIP20", "gold"), ("VIP20", "silver"), ("WELCOME15", "gold")],
                         ids=["the largest code with the top tier", "the largest code with the lower tier", "a middle code with the top tier"])
def test_combined_discount_is_capped(code, tier):
    """Promo plus loyalty never takes more than 20% off the eligible subtotal — Finance capped the combined discount to protect the margin."""
    got = _total(_basket(7_000, 5_000), code, tier)
    assert got == 9_600, f"total was {got}"


def test_sale_items_are_excluded():
    """Items on sale are charged in full; discounts apply only to the other lines — stacking campaign discounts on clearance prices sells below cost."""
    got = _total(_basket(6_000, sale=(2_500, 1_500)), "SPRING10", "silver")
    assert got == 9_100, f"total was {got}"


def test_all_sale_basket_gets_no_discount():
    """A basket made only of sale items pays full (sale) price even with a code and a tier."""
    got = _total(_basket(sale=(3_333, 1_111)), "VIP20", "gold")
    assert got == 4_444, f"total was {got}"


@pytest.mark.parametrize("cents, code, tier, expected", [(999, "SPRING10", "none", 900), (1_999, "WELCOME15", "none", 1_700), (3_333, "SPRING10", "silver", 2_834), (101, None, "gold", 91)],
                         ids=["a price just under ten euros", "a price just under twenty euros", "a code and a tier on an odd price", "a tier alone on a small price"])
def test_discount_rounds_down_to_the_cent(cents, code, tier, expected):
    """The discount is rounded down to a whole cent, so the total is never a fraction of a cent too low — rounding the other way gives money away on every order."""
    got = _total(_basket(cents), code, tier)
    assert got == expected, f"total was {got}"


@pytest.mark.parametrize("code", ["  spring10 ", "Spring10", "welcome15\n"],
                         ids=["lower case with spaces around", "mixed case", "a trailing newline"])
def test_codes_are_normalised(code):
    """Codes typed with different case or surrounding spaces still work — customers copy them from e-mails."""
    got = _total(_basket(10_000), code)
    assert got in (9_000, 8_500), f"total was {got}"
    assert got < 10_000, "the code was not applied"


@pytest.mark.parametrize("code", [None, "", "   "], ids=["no code at all", "an empty code", "a code of only spaces"])
def test_no_code_means_no_promo(code):
    """An absent or blank code means no promo, not an error."""
    got = _total(_basket(4_000), code, "silver")
    assert got == 3_800, f"total was {got}"


@pytest.mark.parametrize("code", ["SPRING11", "VIP 20", "FREESTUFF"],
                         ids=["a code one digit off", "a valid code with a space inside", "a code that never existed"])
def test_unknown_code_is_rejected(code):
    """An unknown or mistyped code raises UnknownPromoCode — silently charging full price makes customers believe they got a discount they did not."""
    with pytest.raises(UnknownPromoCode):
        checkout_total_cents(_basket(5_000), code, "gold")


def test_uses_the_current_campaign_tables(monkeypatch):
    """Promo codes and loyalty percentages come from the tables in checkout_models, not from a
    copy in the checkout code — Marketing adds codes and changes tiers without touching it."""
    import checkout_models

    monkeypatch.setitem(checkout_models.PROMO_CODES, "AUTUMN12", 12)
    monkeypatch.setitem(checkout_models.LOYALTY_PERCENT, "silver", 3)
    got = _total(_basket(10_000, sale=(2_000,)), " autumn12 ", "silver")
    assert got == 10_500, f"total was {got}"
    monkeypatch.delitem(checkout_models.PROMO_CODES, "SPRING10")
    with pytest.raises(UnknownPromoCode):
        checkout_total_cents(_basket(5_000), "SPRING10", "none")


@pytest.mark.parametrize("cap, code, tier, expected", [(25, "VIP20", "gold", 7_500), (12, "SPRING10", "silver", 8_800)],
                         ids=["Finance raises the cap", "Finance lowers the cap"])
def test_uses_the_current_cap(monkeypatch, cap, code, tier, expected):
    """The combined cap comes from MAX_COMBINED_PERCENT in checkout_models, not from a copied
    number — Finance changes it for each campaign, and a stale copy either gives away margin or
    short-changes customers."""
    import cart_discounts
    import checkout_models

    monkeypatch.setattr(checkout_models, "MAX_COMBINED_PERCENT", cap)
    # A `from checkout_models import MAX_COMBINED_PERCENT` binds the name in the submission too.
    monkeypatch.setattr(cart_discounts, "MAX_COMBINED_PERCENT", cap, raising=False)
    got = _total(_basket(10_000), code, tier)
    assert got == expected, f"total was {got}"
