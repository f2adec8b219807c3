"""Hidden tests for FIN-904: VAT once per rate, rounded half up, in integer cents."""

from decimal import Decimal

import pytest

from invoice_model import InvoiceLine, InvoiceTotals
from invoice_totals import compute_totals

D = Decimal


def _line(unit_cents, rate, quantity=1, name="item"):
    return InvoiceLine(name, quantity, unit_cents, D(rate))


def _check_types(totals):
    assert isinstance(totals, InvoiceTotals), f"expected InvoiceTotals, got {type(totals).__name__}"
    for name in ("net_cents", "vat_cents", "gross_cents"):
        value = getattr(totals, name)
        assert type(value) is int, f"{name} should be an int, got {type(value).__name__}"
    for rate, cents in totals.vat_by_rate.items():
        assert type(cents) is int, f"VAT for a rate should be an int, got {type(cents).__name__}"
        assert isinstance(rate, Decimal), f"vat_by_rate keys should be the Decimal rates, got {type(rate).__name__}"
    return totals


def _vat(lines):
    return _check_types(compute_totals(lines)).vat_cents


def test_ordinary_invoice_totals():
    """An ordinary invoice with several rates and quantities gets the right net, VAT per rate, VAT and gross — the invoice must still add up."""
    lines = [
        _line(4_500, "20", quantity=2),
        _line(12_000, "20"),
        _line(2_000, "5.5", quantity=3),
        _line(700, "10", quantity=10),
    ]
    totals = _check_types(compute_totals(lines))
    assert totals.net_cents == 34_000, f"net was {totals.net_cents}"
    expected_vat = {D("20"): 4_200, D("5.5"): 330, D("10"): 700}
    assert expected_vat == totals.vat_by_rate, f"VAT by rate was {totals.vat_by_rate}"
    assert totals.vat_cents == 5_230, f"VAT was {totals.vat_cents}"
    assert totals.gross_cents == 39_230, f"gross was {totals.gross_cents}"


def test_empty_invoice():
    """An invoice with no lines has zero totals and no VAT rates."""
    totals = _check_types(compute_totals([]))
    assert (totals.net_cents, totals.vat_cents, totals.gross_cents) == (0, 0, 0), f"got {totals}"
    assert {} == totals.vat_by_rate, f"VAT by rate was {totals.vat_by_rate}"


@pytest.mark.parametrize("net, rate, vat", [(300, "5.5", 17), (25, "10", 3), (500, "2.1", 11), (1_050, "10", 105), (8_300, "5.5", 457), (3_500, "2.1", 74)],
                         ids=["half a cent at the reduced rate", "half a cent at the middle rate", "half a cent at the lowest rate",
                              "a larger half at the middle rate", "a larger half at the reduced rate", "a larger half at the lowest rate"])
def test_half_a_cent_rounds_up(net, rate, vat):
    """VAT of exactly half a cent rounds up, as the accountant requires — round() and Decimal's default round halves to even and the invoice disagrees with the tax return."""
    got = _vat([_line(net, rate)])
    assert got == vat, f"VAT was {got}"


@pytest.mark.parametrize("net, rate, vat", [(9, "5.5", 0), (1_234, "5.5", 68), (4_999, "20", 1_000), (1_111, "2.1", 23), (46, "10", 5)],
                         ids=["less than half a cent", "just under a half", "just over a half at the full rate",
                              "a small fraction at the lowest rate", "just over a half at the middle rate"])
def test_other_amounts_round_to_nearest(net, rate, vat):
    """VAT that is not exactly on a half rounds to the nearest cent, both down and up."""
    got = _vat([_line(net, rate)])
    assert got == vat, f"VAT was {got}"


@pytest.mark.parametrize("unit, rate, quantity_lines, vat", [(1_001, "20", 3, 601), (1_045, "10", 3, 314), (15, "10", 3, 5), (199, "5.5", 4, 44)],
                         ids=["three lines at the full rate", "three lines at the middle rate", "three cheap lines",
                              "four lines at the reduced rate"])
def test_vat_is_rounded_once_per_rate(unit, rate, quantity_lines, vat):
    """VAT is computed on the summed net of all lines with the same rate and rounded once — rounding each line drifts by cents and the tax office checks the per-rate amount."""
    lines = [_line(unit, rate, name=f"line {i}") for i in range(quantity_lines)]
    got = _vat(lines)
    assert got == vat, f"VAT was {got}"


def test_rates_are_kept_apart():
    """Lines with different rates are summed and rounded per rate, and every rate on the invoice (a zero rate too) appears in vat_by_rate."""
    lines = [
        _line(1_001, "20"), _line(333, "5.5"), _line(1_001, "20"), _line(2_500, "0"),
        _line(333, "5.5"), _line(1_001, "20"), _line(250, "2.1", quantity=2),
    ]
    totals = _check_types(compute_totals(lines))
    expected = {D("20"): 601, D("5.5"): 37, D("0"): 0, D("2.1"): 11}
    assert expected == totals.vat_by_rate, f"VAT by rate was {totals.vat_by_rate}"
    assert totals.vat_cents == 649, f"VAT was {totals.vat_cents}"
    assert totals.net_cents == 6_669, f"net was {totals.net_cents}"
    assert totals.gross_cents == 7_318, f"gross was {totals.gross_cents}"


def test_quantity_multiplies_before_rounding():
    """A line's net is quantity times unit price before VAT is computed, so a quantity of many cheap items is taxed on the exact total."""
    got = _vat([_line(15, "10", quantity=7), _line(5, "10", quantity=1)])
    assert got == 11, f"VAT was {got}"


@pytest.mark.parametrize("net, rate, vat", [(9_000, "0.35", 32), (11_000, "0.35", 39), (21_000, "0.35", 74), (3_000, "1.15", 35), (11_000, "1.15", 127)],
                         ids=["a rate that binary floats cannot hold", "a larger amount at that rate", "a still larger amount at that rate",
                              "another rate that binary floats cannot hold", "a larger amount at the other rate"])
def test_half_a_cent_rounds_up_for_any_rate(net, rate, vat):
    """VAT of exactly half a cent rounds up for any rate, including rates such as fractions of a
    percent that binary floating point cannot represent — a float calculation lands a hair below
    the half and drops the cent, however carefully it rounds afterwards."""
    got = _vat([_line(net, rate)])
    assert got == vat, f"VAT was {got}"
