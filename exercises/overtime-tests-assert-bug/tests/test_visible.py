"""Run your checks against a payroll that follows the collective agreement: every check must pass."""

import inspect

import checks_for_overtime


def correct_weekly_pay_cents(minutes_by_day, hourly_rate_cents):
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    regular = min(weekday, 40 * 60)
    overtime = weekday - regular
    percent_minutes = regular * 100 + overtime * 150 + sunday * 200
    return (hourly_rate_cents * percent_minutes + 3_000) // 6_000


def test_checks_pass_on_the_correct_payroll():
    """Every check_ function passes when given the fixed payroll."""
    failed = []
    for name, check in vars(checks_for_overtime).items():
        if name.startswith("check_") and inspect.isfunction(check):
            try:
                check(correct_weekly_pay_cents)
            except AssertionError as exc:
                failed.append(f"{name} ({exc})")
    assert not failed, "failing: " + ", ".join(failed)
