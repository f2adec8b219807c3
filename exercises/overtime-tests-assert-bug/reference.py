"""Checks for weekly_pay_cents (ticket PAY-77), written from the collective agreement.

Each check receives the function under test as `weekly_pay` and fails with an AssertionError.
Expected amounts are worked out by hand from the agreement, never copied from the code's output.
"""

RATE_CENTS = 1_800  # 18.00 an hour: overtime 27.00, Sunday 36.00
HOUR = 60  # minutes
NO_SUNDAY = 0


def _pay(weekly_pay, week, rate=RATE_CENTS):
    got = weekly_pay(week, rate)
    assert type(got) is int, f"pay must be whole cents (int), got {type(got).__name__}"
    return got


def check_standard_week(weekly_pay):
    got = _pay(weekly_pay, [8 * HOUR] * 5 + [0, NO_SUNDAY])
    assert got == 40 * 1_800, got


def check_empty_week(weekly_pay):
    assert _pay(weekly_pay, [0] * 7) == 0


def check_long_days_are_not_overtime_within_40_hours(weekly_pay):
    # Four 10-hour days are 40 hours: overtime is per week, not per day.
    got = _pay(weekly_pay, [10 * HOUR] * 4 + [0, 0, NO_SUNDAY])
    assert got == 40 * 1_800, got


def check_hours_over_40_are_time_and_a_half(weekly_pay):
    got = _pay(weekly_pay, [9 * HOUR] * 5 + [0, NO_SUNDAY])  # 45 hours
    assert got == 40 * 1_800 + 5 * 2_700, got


def check_saturday_counts_toward_the_40_hours(weekly_pay):
    got = _pay(weekly_pay, [8 * HOUR] * 5 + [4 * HOUR, NO_SUNDAY])
    assert got == 40 * 1_800 + 4 * 2_700, got


def check_sunday_is_double_time(weekly_pay):
    got = _pay(weekly_pay, [0] * 6 + [8 * HOUR])
    assert got == 8 * 3_600, got


def check_sunday_does_not_count_toward_the_40_hours(weekly_pay):
    weekdays = [38 * HOUR // 5] * 5  # 38 hours Monday to Friday
    got = _pay(weekly_pay, weekdays + [0, 4 * HOUR])
    assert got == 38 * 1_800 + 4 * 3_600, got


def check_rounds_once_half_up(weekly_pay):
    # 45 minutes at 13.33 is 999.75 cents; 30 minutes at 10.01 is exactly 500.5 cents.
    assert _pay(weekly_pay, [45, 0, 0, 0, 0, 0, 0], rate=1_333) == 1_000
    assert _pay(weekly_pay, [30, 0, 0, 0, 0, 0, 0], rate=1_001) == 501
