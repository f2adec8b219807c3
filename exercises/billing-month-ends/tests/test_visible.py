"""Checks you can run: the product manager's quick checks."""

from datetime import date

from billing_calendar import annual_renewal_date, monthly_charge_date, payroll_cutoff


def test_mid_month_signup():
    """15 January is charged on 15 February."""
    got = monthly_charge_date(date(2024, 1, 15), 1)
    assert got == date(2024, 2, 15), f"got {got}"


def test_cutoff_skips_the_weekend():
    """August 2024 ends on a Saturday: the cut-off is Friday 30 August."""
    got = payroll_cutoff(2024, 8, set())
    assert got == date(2024, 8, 30), f"got {got}"


def test_ordinary_renewal():
    """An annual plan from 15 June 2023 renews on 15 June 2024."""
    got = annual_renewal_date(date(2023, 6, 15), 1)
    assert got == date(2024, 6, 15), f"got {got}"
