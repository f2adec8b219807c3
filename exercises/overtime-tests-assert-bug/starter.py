"""Checks for weekly_pay_cents (ticket PAY-77), written together with the implementation.

Each check receives the function under test as `weekly_pay` and fails with an AssertionError.
"""

RATE_CENTS = 1_800  # 18.00 an hour, the warehouse's standard rate
FULL_DAY = 8 * 60  # minutes


def check_standard_week(weekly_pay):
    assert weekly_pay([FULL_DAY] * 5 + [0, 0], RATE_CENTS) == 40 * 1_800


def check_long_day_earns_overtime(weekly_pay):
    week = [10 * 60, FULL_DAY, FULL_DAY, FULL_DAY, 0, 0, 0]  # 2 hours over on Monday
    assert weekly_pay(week, RATE_CENTS) == 32 * 1_800 + 2 * 2_700


def check_weekend_shift(weekly_pay):
    week = [0, 0, 0, 0, 0, FULL_DAY, FULL_DAY]  # Saturday and Sunday
    assert weekly_pay(week, RATE_CENTS) == 16 * 1_800


def check_empty_week(weekly_pay):
    assert weekly_pay([0] * 7, RATE_CENTS) == 0


def check_pay_is_whole_cents(weekly_pay):
    assert isinstance(weekly_pay([7 * 60 + 30] * 5 + [0, 0], 1_333), int)
